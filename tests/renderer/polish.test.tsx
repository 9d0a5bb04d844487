// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Countdown } from '../../src-renderer/components/Countdown.tsx';
import { SessionDetail } from '../../src-renderer/screens/SessionDetail.tsx';
import { SessionSetup } from '../../src-renderer/screens/SessionSetup.tsx';
import { PointValueSettings } from '../../src-renderer/screens/settings/PointValueSettings.tsx';
import { fakeApi, FailWith, profile, sessionView } from './support/fake-api.ts';

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const stats = {
  trades: 0,
  wins: 0,
  losses: 0,
  breakeven: 0,
  winRate: null,
  grossProfit: '0.00',
  grossLoss: '0.00',
  netPnl: '0.00',
  fees: '0.00',
  profitFactor: null,
  averageWin: null,
  averageLoss: null,
  largestWin: null,
  largestLoss: null,
  maxDrawdown: '0.00',
  expectancy: null,
};

describe('polish (issue 16)', () => {
  test('the timeline says what each event was in words: no "P&L , limit" for a creation, signed P&L for a stop', async () => {
    window.api = fakeApi({
      getSessionDetail: () => ({
        session: sessionView({ status: 'stopped', terminationReason: 'manual' }),
        stats,
        equityCurve: [],
        afterWarnings: [],
        trades: [],
        events: [
          {
            id: 1,
            sessionId: 7,
            type: 'created',
            at: '2026-03-02T14:00:00.000Z',
            payload: { durationMinutes: 60, lossLimitAmount: '500.00', lossLimitPercentage: '10.00', balance: '5000.00' },
          },
          {
            id: 2,
            sessionId: 7,
            type: 'stopped',
            at: '2026-03-02T14:20:00.000Z',
            payload: { reason: 'manual', endTime: '2026-03-02T14:20:00.000Z', realizedPnl: '25.25' },
          },
          {
            id: 3,
            sessionId: 7,
            type: 'limit_breached',
            at: '2026-03-02T14:20:00.000Z',
            payload: { realizedPnl: '-510.00', lowest: '-510.00', lossLimitAmount: '500.00' },
          },
        ],
      }),
    });
    render(<SessionDetail sessionId={7} profile={{ ...profile, timeZone: 'UTC' }} />);
    const rows = [...(await screen.findByTestId('timeline')).querySelectorAll('li')].map((li) => li.lastElementChild!.textContent);
    expect(rows).toEqual(['1 hour · loss limit $500.00 (10.00 %) · balance $5,000.00', 'by you · P&L +$25.25', 'P&L -$510.00 against a limit of $500.00']);
  });

  test('a 7-day countdown is marked to fit on one line', () => {
    render(<Countdown deadline={new Date(Date.now() + 7 * 86_400_000).toISOString()} clockOffsetMs={0} />);
    expect(screen.getByTestId('countdown').className).toContain('countdown-days');
  });

  test('a value the contract refuses is said in plain words at its field, never "Invalid request: value: …"', async () => {
    window.api = fakeApi({
      getPointValues: () => ({ builtIn: { MNQ: '2' }, overrides: {} }),
      setPointValue: () => {
        throw new FailWith({
          code: 'bad_request',
          message: 'Invalid request: value: a number like 1.5',
          field: 'value',
          fieldErrors: [{ field: 'value', code: 'invalid_format', message: 'a number like 1.5' }],
        });
      },
    });
    const user = userEvent.setup();
    render(<PointValueSettings />);
    await user.type(await screen.findByLabelText('Root symbol'), 'ZZ');
    await user.type(screen.getByLabelText('Point value'), 'abc');
    await user.click(screen.getByRole('button', { name: 'Set' }));
    expect(await screen.findByText('Enter a number like 1.5.')).toBeTruthy();
    expect(screen.queryByText(/Invalid request/)).toBeNull();
  });

  test('letters typed as the loss limit are said to be no amount, not "0.00", and creation stays off', async () => {
    const api = fakeApi({
      validateSession: () => ({
        valid: true,
        errors: [],
        warnings: [],
        computed: { lossLimitAmount: '2500.00', lossLimitPercentage: '10.00', balance: '25000.00' },
      }),
    });
    window.api = api;
    const user = userEvent.setup();
    render(<SessionSetup profile={profile} />);
    await user.click(screen.getByRole('radio', { name: /Amount/ }));
    await user.type(screen.getByTestId('custom-amount'), 'abc');
    expect(screen.getByText('Enter the loss limit as an amount like 250.00 (digits and a dot).')).toBeTruthy();
    expect(screen.queryByText(/this one is 0\.00/)).toBeNull();
    expect((screen.getByRole('button', { name: 'Create and start' }) as HTMLButtonElement).disabled).toBe(true);
    expect(
      api.calls.filter((c) => c.channel === 'validateSession').every((c) => (c.request as { lossLimit: { kind: string } }).lossLimit.kind === 'percentage'),
    ).toBe(true);
  });

  test('radio groups move with the arrow keys, as native radios do', async () => {
    window.api = fakeApi({
      validateSession: () => ({
        valid: true,
        errors: [],
        warnings: [],
        computed: { lossLimitAmount: '2500.00', lossLimitPercentage: '10.00', balance: '25000.00' },
      }),
    });
    const user = userEvent.setup();
    render(<SessionSetup profile={profile} />);
    const checked = (name: RegExp) => (screen.getByRole('radio', { name }) as HTMLInputElement).checked;
    // The group is one tab stop, the chosen duration: tabbing in skips 1h and lands on 4h.
    for (let i = 0; i < 30 && document.activeElement?.getAttribute('type') !== 'radio'; i++) await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /4h/ }));
    await user.keyboard('{ArrowRight}');
    expect(checked(/1d/)).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /1d/ }));
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(checked(/1h/)).toBe(true);
    await user.keyboard('{End}');
    expect(checked(/7d/)).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /7d/ }));
    await user.keyboard('{Home}');
    expect(checked(/1h/)).toBe(true);
  });
});
