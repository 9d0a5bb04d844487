import type { AppEvent } from '../contract/events.ts';
import { REASON_LABELS, RULE_REASONS, type SessionStatus, type TerminationReason } from '../contract/views.ts';
import { formatMoney } from '../format/money-text.ts';
import { fromMicros, microsToMoneyString, toMicros, toMoneyString } from '../money/money.ts';
import { AppError } from '../errors/app-error.ts';
import { compiledOnce } from '../storage/compiled-once.ts';
import type { ProfileRow, SessionRow, SessionUpdate, WriteTx } from '../storage/tables.ts';
import { MINUTE_MS } from '../time/clock.ts';
import { tradingDayAt } from '../time/trading-day.ts';
import { findOpenRequest, resolveRequest } from './early-end-repository.ts';
import { appendEvent } from './session-events.ts';
import { readStoredRules } from './stored-rules.ts';
import { rowToSession, updateSession } from './session-repository.ts';

export interface EndRequest {
  status: Extract<SessionStatus, 'completed' | 'stopped' | 'expired'>;
  reason: TerminationReason;
  endTime: number;
  /** When the app decided it (differs from endTime for a catch-up expiry). */
  now: number;
}

/**
 * The one way a session ends, whatever ended it: final status, duration, the lockout after
 * a loss-limit stop, the P&L applied to the balance, and the audit events, in the caller's
 * transaction. Returns the events to emit once that transaction commits.
 */
export async function endSession(
  tx: WriteTx,
  session: SessionRow,
  profile: ProfileRow,
  request: EndRequest,
): Promise<{ session: SessionRow; events: AppEvent[] }> {
  const lockoutUntil = isRuleReason(request.reason) ? lockoutEnd(session, profile, request.reason, request.now) : null;
  // A wall clock stepped back can put "now" before the start; a session never ends before it began.
  const endTime = session.startTime === null ? request.endTime : Math.max(request.endTime, session.startTime);
  let ended = await writeEnd(tx, session.id, {
    status: request.status,
    terminationReason: request.reason,
    endTime,
    actualDurationMinutes: session.startTime === null ? null : Math.round((endTime - session.startTime) / MINUTE_MS),
    lockoutUntil,
    updatedAt: request.now,
  });
  await appendEvent(tx, session.id, request.status, request.now, {
    reason: request.reason,
    endTime: new Date(endTime).toISOString(),
    realizedPnl: rowToSession(ended).realizedPnl,
    ...(lockoutUntil !== null && { lockoutUntil: new Date(lockoutUntil).toISOString() }),
  });

  // However it ended, a request to end it early has nothing left to end.
  const pending = await findOpenRequest(tx, session.id, 'stop');
  if (pending) await resolveRequest(tx, pending, 'moot', request.now);

  // Marked even for a zero P&L, so a late trade for this session still reaches the balance.
  if (profile.applyPnlToBalance === 1) {
    if (ended.realizedPnl !== 0) await applyToBalance(tx, profile, session.id, ended.realizedPnl, request.now);
    ended = await updateSession(tx, session.id, { balanceApplied: 1 });
  }

  const view = rowToSession(ended);
  return {
    session: ended,
    events: [{ type: 'session_ended', session: view, message: endMessage(view.status, request.reason, view.realizedPnl, profile.currency) }],
  };
}

type EndColumns = Required<Pick<SessionUpdate, 'status' | 'terminationReason' | 'endTime' | 'actualDurationMinutes' | 'lockoutUntil' | 'updatedAt'>>;

// Every end writes the same columns (a stop among them, on the way to its breach event): compiled once.
const endUpdate = compiledOnce(
  (db, id: number, end: EndColumns) =>
    (db as WriteTx)
      .updateTable('TradingSession')
      .set({
        status: end.status,
        terminationReason: end.terminationReason,
        endTime: end.endTime,
        actualDurationMinutes: end.actualDurationMinutes,
        lockoutUntil: end.lockoutUntil,
        updatedAt: end.updatedAt,
      })
      .where('id', '=', id)
      .returningAll(),
  (id, end) => [end.status, end.terminationReason, end.endTime, end.actualDurationMinutes, end.lockoutUntil, end.updatedAt, id],
);

async function writeEnd(tx: WriteTx, id: number, end: EndColumns): Promise<SessionRow> {
  const [row] = await endUpdate(tx, id, end);
  if (!row) throw new AppError('not_found', `Session ${id} does not exist.`);
  return row;
}

/** Adds a P&L to the profile's balance and logs it on the session. */
export async function applyToBalance(tx: WriteTx, profile: ProfileRow, sessionId: number, pnlMicros: number, now: number): Promise<void> {
  const current = await tx.selectFrom('profile').select('balance').where('id', '=', profile.id).executeTakeFirstOrThrow();
  const before = fromMicros(current.balance);
  const after = before.plus(fromMicros(pnlMicros));
  await tx
    .updateTable('profile')
    .set({ balance: toMicros(after), updatedAt: now })
    .where('id', '=', profile.id)
    .execute();
  await appendEvent(tx, sessionId, 'balance_applied', now, { before: toMoneyString(before), after: toMoneyString(after), pnl: microsToMoneyString(pnlMicros) });
}

function isRuleReason(reason: TerminationReason): boolean {
  return (RULE_REASONS as readonly string[]).includes(reason);
}

/**
 * A stop by a rule locks new sessions: the daily loss limit until the next trading day starts;
 * any other rule until the stopped session's planned end (the trader meant to stop for that
 * long), or for the profile's chosen time.
 */
function lockoutEnd(session: SessionRow, profile: ProfileRow, reason: TerminationReason, now: number): number {
  const daily = readStoredRules(session).dailyLossLimit;
  if (reason === 'daily_loss_limit' && daily) return tradingDayAt(now, { minutes: daily.boundaryMinutes, timeZone: daily.timeZone }).end;
  if (profile.lockoutMinutes !== null) return now + profile.lockoutMinutes * MINUTE_MS;
  return session.plannedEndTime ?? now;
}

function endMessage(status: SessionStatus, reason: TerminationReason, pnl: string, currency: string): string {
  const result = `Session P&L ${formatMoney(pnl, currency)}.`;
  if (isRuleReason(reason)) return `The ${REASON_LABELS[reason].toLowerCase()} stopped the session. ${result}`;
  if (reason === 'manual') return `Session stopped. ${result}`;
  if (reason === 'not_started') return 'The session was never started and expired after 24 hours.';
  return status === 'completed' ? `Time is up: the session is complete. ${result}` : `The session's time ran out while Sessionguard was not running. ${result}`;
}
