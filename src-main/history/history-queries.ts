import { sql } from 'kysely';
import type { ParsedRequestOf } from '../contract/channels.ts';
import type { HistoryPage } from '../contract/views.ts';
import { rowToSession } from '../sessions/session-repository.ts';
import type { ReadDb } from '../storage/tables.ts';

export type HistoryRequest = ParsedRequestOf<'getHistory'>;
export const DEFAULT_PAGE_SIZE = 50;

/** When a session counts as happening: its start, or its creation if it never started. */
const startedAt = sql<number>`coalesce("startTime", "createdAt")`;

export type SessionFilters = Pick<HistoryRequest, 'statuses' | 'reasons' | 'durations' | 'from' | 'to'>;

/** A profile's sessions that the filters select; the history page and the overview both start here. */
export function filteredSessions(db: ReadDb, userId: number, filters: SessionFilters) {
  let query = db.selectFrom('TradingSession').where('userId', '=', userId);
  if (filters.statuses?.length) query = query.where('status', 'in', filters.statuses);
  if (filters.reasons?.length) query = query.where('terminationReason', 'in', filters.reasons);
  if (filters.durations?.length) query = query.where('durationMinutes', 'in', filters.durations);
  if (filters.from) query = query.where(startedAt, '>=', Date.parse(filters.from));
  if (filters.to) query = query.where(startedAt, '<', Date.parse(filters.to));
  return query;
}

/** One page of a profile's sessions, newest first unless asked otherwise. */
export async function historyPage(db: ReadDb, userId: number, request: HistoryRequest): Promise<HistoryPage> {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const query = filteredSessions(db, userId, request);

  const direction = request.direction ?? 'desc';
  const sortColumn =
    request.sort === 'pnl' ? sql`"realizedPnl"` : request.sort === 'performance' ? sql`coalesce("sessionPerformancePercentage", 0)` : startedAt;
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy(sortColumn, direction)
      .orderBy('id', direction)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(rowToSession), total: count.n, page, pageSize };
}
