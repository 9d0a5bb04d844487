// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { TradeView } from '../../src-main/contract/views.ts';
import { App } from '../../src-renderer/App.tsx';
import { Trades } from '../../src-renderer/screens/Trades.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

beforeEach(() => resetStore());
afterEach(cleanup);

const trade = (id: number, sessionId: number | null, source: TradeView['source'], pnl: string): TradeView => ({
  id,
  sessionId,
  source,
  externalId: null,
  account: null,
  symbol: 'MNQ',
  side: 'long',
  quantity: '1',
  entryPrice: null,
  exitPrice: null,
  pointValue: null,
  fees: '0.00',
  realizedPnl: pnl,
  openedAt: null,
  closedAt: `2026-03-0${id}T15:00:00.000Z`,
  note: null,
  voidedAt: null,
  voidReason: null,
  batchId: null,
  inCooldown: false,
});
const TRADES = [trade(3, null, 'feed', '-42.50'), trade(2, 7, 'manual', '10.00'), trade(1, null, 'import', '5.00')];

describe('the Trades view (issue 16 item 5)', () => {
  test('every trade is listed with its session or "no session", the ones outside any session are a group, and filters go to the main process', async () => {
    const api = fakeApi({
      listTrades: (r) => {
        const items = TRADES.filter((t) => (r.session === 'none' ? t.sessionId === null : true) && (!r.sources || r.sources.includes(t.source)));
        return { items, total: items.length, page: 1, pageSize: 50, outsideSessions: 2 };
      },
    });
    window.api = api;
    const user = userEvent.setup();
    render(<Trades profile={profile} />);
    const table = await screen.findByTestId('trade-table');
    expect(table.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(table.textContent).toContain('no session');
    expect(table.textContent).toContain('Session 7');
    expect(table.textContent).toMatch(/Mar 3, 2026/);
    expect(screen.getByTestId('outside-sessions').textContent).toContain('2 trades are outside any session');
    await user.click(screen.getByRole('button', { name: 'Show them' }));
    await waitFor(() => expect(screen.getByTestId('trade-table').querySelectorAll('tbody tr')).toHaveLength(2));
    expect(api.calls.filter((c) => c.channel === 'listTrades').at(-1)!.request).toMatchObject({ session: 'none', page: 1 });
    await user.selectOptions(screen.getByTestId('trades-source'), 'feed');
    await waitFor(() => expect(api.calls.filter((c) => c.channel === 'listTrades').at(-1)!.request).toMatchObject({ sources: ['feed'], session: 'none' }));
  });

  test('a trade recorded during a lockout raises an alert and is listed on the lockout screen', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const stopped = sessionView({
      status: 'stopped',
      terminationReason: 'loss_limit',
      endTime: new Date(Date.now() - 60_000).toISOString(),
      lockoutUntil: until,
      realizedPnl: '-2550.00',
    });
    const api = fakeApi({
      getBootstrap: () => ({
        profile,
        profiles: [profile],
        capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
        now: new Date().toISOString(),
        systemTimeZone: 'UTC',
      }),
      getActiveSession: () => null,
      canCreateSession: () => ({ allowed: false, reasons: [{ code: 'lockout_active', message: 'Locked.', until, sessionId: 7 }] }),
      getSessionDetail: () => ({ session: stopped, stats: {} as never, equityCurve: [], trades: [], events: [], afterWarnings: [] }),
      listTrades: () => ({ items: [], total: 0, page: 1, pageSize: 200, outsideSessions: 0 }),
    });
    window.api = api;
    render(<App />);
    await screen.findByText('Trading may resume in');
    expect(screen.queryByTestId('lockout-trades')).toBeNull();
    act(() =>
      api.emit({
        type: 'lockout_trade',
        trades: [trade(3, null, 'feed', '-42.50')],
        until,
        sessionId: 7,
        message: 'A trade was recorded while you are locked out (-$42.50). The loss limit stopped your last session: stop trading until the lockout ends.',
      }),
    );
    expect(screen.getByTestId('banner-lockout_trade').textContent).toContain('A trade was recorded while you are locked out');
    expect(screen.getByTestId('lockout-trades').textContent).toContain('-$42.50');
  });
});
