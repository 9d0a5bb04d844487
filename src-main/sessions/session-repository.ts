import type { SessionEventView, SessionView } from '../contract/views.ts';
import { basisPointsToPercentString, microsToMoneyString } from '../money/money.ts';
import { toIso, toIsoOrNull } from '../time/clock.ts';
import { sql } from 'kysely';
import type { ReadDb, SessionEventRow, SessionRow, SessionUpdate, WriteTx } from '../storage/tables.ts';
import { roomFigures, sessionFigures } from './session-figures.ts';
import { PENDING_EXPIRY_MS } from './session-rules.ts';
import { readStoredRules, rulesView } from './stored-rules.ts';
import { AppError } from '../errors/app-error.ts';
import { compiledOnce } from '../storage/compiled-once.ts';

/**
 * Open sessions, written as a literal so SQLite can use the partial indexes on open sessions
 * (a bound parameter would hide from the planner that the index covers the query), which
 * keeps the per-second timer check and every create off a scan of the whole history.
 */
export const isOpen = sql<boolean>`"status" in ('pending', 'active')`;

export function rowToSession(row: SessionRow): SessionView {
  return {
    id: row.id,
    userId: row.userId,
    status: row.status,
    durationMinutes: row.durationMinutes,
    lossLimitAmount: microsToMoneyString(row.lossLimitAmount),
    lossLimitPercentage: basisPointsToPercentString(row.lossLimitPercentage),
    balanceAtCreation: microsToMoneyString(row.balanceAtCreation),
    startTime: toIsoOrNull(row.startTime),
    plannedEndTime: toIsoOrNull(row.plannedEndTime),
    endTime: toIsoOrNull(row.endTime),
    actualDurationMinutes: row.actualDurationMinutes,
    totalTrades: row.totalTrades,
    winningTrades: row.winningTrades,
    losingTrades: row.losingTrades,
    realizedPnl: microsToMoneyString(row.realizedPnl),
    grossProfit: microsToMoneyString(row.grossProfit),
    grossLoss: microsToMoneyString(row.grossLoss),
    sessionPerformancePercentage: row.sessionPerformancePercentage === null ? null : basisPointsToPercentString(row.sessionPerformancePercentage),
    terminationReason: row.terminationReason,
    ...sessionFigures(row),
    ...roomFigures(row),
    lockoutUntil: toIsoOrNull(row.lockoutUntil),
    rules: rulesView(readStoredRules(row)),
    pendingExpiresAt: row.status === 'pending' ? toIso(row.createdAt + PENDING_EXPIRY_MS) : null,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

export function rowToEvent(row: SessionEventRow): SessionEventView {
  return { id: row.id, sessionId: row.sessionId, type: row.type, at: toIso(row.at), payload: JSON.parse(row.payload) as Record<string, unknown> };
}

export async function findSession(db: ReadDb, id: number): Promise<SessionRow | undefined> {
  return db.selectFrom('TradingSession').selectAll().where('id', '=', id).executeTakeFirst();
}

const openSessionOf = compiledOnce(
  (db, userId: number) => db.selectFrom('TradingSession').selectAll().where('userId', '=', userId).where(isOpen),
  (userId) => [userId],
);

export async function findOpenSession(db: ReadDb, userId: number): Promise<SessionRow | undefined> {
  return (await openSessionOf(db, userId))[0];
}

/** The latest lockout end among the profile's loss-limit stops, if one is still running. */
export async function findRunningLockout(db: ReadDb, userId: number, now: number): Promise<SessionRow | undefined> {
  let latest: SessionRow | undefined;
  for (const row of await runningLockouts(db, userId, now)) if (latest === undefined || row.lockoutUntil! > latest.lockoutUntil!) latest = row;
  return latest;
}

/**
 * Every create, and every trade outside a session, asks: compiled once. The latest is picked
 * in JS, not by ORDER BY ... LIMIT 1: with an ORDER BY beside `userId = ?`, SQLite marks the
 * statement to be compiled again whenever a value is bound (15 µs, most of the query's cost),
 * and the profile's running lockouts are at most a few rows of the partial lockout index.
 */
const runningLockouts = compiledOnce(
  (db, userId: number, now: number) => db.selectFrom('TradingSession').selectAll().where('userId', '=', userId).where('lockoutUntil', '>', now),
  (userId, now) => [userId, now],
);

/** Whether an open session is due to close: active past its planned end, or never started in time. */
export function isDue(row: SessionRow, now: number): boolean {
  if (row.status === 'active') return row.plannedEndTime !== null && row.plannedEndTime <= now;
  return row.status === 'pending' && row.createdAt <= now - PENDING_EXPIRY_MS;
}

/** The open sessions that are due (see `isDue`): at most one per profile, so picked from all of them. */
export async function findDueSessions(db: ReadDb, now: number): Promise<SessionRow[]> {
  return (await findOpenSessions(db)).filter((row) => isDue(row, now));
}

/**
 * Every change of a session (and the timer every second) reads these once, to close the due
 * ones and raise the others' time warnings, and a create to find the profile's: compiled once.
 */
const openSessions = compiledOnce(
  (db) => db.selectFrom('TradingSession').selectAll().where(isOpen),
  () => [],
);

export async function findOpenSessions(db: ReadDb): Promise<SessionRow[]> {
  return openSessions(db);
}

export async function updateSession(tx: WriteTx, id: number, changes: SessionUpdate): Promise<SessionRow> {
  return tx.updateTable('TradingSession').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** What every recorded trade writes to its session: the ledger's columns, the performance and the time. */
export type SessionFiguresUpdate = Required<
  Pick<
    SessionUpdate,
    | 'totalTrades'
    | 'winningTrades'
    | 'losingTrades'
    | 'realizedPnl'
    | 'grossProfit'
    | 'grossLoss'
    | 'ledgerState'
    | 'sessionPerformancePercentage'
    | 'updatedAt'
  >
>;

const figuresUpdate = compiledOnce(
  (db, id: number, c: SessionFiguresUpdate) =>
    (db as WriteTx)
      .updateTable('TradingSession')
      .set({
        totalTrades: c.totalTrades,
        winningTrades: c.winningTrades,
        losingTrades: c.losingTrades,
        realizedPnl: c.realizedPnl,
        grossProfit: c.grossProfit,
        grossLoss: c.grossLoss,
        ledgerState: c.ledgerState,
        sessionPerformancePercentage: c.sessionPerformancePercentage,
        updatedAt: c.updatedAt,
      })
      .where('id', '=', id)
      .returningAll(),
  (id, c) => [
    c.totalTrades,
    c.winningTrades,
    c.losingTrades,
    c.realizedPnl,
    c.grossProfit,
    c.grossLoss,
    c.ledgerState,
    c.sessionPerformancePercentage,
    c.updatedAt,
    id,
  ],
);

/** `updateSession` for the columns a recorded trade changes, on the hot path: the same statement every time. */
export async function updateSessionFigures(tx: WriteTx, id: number, changes: SessionFiguresUpdate): Promise<SessionRow> {
  const [row] = await figuresUpdate(tx, id, changes);
  if (!row) throw new AppError('not_found', `Session ${id} does not exist.`);
  return row;
}

export async function listSessionEvents(db: ReadDb, sessionId: number): Promise<SessionEventView[]> {
  const rows = await db.selectFrom('session_event').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute();
  return rows.map(rowToEvent);
}

const onceKeysOf = compiledOnce(
  (db, sessionId: number) => db.selectFrom('session_event').select('onceKey').where('sessionId', '=', sessionId).where('onceKey', 'is not', null),
  (sessionId) => [sessionId],
);

export async function raisedOnceKeys(db: ReadDb, sessionId: number): Promise<string[]> {
  return (await onceKeysOf(db, sessionId)).map((r) => r.onceKey as string);
}

/** A session of the given profile; another profile's session is as good as absent. */
export async function requireSessionOf(db: ReadDb, profileId: number, sessionId: number): Promise<SessionRow> {
  const row = await findSession(db, sessionId);
  if (!row || row.userId !== profileId) throw new AppError('not_found', `Session ${sessionId} does not exist.`);
  return row;
}
