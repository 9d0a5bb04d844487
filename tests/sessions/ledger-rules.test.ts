import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ledgerColumns, storedLedgerState } from '../../src-main/sessions/ledger-state.ts';
import { EMPTY_LEDGER, ruleRoom, runLedger, type DayWindow, type LedgerTrade, type SessionRule } from '../../src-main/sessions/session-ledger.ts';
import { rulesOf } from '../../src-main/sessions/stored-rules.ts';
import type { SessionRow } from '../../src-main/storage/tables.ts';

const M = 1_000_000n;
const cents = (c: bigint) => c * 10_000n;
const MIN = 60_000;
const t = (seq: number, closedAt: number, pnlCents: bigint): LedgerTrade => ({ id: null, seq, closedAt, pnl: cents(pnlCents), fees: 0n });
/** Trades one minute apart, P&L in cents. */
const series = (...pnls: bigint[]) => pnls.map((p, i) => t(i, (i + 1) * MIN, p));
const run = (rules: SessionRule[], trades: LedgerTrade[], days?: DayWindow[]) =>
  runLedger({ rules, from: EMPTY_LEDGER, trades, raised: new Set(), canStop: true, days });

const lossLimit = (units: bigint): SessionRule => ({ kind: 'loss_limit', amount: units * M });
const trailing = (units: bigint): SessionRule => ({ kind: 'trailing_drawdown', amount: units * M });
const target = (units: bigint, lockGivebackPercent: number | null = null): SessionRule => ({ kind: 'profit_target', amount: units * M, lockGivebackPercent });
const cap = (trades: number): SessionRule => ({ kind: 'trade_cap', trades });
const streak = (losses: number, cooldownMinutes: number, stop = false): SessionRule => ({ kind: 'losing_streak', losses, cooldownMinutes, stop });
const largest = (units: bigint): SessionRule => ({ kind: 'largest_loss', amount: units * M });
const daily = (units: bigint): SessionRule => ({ kind: 'daily_loss_limit', amount: units * M, boundary: { minutes: 0, timeZone: 'UTC' } });

describe('trailing drawdown', () => {
  test('exactly at the floor (peak minus the amount) stops; one cent above does not', () => {
    // Peak +50.00, so the floor is -50.00.
    expect(run([trailing(100n)], series(5_000n, -10_000n)).stop).toMatchObject({ reason: 'trailing_drawdown', at: { trade: { seq: 1 } } });
    expect(run([trailing(100n)], series(5_000n, -9_999n)).stop).toBeNull();
  });

  test('the floor trails the peak and never falls back; room is P&L above it', () => {
    const outcome = run([trailing(100n)], series(8_000n, -3_000n));
    expect(ruleRoom(trailing(100n), outcome.state)).toMatchObject({ floor: -20n * M, left: 70n * M, measure: 'above_floor' });
    expect(outcome.warnings.map((w) => w.kind)).toEqual([]);
    const further = run([trailing(100n)], series(8_000n, -5_000n, -2_500n));
    expect(further.warnings.map((w) => [w.kind, w.at.trade.seq])).toEqual([
      ['drawdown_50', 1],
      ['drawdown_75', 2],
    ]);
  });

  test('with no gain yet the floor is minus the amount, like a loss limit', () => {
    expect(run([trailing(100n)], series(-10_000n)).stop?.reason).toBe('trailing_drawdown');
    expect(run([trailing(100n)], series(-9_999n)).stop).toBeNull();
  });
});

describe('profit target', () => {
  test('take the win: exactly at the target stops, one cent short does not', () => {
    expect(run([target(200n)], series(15_000n, 5_000n)).stop).toMatchObject({ reason: 'profit_target', at: { trade: { seq: 1 } } });
    expect(run([target(200n)], series(15_000n, 4_999n)).stop).toBeNull();
  });

  test('lock a floor: once reached, giving back the share of the peak stops exactly at the floor, not one cent above', () => {
    // Target 200, peak 300, 50 % back: the floor is 150.00.
    expect(run([target(200n, 50)], series(30_000n, -15_000n)).stop).toMatchObject({ reason: 'profit_target', at: { trade: { seq: 1 } } });
    expect(run([target(200n, 50)], series(30_000n, -14_999n)).stop).toBeNull();
  });

  test('lock a floor: before the target is reached nothing is locked', () => {
    const outcome = run([target(200n, 50)], series(15_000n, -15_000n));
    expect(outcome.stop).toBeNull();
    expect(outcome.state.targetReached).toBe(false);
    expect(ruleRoom(target(200n, 50), outcome.state)).toMatchObject({ measure: 'to_target', left: 200n * M, floor: null });
  });

  test('lock a floor: the floor follows a new peak, rounded up to the micro, and warns as the giveback is used', () => {
    const outcome = run([target(200n, 50)], series(33_333n, -8_334n));
    expect(ruleRoom(target(200n, 50), outcome.state)).toMatchObject({ floor: 166_665_000n, left: 83_325_000n, measure: 'above_floor' });
    expect(outcome.warnings.map((w) => w.kind)).toEqual(['giveback_50']);
  });
});

describe('trade cap', () => {
  test('the N-th trade closes the session; N - 1 trades do not', () => {
    expect(run([cap(3)], series(100n, -100n, 100n)).stop).toMatchObject({ reason: 'trade_cap', at: { trade: { seq: 2 } } });
    expect(run([cap(3)], series(100n, -100n)).stop).toBeNull();
  });

  test('warns at 50, 75 and 90 % of the trades, and counts what is left', () => {
    const outcome = run([cap(10)], series(...Array.from({ length: 9 }, () => 1n)));
    expect(outcome.warnings.map((w) => [w.kind, w.at.trade.seq + 1])).toEqual([
      ['trades_50', 5],
      ['trades_75', 8],
      ['trades_90', 9],
    ]);
    expect(ruleRoom(cap(10), outcome.state)).toMatchObject({ left: 1n, unit: 'count', measure: 'trades_left' });
  });
});

describe('losing streak', () => {
  test('K losses in a row start a cooldown of M minutes from the K-th loss; a trade before its end is flagged, one at its end is not', () => {
    const start = run([streak(3, 30)], series(-100n, -100n, -100n));
    expect(start.warnings.map((w) => w.key)).toEqual(['cooldown:1']);
    expect(start.state.cooldownUntil).toBe(3 * MIN + 30 * MIN);
    const inside = runLedger({ rules: [streak(3, 30)], from: start.state, trades: [t(0, 33 * MIN - 1, 50n)], raised: new Set(['cooldown:1']), canStop: true });
    expect(inside.path[0]?.inCooldown).toBe(true);
    expect(inside.state.cooldownTrades).toBe(1);
    const atEnd = runLedger({ rules: [streak(3, 30)], from: start.state, trades: [t(0, 33 * MIN, 50n)], raised: new Set(['cooldown:1']), canStop: true });
    expect(atEnd.path[0]?.inCooldown).toBe(false);
    expect(start.stop).toBeNull();
  });

  test('a win breaks the streak; the count starts again after a cooldown, and a second cooldown has its own alert', () => {
    expect(run([streak(3, 30)], series(-100n, -100n, 100n, -100n, -100n)).warnings).toEqual([]);
    const twice = run([streak(2, 5)], series(-100n, -100n, -100n, -100n));
    expect(twice.warnings.map((w) => [w.key, w.at.trade.seq])).toEqual([
      ['cooldown:1', 1],
      ['cooldown:2', 3],
    ]);
  });

  test('with stop, the K-th loss in a row ends the session; K - 1 do not', () => {
    expect(run([streak(3, 0, true)], series(-100n, -100n, -100n)).stop).toMatchObject({ reason: 'losing_streak', at: { trade: { seq: 2 } } });
    expect(run([streak(3, 0, true)], series(-100n, -100n, 100n, -100n, -100n)).stop).toBeNull();
  });
});

describe('largest single loss', () => {
  test('warns when one trade loses more than the amount: exactly the amount does not, one cent more does, each time', () => {
    expect(run([largest(100n)], series(-10_000n)).warnings).toEqual([]);
    const outcome = run([largest(100n)], series(-10_001n, 500n, -20_000n));
    expect(outcome.warnings.map((w) => [w.key, w.at.trade.seq])).toEqual([
      ['large_loss:1', 0],
      ['large_loss:2', 2],
    ]);
    expect(outcome.stop).toBeNull();
  });
});

describe('daily loss limit across sessions', () => {
  const DAY = 24 * 60 * MIN;
  test('the day’s other P&L counts: reaching the limit exactly stops, one cent above does not', () => {
    const days = [{ start: 0, end: DAY, others: cents(-40_000n) }];
    expect(run([daily(500n)], series(-10_000n), days).stop?.reason).toBe('daily_loss_limit');
    expect(run([daily(500n)], series(-9_999n), days).stop).toBeNull();
  });

  test('a new trading day starts the count again, with that day’s own other P&L', () => {
    const days = [
      { start: 0, end: DAY, others: cents(-10_000n) },
      { start: DAY, end: 2 * DAY, others: 0n },
    ];
    const outcome = run([daily(500n), lossLimit(1_000n)], [t(0, DAY - 1, -30_000n), t(1, DAY + 1, -30_000n)], days);
    expect(outcome.stop).toBeNull();
    expect(outcome.state.day).toEqual({ start: DAY, pnl: cents(-30_000n), others: 0n });
    expect(ruleRoom(daily(500n), outcome.state)).toMatchObject({ left: 200n * M, measure: 'daily_loss_left' });
    const sameDay = run([daily(500n)], [t(0, 10, -30_000n), t(1, 20, -20_000n)], [{ start: 0, end: DAY, others: 0n }]);
    expect(sameDay.stop).toMatchObject({ reason: 'daily_loss_limit', at: { trade: { seq: 1 } } });
  });
});

describe('rules in combination', () => {
  const all = (): SessionRule[] => [lossLimit(100n), daily(1_000n), trailing(80n), streak(3, 15), cap(6), target(150n), largest(60n)];

  test('the first rule reached ends the session with its reason; nothing is raised after it', () => {
    // +50 (peak 50), -80 (floor -30 reached: trailing), then the loss limit would be reached by the third.
    const outcome = run(all(), series(5_000n, -8_000n, -8_000n), [{ start: 0, end: 24 * 60 * MIN, others: 0n }]);
    expect(outcome.stop).toMatchObject({ reason: 'trailing_drawdown', at: { trade: { seq: 1 } } });
    expect(outcome.warnings.every((w) => w.at.trade.seq <= 1)).toBe(true);
    expect(outcome.state.trades).toBe(3);
  });

  test('rules reached by the same trade: the loss limit first, then the session’s order', () => {
    expect(run([lossLimit(100n), trailing(100n)], series(-10_000n)).stop?.reason).toBe('loss_limit');
    expect(run([cap(2), target(100n)], series(5_000n, 5_000n)).stop?.reason).toBe('trade_cap');
    expect(
      rulesOf({
        lossLimitAmount: 100,
        rules: JSON.stringify({
          tradeCap: { trades: 2 },
          profitTarget: { amount: 5, lockGivebackPercent: null },
          trailingDrawdown: { amount: 7 },
          largestLoss: { amount: 3 },
          losingStreak: { losses: 2, cooldownMinutes: 5, stop: false },
          dailyLossLimit: { amount: 9, boundaryMinutes: 1020, timeZone: 'America/Chicago' },
        }),
      }).map((r) => r.kind),
    ).toEqual(['loss_limit', 'daily_loss_limit', 'trailing_drawdown', 'losing_streak', 'trade_cap', 'profit_target', 'largest_loss']);
  });

  test('property: continuing from the stored state (through its JSON) is the same as replaying, with every rule', () => {
    const DAY = 60 * MIN;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 240 }), fc.bigInt({ min: -6_000n, max: 6_000n })), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (raw, cut) => {
          const trades = raw.map(([minute, c], i) => t(i, minute * MIN, c)).sort((a, b) => a.closedAt - b.closedAt || a.seq - b.seq);
          const days = [0, 1, 2, 3, 4].map((d) => ({ start: d * DAY, end: (d + 1) * DAY, others: BigInt(d) * -1_000_000n }));
          const rules = all();
          const split = cut % (trades.length + 1);
          const first = runLedger({ rules, from: EMPTY_LEDGER, trades: trades.slice(0, split), raised: new Set(), canStop: true, days });
          const stored = storedLedgerState({ ...ledgerColumns(first.state, first.state.last === null ? null : 1) } as unknown as SessionRow)!;
          const rest = runLedger({
            rules,
            from: stored,
            trades: trades.slice(split),
            raised: new Set(first.warnings.map((w) => w.key)),
            canStop: first.stop === null,
            days,
          });
          const whole = runLedger({ rules, from: EMPTY_LEDGER, trades, raised: new Set(), canStop: true, days });
          const comparable = (s: typeof whole.state) => ({ ...s, last: null });
          if (first.stop === null) expect(comparable(rest.state)).toEqual(comparable(whole.state));
          else expect(rest.state.pnl).toBe(whole.state.pnl);
          expect([...first.warnings, ...rest.warnings].map((w) => w.key)).toEqual(whole.warnings.map((w) => w.key));
          expect((first.stop ?? rest.stop)?.reason).toBe(whole.stop?.reason);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a state stored before the new rules existed reads with no cooldown, no lock, no day', () => {
    const old = storedLedgerState({
      totalTrades: 2,
      winningTrades: 0,
      losingTrades: 2,
      realizedPnl: -5,
      grossProfit: 0,
      grossLoss: -5,
      ledgerState: JSON.stringify({
        fees: 0,
        peak: 0,
        low: -5,
        maxDrawdown: 5,
        lossStreak: 2,
        longestLossStreak: 2,
        largestWin: null,
        largestLoss: -3,
        last: { closedAt: 9, id: 4 },
      }),
    } as SessionRow);
    expect(old).toMatchObject({ coolStreak: 2, cooldowns: 0, cooldownUntil: null, targetReached: false, day: null, largeLosses: 0 });
  });
});
