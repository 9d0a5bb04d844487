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
  insertQuery ??= tx
    .insertInto('trade')
    .values(Object.fromEntries(COLUMNS.map((column) => [column, null])) as unknown as Omit<TradeRow, 'id'>)
    .onConflict((oc) => oc.columns(['userId', 'source', 'externalId']).where('externalId', 'is not', null).doNothing())
    .compile();
  const statement = tx.statement(insertQuery);
  const stored: TradeRow[] = [];
  // One array of values, refilled per row: an import binds 100,000 rows.
  const values: unknown[] = new Array(COLUMNS.length);
  if (!bindChecked) bindChecked = bindsInColumnOrder(rows[0]!);
  for (const row of rows) {
    bindRow(row, values);
    const result = statement.run(values);
    if (result.changes === 1) {
      const trade = row as TradeRow;
      trade.id = Number(result.lastInsertRowid);
      stored.push(trade);
    }
  }
  return stored;
}

/**
 * A row's values in `COLUMNS` order, each read by name: a loop over the column names costs an
 * import of 100,000 trades more than the rest of its JavaScript (every read a lookup by a key).
 */
function bindRow(row: Omit<TradeRow, 'id'>, values: unknown[]): void {
  values[0] = row.userId;
  values[1] = row.sessionId;
  values[2] = row.source;
  values[3] = row.externalId;
  values[4] = row.account;
  values[5] = row.symbol;
  values[6] = row.side;
  values[7] = row.quantity;
  values[8] = row.entryPrice;
  values[9] = row.exitPrice;
  values[10] = row.pointValue;
  values[11] = row.fees;
  values[12] = row.realizedPnl;
  values[13] = row.openedAt;
  values[14] = row.closedAt;
  values[15] = row.note;
  values[16] = row.createdAt;
  values[17] = row.voidedAt;
  values[18] = row.voidReason;
  values[19] = row.batchId;
  values[20] = row.inCooldown;
}

/** Set once `bindRow` was seen to agree with `COLUMNS` (checked on the first insert, so a column added to one and not the other fails at once). */
let bindChecked = false;

function bindsInColumnOrder(row: Omit<TradeRow, 'id'>): boolean {
  const probe = { ...row } as Record<string, unknown>;
  const marked: unknown[] = new Array(COLUMNS.length);
  COLUMNS.forEach((column, i) => {
    probe[column] = Symbol(column);
    bindRow(probe as Omit<TradeRow, 'id'>, marked);
    if (marked[i] !== probe[column]) throw new Error(`insertTrades: bindRow does not put ${column} at ${i}`);
    probe[column] = row[column];
  });
  return true;
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
