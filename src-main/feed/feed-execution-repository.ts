import type { Selectable } from 'kysely';
import { insertLotRows, LOT_COLUMNS, lotFromRow, lotToRow, type LotRow } from '../imports/import-repository.ts';
import type { Fill, OpenLot } from '../imports/import-types.ts';
import { Decimal, fromMicros } from '../money/money.ts';
import { compiledOnce } from '../storage/compiled-once.ts';
import type { FeedExecutionTable, ProfileRow, ReadDb, WriteTx } from '../storage/tables.ts';
import type { Clock } from '../time/clock.ts';

export type FeedExecutionRow = Selectable<FeedExecutionTable>;
export type StoredExecution = Omit<FeedExecutionRow, 'userId' | 'receivedAt' | 'amendedAt' | 'removedAt'>;

/**
 * Keeps what each delivered execution was, before its fill is recorded. A re-delivery keeps the
 * first (or the amended) version: only an amend changes a stored execution.
 */
export async function rememberExecutions(tx: WriteTx, userId: number, executions: readonly StoredExecution[], now: number): Promise<void> {
  for (const e of executions) await insertExecution(tx, userId, e, now);
}

/**
 * The `keep` of `ImportService.recordLiveFills` for a run of new executions, numbered in the
 * order delivered: what each was is written in the transaction that records its fill (one commit
 * on the way to a breach), so an amend or remove can re-match it later.
 */
export function keepExecutions(
  executions: ReadonlyArray<Omit<StoredExecution, 'sequence'>>,
  clock: Clock,
): (tx: WriteTx, profile: Pick<ProfileRow, 'id'>) => Promise<void> {
  return (tx, profile) =>
    rememberExecutions(
      tx,
      profile.id,
      executions.map((e, sequence) => ({ ...e, sequence })),
      clock.now(),
    );
}

// Every live fill keeps one, in the transaction that records it on the way to a breach: compiled once.
const insertExecution = compiledOnce(
  (db, userId: number, e: StoredExecution, now: number) =>
    (db as WriteTx)
      .insertInto('feed_execution')
      .values({
        userId,
        fillKey: e.fillKey,
        account: e.account,
        symbol: e.symbol,
        side: e.side,
        quantity: e.quantity,
        price: e.price,
        fees: e.fees,
        pointValue: e.pointValue,
        time: e.time,
        sequence: e.sequence,
        receivedAt: now,
        amendedAt: null,
        removedAt: null,
      })
      .onConflict((oc) => oc.columns(['userId', 'fillKey']).doNothing()),
  (userId, e, now) => [userId, e.fillKey, e.account, e.symbol, e.side, e.quantity, e.price, e.fees, e.pointValue, e.time, e.sequence, now, null, null],
);

/** A stored execution whose fill was recorded (its delivery not undone), with the delivery it came in. */
export async function findRecordedExecution(db: ReadDb, userId: number, fillKey: string): Promise<(FeedExecutionRow & { batchId: number }) | undefined> {
  return db
    .selectFrom('feed_execution')
    .innerJoin('import_fill', (join) =>
      join.onRef('import_fill.userId', '=', 'feed_execution.userId').onRef('import_fill.fillKey', '=', 'feed_execution.fillKey'),
    )
    .selectAll('feed_execution')
    .select('import_fill.batchId')
    .where('feed_execution.userId', '=', userId)
    .where('feed_execution.fillKey', '=', fillKey)
    .executeTakeFirst();
}

/** The book's executions that still count, each with its delivery, in delivery order. */
export async function executionsOfBook(
  db: ReadDb,
  userId: number,
  account: string,
  symbol: string,
  fromBatch: number,
): Promise<Array<FeedExecutionRow & { batchId: number }>> {
  return db
    .selectFrom('feed_execution')
    .innerJoin('import_fill', (join) =>
      join.onRef('import_fill.userId', '=', 'feed_execution.userId').onRef('import_fill.fillKey', '=', 'feed_execution.fillKey'),
    )
    .selectAll('feed_execution')
    .select('import_fill.batchId')
    .where('feed_execution.userId', '=', userId)
    .where('feed_execution.account', '=', account)
    .where('feed_execution.symbol', '=', symbol)
    .where('feed_execution.removedAt', 'is', null)
    .where('import_fill.batchId', '>=', fromBatch)
    .orderBy('import_fill.batchId')
    .orderBy('feed_execution.sequence')
    .execute();
}

export async function markAmended(
  tx: WriteTx,
  userId: number,
  fillKey: string,
  values: Pick<FeedExecutionRow, 'side' | 'quantity' | 'price' | 'fees' | 'pointValue' | 'time'>,
  now: number,
): Promise<void> {
  await tx
    .updateTable('feed_execution')
    .set({ ...values, amendedAt: now })
    .where('userId', '=', userId)
    .where('fillKey', '=', fillKey)
    .execute();
}

export async function markRemoved(tx: WriteTx, userId: number, fillKey: string, now: number): Promise<void> {
  await tx.updateTable('feed_execution').set({ removedAt: now }).where('userId', '=', userId).where('fillKey', '=', fillKey).execute();
}

export function rowToFill(row: FeedExecutionRow, line: number): Fill {
  return {
    line,
    sequence: row.sequence,
    account: row.account,
    symbol: row.symbol,
    side: row.side,
    quantity: new Decimal(row.quantity),
    price: new Decimal(row.price),
    fees: fromMicros(row.fees),
    pointValue: new Decimal(row.pointValue),
    time: row.time,
    fillKey: row.fillKey,
    currency: null,
    // As for every live fill: a platform reports its own shorts as it makes them.
    effect: null,
    shortable: true,
    dateOnly: false,
  };
}

/** The open lots of one account and instrument as `import_batch.openLotsBefore` kept them (JSON rows of `open_lot`). */
export function lotsOfBook(json: string | null, account: string, symbol: string): OpenLot[] {
  const rows = json === null ? [] : (JSON.parse(json) as LotRow[]);
  return rows.filter((r) => r.account === account && r.symbol === symbol).map(lotFromRow);
}

/** The book's open lots now, in the same JSON form, to compare with what a batch kept. */
export async function currentLotsJson(db: ReadDb, userId: number): Promise<string> {
  const rows = await db.selectFrom('open_lot').select(LOT_COLUMNS).where('userId', '=', userId).orderBy('id').execute();
  return JSON.stringify(rows);
}

/** Replaces one account's open lots in one instrument; the other books are left as they are. */
export async function replaceBookLots(tx: WriteTx, userId: number, account: string, symbol: string, lots: readonly OpenLot[]): Promise<void> {
  await tx.deleteFrom('open_lot').where('userId', '=', userId).where('account', '=', account).where('symbol', '=', symbol).execute();
  await insertLotRows(tx, userId, lots.map(lotToRow));
}
