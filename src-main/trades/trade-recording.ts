import type { AppEvent } from '../contract/events.ts';
import { REASON_LABELS } from '../contract/views.ts';
import type { WarningKind } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import { formatMoney } from '../format/money-text.ts';
import { bigToMoneyString, bigToMicros, microsToMoneyString } from '../money/money.ts';
import { withLedgerState } from '../sessions/ledger-view.ts';
import { writeLedgerOutcome, type WrittenOutcome } from '../sessions/ledger-writes.ts';
import type { LedgerPoint } from '../sessions/session-ledger.ts';
import { appendEvent } from '../sessions/session-events.ts';
import { applyToBalance } from '../sessions/session-ending.ts';
import { rowToSession } from '../sessions/session-repository.ts';
import type { ProfileRow, SessionRow, TradeRow, WriteTx } from '../storage/tables.ts';
import { PER_TRADE_EVENTS_UP_TO, planRecording, type RecordingPlan, type SessionPlan, type TradeInput } from './recording-plan.ts';
import { insertTrades, rowToTrade } from './trade-repository.ts';

export type { TradeInput } from './recording-plan.ts';

export interface RecordingResult {
  /** The trades stored, in close order. */
  trades: TradeRow[];
  duplicates: number;
  /** Each session the trades changed, as it is after them. */
  sessions: SessionRow[];
  warnings: WarningKind[];
  breached: boolean;
  /** To emit after the transaction commits: alerts first, then the trades. */
  events: AppEvent[];
}

/**
 * The one recording path for manual entry, imports and the live feed. In the caller's
 * transaction it writes what `planRecording` computed: the new trades, each session's
 * statistics and ledger state, the warnings (once each) and the stop when a rule was reached.
 * A trade for an ended session updates its statistics but never its status.
 */
export async function recordTrades(tx: WriteTx, profile: ProfileRow, inputs: readonly TradeInput[], now: number): Promise<RecordingResult> {
  return recordPlan(tx, profile, await planRecording(tx, profile, inputs, now), now);
}

/** Writes a plan made in this transaction, or one made earlier that still holds (see `replanned`). */
export async function recordPlan(tx: WriteTx, profile: ProfileRow, plan: RecordingPlan, now: number): Promise<RecordingResult> {
  const result: RecordingResult = { trades: [], duplicates: plan.duplicates, sessions: [], warnings: [], breached: false, events: [] };
  if (plan.rows.length === 0) return result;

  result.trades = insertTrades(tx, plan.rows);
  // The plan already left out known ids; a row the unique index still refused means the plan is stale.
  if (result.trades.length !== plan.rows.length)
    throw new AppError('internal', 'The trades changed while they were being recorded; nothing was saved. Try again.');

  const perTrade = result.trades.length <= PER_TRADE_EVENTS_UP_TO;
  const tradeEvents: Array<{ at: number; order: number; event: AppEvent }> = [];
  const ruleEvents: AppEvent[] = [];
  for (const sessionPlan of plan.sessions) {
    const applied = await applyToSession(tx, profile, sessionPlan, result.trades, now);
    result.sessions.push(applied.session);
    result.warnings.push(...applied.warnings);
    result.breached ||= applied.breached;
    ruleEvents.push(...applied.events);
    if (!perTrade) continue;
    sessionPlan.rows.forEach((row, seq) => {
      const trade = result.trades[row]!;
      // The last trade carries the session as it ended; earlier ones as it stood right after them.
      const session = seq === sessionPlan.rows.length - 1 ? applied.session : withLedgerState(sessionPlan.session, applied.points[seq]!.state);
      tradeEvents.push({ at: trade.closedAt, order: row, event: { type: 'trade_recorded', trade: rowToTrade(trade), session: rowToSession(session) } });
    });
  }
  const lockedOut = plan.lockout ? await noteLockoutTrades(tx, profile, plan, result.trades, now) : null;
  if (lockedOut) ruleEvents.push(lockedOut);

  // The alerts (a stop, a warning, a lockout) go out before the trades that caused them: each
  // carries the session as it is now, and a window busy drawing a trade must not hold up a stop.
  result.events.push(...ruleEvents);
  if (perTrade) {
    result.trades.forEach((trade, row) => {
      if (trade.sessionId === null)
        tradeEvents.push({ at: trade.closedAt, order: row, event: { type: 'trade_recorded', trade: rowToTrade(trade), session: null } });
    });
    tradeEvents.sort((a, b) => a.at - b.at || a.order - b.order);
    result.events.push(...tradeEvents.map((t) => t.event));
  } else {
    result.events.push(...result.sessions.map((session): AppEvent => ({ type: 'session_changed', session: rowToSession(session) })));
  }
  return result;
}

interface AppliedSession extends WrittenOutcome {
  /** The path point of each new trade, in the plan's order. */
  points: LedgerPoint[];
}

async function applyToSession(tx: WriteTx, profile: ProfileRow, plan: SessionPlan, stored: readonly TradeRow[], now: number): Promise<AppliedSession> {
  const { session, outcome } = plan;
  const newTrades = plan.rows.map((row) => stored[row]!);
  const batchPnl = outcome.state.pnl - BigInt(session.realizedPnl);
  const ended = session.status !== 'active';
  if (newTrades.length > 0) {
    await appendEvent(tx, session.id, ended ? 'late_trade' : 'trade_recorded', now, {
      count: newTrades.length,
      tradeIds: newTrades.slice(0, 50).map((t) => t.id),
      pnl: microsToMoneyString(bigToMicros(batchPnl)),
      source: newTrades[0]!.source,
    });
  }
  // A rule read again after trades outside the session points at its last trade, which has an id, or at none (seq -1).
  const idOf = (trade: Pick<LedgerPoint['trade'], 'id' | 'seq'>) => trade.id ?? (trade.seq < 0 ? null : stored[plan.rows[trade.seq]!]!.id);
  const outside = outcome.stop?.outside ? stored.filter((t) => t.sessionId !== session.id).map((t) => t.id) : [];
  const written = await writeLedgerOutcome(tx, profile, session, outcome, idOf, now, outside);
  if (ended && session.balanceApplied === 1 && batchPnl !== 0n) await applyToBalance(tx, profile, session.id, bigToMicros(batchPnl), now);
  return { ...written, points: outcome.path };
}

/** Trades recorded while a loss-limit lockout runs: logged on the session that locked, and the trader told. */
async function noteLockoutTrades(tx: WriteTx, profile: ProfileRow, plan: RecordingPlan, stored: readonly TradeRow[], now: number): Promise<AppEvent | null> {
  const lockout = plan.lockout!;
  const outside = stored.filter((trade) => trade.sessionId === null);
  const pnl = outside.reduce((sum, trade) => sum + BigInt(trade.realizedPnl), 0n);
  const until = new Date(lockout.lockoutUntil!).toISOString();
  await appendEvent(tx, lockout.id, 'trade_during_lockout', now, {
    count: outside.length,
    tradeIds: outside.slice(0, 50).map((t) => t.id),
    pnl: bigToMoneyString(pnl),
    lockoutUntil: until,
  });
  const what = outside.length === 1 ? 'A trade was' : `${outside.length} trades were`;
  return {
    type: 'lockout_trade',
    sessionId: lockout.id,
    until,
    trades: outside.map(rowToTrade),
    message: `${what} recorded while you are locked out (${formatMoney(bigToMoneyString(pnl), profile.currency)}). The ${REASON_LABELS[lockout.terminationReason ?? 'loss_limit'].toLowerCase()} stopped your last session: stop trading until the lockout ends.`,
  };
}
