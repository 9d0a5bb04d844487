import type { TerminationReason, WarningKind } from '../contract/views.ts';

/**
 * The session ledger: the one place that says what trades do to a session. Given where a
 * session stood and trades in close-time order, it returns the statistics, the P&L path, the
 * warnings crossed and whether and where a rule ended the session. Pure and synchronous:
 * recording, every preview (manual entry, imports, the feed) and corrections all run it, so
 * what a preview says is what the commit does.
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
  last: null,
});

/**
 * The rules a session carries, frozen when it starts. Each is a typed value; its evaluator
 * below says how much of it is used, when it is reached and which reason ends the session.
 */
export type SessionRule = { kind: 'loss_limit'; amount: bigint };
export type RuleKind = SessionRule['kind'];

interface RuleEvaluator<R extends SessionRule> {
  reason: TerminationReason;
  /** Warnings at shares of the rule used (percent), each raised once per session. */
  warnings: ReadonlyArray<{ kind: WarningKind; percent: bigint }>;
  /** The share used as a fraction `numerator / denominator`, so thresholds compare exactly. */
  used(rule: R, state: LedgerState): { numerator: bigint; denominator: bigint };
  reached(rule: R, state: LedgerState): boolean;
}

type Evaluators = { [K in RuleKind]: RuleEvaluator<Extract<SessionRule, { kind: K }>> };

const EVALUATORS: Evaluators = {
  loss_limit: {
    reason: 'loss_limit',
    warnings: [
      { kind: 'loss_50', percent: 50n },
      { kind: 'loss_75', percent: 75n },
      { kind: 'loss_90', percent: 90n },
    ],
    used: (rule, state) => ({ numerator: state.pnl < 0n ? -state.pnl : 0n, denominator: rule.amount }),
    reached: (rule, state) => state.pnl <= -rule.amount,
  },
};

function evaluatorOf<R extends SessionRule>(rule: R): RuleEvaluator<R> {
  return EVALUATORS[rule.kind] as unknown as RuleEvaluator<R>;
}

/** The share of a rule used at a state, as an exact fraction (percent = 100 x numerator / denominator). */
export function ruleUsage(rule: SessionRule, state: LedgerState): { numerator: bigint; denominator: bigint } {
  return evaluatorOf(rule).used(rule, state);
}

export function terminationReasonOf(rule: SessionRule): TerminationReason {
  return evaluatorOf(rule).reason;
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

/** One trade added to a state. */
export function step(state: LedgerState, trade: LedgerTrade): LedgerState {
  const pnl = state.pnl + trade.pnl;
  const win = trade.pnl > 0n;
  const loss = trade.pnl < 0n;
  const peak = pnl > state.peak ? pnl : state.peak;
  const drawdown = peak - pnl;
  const lossStreak = loss ? state.lossStreak + 1 : 0;
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
    last: trade,
  };
}

export interface LedgerPoint {
  trade: LedgerTrade;
  /** The session as it stood right after this trade. */
  state: LedgerState;
}

export interface LedgerWarning {
  kind: WarningKind;
  rule: SessionRule;
  /** The trade whose result crossed the threshold, and the state right after it. */
  at: LedgerPoint;
}

export interface LedgerStop {
  rule: SessionRule;
  reason: TerminationReason;
  at: LedgerPoint;
}

export interface LedgerOutcome {
  state: LedgerState;
  /** The path: one point per trade, for the trades `record` asked for. */
  path: LedgerPoint[];
  /** Thresholds crossed for the first time (not in `raised`), in the order they were crossed. */
  warnings: LedgerWarning[];
  /** The first rule reached, at the first trade that reached it; null when none was, or when `canStop` is false. */
  stop: LedgerStop | null;
}

export interface LedgerRun {
  rules: readonly SessionRule[];
  from: LedgerState;
  /** In close-time order (`compareLedgerTrades`). */
  trades: readonly LedgerTrade[];
  /** Warnings already raised for the session: never raised twice. */
  raised: ReadonlySet<WarningKind>;
  /** Only an active session can be stopped; an ended one only has its statistics updated. */
  canStop: boolean;
  /** Which trades get a point on the path: all, only those not recorded yet, or none. */
  record?: 'all' | 'new' | 'none';
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
  let stop: LedgerStop | null = null;
  let state = run.from;
  const watching = run.canStop && run.rules.length > 0;
  for (const trade of run.trades) {
    state = step(state, trade);
    const point = { trade, state };
    if (record === 'all' || (record === 'new' && trade.id === null)) path.push(point);
    if (!watching || stop !== null) continue;
    for (const rule of run.rules) {
      const evaluator = evaluatorOf(rule);
      if (evaluator.warnings.length > 0) {
        const { numerator, denominator } = evaluator.used(rule, state);
        for (const warning of evaluator.warnings) {
          if (raised.has(warning.kind) || numerator * 100n < warning.percent * denominator) continue;
          raised.add(warning.kind);
          warnings.push({ kind: warning.kind, rule, at: point });
        }
      }
      if (stop === null && evaluator.reached(rule, state)) stop = { rule, reason: evaluator.reason, at: point };
    }
  }
  return { state, path, warnings, stop };
}
