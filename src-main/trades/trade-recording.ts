import type { AppEvent } from '../contract/events.ts';
import { DURATION_OPTIONS, type TradeSource, type WarningKind } from '../contract/views.ts';
import { MINUTE_MS } from '../time/clock.ts';
import { formatMoney } from '../format/money-text.ts';
import { Decimal, fromMicros, toBasisPoints, toMicros, toMoneyString, toPercentString } from '../money/money.ts';
import { roundPercentage } from '../money/rounding.ts';
import { appendEvent, appendOnceEvent } from '../sessions/session-events.ts';
import { applyToBalance, endSession } from '../sessions/session-ending.ts';
import { lockedOutTradeEvent } from '../sessions/lockout-alert.ts';
import { findRunningLockout, rowToSession, updateSession } from '../sessions/session-repository.ts';
import type { ProfileRow, SessionRow, TradeRow, WriteTx } from '../storage/tables.ts';
import { insertTrades, rowToTrade } from './trade-repository.ts';

/** A closed trade on its way in, from any source. Amounts are exact decimals, already net of fees. */
export interface TradeInput {
  source: TradeSource;
  externalId?: string | null;
  account?: string | null;
  symbol?: string | null;
  side?: 'long' | 'short' | null;
  quantity?: string | null;
  entryPrice?: string | null;
  exitPrice?: string | null;
  pointValue?: string | null;
  fees: Decimal;
  realizedPnl: Decimal;
  openedAt?: number | null;
  closedAt: number;
  note?: string | null;
}

export interface RecordingResult {
  trades: TradeRow[];
  duplicates: number;
  sessions: SessionRow[];
  warnings: WarningKind[];
  breached: boolean;
  /** To emit after the transaction commits. */
  events: AppEvent[];
}

const LOSS_WARNINGS: ReadonlyArray<{ kind: WarningKind; share: Decimal }> = [
  { kind: 'loss_50', share: new Decimal(50) },
  { kind: 'loss_75', share: new Decimal(75) },
  { kind: 'loss_90', share: new Decimal(90) },
];
/** Past this many trades in one call, listeners get one session update instead of one event per trade. */
const PER_TRADE_EVENTS_UP_TO = 20;
const LONGEST_SESSION_MS = Math.max(...DURATION_OPTIONS) * MINUTE_MS;

/**
 * The one recording path for manual entry, imports and the live feed. In the caller's
 * transaction it stores the trades (a known external id is skipped, not doubled), files each
 * under the session that was running when it closed, updates that session's statistics,
 * raises the loss warnings once each, and stops the session when its P&L reached minus the
 * loss limit at any point of the batch. A trade for an ended session updates its statistics
 * but never its status.
 */
export async function recordTrades(tx: WriteTx, profile: ProfileRow, inputs: readonly TradeInput[], now: number): Promise<RecordingResult> {
  const result: RecordingResult = { trades: [], duplicates: 0, sessions: [], warnings: [], breached: false, events: [] };
  if (inputs.length === 0) return result;

  const lockout = await findRunningLockout(tx, profile.id, now);
  const ordered = [...inputs].sort((a, b) => a.closedAt - b.closedAt);
  const sessions = await sessionsCovering(tx, profile.id, ordered[0]!.closedAt, ordered.at(-1)!.closedAt);
  const latestBefore = await latestCloseTimes(tx, sessions);
  const rows = ordered.map((input) => toRow(input, profile.id, sessionAt(sessions, input.closedAt), now));

  result.trades = insertTrades(tx, rows);
  result.trades.sort((a, b) => a.closedAt - b.closedAt || a.id - b.id);
  result.duplicates = rows.length - result.trades.length;

  const bySession = new Map<number, TradeRow[]>();
  for (const trade of result.trades) {
    if (trade.sessionId === null) continue;
    const list = bySession.get(trade.sessionId);
    if (list) list.push(trade);
    else bySession.set(trade.sessionId, [trade]);
  }
  for (const session of sessions) {
    const trades = bySession.get(session.id);
    if (trades) result.sessions.push(await applyToSession(tx, profile, session, trades, latestBefore.get(session.id) ?? null, now, result));
  }

  const sessionViews = new Map(result.sessions.map((s) => [s.id, rowToSession(s)]));
  if (result.trades.length <= PER_TRADE_EVENTS_UP_TO) {
    for (const trade of result.trades) {
      result.events.unshift({ type: 'trade_recorded', trade: rowToTrade(trade), session: trade.sessionId === null ? null : (sessionViews.get(trade.sessionId) ?? null) });
    }
  } else {
    for (const view of sessionViews.values()) result.events.unshift({ type: 'session_changed', session: view });
  }
  const lockedOut = lockedOutTradeEvent(lockout, result.trades, profile.currency);
  if (lockedOut) result.events.push(lockedOut);
  return result;
}

async function applyToSession(tx: WriteTx, profile: ProfileRow, session: SessionRow, trades: TradeRow[], latestBefore: number | null, now: number, result: RecordingResult): Promise<SessionRow> {
  const limit = fromMicros(session.lossLimitAmount);
  let running = fromMicros(session.realizedPnl);
  let lowest = running;
  let grossProfit = fromMicros(session.grossProfit);
  let grossLoss = fromMicros(session.grossLoss);
  let wins = 0;
  let losses = 0;
  for (const trade of trades) {
    const pnl = fromMicros(trade.realizedPnl);
    running = running.plus(pnl);
    lowest = Decimal.min(lowest, running);
    if (pnl.isPositive() && !pnl.isZero()) {
      wins += 1;
      grossProfit = grossProfit.plus(pnl);
    } else if (pnl.isNegative() && !pnl.isZero()) {
      losses += 1;
      grossLoss = grossLoss.plus(pnl);
    }
  }
  const balance = fromMicros(session.balanceAtCreation);
  let updated = await updateSession(tx, session.id, {
    totalTrades: session.totalTrades + trades.length,
    winningTrades: session.winningTrades + wins,
    losingTrades: session.losingTrades + losses,
    realizedPnl: toMicros(running),
    grossProfit: toMicros(grossProfit),
    grossLoss: toMicros(grossLoss),
    sessionPerformancePercentage: balance.isZero() ? null : toBasisPoints(roundPercentage(running.dividedBy(balance).times(100))),
    updatedAt: now,
  });

  const batchPnl = running.minus(fromMicros(session.realizedPnl));
  const ended = session.status !== 'active';
  // A trade that closed before ones already recorded (a late import) changes the path the
  // P&L took, so the lowest point is recomputed over the whole session in close order.
  if (!ended && latestBefore !== null && trades[0]!.closedAt < latestBefore) lowest = await lowestCumulative(tx, session.id);
  await appendEvent(tx, session.id, ended ? 'late_trade' : 'trade_recorded', now, {
    count: trades.length,
    tradeIds: trades.slice(0, 50).map((t) => t.id),
    pnl: toMoneyString(batchPnl),
    source: trades[0]!.source,
  });

  if (ended) {
    if (session.balanceApplied === 1 && !batchPnl.isZero()) await applyToBalance(tx, profile, session.id, toMicros(batchPnl), now);
    return updated;
  }

  const usedShare = lowest.isNegative() ? lowest.negated().dividedBy(limit).times(100) : new Decimal(0);
  const fresh: WarningKind[] = [];
  for (const warning of LOSS_WARNINGS) {
    if (usedShare.lessThan(warning.share)) continue;
    const raised = await appendOnceEvent(tx, session.id, 'warning_raised', warning.kind, now, { kind: warning.kind, used: toPercentString(roundPercentage(usedShare)) });
    if (raised) fresh.push(warning.kind);
  }
  const breached = lowest.lessThanOrEqualTo(limit.negated());
  if (breached) {
    await appendEvent(tx, session.id, 'limit_breached', now, { realizedPnl: toMoneyString(running), lowest: toMoneyString(lowest), lossLimitAmount: toMoneyString(limit) });
    const ending = await endSession(tx, updated, profile, { status: 'stopped', reason: 'loss_limit', endTime: now, now });
    updated = ending.session;
    const view = rowToSession(updated);
    result.breached = true;
    result.events.push({ type: 'breach', session: view, message: `Session P&L ${formatMoney(view.realizedPnl, profile.currency)} against a loss limit of ${formatMoney(view.lossLimitAmount, profile.currency)}. The session is stopped: stop trading.` });
    result.events.push(...ending.events);
  } else if (fresh.length > 0) {
    // Several thresholds crossed at once: all are logged, the trader is told the most urgent.
    const kind = fresh.at(-1)!;
    const view = rowToSession(updated);
    result.events.push({ type: 'warning', kind, session: view, message: lossWarningMessage(kind, view.realizedPnl, view.lossLimitAmount, profile.currency) });
  }
  result.warnings.push(...fresh);
  return updated;
}

function lossWarningMessage(kind: WarningKind, pnl: string, limit: string, currency: string): string {
  const share = kind === 'loss_50' ? '50' : kind === 'loss_75' ? '75' : '90';
  return `${share} % of the loss limit used: session P&L ${formatMoney(pnl, currency)} against a limit of ${formatMoney(limit, currency)}.`;
}

/** The close time of each active session's latest trade, before this batch is added. */
async function latestCloseTimes(tx: WriteTx, sessions: readonly SessionRow[]): Promise<Map<number, number>> {
  const latest = new Map<number, number>();
  for (const session of sessions) {
    if (session.status !== 'active' || session.totalTrades === 0) continue;
    const row = await tx.selectFrom('trade').select('closedAt').where('sessionId', '=', session.id).orderBy('closedAt', 'desc').limit(1).executeTakeFirst();
    if (row) latest.set(session.id, row.closedAt);
  }
  return latest;
}

/** The lowest the session's cumulative P&L went, trade by trade in close order. */
async function lowestCumulative(tx: WriteTx, sessionId: number): Promise<Decimal> {
  const rows = await tx.selectFrom('trade').select('realizedPnl').where('sessionId', '=', sessionId).orderBy('closedAt').orderBy('id').execute();
  let running = new Decimal(0);
  let lowest = running;
  for (const row of rows) {
    running = running.plus(fromMicros(row.realizedPnl));
    lowest = Decimal.min(lowest, running);
  }
  return lowest;
}

/**
 * Started sessions of the profile whose time span touches [from, to], oldest first. A session
 * never runs longer than the longest duration, so only those started within that much before
 * `from` can cover it, which keeps the lookup an index range however long the history is.
 */
async function sessionsCovering(tx: WriteTx, userId: number, from: number, to: number): Promise<SessionRow[]> {
  return tx
    .selectFrom('TradingSession')
    .selectAll()
    .where('userId', '=', userId)
    .where('startTime', '>=', from - LONGEST_SESSION_MS)
    .where('startTime', '<=', to)
    .where((eb) => eb.or([eb('endTime', 'is', null), eb('endTime', '>', from)]))
    .orderBy('startTime')
    .execute();
}

/** The session running at a close time: started at or before it, and not yet ended. */
function sessionAt(sessions: readonly SessionRow[], closedAt: number): number | null {
  for (let i = sessions.length - 1; i >= 0; i -= 1) {
    const s = sessions[i]!;
    if (s.startTime! <= closedAt) return s.endTime === null || closedAt < s.endTime ? s.id : null;
  }
  return null;
}

function toRow(input: TradeInput, userId: number, sessionId: number | null, now: number): Omit<TradeRow, 'id'> {
  return {
    userId,
    sessionId,
    source: input.source,
    externalId: input.externalId ?? null,
    account: input.account ?? null,
    symbol: input.symbol ?? null,
    side: input.side ?? null,
    quantity: input.quantity ?? null,
    entryPrice: input.entryPrice ?? null,
    exitPrice: input.exitPrice ?? null,
    pointValue: input.pointValue ?? null,
    fees: toMicros(input.fees),
    realizedPnl: toMicros(input.realizedPnl),
    openedAt: input.openedAt ?? null,
    closedAt: input.closedAt,
    note: input.note ?? null,
    createdAt: now,
  };
}
