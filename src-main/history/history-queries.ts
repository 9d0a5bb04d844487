import { sql } from 'kysely';
import type { ParsedRequestOf } from '../contract/channels.ts';
import type { HistoryPage } from '../contract/views.ts';
import { rowToSession } from '../sessions/session-repository.ts';
import { compiledPerShape } from '../storage/compiled-once.ts';
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
  const rows = await pageRows(db, userId, request, pageSize, (page - 1) * pageSize);
  const [count] = await pageCount(db, userId, request);
  return { items: rows.map(rowToSession), total: count!.n, page, pageSize };
}

/**
 * What a filter set binds, in the order `filteredSessions` writes them; the forms of the SQL are
 * named by which filters are there (and how long each list is), so each is compiled once.
 */
function filterShape(filters: SessionFilters): string {
  return `${filters.statuses?.length ?? 0}|${filters.reasons?.length ?? 0}|${filters.durations?.length ?? 0}|${filters.from ? 1 : 0}|${filters.to ? 1 : 0}`;
}

function filterValues(userId: number, filters: SessionFilters): unknown[] {
  const values: unknown[] = [userId];
  if (filters.statuses?.length) values.push(...filters.statuses);
  if (filters.reasons?.length) values.push(...filters.reasons);
  if (filters.durations?.length) values.push(...filters.durations);
  if (filters.from) values.push(Date.parse(filters.from));
  if (filters.to) values.push(Date.parse(filters.to));
  return values;
}

// Each page of the history (and the worker reads one per click) builds the same few statements: compiled once per form.
const pageRows = compiledPerShape(
  (db, userId: number, request: HistoryRequest, limit: number, offset: number) => {
    const sortColumn =
      request.sort === 'pnl' ? sql`"realizedPnl"` : request.sort === 'performance' ? sql`coalesce("sessionPerformancePercentage", 0)` : startedAt;
    const direction = request.direction ?? 'desc';
    return filteredSessions(db, userId, request).selectAll().orderBy(sortColumn, direction).orderBy('id', direction).limit(limit).offset(offset);
  },
  (_userId, request) => `${filterShape(request)}|${request.sort ?? 'start'}|${request.direction ?? 'desc'}`,
  (userId, request, limit, offset) => [...filterValues(userId, request), limit, offset],
);

const pageCount = compiledPerShape(
  (db, userId: number, filters: SessionFilters) => filteredSessions(db, userId, filters).select((eb) => eb.fn.countAll<number>().as('n')),
  (_userId, filters) => filterShape(filters),
  (userId, filters) => filterValues(userId, filters),
);
