// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { RequestOf } from '../../src-main/contract/channels.ts';
import type { RoomLeftItem, SessionValidation, SessionView, TemplateView } from '../../src-main/contract/views.ts';
import { RoomLeftPanel } from '../../src-renderer/components/rules/RoomLeftPanel.tsx';
import { ActiveSession } from '../../src-renderer/screens/ActiveSession.tsx';
import { SessionSetup } from '../../src-renderer/screens/SessionSetup.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, rulesView, sessionView } from './support/fake-api.ts';

const NO_RULES = { trailingDrawdown: null, profitTarget: null, tradeCap: null, losingStreak: null, largestLoss: null, coolOffMinutes: 0 };
const template: TemplateView = {
  id: 4,
  name: 'NY open scalp',
  config: {
    durationMinutes: 60,
    lossLimit: { kind: 'amount', amount: '400.00' },
    rules: { ...NO_RULES, trailingDrawdown: { amount: '150.00' }, tradeCap: { trades: 6 }, coolOffMinutes: 20 },
  },
  updatedAt: '2026-03-01T10:00:00.000Z',
};

/** The main process's answer: a cap of 0 trades is refused at its field, as the core does. */
function validation(request: RequestOf<'validateSession'>): SessionValidation {
  const errors = request.rules?.tradeCap?.trades === 0 ? [{ field: 'rules.tradeCap.trades', code: 'out_of_range', message: 'Allow 1 to 1000 trades.' }] : [];
  const amount = request.lossLimit.kind === 'amount' ? request.lossLimit.amount : '2500.00';
  return { valid: errors.length === 0, errors, warnings: [], computed: { lossLimitAmount: amount, lossLimitPercentage: '10.00', balance: '25000.00' } };
}

let api: ReturnType<typeof fakeApi>;
beforeEach(() => {
  resetStore();
  api = fakeApi({
    validateSession: validation,
    createSession: () => sessionView(),
    listTemplates: () => [template],
    saveTemplate: (request) => [template, { ...template, id: 5, name: request.name, config: request.config as TemplateView['config'] }],
    getActiveSession: () => null,
    getEarlyEnd: () => null,
    canCreateSession: () => ({ allowed: true, reasons: [] }),
    getBootstrap: () => ({
      profile,
      profiles: [profile],
      capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
      now: new Date().toISOString(),
      systemTimeZone: 'UTC',
    }),
    listSessionTrades: () => [],
    requestEarlyEnd: (request) => ({
      id: 9,
      sessionId: request.sessionId,
      kind: request.kind,
      requestedAt: '2026-03-02T14:10:00.000Z',
      confirmableAt: '2099-03-02T14:40:00.000Z',
      expiresAt: '2099-03-02T14:50:00.000Z',
      outcome: null,
      resolvedAt: null,
    }),
  });
  window.api = api;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const lastValidation = () => api.calls.filter((c) => c.channel === 'validateSession').at(-1)?.request as RequestOf<'validateSession'> | undefined;

describe('setup rules editor', () => {
  test('rules ticked and filled in go to the main process; a refused one shows at its field and keeps Create off; create sends them', async () => {
    const user = userEvent.setup();
    render(<SessionSetup profile={profile} />);
    await user.click(within(screen.getByTestId('rule-trailing')).getByRole('checkbox'));
    await user.type(screen.getByTestId('rule-trailing-amount'), '250');
    await user.click(within(screen.getByTestId('rule-cap')).getByRole('checkbox'));
    await user.type(screen.getByTestId('rule-cap-trades'), '0');
    await screen.findByText('Allow 1 to 1000 trades.');
    expect(screen.getByTestId('rule-cap-trades').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByRole('button', { name: 'Create and start' }) as HTMLButtonElement).disabled).toBe(true);
    await user.clear(screen.getByTestId('rule-cap-trades'));
    await user.type(screen.getByTestId('rule-cap-trades'), '5');
    await user.click(within(screen.getByTestId('rule-streak')).getByRole('checkbox'));
    await waitFor(() =>
      expect(lastValidation()?.rules).toEqual({
        ...NO_RULES,
        trailingDrawdown: { amount: '250' },
        tradeCap: { trades: 5 },
        losingStreak: { losses: 3, cooldownMinutes: 30, stop: false },
      }),
    );
    await waitFor(() => expect((screen.getByRole('button', { name: 'Create and start' }) as HTMLButtonElement).disabled).toBe(false));
    await user.click(screen.getByRole('button', { name: 'Create and start' }));
    await waitFor(() =>
      expect((api.calls.find((c) => c.channel === 'createSession')!.request as RequestOf<'createSession'>).rules).toMatchObject({
        trailingDrawdown: { amount: '250' },
        tradeCap: { trades: 5 },
      }),
    );
  });

  test('a template fills the whole setup in one click, and the setup on screen is saved by name', async () => {
    const user = userEvent.setup();
    render(<SessionSetup profile={profile} />);
    await user.click(await screen.findByTestId('template-NY open scalp'));
    expect((screen.getByRole('radio', { name: /1h/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('custom-amount') as HTMLInputElement).value).toBe('400.00');
    expect((screen.getByTestId('rule-trailing-amount') as HTMLInputElement).value).toBe('150.00');
    expect((screen.getByTestId('rule-cap-trades') as HTMLInputElement).value).toBe('6');
    expect((screen.getByTestId('rule-cool-off') as HTMLInputElement).value).toBe('20');
    await waitFor(() =>
      expect(lastValidation()).toMatchObject({
        durationMinutes: 60,
        lossLimit: { kind: 'amount', amount: '400.00' },
        rules: { trailingDrawdown: { amount: '150.00' }, tradeCap: { trades: 6 }, coolOffMinutes: 20 },
      }),
    );
    await user.type(screen.getByLabelText('Template name'), 'FTMO challenge');
    await user.click(screen.getByRole('button', { name: 'Save as template' }));
    await screen.findByTestId('template-FTMO challenge');
    expect((api.calls.find((c) => c.channel === 'saveTemplate')!.request as RequestOf<'saveTemplate'>).config.rules).toMatchObject({
      trailingDrawdown: { amount: '150.00' },
    });
  });
});

const cooldownUntil = () => new Date(Date.now() + 12 * 60_000).toISOString();
const rooms = (): RoomLeftItem[] => [
  { rule: 'cooldown', measure: 'cooldown_left', unit: 'time', left: '12', usedPercentage: '60.00', floor: null, until: cooldownUntil() },
  { rule: 'trailing_drawdown', measure: 'above_floor', unit: 'money', left: '30.00', floor: '-120.00', usedPercentage: '80.00', until: null },
  { rule: 'trade_cap', measure: 'trades_left', unit: 'count', left: '1', usedPercentage: '83.33', floor: null, until: null },
  { rule: 'loss_limit', measure: 'loss_left', unit: 'money', left: '2000.00', floor: '-2500.00', usedPercentage: '20.00', until: null },
];
/** The session as an event's payload carries it, with the room its rules left after the last trade. */
const running = (overrides: Partial<SessionView> = {}): SessionView =>
  sessionView({
    rules: rulesView({ trailingDrawdown: { amount: '150.00' }, tradeCap: { trades: 6 }, losingStreak: { losses: 2, cooldownMinutes: 30, stop: false } }),
    roomLeft: rooms(),
    cooldownUntil: cooldownUntil(),
    plannedEndTime: new Date(Date.now() + 3_600_000).toISOString(),
    ...overrides,
  });

describe('live room-left panel', () => {
  test('shows each rule in force in the order the main process ranked it, with its words and figures, the cooldown counting down first', () => {
    render(<RoomLeftPanel items={rooms()} currency="USD" clockOffsetMs={0} />);
    const rows = within(screen.getByTestId('room-left')).getAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('data-rule'))).toEqual(['cooldown', 'trailing_drawdown', 'trade_cap', 'loss_limit']);
    expect(rows[0]!.textContent).toContain('Cooling down: 12 min left');
    expect(within(rows[0]!).getByTestId('countdown').textContent).toMatch(/^00:1[12]:\d\d$/);
    expect(rows[1]!.textContent).toContain('Floor -$120.00: $30.00 above it');
    expect(rows[1]!.getAttribute('data-level')).toBe('orange');
    expect(rows[2]!.textContent).toContain('1 trade left');
    expect(rows[3]!.textContent).toContain('20.00 % of the loss limit used, $2,000.00 left');
  });

  test('the active screen says it is cooling down, puts the most urgent room in the tab title, and updates with the next figures', () => {
    const { rerender } = render(<ActiveSession session={running()} profile={profile} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Cooling down');
    expect(document.title).toBe('Cooling down: 12 min left · Sessionguard');
    const next = running({
      cooldownUntil: null,
      roomLeft: rooms()
        .slice(1)
        .map((r) => (r.rule === 'trailing_drawdown' ? { ...r, left: '10.00', usedPercentage: '93.33' } : r)),
      updatedAt: '2026-03-02T14:30:00.000Z',
    });
    rerender(<ActiveSession session={next} profile={profile} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Session running');
    expect(document.title).toBe('Floor -$120.00: $10.00 above it · Sessionguard');
  });

  test('with a cool-off chosen at setup, ending early is asked for and waited out, never done at once', async () => {
    const user = userEvent.setup();
    render(<ActiveSession session={running({ rules: rulesView({ coolOffMinutes: 30 }), roomLeft: [], cooldownUntil: null })} profile={profile} />);
    expect(screen.queryByRole('button', { name: 'Stop session' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Ask to end the session early' }));
    await waitFor(() => expect(api.calls.find((c) => c.channel === 'requestEarlyEnd')?.request).toEqual({ sessionId: 7, kind: 'stop' }));
    const confirm = await screen.findByRole('button', { name: 'End the session now' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Cool-off left')).toBeTruthy();
  });
});
