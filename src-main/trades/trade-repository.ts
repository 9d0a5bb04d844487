import type { TradeView } from '../contract/views.ts';
import { microsToMoneyString } from '../money/money.ts';
import type { ReadDb, TradeRow } from '../storage/tables.ts';
import { toIso, toIsoOrNull } from '../time/clock.ts';

export function rowToTrade(row: TradeRow): TradeView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    source: row.source,
    externalId: row.externalId,
    account: row.account,
    symbol: row.symbol,
    side: row.side,
    quantity: row.quantity,
    entryPrice: row.entryPrice,
    exitPrice: row.exitPrice,
    pointValue: row.pointValue,
    fees: microsToMoneyString(row.fees),
    realizedPnl: microsToMoneyString(row.realizedPnl),
    openedAt: toIsoOrNull(row.openedAt),
    closedAt: toIso(row.closedAt),
    note: row.note,
  };
}

/** A session's trades in the order they closed. */
export async function listTradesOfSession(db: ReadDb, sessionId: number): Promise<TradeRow[]> {
  return db.selectFrom('trade').selectAll().where('sessionId', '=', sessionId).orderBy('closedAt').orderBy('id').execute();
}
