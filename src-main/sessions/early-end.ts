import { compiledOnce } from '../storage/compiled-once.ts';
import type { AppEvent } from '../contract/events.ts';
import type { EarlyEndKind, EarlyEndView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import { formatClock } from '../format/time-text.ts';
import type { ProfileRow, SessionRow, WriteTx } from '../storage/tables.ts';
import { MINUTE_MS, toIso } from '../time/clock.ts';
import { findOpenRequest, resolveRequest, rowToEarlyEnd } from './early-end-repository.ts';
import { appendEvent } from './session-events.ts';
import { endSession } from './session-ending.ts';
import { rowToSession, updateSession } from './session-repository.ts';
import { readStoredRules } from './stored-rules.ts';

/**
 * Ending a session early, or shortening the lockout after a stop, has a price chosen in
 * advance: the cool-off set at setup. The trader asks, waits it out, then confirms within a
 * window; a request not confirmed in time lapses, so asking "just in case" at the start buys
 * nothing. A running lockout is never lifted at once. Every request and its outcome is an
 * event on the session.
 */
export const CONFIRM_WINDOW_MS = 10 * MINUTE_MS;

export interface EarlyEndChange {
  request: EarlyEndView;
  events: AppEvent[];
}

export function coolOffOf(session: SessionRow): number {
  return readStoredRules(session).coolOffMinutes;
}

export async function requestEarlyEnd(tx: WriteTx, profile: ProfileRow, session: SessionRow, kind: EarlyEndKind, now: number): Promise<EarlyEndChange> {
  if (kind === 'stop' && session.status !== 'active')
    throw new AppError('invalid_transition', `Session ${session.id} is not running; there is nothing to end early.`);
  if (kind === 'shorten_lockout') {
    if (session.lockoutUntil === null || session.lockoutUntil <= now) throw new AppError('invalid_transition', `Session ${session.id} has no lockout running.`);
    if (session.terminationReason === 'daily_loss_limit')
      throw new AppError('invalid_transition', 'The daily loss limit’s lockout ends when the next trading day starts; it can’t be shortened.');
    // Without a wait chosen in advance, shortening would lift the lockout at once.
    if (coolOffOf(session) === 0) throw new AppError('invalid_transition', 'This session was set up without a cool-off, so its lockout runs to its end.');
  }
  const open = await findOpenRequest(tx, session.id, kind);
  if (open) return { request: rowToEarlyEnd(open), events: [] };
  const confirmableAt = now + coolOffOf(session) * MINUTE_MS;
  const row = await tx
    .insertInto('early_end_request')
    .values({ sessionId: session.id, kind, requestedAt: now, confirmableAt, expiresAt: confirmableAt + CONFIRM_WINDOW_MS, outcome: null, resolvedAt: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEvent(tx, session.id, 'early_end_requested', now, {
    requestId: row.id,
    kind,
    confirmableAt: toIso(confirmableAt),
    expiresAt: toIso(row.expiresAt),
  });
  const request = rowToEarlyEnd(row);
  const what = kind === 'stop' ? 'end the session' : 'shorten the lockout';
  return {
    request,
    events: [
      {
        type: 'early_end',
        request,
        message: `You asked to ${what}. The cool-off you chose runs until ${formatClock(confirmableAt, profile.timeZone)}; confirm within ${CONFIRM_WINDOW_MS / MINUTE_MS} minutes after it.`,
      },
    ],
  };
}

/**
 * Confirms a request whose cool-off is over: the session stops (by hand), or the lockout ends
 * now. Too early is refused; too late lapses the request; a session that ended meanwhile makes it moot.
 */
export async function confirmEarlyEnd(tx: WriteTx, profile: ProfileRow, session: SessionRow, requestId: number, now: number): Promise<EarlyEndChange> {
  const row = await tx.selectFrom('early_end_request').selectAll().where('id', '=', requestId).where('sessionId', '=', session.id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `Request ${requestId} does not exist.`);
  if (row.outcome !== null) throw new AppError('invalid_transition', `Request ${requestId} was already ${row.outcome}.`);
  if (now < row.confirmableAt) {
    throw new AppError('cool_off_running', `The cool-off you chose runs until ${formatClock(row.confirmableAt, profile.timeZone)}; confirm after that.`, {
      details: { until: toIso(row.confirmableAt) },
    });
  }
  if (now >= row.expiresAt) {
    const lapsed = rowToEarlyEnd(await resolveRequest(tx, row, 'lapsed', now));
    return {
      request: lapsed,
      events: [{ type: 'early_end', request: lapsed, message: 'The request lapsed: it was not confirmed in time. Ask again to start a new cool-off.' }],
    };
  }
  if (row.kind === 'stop') {
    if (session.status !== 'active') return moot(tx, row, now);
    const confirmed = rowToEarlyEnd(await resolveRequest(tx, row, 'confirmed', now));
    const ended = await endSession(tx, session, profile, { status: 'stopped', reason: 'manual', endTime: now, now });
    return { request: confirmed, events: [{ type: 'early_end', request: confirmed, message: 'You confirmed: the session is ended.' }, ...ended.events] };
  }
  if (session.lockoutUntil === null || session.lockoutUntil <= now) return moot(tx, row, now);
  const confirmed = rowToEarlyEnd(
    await resolveRequest(tx, row, 'confirmed', now, { lockoutUntilBefore: toIso(session.lockoutUntil), lockoutUntilAfter: toIso(now) }),
  );
  const shortened = await updateSession(tx, session.id, { lockoutUntil: now, updatedAt: now });
  await appendEvent(tx, session.id, 'lockout_shortened', now, { requestId: row.id, from: toIso(session.lockoutUntil), to: toIso(now) });
  return {
    request: confirmed,
    events: [
      { type: 'early_end', request: confirmed, message: 'You confirmed: the lockout is over.' },
      { type: 'session_changed', session: rowToSession(shortened) },
    ],
  };
}

export async function cancelEarlyEnd(tx: WriteTx, session: SessionRow, requestId: number, now: number): Promise<EarlyEndChange> {
  const row = await tx.selectFrom('early_end_request').selectAll().where('id', '=', requestId).where('sessionId', '=', session.id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `Request ${requestId} does not exist.`);
  if (row.outcome !== null) throw new AppError('invalid_transition', `Request ${requestId} was already ${row.outcome}.`);
  const cancelled = rowToEarlyEnd(await resolveRequest(tx, row, 'cancelled', now));
  return { request: cancelled, events: [{ type: 'early_end', request: cancelled, message: 'Request cancelled: the commitment stands.' }] };
}

// Every change of a session (and the timer every second) asks: compiled once.
const dueRequests = compiledOnce(
  (db, now: number) => db.selectFrom('early_end_request').selectAll().where('outcome', 'is', null).where('expiresAt', '<=', now),
  (now) => [now],
);

/** Requests whose confirmation window closed unconfirmed, lapsed (the timer's beat). */
export async function lapseDueRequests(tx: WriteTx, now: number): Promise<AppEvent[]> {
  const due = await dueRequests(tx, now);
  const events: AppEvent[] = [];
  for (const row of due) {
    const lapsed = rowToEarlyEnd(await resolveRequest(tx, row, 'lapsed', now));
    events.push({ type: 'early_end', request: lapsed, message: 'The request lapsed: it was not confirmed in time. Ask again to start a new cool-off.' });
  }
  return events;
}

async function moot(tx: WriteTx, row: Parameters<typeof resolveRequest>[1], now: number): Promise<EarlyEndChange> {
  const view = rowToEarlyEnd(await resolveRequest(tx, row, 'moot', now));
  return { request: view, events: [{ type: 'early_end', request: view, message: 'Nothing left to end: the session or its lockout is already over.' }] };
}
