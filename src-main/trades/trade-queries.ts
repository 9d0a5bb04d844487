import type { ParsedRequestOf } from '../contract/channels.ts';
import type { TradesPage } from '../contract/views.ts';
import type { ReadDb } from '../storage/tables.ts';
import { rowToTrade } from './trade-repository.ts';

export type TradesRequest = ParsedRequestOf<'listTrades'>;
export const DEFAULT_TRADES_PAGE_SIZE = 50;

/**
 * One page of a profile's trades, newest close first, whatever session they belong to:
 * filtered by source, by session (`'none'`: the trades no session holds), and by when they
 * were recorded (the lockout screen asks for those that arrived after the stop).
 */
export async function tradesPage(db: ReadDb, userId: number, request: TradesRequest): Promise<TradesPage> {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? DEFAULT_TRADES_PAGE_SIZE;
  let query = db.selectFrom('trade').where('userId', '=', userId);
  if (request.sources?.length) query = query.where('source', 'in', request.sources);
  if (request.session === 'none') query = query.where('sessionId', 'is', null);
  else if (request.session !== undefined) query = query.where('sessionId', '=', request.session);
  if (request.recordedAfter) query = query.where('createdAt', '>', Date.parse(request.recordedAfter));

  const [rows, count, outside] = await Promise.all([
    query
      .selectAll()
      .orderBy('closedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('trade')
      .where('userId', '=', userId)
      .where('sessionId', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(rowToTrade), total: count.n, page, pageSize, outsideSessions: outside.n };
}
