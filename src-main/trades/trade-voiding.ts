import type { AppEvent } from '../contract/events.ts';
import { AppError } from '../errors/app-error.ts';
import { bigToMoneyString, bigToMicros } from '../money/money.ts';
import { ledgerContext } from '../sessions/ledger-context.ts';
import { writeLedgerOutcome } from '../sessions/ledger-writes.ts';
import { EMPTY_LEDGER, runLedger } from '../sessions/session-ledger.ts';
import { appendEvent } from '../sessions/session-events.ts';
import { applyToBalance } from '../sessions/session-ending.ts';
import { findSession, raisedOnceKeys, rowToSession } from '../sessions/session-repository.ts';
import { inJsonList } from '../storage/json-list.ts';
import type { ProfileRow, SessionRow, TradeRow, WriteTx } from '../storage/tables.ts';
import { ledgerTradesOfSession } from './trade-repository.ts';

export interface VoidOutcome {
  /** The trades voided now (ones voided before are left as they were). */
  voided: TradeRow[];
  sessions: SessionRow[];
  breached: boolean;
  /** To emit after the transaction commits. */
  events: AppEvent[];
}

/**
 * Voids trades of a profile, with a reason, in the caller's transaction: they stay in the
 * record and count nowhere. Each session they belonged to is replayed through the ledger
 * without them. Commitments hold: an ended session keeps its status and a running lockout
 * stays; an active one can still be stopped, if what is left reaches a rule. The session's
 * record says when its stop had been caused by a trade now voided.
 */
export async function voidTrades(tx: WriteTx, profile: ProfileRow, tradeIds: readonly number[], reason: string, now: number): Promise<VoidOutcome> {
  const outcome: VoidOutcome = { voided: [], sessions: [], breached: false, events: [] };
  if (tradeIds.length === 0) return outcome;
  const rows = await tx.selectFrom('trade').selectAll().where('userId', '=', profile.id).where('id', 'in', inJsonList(tradeIds)).execute();
  const missing = tradeIds.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) throw new AppError('not_found', `Trade ${missing[0]} does not exist.`);
  outcome.voided = rows.filter((row) => row.voidedAt === null).map((row) => ({ ...row, voidedAt: now, voidReason: reason }));
  if (outcome.voided.length === 0) return outcome;
  const ids = outcome.voided.map((row) => row.id);
  await tx.updateTable('trade').set({ voidedAt: now, voidReason: reason }).where('id', 'in', inJsonList(ids)).execute();

  const sessionIds = [...new Set(outcome.voided.map((row) => row.sessionId).filter((id): id is number => id !== null))];
  for (const sessionId of sessionIds) {
    const session = (await findSession(tx, sessionId))!;
    const voidedHere = outcome.voided.filter((row) => row.sessionId === sessionId).map((row) => row.id);
    const trades = await ledgerTradesOfSession(tx, sessionId);
    const replay = runLedger({
      ...(await ledgerContext(tx, session, trades)),
      from: EMPTY_LEDGER,
      trades,
      raised: new Set(await raisedOnceKeys(tx, sessionId)),
      canStop: session.status === 'active',
      record: 'none',
    });
    const delta = replay.state.pnl - BigInt(session.realizedPnl);
    await appendEvent(tx, sessionId, 'trade_voided', now, {
      tradeIds: voidedHere.slice(0, 50),
      count: voidedHere.length,
      reason,
      pnlBefore: bigToMoneyString(BigInt(session.realizedPnl)),
      pnlAfter: bigToMoneyString(replay.state.pnl),
      stopCausedByVoidedTrade: await stoppedBy(tx, session, voidedHere),
    });
    const written = await writeLedgerOutcome(tx, profile, session, replay, (trade) => trade.id!, now);
    if (session.status !== 'active' && session.balanceApplied === 1 && delta !== 0n) await applyToBalance(tx, profile, sessionId, bigToMicros(delta), now);
    outcome.sessions.push(written.session);
    outcome.breached ||= written.breached;
    outcome.events.push({ type: 'session_changed', session: rowToSession(written.session) }, ...written.events);
  }
  return outcome;
}

/** Whether the trade that stopped the session is among those voided. */
async function stoppedBy(tx: WriteTx, session: SessionRow, tradeIds: readonly number[]): Promise<boolean> {
  if (session.status !== 'stopped' || session.terminationReason === 'manual') return false;
  const breach = await tx
    .selectFrom('session_event')
    .select('payload')
    .where('sessionId', '=', session.id)
    .where('type', '=', 'limit_breached')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!breach) return false;
  const payload = JSON.parse(breach.payload) as { tradeId?: unknown; outsideTradeIds?: unknown };
  // Stopped by trades outside it: its own last trade (`tradeId`) did not cause the stop.
  if (payload.outsideTradeIds !== undefined) return false;
  return typeof payload.tradeId === 'number' && tradeIds.includes(payload.tradeId);
}
