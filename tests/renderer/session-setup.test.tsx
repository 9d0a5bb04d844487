// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { RequestOf } from '../../src-main/contract/channels.ts';
import { SessionSetup } from '../../src-renderer/screens/SessionSetup.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

function validation(request: RequestOf<'validateSession'>) {
  if (request.lossLimit.kind === 'amount') {
    const amount = request.lossLimit.amount;
    if (amount === '25000.01')
      return {
        valid: false,
        errors: [{ field: 'lossLimit.amount', code: 'limit_exceeds_balance', message: 'The loss limit can’t be more than the balance (25000.00).' }],
        warnings: [{ field: 'lossLimit', code: 'high_risk', message: 'This limit risks 100.0001 % of the balance, more than 20 %. Confirm that you mean it.' }],
        computed: { lossLimitAmount: amount, lossLimitPercentage: '100.00', balance: '25000.00' },
      };
    if (Number(amount) < 9)
      return {
        valid: false,
        errors: [{ field: 'lossLimit.amount', code: 'limit_too_small', message: 'The loss limit must be at least 9.00.' }],
        warnings: [],
        computed: { lossLimitAmount: amount, lossLimitPercentage: '0.02', balance: '25000.00' },
      };
    return { valid: true, errors: [], warnings: [], computed: { lossLimitAmount: amount, lossLimitPercentage: '4.00', balance: '25000.00' } };
  }
  const pct = request.lossLimit.percentage;
  const amount = { '10': '2500.00', '20': '5000.00', '30': '7500.00' }[pct] ?? null;
  return {
    valid: true,
    errors: [],
    warnings:
      pct === '30'
        ? [{ field: 'lossLimit', code: 'high_risk', message: 'This limit risks 30.00 % of the balance, more than 20 %. Confirm that you mean it.' }]
        : [],
    computed: { lossLimitAmount: amount, lossLimitPercentage: `${pct}.00`, balance: '25000.00' },
  };
}

let api: ReturnType<typeof fakeApi>;
beforeEach(() => {
  resetStore();
  api = fakeApi({
    validateSession: validation,
    createSession: (request) => sessionView({ status: request.start ? 'active' : 'pending' }),
    getActiveSession: () => null,
    canCreateSession: () => ({ allowed: true, reasons: [] }),
    getBootstrap: () => ({
      profile,
      profiles: [profile],
      capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
      now: new Date().toISOString(),
      systemTimeZone: 'UTC',
    }),
  });
  window.api = api;
});
afterEach(cleanup);

describe('session setup', () => {
  test('each preset shows the amount the main process computed', async () => {
    render(<SessionSetup profile={profile} />);
    await waitFor(() => expect(screen.getByTestId('preset-20').textContent).toContain('$5,000.00'));
    expect(screen.getByTestId('preset-10').textContent).toContain('$2,500.00');
    expect(screen.getByTestId('setup-summary').textContent).toContain('$2,500.00');
  });

  test('a custom amount shows its percentage, and an error at its own field', async () => {
    const user = userEvent.setup();
    render(<SessionSetup profile={profile} />);
    await user.click(screen.getByRole('radio', { name: /Amount/ }));
    await user.type(screen.getByTestId('custom-amount'), '8');
    await waitFor(() => expect(screen.getByText('The loss limit must be at least 9.00.')).toBeTruthy());
    expect(screen.getByTestId('custom-amount').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Create and start' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByTestId('custom-amount'), '00');
    await waitFor(() => expect(screen.getByText('4.00 % of the balance')).toBeTruthy());
    expect((screen.getByRole('button', { name: 'Create and start' }) as HTMLButtonElement).disabled).toBe(false);
  });

  test('a limit above 20 % needs an explicit confirmation before Create is enabled', async () => {
    const user = userEvent.setup();
    render(<SessionSetup profile={profile} />);
    await user.click(screen.getByTestId('preset-30'));
    const warning = await screen.findByTestId('risk-warning');
    const create = screen.getByRole('button', { name: 'Create and start' }) as HTMLButtonElement;
    expect(create.disabled).toBe(true);
    await user.click(warning.querySelector('input')!);
    expect(create.disabled).toBe(false);
    await user.click(create);
    await waitFor(() =>
      expect(api.calls.find((c) => c.channel === 'createSession')?.request).toEqual({
        durationMinutes: 240,
        lossLimit: { kind: 'percentage', percentage: '30' },
        rules: { trailingDrawdown: null, profitTarget: null, tradeCap: null, losingStreak: null, largestLoss: null, coolOffMinutes: 0 },
        acknowledgeRisk: true,
        start: true,
      }),
    );
  });

  test('a limit that is refused shows the refusal only, not a box to confirm the risk (issue 16 item 7)', async () => {
    const user = userEvent.setup();
    render(<SessionSetup profile={profile} />);
    await user.click(screen.getByRole('radio', { name: /Amount/ }));
    await user.type(screen.getByTestId('custom-amount'), '25000.01');
    await screen.findByText('The loss limit can’t be more than the balance (25000.00).');
    expect(screen.queryByTestId('risk-warning')).toBeNull();
  });

  test.each([
    [null, 'If the loss limit stops this session, new sessions stay locked until its planned end.'],
    [60, 'If the loss limit stops this session, new sessions stay locked for 1 hour after the stop.'],
    [0, 'If the loss limit stops this session, you may start another one at once (no lockout).'],
  ])('the lockout rule (%s) is stated on the setup screen (issue 16, controls)', (lockoutMinutes, text) => {
    render(<SessionSetup profile={{ ...profile, lockoutMinutes }} />);
    expect(screen.getByTestId('lockout-rule').textContent).toBe(`${text} Change it in Settings`);
  });
});
