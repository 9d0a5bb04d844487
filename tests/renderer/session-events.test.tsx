// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { TradeView } from '../../src-main/contract/views.ts';
import { App } from '../../src-renderer/App.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

beforeEach(() => resetStore());
afterEach(cleanup);

const trade = (id: number, pnl: string, closedAt: string): TradeView => ({
  id,
  sessionId: 7,
  source: 'feed',
  externalId: `t${id}`,
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
  closedAt,
  note: null,
  voidedAt: null,
  voidReason: null,
  batchId: null,
  inCooldown: false,
});

function appApi() {
  return fakeApi({
    getBootstrap: () => ({
      profile,
      profiles: [profile],
      capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
      now: new Date().toISOString(),
      systemTimeZone: 'UTC',
    }),
    getActiveSession: () => ({
      session: sessionView({ plannedEndTime: new Date(Date.now() + 3_600_000).toISOString() }),
      now: new Date().toISOString(),
      elapsedMs: 0,
      remainingMs: 3_600_000,
      timeProgress: 0,
      lossLimitUsedPercentage: '0.00',
      lossLimitRemaining: '2500.00',
      winRate: null,
      warningsRaised: [],
      roomLeft: [],
      cooldownUntil: null,
      earlyEnd: null,
    }),
    canCreateSession: () => ({ allowed: false, reasons: [] }),
    listSessionTrades: () => [],
    previewTrade: () => ({
      realizedPnl: '-100.00',
      fees: '0.00',
      grossPnl: '-100.00',
      sessionPnlAfter: '-1400.00',
      lossLimitUsedAfter: '56.00',
      wouldBreach: false,
      pointValue: null,
    }),
    recordTrade: () => ({
      trade: trade(3, '-100.00', '2026-03-02T14:20:00.000Z'),
      session: sessionView({
        realizedPnl: '-1400.00',
        totalTrades: 1,
        losingTrades: 1,
        lossLimitUsedPercentage: '56.00',
        lossLimitRemaining: '1100.00',
        updatedAt: '2026-03-02T14:20:00.000Z',
      }),
      warnings: [],
      breached: false,
    }),
    getPnlSummary: () => ({ today: { pnl: '0.00', trades: 0 }, week: { pnl: '0.00', trades: 0 }, month: { pnl: '0.00', trades: 0 }, timeZone: 'UTC' }),
    validateSession: () => ({
      valid: true,
      errors: [],
      warnings: [],
      computed: { lossLimitAmount: '2500.00', lossLimitPercentage: '10.00', balance: '25000.00' },
    }),
  });
}

describe('the page applies event payloads directly (issue 11, the house)', () => {
  test('a recorded trade and a warning update the screen from their payloads, with no request to the main process', async () => {
    const api = appApi();
    window.api = api;
    render(<App />);
    await screen.findByRole('heading', { name: 'Session running' });
    api.calls.length = 0;
    const after = sessionView({
      realizedPnl: '-1300.00',
      totalTrades: 1,
      losingTrades: 1,
      lossLimitUsedPercentage: '52.00',
      lossLimitRemaining: '1200.00',
      winRate: '0.00',
      updatedAt: '2026-03-02T14:10:00.000Z',
    });
    act(() => {
      api.emit({ type: 'trade_recorded', trade: trade(1, '-1300.00', '2026-03-02T14:10:00.000Z'), session: after });
      api.emit({ type: 'warning', kind: 'loss_50', session: after, message: '50 % of the loss limit used.' });
    });
    expect(screen.getByTestId('session-pnl').textContent).toBe('-$1,300.00');
    expect(screen.getByTestId('limit-used').textContent).toBe('52.00 %');
    expect(screen.getByTestId('trade-count').textContent).toBe('1');
    expect(screen.getByTestId('trade-table').textContent).toContain('-$1,300.00');
    expect(screen.getByTestId('banner-warning')).toBeTruthy();
    // Only today's and this week's totals may be read again (no payload carries them); nothing about the session.
    expect(api.calls.filter((c) => c.channel !== 'getPnlSummary')).toEqual([]);
  });

  test('an older copy of the session never replaces a newer one, and a trade delivered twice is listed once', async () => {
    const api = appApi();
    window.api = api;
    render(<App />);
    await screen.findByRole('heading', { name: 'Session running' });
    const newer = sessionView({ realizedPnl: '-50.00', totalTrades: 1, updatedAt: '2026-03-02T14:10:00.000Z' });
    const older = sessionView({ realizedPnl: '0.00', totalTrades: 0, updatedAt: '2026-03-02T14:00:00.000Z' });
    act(() => {
      api.emit({ type: 'trade_recorded', trade: trade(1, '-50.00', '2026-03-02T14:10:00.000Z'), session: newer });
      api.emit({ type: 'trade_recorded', trade: trade(1, '-50.00', '2026-03-02T14:10:00.000Z'), session: newer });
      api.emit({ type: 'session_changed', session: older });
    });
    expect(screen.getByTestId('session-pnl').textContent).toBe('-$50.00');
    expect(screen.getByTestId('trade-table').querySelectorAll('tbody tr')).toHaveLength(1);
  });

  test('a manual trade asks only to preview and record it: the reply and the event are applied, nothing is fetched again', async () => {
    const api = appApi();
    window.api = api;
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: 'Session running' });
    api.calls.length = 0;
    await user.type(screen.getByTestId('trade-pnl'), '-100');
    await waitFor(() => expect(screen.getByTestId('trade-preview').textContent).toContain('56.00 % of the limit'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('session-pnl').textContent).toBe('-$1,400.00'));
    expect([...new Set(api.calls.map((c) => c.channel))].filter((c) => c !== 'getPnlSummary')).toEqual(['previewTrade', 'recordTrade']);
  });
});
