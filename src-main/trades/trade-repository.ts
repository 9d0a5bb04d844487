import type { TradeView } from '../contract/views.ts';
import { microsToMoneyString } from '../money/money.ts';
import type { CompiledQuery } from 'kysely';
import type { LedgerTrade } from '../sessions/session-ledger.ts';
import type { ReadDb, TradeRow, WriteTx } from '../storage/tables.ts';
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
    voidedAt: toIsoOrNull(row.voidedAt),
    voidReason: row.voidReason,
    batchId: row.batchId,
    inCooldown: row.inCooldown === 1,
  };
}

/** A session's trades in the order they closed. */
export async function listTradesOfSession(db: ReadDb, sessionId: number): Promise<TradeRow[]> {
  return db.selectFrom('trade').selectAll().where('sessionId', '=', sessionId).orderBy('closedAt').orderBy('id').execute();
}

/** Compiled once: its text never changes. */
let insertQuery: CompiledQuery | undefined;

const COLUMNS = [
  'userId',
  'sessionId',
  'source',
  'externalId',
  'account',
  'symbol',
  'side',
  'quantity',
  'entryPrice',
  'exitPrice',
  'pointValue',
  'fees',
  'realizedPnl',
  'openedAt',
  'closedAt',
  'note',
  'createdAt',
  'voidedAt',
  'voidReason',
  'batchId',
  'inCooldown',
] as const;

/**
 * Inserts trades, skipping any whose external id is already recorded, and returns the rows
 * stored: the same objects, each given its id (an import's 50,000 rows are not copied). Kysely
 * writes the statement once; it then runs prepared per row, which is what lets an import of
 * 100,000 fills keep pace with raw inserts.
 */
export function insertTrades(tx: WriteTx, rows: ReadonlyArray<Omit<TradeRow, 'id'>>): TradeRow[] {
  if (rows.length === 0) return [];
  const template = Object.fromEntries(COLUMNS.map((column) => [column, null])) as unknown as Omit<TradeRow, 'id'>;
  insertQuery ??= tx
    .insertInto('trade')
    .values(template)
    .onConflict((oc) => oc.columns(['userId', 'source', 'externalId']).where('externalId', 'is not', null).doNothing())
    .compile();
  const statement = tx.statement(insertQuery);
  const stored: TradeRow[] = [];
  // One array of values, refilled per row: an import binds 50,000 rows.
  const values: unknown[] = new Array(COLUMNS.length);
  for (const row of rows) {
    for (let i = 0; i < COLUMNS.length; i += 1) values[i] = row[COLUMNS[i]!];
    const result = statement.run(values);
    if (result.changes === 1) {
      const trade = row as TradeRow;
      trade.id = Number(result.lastInsertRowid);
      stored.push(trade);
    }
  }
  return stored;
}

/** A session's trades that count (not voided), as the ledger replays them, in close order. */
export async function ledgerTradesOfSession(db: ReadDb, sessionId: number): Promise<LedgerTrade[]> {
  const rows = await db
    .selectFrom('trade')
    .select(['id', 'closedAt', 'realizedPnl', 'fees'])
    .where('sessionId', '=', sessionId)
    .where('voidedAt', 'is', null)
    .orderBy('closedAt')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, seq: 0, closedAt: row.closedAt, pnl: BigInt(row.realizedPnl), fees: BigInt(row.fees) }));
}
