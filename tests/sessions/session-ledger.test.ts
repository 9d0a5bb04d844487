import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { continuesFrom, EMPTY_LEDGER, runLedger, step, type LedgerTrade, type SessionRule } from '../../src-main/sessions/session-ledger.ts';
import { findActiveProfile } from '../../src-main/profiles/profile-repository.ts';
import { planRecording, type TradeInput } from '../../src-main/trades/recording-plan.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const M = 1_000_000n;
const limit = (units: bigint): SessionRule => ({ kind: 'loss_limit', amount: units * M });
const t = (seq: number, closedAt: number, pnlCents: bigint, id: number | null = null): LedgerTrade => ({
  id,
  seq,
  closedAt,
  pnl: pnlCents * 10_000n,
  fees: 0n,
});
const run = (rules: SessionRule[], trades: LedgerTrade[], raised = new Set<never>()) => runLedger({ rules, from: EMPTY_LEDGER, trades, raised, canStop: true });

describe('session ledger (pure)', () => {
  test('the loss limit stops exactly at minus the limit, not one cent above it', () => {
    expect(run([limit(100n)], [t(0, 1, -10_000n)]).stop?.reason).toBe('loss_limit');
    expect(run([limit(100n)], [t(0, 1, -9_999n)]).stop).toBeNull();
  });

  test('each warning is crossed once, in order, at the trade that crossed it; several at once are all reported', () => {
    const outcome = run([limit(100n)], [t(0, 1, -5_000n), t(1, 2, 1_000n), t(2, 3, -5_000n), t(3, 4, -100n)]);
    expect(outcome.warnings.map((w) => [w.kind, w.at.trade.seq])).toEqual([
      ['loss_50', 0],
      ['loss_75', 2],
      ['loss_90', 2],
    ]);
    expect(outcome.stop).toBeNull();
    expect(run([limit(100n)], [t(0, 1, -9_500n)]).warnings.map((w) => w.kind)).toEqual(['loss_50', 'loss_75', 'loss_90']);
  });

  test('warnings already raised are not raised again, and an ended session is never stopped', () => {
    const again = runLedger({ rules: [limit(100n)], from: EMPTY_LEDGER, trades: [t(0, 1, -6_000n)], raised: new Set(['loss_50'] as const), canStop: true });
    expect(again.warnings).toEqual([]);
    const ended = runLedger({ rules: [limit(100n)], from: EMPTY_LEDGER, trades: [t(0, 1, -20_000n)], raised: new Set(), canStop: false });
    expect(ended.stop).toBeNull();
    expect(ended.state.pnl).toBe(-200n * M);
  });

  test('the stop is at the first trade that reached the limit; trades after it still count', () => {
    const outcome = run([limit(100n)], [t(0, 1, 5_000n), t(1, 2, -16_000n), t(2, 3, 3_000n)]);
    expect(outcome.stop?.at.trade.seq).toBe(1);
    expect(outcome.state).toMatchObject({
      trades: 3,
      wins: 2,
      losses: 1,
      pnl: -80n * M,
      peak: 50n * M,
      low: -110n * M,
      maxDrawdown: 160n * M,
      largestLoss: -160n * M,
    });
  });

  test('a trade closing before recorded ones does not continue from the stored state', () => {
    const state = step(EMPTY_LEDGER, t(0, 1000, 100n, 7));
    expect(continuesFrom(state, [t(0, 1000, 1n)])).toBe(true);
    expect(continuesFrom(state, [t(0, 999, 1n)])).toBe(false);
  });

  test('property: continuing from a stored state is the same as replaying the whole session', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.bigInt({ min: -5_000n, max: 5_000n })), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (raw, cut) => {
          const trades = raw.map(([time, cents], index) => t(index, time, cents)).sort((a, b) => a.closedAt - b.closedAt || a.seq - b.seq);
          const split = cut % (trades.length + 1);
          const first = run([limit(100n)], trades.slice(0, split));
          const rest = runLedger({
            rules: [limit(100n)],
            from: first.state,
            trades: trades.slice(split),
            raised: new Set(first.warnings.map((w) => w.kind)),
            canStop: first.stop === null,
          });
          const whole = run([limit(100n)], trades);
          expect(rest.state).toEqual(whole.state);
          expect([...first.warnings, ...rest.warnings].map((w) => w.kind)).toEqual(whole.warnings.map((w) => w.kind));
          expect((first.stop ?? rest.stop)?.at.trade.seq).toBe(whole.stop?.at.trade.seq);
        },
      ),
      { numRuns: 300 },
    );
  });
});

async function setup(limitAmount = '600.00') {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: 'UTC' });
  const session = await core.sessions.create({ durationMinutes: 240, lossLimit: { kind: 'amount', amount: limitAmount }, acknowledgeRisk: true, start: true });
  const events: AppEvent[] = [];
  core.bus.subscribe((e) => events.push(e));
  return { core, clock, session, events, start: clock.now() };
}
const input = (source: TradeInput['source'], closedAt: number, pnl: string, externalId?: string): TradeInput => ({
  source,
  closedAt,
  realizedPnl: new Decimal(pnl),
  fees: new Decimal(0),
  ...(externalId && { externalId }),
});
const sessionRow = (core: Core, id: number) => core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('one ledger for preview and commit', () => {
  test('an import that closes before recorded trades previews the stop it will make (+500 at t2, -1000 imported at t1, limit 600)', async () => {
    const { core, clock, session, start } = await setup();
    clock.advance(30 * MINUTE_MS);
    await core.trades.record([input('manual', clock.now(), '500.00')]);
    const early = [input('import', start + 10 * MINUTE_MS, '-1000.00', 'file-1')];
    const profile = (await findActiveProfile(core.storage.read))!;
    const plan = await planRecording(core.storage.read, profile, early, clock.now());
    expect(plan.sessions[0]?.outcome.stop?.reason).toBe('loss_limit');
    const committed = await core.trades.record(early);
    expect(committed.breached).toBe(true);
    expect(await sessionRow(core, session.id)).toMatchObject({ status: 'stopped', terminationReason: 'loss_limit', realizedPnl: -500_000_000 });
    await core.close();
  });

  test("the import preview shows that stop too, from a real file through the screen's own preview", async () => {
    const { core, clock, start } = await setup();
    clock.advance(30 * MINUTE_MS);
    await core.trades.record([input('manual', clock.now(), '500.00')]);
    const file = new Uint8Array(Buffer.from(`Time,Symbol,PnL\n${new Date(start + 10 * MINUTE_MS).toISOString()},ES,-1000.00\n`));
    const preview = await core.imports.preview({
      fileName: 'late.csv',
      bytes: file,
      preset: 'generic',
      mapping: { kind: 'trades', columns: { time: 'Time', symbol: 'Symbol', pnl: 'PnL' }, dateFormat: 'auto', decimalStyle: 'auto', pointValue: '1' },
      timeZone: 'UTC',
    });
    expect(preview.sessions).toEqual([expect.objectContaining({ wouldBreach: true, pnl: '-1000.00' })]);
    expect((await core.imports.commit(preview.previewId)).breached).toBe(true);
    await core.close();
  });

  test('property: for any recorded history and any batch, the preview says exactly what the commit does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: -40_000, max: 40_000 })), { maxLength: 8 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 200 }),
            fc.integer({ min: -40_000, max: 40_000 }),
            fc.constantFrom('manual', 'import', 'feed') as fc.Arbitrary<TradeInput['source']>,
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (history, batch) => {
          const { core, clock, session, start } = await setup('600.00');
          clock.advance(201 * MINUTE_MS);
          const cents = (n: number) => new Decimal(n).dividedBy(100).toFixed(2);
          for (const [minute, pnl] of history) {
            const recorded = await core.trades.record([input('import', start + minute * MINUTE_MS, cents(pnl))]);
            if (recorded.breached) break;
          }
          const inputs = batch.map(([minute, pnl, source], i) => input(source, start + minute * MINUTE_MS, cents(pnl), `x${i}`));
          const profile = (await findActiveProfile(core.storage.read))!;
          const plan = await planRecording(core.storage.read, profile, inputs, clock.now());
          const planned = plan.sessions.find((s) => s.session.id === session.id);
          const before = await sessionRow(core, session.id);
          const result = await core.trades.record(inputs);
          const after = await sessionRow(core, session.id);
          if (!planned) {
            expect(after.realizedPnl).toBe(before.realizedPnl);
          } else {
            expect(after.realizedPnl).toBe(Number(planned.outcome.state.pnl));
            expect(after.totalTrades).toBe(planned.outcome.state.trades);
            expect([after.winningTrades, after.losingTrades]).toEqual([planned.outcome.state.wins, planned.outcome.state.losses]);
            expect(result.warnings).toEqual(planned.outcome.warnings.map((w) => w.kind));
            expect(result.breached).toBe(planned.outcome.stop !== null);
          }
          await core.close();
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  test('the manual preview agrees with the recording it previews', async () => {
    const { core } = await setup('100.00');
    const preview = await core.trades.preview({ kind: 'pnl', pnl: '-60.00' });
    expect(preview).toMatchObject({ sessionPnlAfter: '-60.00', lossLimitUsedAfter: '60.00', wouldBreach: false });
    await core.trades.recordManual({ kind: 'pnl', pnl: '-60.00' });
    expect(await core.trades.preview({ kind: 'pnl', pnl: '-40.00' })).toMatchObject({
      sessionPnlAfter: '-100.00',
      lossLimitUsedAfter: '100.00',
      wouldBreach: true,
    });
    expect((await core.trades.recordManual({ kind: 'pnl', pnl: '-40.00' })).breached).toBe(true);
    await core.close();
  });
});

describe('defects the ledger fixes', () => {
  test('defect 1: with the clock stepped back before the start, a manual loss still belongs to the active session and stops it', async () => {
    const { core, clock, session, start } = await setup('100.00');
    clock.set(start - 120_000);
    expect((await core.trades.preview({ kind: 'pnl', pnl: '-150.00' })).wouldBreach).toBe(true);
    const outcome = await core.trades.recordManual({ kind: 'pnl', pnl: '-150.00' });
    expect(outcome.trade.sessionId).toBe(session.id);
    expect(outcome.breached).toBe(true);
    const row = await sessionRow(core, session.id);
    expect(row).toMatchObject({ status: 'stopped', terminationReason: 'loss_limit', endTime: start, actualDurationMinutes: 0 });
    await core.close();
  });

  test('defect 1: a live trade received while a session is active belongs to it, whatever its close time says', async () => {
    const { core, session, start } = await setup('100.00');
    const outcome = await core.trades.record([input('feed', start - 3_600_000, '-150.00', 'nt-1')]);
    expect(outcome.trades[0]?.sessionId).toBe(session.id);
    expect(outcome.breached).toBe(true);
    await core.close();
  });

  test('defect 10: trade_recorded events come in close-time order, each with the session as it stood after that trade', async () => {
    const { core, clock, session, start, events } = await setup('600.00');
    clock.advance(60 * MINUTE_MS);
    await core.trades.record([
      input('import', start + 30 * MINUTE_MS, '-30.00', 'c'),
      input('import', start + 10 * MINUTE_MS, '-10.00', 'a'),
      input('import', start + 20 * MINUTE_MS, '-20.00', 'b'),
    ]);
    const recorded = events.filter((e): e is Extract<AppEvent, { type: 'trade_recorded' }> => e.type === 'trade_recorded');
    expect(recorded.map((e) => [e.trade.externalId, e.session?.realizedPnl, e.session?.totalTrades])).toEqual([
      ['a', '-10.00', 1],
      ['b', '-30.00', 2],
      ['c', '-60.00', 3],
    ]);
    expect(recorded.every((e) => e.session?.id === session.id)).toBe(true);
    await core.close();
  });

  test('defect 11: a locked database still announces the breach the unsaved trade would have caused', async () => {
    const { core, events } = await setup('100.00');
    const other = new BetterSqlite3(core.storage.file);
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      await expect(core.trades.recordManual({ kind: 'pnl', pnl: '-150.00' })).rejects.toMatchObject({ code: 'database_locked' });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    const breach = events.find((e) => e.type === 'breach');
    expect(breach?.type === 'breach' && breach.message).toMatch(/could not save/);
    await core.close();
  });

  test('a trade recorded during a lockout is kept, logged on the session that locked, and raises an alert', async () => {
    const { core, session, events } = await setup('100.00');
    await core.trades.recordManual({ kind: 'pnl', pnl: '-150.00' });
    const outcome = await core.trades.recordManual({ kind: 'pnl', pnl: '-20.00' });
    expect(outcome.trade.sessionId).toBeNull();
    const alert = events.find((e) => e.type === 'lockout_trade');
    expect(alert).toMatchObject({ type: 'lockout_trade', sessionId: session.id });
    expect(alert?.type === 'lockout_trade' && alert.message).toMatch(/recorded while you are locked out/);
    const types = (await core.storage.read.selectFrom('session_event').select('type').where('sessionId', '=', session.id).execute()).map((e) => e.type);
    expect(types).toContain('trade_during_lockout');
    await core.close();
  });
});
