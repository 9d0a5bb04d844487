import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { sessionReview } from '../../src-main/history/session-stats.ts';

const sessionStats = (trades: TradeRow[]) => sessionReview(trades, null).stats;
import { Decimal, toMicros } from '../../src-main/money/money.ts';
import type { TradeRow } from '../../src-main/storage/tables.ts';
import { HOUR_MS, MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const row = (id: number, pnl: string, fees = '0'): TradeRow => ({
  id,
  userId: 1,
  sessionId: 1,
  source: 'manual',
  externalId: null,
  account: null,
  symbol: null,
  side: null,
  quantity: null,
  entryPrice: null,
  exitPrice: null,
  pointValue: null,
  fees: toMicros(new Decimal(fees)),
  realizedPnl: toMicros(new Decimal(pnl)),
  openedAt: null,
  closedAt: id * 1000,
  note: null,
  createdAt: 0,
  voidedAt: null,
  voidReason: null,
  batchId: null,
  inCooldown: 0,
});

describe('session statistics', () => {
  test('a hand-computed session', () => {
    // P&L path: 100, 40, 40, 120, 30 -> peak 120 then 30: drawdown 90 (larger than 100 -> 40 = 60).
    const stats = sessionStats([row(1, '100', '2.5'), row(2, '-60'), row(3, '0'), row(4, '80'), row(5, '-90', '1')]);
    expect(stats).toEqual({
      trades: 5,
      wins: 2,
      losses: 2,
      breakeven: 1,
      winRate: '40.00',
      grossProfit: '180.00',
      grossLoss: '-150.00',
      netPnl: '30.00',
      fees: '3.50',
      profitFactor: '1.20',
      averageWin: '90.00',
      averageLoss: '-75.00',
      largestWin: '100.00',
      largestLoss: '-90.00',
      maxDrawdown: '90.00',
      expectancy: '6.00',
    });
  });

  test('an empty session has zeros and no ratios', () => {
    expect(sessionStats([])).toMatchObject({
      trades: 0,
      winRate: null,
      profitFactor: null,
      averageWin: null,
      expectancy: null,
      maxDrawdown: '0.00',
      netPnl: '0.00',
    });
  });
});

async function seed(zone: string): Promise<{ core: Core; clock: ManualClock }> {
  const clock = new ManualClock('2026-03-06T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: zone });
  await core.profiles.update({ applyPnlToBalance: false });
  return { core, clock };
}

async function session(core: Core, clock: ManualClock, startIso: string, pnls: string[], end: 'stop' | 'limit' | 'time', duration = 60): Promise<number> {
  clock.set(startIso);
  const s = await core.sessions.create({ durationMinutes: duration, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  for (const pnl of pnls) {
    clock.advance(MINUTE_MS);
    await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: clock.now() }]);
  }
  if (end === 'stop' && (await core.sessions.getActiveData())) await core.sessions.stop(s.id);
  if (end === 'time') {
    clock.advance(duration * MINUTE_MS);
    await core.sessions.tick();
  }
  return s.id;
}

describe('history and overview', () => {
  test('filters, sorts and paginates, and shows only the current profile', async () => {
    const { core, clock } = await seed('UTC');
    const a = await session(core, clock, '2026-03-02T10:00:00Z', ['50'], 'stop');
    const b = await session(core, clock, '2026-03-03T10:00:00Z', ['-1000'], 'limit');
    const c = await session(core, clock, '2026-03-05T10:00:00Z', ['20', '5'], 'time', 240);
    expect((await core.history.page({})).items.map((s) => s.id)).toEqual([c, b, a]);
    expect((await core.history.page({ reasons: ['loss_limit'] })).items.map((s) => s.id)).toEqual([b]);
    expect((await core.history.page({ statuses: ['completed', 'stopped'], durations: [60] })).total).toBe(2);
    expect((await core.history.page({ from: '2026-03-03T00:00:00Z', to: '2026-03-05T00:00:00Z' })).items.map((s) => s.id)).toEqual([b]);
    expect((await core.history.page({ sort: 'pnl', direction: 'asc' })).items.map((s) => s.id)).toEqual([b, c, a]);
    const page2 = await core.history.page({ pageSize: 2, page: 2 });
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((s) => s.id)).toEqual([a]);

    await core.profiles.create({ name: 'Other', currency: 'EUR', balance: '500.00', timeZone: 'UTC' });
    expect((await core.history.page({})).total).toBe(0);
    await expect(core.history.detail(a)).rejects.toMatchObject({ code: 'not_found' });
    await core.close();
  });

  test('detail has the statistics, the equity curve from 0 and the event timeline', async () => {
    const { core, clock } = await seed('UTC');
    const id = await session(core, clock, '2026-03-02T10:00:00Z', ['-300', '200', '-950'], 'limit');
    const detail = await core.history.detail(id);
    expect(detail.session.terminationReason).toBe('loss_limit');
    expect(detail.equityCurve.map((p) => p.pnl)).toEqual(['0.00', '-300.00', '-100.00', '-1050.00']);
    expect(detail.stats.maxDrawdown).toBe('1050.00');
    expect(detail.trades.map((t) => t.realizedPnl)).toEqual(['-950.00', '200.00', '-300.00']);
    expect(detail.events.map((e) => e.type)).toEqual([
      'created',
      'started',
      'trade_recorded',
      'trade_recorded',
      'trade_recorded',
      'warning_raised',
      'warning_raised',
      'warning_raised',
      'limit_breached',
      'stopped',
    ]);
    await core.close();
  });

  test('weekday and hour buckets use the profile zone, across a DST change', async () => {
    const { core, clock } = await seed('America/New_York');
    // Sunday 8 March 2026 is the spring-forward day in New York. 03:30 UTC on Monday 9 March is
    // still Sunday 23:30 local (UTC-4 after the change).
    await session(core, clock, '2026-03-09T03:30:00Z', ['10'], 'stop');
    // Saturday 7 March 23:30 local is 04:30 UTC on Sunday (UTC-5 before the change).
    await session(core, clock, '2026-03-08T04:30:00Z', ['-4'], 'stop');
    const view = await core.history.overview({});
    expect(view.byWeekday.find((d) => d.label === 'Sun')).toMatchObject({ sessions: 1, pnl: '10.00' });
    expect(view.byWeekday.find((d) => d.label === 'Sat')).toMatchObject({ sessions: 1, pnl: '-4.00' });
    expect(view.byWeekday.find((d) => d.label === 'Mon')!.sessions).toBe(0);
    expect(view.byHour[23]).toMatchObject({ sessions: 2, pnl: '6.00' });
    expect(view.totalPnl).toBe('6.00');
    await core.close();
  });

  test('the overview counts outcomes and thins long histories, ending at the exact total', async () => {
    const { core, clock } = await seed('UTC');
    for (let i = 0; i < 30; i += 1)
      await session(
        core,
        clock,
        new Date(Date.parse('2026-01-01T09:00:00Z') + i * 24 * HOUR_MS).toISOString(),
        [i % 3 === 0 ? '-1000' : '12.34'],
        i % 3 === 0 ? 'limit' : 'stop',
      );
    const view = await core.history.overview({ maxPoints: 10 });
    expect(view.sessions).toBe(30);
    expect(view.lossLimitStops).toBe(10);
    expect(view.lossLimitStopRate).toBe('33.33');
    expect(view.byOutcome.find((o) => o.outcome === 'stopped_manual')!.count).toBe(20);
    expect(view.perSession).toHaveLength(10);
    expect(view.thinned).toBe(true);
    expect(view.perSession.at(-1)!.cumulative).toBe(view.totalPnl);
    expect(view.totalPnl).toBe('-9753.20');
    await core.close();
  });
});
