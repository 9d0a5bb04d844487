import type { RuleReason, WarningKind } from '../contract/views.ts';

/**
 * The session ledger: the one place that says what trades do to a session. Given where a
 * session stood and trades in close-time order, it returns the statistics, the P&L path, the
 * warnings crossed and whether and where a rule ended the session. Pure and synchronous:
 * recording, every preview (manual entry, imports, the feed) and corrections all run it, so
 * what a preview says is what the commit does.
 *
 * Everything that depends on time or on other sessions comes in as data: a trade's close time
 * decides whether it fell in a cooldown, and the trading days of the profile's daily loss
 * limit arrive as windows with the rest of the day's P&L (`LedgerRun.days`).
 *
 * Amounts here are integer micros held as `bigint`: exact like decimal.js, and cheap enough
 * to replay a session of 100,000 trades. Shares of a rule are compared as integer cross
 * products, so nothing rounds before a decision; the display share is rounded by the caller
 * in `money/rounding.ts`.
 *
 * @example
 * const outcome = runLedger({ rules: [{ kind: 'loss_limit', amount: 100_000_000n }], from: EMPTY_LEDGER,
 *   trades: [{ id: null, seq: 0, closedAt: t, pnl: -150_000_000n, fees: 0n }], raised: new Set(), canStop: true });
 * outcome.stop?.reason; // 'loss_limit'
 */

/** A trade as the ledger sees it: when it closed and what it made, net of fees. */
export interface LedgerTrade {
  /** The stored id; null for a trade not recorded yet, which sorts after stored trades closing at the same instant. */
  id: number | null;
  /** Position among the trades not recorded yet, to order them among themselves. */
  seq: number;
  closedAt: number;
  pnl: bigint;
  fees: bigint;
}

/** The session's part of one trading day (of the profile's daily loss limit), and the rest of that day's P&L. */
export interface LedgerDay {
  /** When the trading day began. */
  start: number;
  /** This session's P&L within the day. */
  pnl: bigint;
  /** Everything else the profile made or lost that day (other sessions, trades outside any). */
  others: bigint;
}

/** Where a session stands after a trade: the running figures every rule and statistic reads. */
export interface LedgerState {
  trades: number;
  wins: number;
  losses: number;
  pnl: bigint;
  grossProfit: bigint;
  /** The sum of losing trades, zero or negative. */
  grossLoss: bigint;
  fees: bigint;
  /** Highest and lowest cumulative P&L so far, both starting at 0. */
  peak: bigint;
  low: bigint;
  /** The largest fall of the cumulative P&L from an earlier peak. */
  maxDrawdown: bigint;
  lossStreak: number;
  longestLossStreak: number;
  largestWin: bigint | null;
  largestLoss: bigint | null;
  /** Losses in a row that no cooldown answered yet (a cooldown starts the count again). */
  coolStreak: number;
  /** Cooldowns started, and until when the latest one runs (epoch ms). */
  cooldowns: number;
  cooldownUntil: number | null;
  /** Trades that closed while a cooldown ran. */
  cooldownTrades: number;
  /** Trades that lost more than the largest-single-loss rule allows. */
  largeLosses: number;
  /** The profit target was reached: in lock mode its floor now holds. */
  targetReached: boolean;
  /** The trading day of the last trade, when the session carries a daily loss limit. */
  day: LedgerDay | null;
  /** The last trade in close order, which decides whether a new trade can simply continue. */
  last: Pick<LedgerTrade, 'closedAt' | 'id' | 'seq'> | null;
}

export const EMPTY_LEDGER: LedgerState = Object.freeze({
  trades: 0,
  wins: 0,
  losses: 0,
  pnl: 0n,
  grossProfit: 0n,
  grossLoss: 0n,
  fees: 0n,
  peak: 0n,
  low: 0n,
  maxDrawdown: 0n,
  lossStreak: 0,
  longestLossStreak: 0,
  largestWin: null,
  largestLoss: null,
  coolStreak: 0,
  cooldowns: 0,
  cooldownUntil: null,
  cooldownTrades: 0,
  largeLosses: 0,
  targetReached: false,
  day: null,
  last: null,
});

/** Where the profile's trading day starts: minutes after local midnight in a zone (17:00 America/Chicago is 1020). */
export interface DayBoundary {
  minutes: number;
  timeZone: string;
}

/**
 * The rules a session carries, frozen when it starts. Each is a typed value; its evaluator
 * below says how much of it is used, when it is reached and which reason ends the session.
 * Every floor is reached when P&L gets to it: exactly at the floor stops, one micro above does not.
 */
export type SessionRule =
  | { kind: 'loss_limit'; amount: bigint }
  /** The profile's limit across sessions within a trading day; the days come as `LedgerRun.days`. */
  | { kind: 'daily_loss_limit'; amount: bigint; boundary: DayBoundary }
  /** Stop when P&L falls `amount` below the session's peak (the peak starts at 0). */
  | { kind: 'trailing_drawdown'; amount: bigint }
  /** After `losses` losing trades in a row: a cooldown of `cooldownMinutes`, or with `stop` the end of the session. */
  | { kind: 'losing_streak'; losses: number; cooldownMinutes: number; stop: boolean }
  /** The `trades`-th trade ends the session. */
  | { kind: 'trade_cap'; trades: number }
  /** On reaching `amount`: stop, or (with `lockGivebackPercent`) stop once P&L gives back that share of its peak. */
  | { kind: 'profit_target'; amount: bigint; lockGivebackPercent: number | null }
  /** A warning each time one trade loses more than `amount`. */
  | { kind: 'largest_loss'; amount: bigint };
export type RuleKind = SessionRule['kind'];

/** An exact share: numerator / denominator, the denominator above zero. */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/** How much room a rule leaves at a state, for the live "room left" and for its warnings. */
export interface RuleRoom {
  /** What is left before the rule is reached: micros for money, a number of trades or losses for a count. */
  left: bigint;
  unit: 'money' | 'count';
  /** The share of the rule used. */
  used: Fraction;
  /** The session P&L at which the rule stops the session, when it is a floor (micros). */
  floor: bigint | null;
  /** What `left` is the distance to, in a few words ("to the floor", "to the target"). */
  measure: 'loss_left' | 'above_floor' | 'to_target' | 'trades_left' | 'losses_left' | 'daily_loss_left' | 'per_trade';
}

/** Something a trade raised that can happen more than once per session (a cooldown, a large loss). */
interface Alert {
  kind: WarningKind;
  key: string;
}

interface RuleEvaluator<R extends SessionRule> {
  /** Null for a rule that only warns. */
  reason: RuleReason | null;
  /** Warnings at shares of the rule used (percent), each raised once per session. */
  warnings: ReadonlyArray<{ kind: WarningKind; percent: bigint }>;
  /** Whether the share warnings apply at this state (default: always). */
  warns?(rule: R, state: LedgerState): boolean;
  room(rule: R, state: LedgerState): RuleRoom;
  reached(rule: R, state: LedgerState): boolean;
  /** What a trade changes in the rule's own part of the state, and the alerts it raises. */
  after?(rule: R, state: LedgerState, trade: LedgerTrade): { state: LedgerState; alert: Alert | null };
}

type Evaluators = { [K in RuleKind]: RuleEvaluator<Extract<SessionRule, { kind: K }>> };

const shares = (prefix: string): Array<{ kind: WarningKind; percent: bigint }> =>
  [50n, 75n, 90n].map((percent) => ({ kind: `${prefix}_${percent}` as WarningKind, percent }));
const max0 = (value: bigint): bigint => (value < 0n ? 0n : value);
const fraction = (numerator: bigint, denominator: bigint): Fraction => ({ numerator: max0(numerator), denominator: denominator > 0n ? denominator : 1n });
/** The part of a loss allowance not yet lost: the whole of it while P&L is at or above 0. */
const unused = (amount: bigint, pnl: bigint): bigint => max0(pnl < 0n ? amount + pnl : amount);
/** Division rounded towards +infinity, for a floor shown in micros that must never sit below the true one. */
const ceilDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? (a + b - 1n) / b : -(-a / b));

/** The profile's P&L in the trading day of the session's last trade. */
export function dayPnl(state: LedgerState): bigint {
  return state.day === null ? state.pnl : state.day.others + state.day.pnl;
}

const EVALUATORS: Evaluators = {
  loss_limit: {
    reason: 'loss_limit',
    warnings: shares('loss'),
    // What is left of the limit: a gain does not add to it (as the limit bar shows it).
    room: (rule, state) => ({
      left: unused(rule.amount, state.pnl),
      unit: 'money',
      used: fraction(-state.pnl, rule.amount),
      floor: -rule.amount,
      measure: 'loss_left',
    }),
    reached: (rule, state) => state.pnl <= -rule.amount,
  },
  daily_loss_limit: {
    reason: 'daily_loss_limit',
    warnings: shares('daily'),
    room: (rule, state) => ({
      left: unused(rule.amount, dayPnl(state)),
      unit: 'money',
      used: fraction(-dayPnl(state), rule.amount),
      floor: null,
      measure: 'daily_loss_left',
    }),
    reached: (rule, state) => dailyLimitReached(rule.amount, dayPnl(state)),
  },
  trailing_drawdown: {
    reason: 'trailing_drawdown',
    warnings: shares('drawdown'),
    room: (rule, state) => ({
      left: max0(state.pnl - (state.peak - rule.amount)),
      unit: 'money',
      used: fraction(state.peak - state.pnl, rule.amount),
      floor: state.peak - rule.amount,
      measure: 'above_floor',
    }),
    reached: (rule, state) => state.pnl <= state.peak - rule.amount,
  },
  losing_streak: {
    reason: 'losing_streak',
    warnings: [],
    room: (rule, state) => ({
      left: max0(BigInt(rule.losses - state.coolStreak)),
      unit: 'count',
      used: fraction(BigInt(state.coolStreak), BigInt(rule.losses)),
      floor: null,
      measure: 'losses_left',
    }),
    reached: (rule, state) => rule.stop && state.lossStreak >= rule.losses,
    after: (rule, state, trade) => {
      if (rule.stop || rule.cooldownMinutes === 0 || state.coolStreak < rule.losses) return { state, alert: null };
      const cooldowns = state.cooldowns + 1;
      return {
        state: { ...state, coolStreak: 0, cooldowns, cooldownUntil: trade.closedAt + rule.cooldownMinutes * 60_000 },
        alert: { kind: 'cooldown', key: `cooldown:${cooldowns}` },
      };
    },
  },
  trade_cap: {
    reason: 'trade_cap',
    warnings: shares('trades'),
    room: (rule, state) => ({
      left: max0(BigInt(rule.trades - state.trades)),
      unit: 'count',
      used: fraction(BigInt(state.trades), BigInt(rule.trades)),
      floor: null,
      measure: 'trades_left',
    }),
    reached: (rule, state) => state.trades >= rule.trades,
  },
  profit_target: {
    reason: 'profit_target',
    warnings: shares('giveback'),
    // Good news needs no warning; only a locked floor being approached does.
    warns: (rule, state) => rule.lockGivebackPercent !== null && state.targetReached,
    room: (rule, state) => {
      if (rule.lockGivebackPercent === null || !state.targetReached) {
        return { left: max0(rule.amount - state.pnl), unit: 'money', used: fraction(state.pnl, rule.amount), floor: null, measure: 'to_target' };
      }
      const keep = BigInt(100 - rule.lockGivebackPercent);
      const floor = ceilDiv(state.peak * keep, 100n);
      return {
        left: max0(state.pnl - floor),
        unit: 'money',
        used: fraction((state.peak - state.pnl) * 100n, state.peak * BigInt(rule.lockGivebackPercent)),
        floor,
        measure: 'above_floor',
      };
    },
    reached: (rule, state) => {
      if (rule.lockGivebackPercent === null) return state.pnl >= rule.amount;
      return state.targetReached && state.pnl * 100n <= state.peak * BigInt(100 - rule.lockGivebackPercent);
    },
    after: (rule, state) =>
      state.targetReached || state.pnl < rule.amount ? { state, alert: null } : { state: { ...state, targetReached: true }, alert: null },
  },
  largest_loss: {
    reason: null,
    warnings: [],
    room: (rule, state) => ({
      left: rule.amount,
      unit: 'money',
      used: fraction(state.largestLoss === null ? 0n : -state.largestLoss, rule.amount),
      floor: null,
      measure: 'per_trade',
    }),
    reached: () => false,
    after: (rule, state, trade) => {
      if (trade.pnl >= -rule.amount) return { state, alert: null };
      const largeLosses = state.largeLosses + 1;
      return { state: { ...state, largeLosses }, alert: { kind: 'large_loss', key: `large_loss:${largeLosses}` } };
    },
  },
};

function evaluatorOf<R extends SessionRule>(rule: R): RuleEvaluator<R> {
  return EVALUATORS[rule.kind] as unknown as RuleEvaluator<R>;
}

/** The daily loss limit's test, also asked by session creation (a day already lost locks new sessions). */
export function dailyLimitReached(amount: bigint, dayTotal: bigint): boolean {
  return dayTotal <= -amount;
}

/** The room a rule leaves at a state. */
export function ruleRoom(rule: SessionRule, state: LedgerState): RuleRoom {
  return evaluatorOf(rule).room(rule, state);
}

/** The share of a rule used at a state, as an exact fraction (percent = 100 x numerator / denominator). */
export function ruleUsage(rule: SessionRule, state: LedgerState): Fraction {
  return ruleRoom(rule, state).used;
}

export function terminationReasonOf(rule: SessionRule): RuleReason | null {
  return evaluatorOf(rule).reason;
}

/** Orders shares exactly: negative when `a` is the smaller. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Close-time order; at the same instant stored trades come first, by id, then new ones in their order. */
export function compareLedgerTrades(a: Pick<LedgerTrade, 'closedAt' | 'id' | 'seq'>, b: Pick<LedgerTrade, 'closedAt' | 'id' | 'seq'>): number {
  if (a.closedAt !== b.closedAt) return a.closedAt - b.closedAt;
  if (a.id !== null && b.id !== null) return a.id - b.id;
  if (a.id !== null) return -1;
  if (b.id !== null) return 1;
  return a.seq - b.seq;
}

/** True when every trade closes after the state's last one, so the state can simply continue. */
export function continuesFrom(state: LedgerState, trades: readonly LedgerTrade[]): boolean {
  const last = state.last;
  if (last === null) return true;
  return trades.every((trade) => compareLedgerTrades(last, trade) < 0);
}

/** A trading day of the profile's daily loss limit: [start, end), with the P&L of everything but this session in it. */
export interface DayWindow {
  start: number;
  end: number;
  others: bigint;
}

/** One trade added to a state; `day` is the trading day it closed in, when the session has a daily limit. */
export function step(state: LedgerState, trade: LedgerTrade, day?: DayWindow): LedgerState {
  const pnl = state.pnl + trade.pnl;
  const win = trade.pnl > 0n;
  const loss = trade.pnl < 0n;
  const peak = pnl > state.peak ? pnl : state.peak;
  const drawdown = peak - pnl;
  const lossStreak = loss ? state.lossStreak + 1 : 0;
  const inCooldown = state.cooldownUntil !== null && trade.closedAt < state.cooldownUntil;
  return {
    trades: state.trades + 1,
    wins: state.wins + (win ? 1 : 0),
    losses: state.losses + (loss ? 1 : 0),
    pnl,
    grossProfit: win ? state.grossProfit + trade.pnl : state.grossProfit,
    grossLoss: loss ? state.grossLoss + trade.pnl : state.grossLoss,
    fees: state.fees + trade.fees,
    peak,
    low: pnl < state.low ? pnl : state.low,
    maxDrawdown: drawdown > state.maxDrawdown ? drawdown : state.maxDrawdown,
    lossStreak,
    longestLossStreak: lossStreak > state.longestLossStreak ? lossStreak : state.longestLossStreak,
    largestWin: win && (state.largestWin === null || trade.pnl > state.largestWin) ? trade.pnl : state.largestWin,
    largestLoss: loss && (state.largestLoss === null || trade.pnl < state.largestLoss) ? trade.pnl : state.largestLoss,
    coolStreak: loss ? state.coolStreak + 1 : 0,
    cooldowns: state.cooldowns,
    cooldownUntil: state.cooldownUntil,
    cooldownTrades: state.cooldownTrades + (inCooldown ? 1 : 0),
    largeLosses: state.largeLosses,
    targetReached: state.targetReached,
    day: day === undefined ? state.day : { start: day.start, others: day.others, pnl: (state.day?.start === day.start ? state.day.pnl : 0n) + trade.pnl },
    last: trade,
  };
}

export interface LedgerPoint {
  trade: LedgerTrade;
  /** The session as it stood right after this trade. */
  state: LedgerState;
  /** The trade closed while a cooldown ran: recorded, and flagged. */
  inCooldown: boolean;
}

export interface LedgerWarning {
  kind: WarningKind;
  /** What makes it once per session: the kind for a share warning, the kind and a count for a repeated alert. */
  key: string;
  rule: SessionRule;
  /** The trade whose result crossed the threshold, and the state right after it. */
  at: LedgerPoint;
}

export interface LedgerStop {
  rule: SessionRule;
  reason: RuleReason;
  at: LedgerPoint;
  /** Trades outside the session reached the rule (`runDayChange`), not one of its own: `at` is its last trade, or a stand-in with no id. */
  outside?: true;
}

export interface LedgerOutcome {
  state: LedgerState;
  /** The path: one point per trade, for the trades `record` asked for. */
  path: LedgerPoint[];
  /** Thresholds crossed and alerts raised for the first time (not in `raised`), in the order they happened. */
  warnings: LedgerWarning[];
  /** The first rule reached, at the first trade that reached it; null when none was, or when `canStop` is false. */
  stop: LedgerStop | null;
  /** The `seq` of each trade not recorded yet that closed while a cooldown ran, whatever `record` kept. */
  inCooldown: number[];
}

export interface LedgerRun {
  rules: readonly SessionRule[];
  from: LedgerState;
  /** In close-time order (`compareLedgerTrades`). */
  trades: readonly LedgerTrade[];
  /** Warning keys already raised for the session: never raised twice. */
  raised: ReadonlySet<string>;
  /** Only an active session can be stopped; an ended one only has its statistics updated. */
  canStop: boolean;
  /** Which trades get a point on the path: all, only those not recorded yet, or none. */
  record?: 'all' | 'new' | 'none';
  /** The trading days the trades close in, oldest first, for a daily loss limit. */
  days?: readonly DayWindow[];
}

/**
 * Runs trades through the rules. Every trade counts in the statistics, including those after
 * a stop in the same batch (they were taken); the stop itself is the first rule reached, and
 * among rules reached by the same trade, the first in the session's list. Nothing is raised
 * after the stop: the session is over.
 */
export function runLedger(run: LedgerRun): LedgerOutcome {
  const record = run.record ?? 'new';
  const raised = new Set(run.raised);
  const path: LedgerPoint[] = [];
  const warnings: LedgerWarning[] = [];
  const days = run.days ?? [];
  let dayIndex = 0;
  let stop: LedgerStop | null = null;
  const inCooldownSeqs: number[] = [];
  let state = run.from;
  const watching = run.canStop && run.rules.length > 0;
  for (const trade of run.trades) {
    while (dayIndex < days.length && days[dayIndex]!.end <= trade.closedAt) dayIndex += 1;
    const window = days[dayIndex];
    const inCooldown = state.cooldownUntil !== null && trade.closedAt < state.cooldownUntil;
    if (inCooldown && trade.id === null) inCooldownSeqs.push(trade.seq);
    state = step(state, trade, window !== undefined && window.start <= trade.closedAt ? window : undefined);
    const watched = watching && stop === null;
    const pending: Array<{ alert: Alert; rule: SessionRule }> = [];
    if (watched) {
      for (const rule of run.rules) {
        const after = evaluatorOf(rule).after?.(rule, state, trade);
        if (!after) continue;
        state = after.state;
        if (after.alert) pending.push({ alert: after.alert, rule });
      }
    }
    const point: LedgerPoint = { trade, state, inCooldown };
    if (record === 'all' || (record === 'new' && trade.id === null)) path.push(point);
    if (!watched) continue;
    for (const { alert, rule } of pending) {
      if (raised.has(alert.key)) continue;
      raised.add(alert.key);
      warnings.push({ kind: alert.kind, key: alert.key, rule, at: point });
    }
    for (const rule of run.rules) {
      const evaluator = evaluatorOf(rule);
      if (evaluator.warnings.length > 0 && (evaluator.warns?.(rule, state) ?? true)) {
        const { numerator, denominator } = evaluator.room(rule, state).used;
        for (const warning of evaluator.warnings) {
          if (raised.has(warning.kind) || numerator * 100n < warning.percent * denominator) continue;
          raised.add(warning.kind);
          warnings.push({ kind: warning.kind, key: warning.kind, rule, at: point });
        }
      }
      if (stop === null && evaluator.reason !== null && evaluator.reached(rule, state)) stop = { rule, reason: evaluator.reason, at: point };
    }
  }
  return { state, path, warnings, stop, inCooldown: inCooldownSeqs };
}

export interface DayChangeRun {
  rules: readonly SessionRule[];
  /** The session's state, with `day` set to the trading day to read: its own P&L in it and the rest of the day's P&L as it is now. */
  state: LedgerState;
  raised: ReadonlySet<string>;
  canStop: boolean;
}

/**
 * The daily loss limit read again when trades outside the session (outside any session, or late
 * trades of another) moved the rest of its trading day: the warnings it crosses and the stop,
 * exactly as the session's own trade would raise them. They carry the session's last trade,
 * or a stand-in with no id when it has none; the session's figures do not change.
 */
export function runDayChange(run: DayChangeRun): LedgerOutcome {
  const outcome: LedgerOutcome = { state: run.state, path: [], warnings: [], stop: null, inCooldown: [] };
  const rule = run.rules.find((r) => r.kind === 'daily_loss_limit');
  if (!run.canStop || rule === undefined || run.state.day === null) return outcome;
  const last = run.state.last;
  const trade: LedgerTrade = { id: last?.id ?? null, seq: last?.seq ?? -1, closedAt: last?.closedAt ?? run.state.day.start, pnl: 0n, fees: 0n };
  const at: LedgerPoint = { trade, state: run.state, inCooldown: false };
  const evaluator = evaluatorOf(rule);
  const { numerator, denominator } = evaluator.room(rule, run.state).used;
  for (const warning of evaluator.warnings) {
    if (run.raised.has(warning.kind) || numerator * 100n < warning.percent * denominator) continue;
    outcome.warnings.push({ kind: warning.kind, key: warning.kind, rule, at });
  }
  if (evaluator.reached(rule, run.state)) outcome.stop = { rule, reason: evaluator.reason!, at, outside: true };
  return outcome;
}
