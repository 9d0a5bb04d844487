import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import type { GenericMapping } from '../../src-main/contract/import-schemas.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

async function setup(limit = '100.00') {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: 'UTC' });
  const session = await core.sessions.create({ durationMinutes: 240, lossLimit: { kind: 'amount', amount: limit }, acknowledgeRisk: true, start: true });
  return { core, clock, session };
}
const row = (core: Core, id: number) => core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = async (core: Core, id: number) =>
  core.storage.read.selectFrom('session_event').select(['type', 'payload']).where('sessionId', '=', id).orderBy('id').execute();
const pnl = (core: Core, value: string) => core.trades.recordManual({ kind: 'pnl', pnl: value });

describe('voiding and correcting trades', () => {
  test('a voided trade stays in the record, counts nowhere, and its session is recomputed', async () => {
    const { core, session } = await setup('500.00');
    await pnl(core, '-40.00');
    const wrong = await pnl(core, '-250.00');
    const result = await core.trades.voidTrade(wrong.trade.id, 'entered twice');
    expect(result).toMatchObject({ voided: 1, breached: false });
    expect(await row(core, session.id)).toMatchObject({ status: 'active', realizedPnl: -40_000_000, totalTrades: 1, losingTrades: 1 });
    const listed = await core.trades.listSessionTrades(session.id);
    expect(listed.find((t) => t.id === wrong.trade.id)).toMatchObject({ voidReason: 'entered twice' });
    expect((await core.history.detail(session.id)).stats).toMatchObject({ trades: 1, netPnl: '-40.00' });
    await expect(core.trades.voidTrade(wrong.trade.id, 'again')).rejects.toMatchObject({ code: 'invalid_transition' });
    expect((await eventsOf(core, session.id)).map((e) => e.type)).toContain('trade_voided');
    await core.close();
  });

  test('voiding the trade that stopped a session never reopens it nor lifts the lockout, and the record says why', async () => {
    const { core, session } = await setup('100.00');
    const stopper = await pnl(core, '-150.00');
    expect(stopper.breached).toBe(true);
    const before = await row(core, session.id);
    await core.trades.voidTrade(stopper.trade.id, 'wrong account');
    const after = await row(core, session.id);
    expect(after).toMatchObject({ status: 'stopped', terminationReason: 'loss_limit', lockoutUntil: before.lockoutUntil, realizedPnl: 0 });
    expect((await core.sessions.canCreate()).reasons.map((r) => r.code)).toContain('lockout_active');
    const voided = (await eventsOf(core, session.id)).find((e) => e.type === 'trade_voided')!;
    expect(JSON.parse(voided.payload)).toMatchObject({ stopCausedByVoidedTrade: true, pnlBefore: '-150.00', pnlAfter: '0.00' });
    await core.close();
  });

  test('voiding a win that hid a breach stops the active session: the rule holds whatever path the trades take', async () => {
    const { core, session } = await setup('100.00');
    const win = await pnl(core, '200.00');
    await pnl(core, '-250.00');
    const result = await core.trades.voidTrade(win.trade.id, 'not mine');
    expect(result.breached).toBe(true);
    expect(await row(core, session.id)).toMatchObject({ status: 'stopped', terminationReason: 'loss_limit', realizedPnl: -250_000_000 });
    await core.close();
  });

  test('a correction is a void plus a new trade in the original session; both stay in the record', async () => {
    const { core, clock, session } = await setup('500.00');
    const original = await pnl(core, '-120.00');
    clock.advance(10 * MINUTE_MS);
    const corrected = await core.trades.correctTrade(original.trade.id, 'typo', { kind: 'pnl', pnl: '-12.00' });
    expect(corrected.voided).toBe(1);
    expect(corrected.recorded).toMatchObject({ sessionId: session.id, realizedPnl: '-12.00', closedAt: original.trade.closedAt });
    expect(await row(core, session.id)).toMatchObject({ realizedPnl: -12_000_000, totalTrades: 1 });
    expect((await core.trades.listSessionTrades(session.id)).map((t) => [t.realizedPnl, t.voidReason])).toEqual(
      expect.arrayContaining([
        ['-120.00', 'typo'],
        ['-12.00', null],
      ]),
    );
    await core.close();
  });
});

const MAPPING: GenericMapping = {
  kind: 'trades',
  columns: { time: 'Time', pnl: 'PnL', symbol: 'Symbol' },
  dateFormat: 'auto',
  decimalStyle: 'auto',
  pointValue: '1',
};
const csv = (rows: Array<[string, string]>) =>
  new Uint8Array(Buffer.from(['Time,Symbol,PnL', ...rows.map(([time, value]) => `${time},AAPL,${value}`)].join('\n')));

describe('undoing an import', () => {
  test('undo voids the import’s trades, recomputes the sessions, forgets its fills, and can be redone; a stop stays', async () => {
    const { core, clock, session } = await setup('100.00');
    clock.advance(60 * MINUTE_MS);
    const file = csv([
      ['2026-03-02T14:10:00Z', '-30.00'],
      ['2026-03-02T14:20:00Z', '-90.00'],
    ]);
    const preview = await core.imports.preview({ fileName: 'day.csv', bytes: file, preset: 'generic', mapping: MAPPING, timeZone: 'UTC' });
    const committed = await core.imports.commit(preview.previewId);
    expect(committed.breached).toBe(true);
    const [batch] = await core.imports.history();
    expect(batch).toMatchObject({ batchId: committed.batchId, undoBlockedBy: null, tradeCount: 2 });
    const undone = await core.imports.undo(committed.batchId);
    expect(undone.voided).toBe(2);
    expect(await row(core, session.id)).toMatchObject({ status: 'stopped', realizedPnl: 0, totalTrades: 0 });
    expect((await core.imports.history())[0]).toMatchObject({ undoneAt: expect.any(String), undoBlockedBy: 'This import was already undone.' });
    await expect(core.imports.undo(committed.batchId)).rejects.toMatchObject({ code: 'invalid_transition' });
    await core.close();
  });

  test('property: an import undone leaves every statistic exactly as before it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -5_000, max: 5_000 }), { maxLength: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 59 }), fc.integer({ min: -5_000, max: 5_000 })), { minLength: 1, maxLength: 6 }),
        async (manual, imported) => {
          const { core, clock, session } = await setup('1000.00');
          for (const cents of manual) {
            clock.advance(MINUTE_MS);
            await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal(cents).dividedBy(100), closedAt: clock.now() }]);
          }
          clock.advance(60 * MINUTE_MS);
          const before = await row(core, session.id);
          const rows = imported.map(([minute, cents], i): [string, string] => [
            new Date(Date.parse('2026-03-02T14:00:00Z') + minute * MINUTE_MS + i * 1000).toISOString(),
            new Decimal(cents).dividedBy(100).toFixed(2),
          ]);
          const preview = await core.imports.preview({ fileName: 'p.csv', bytes: csv(rows), preset: 'generic', mapping: MAPPING, timeZone: 'UTC' });
          const { batchId } = await core.imports.commit(preview.previewId);
          await core.imports.undo(batchId);
          const after = await row(core, session.id);
          const figures = (r: typeof before) => [
            r.totalTrades,
            r.winningTrades,
            r.losingTrades,
            r.realizedPnl,
            r.grossProfit,
            r.grossLoss,
            r.sessionPerformancePercentage,
          ];
          expect(figures(after)).toEqual(figures(before));
          await core.close();
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
