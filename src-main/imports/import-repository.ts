import type { CompiledQuery, Selectable } from 'kysely';
import type { GenericMapping } from '../contract/import-schemas.ts';
import type { SavedMapping } from '../contract/views.ts';
import { Decimal, fromMicros, toMicros } from '../money/money.ts';
import { inJsonList } from '../storage/json-list.ts';
import type { ImportBatchTable, OpenLotTable, ReadDb, WriteTx } from '../storage/tables.ts';
import type { OpenLot } from './import-types.ts';

/** An `open_lot` row without its ids: the form `import_batch.openLotsBefore` keeps as JSON. */
export type LotRow = Omit<Selectable<OpenLotTable>, 'id' | 'userId'>;

export const LOT_COLUMNS = ['account', 'symbol', 'side', 'quantity', 'price', 'fees', 'pointValue', 'openedAt', 'line', 'fillKey', 'currency'] as const;

/** Rows of the import tables to and from their domain form, one place. */
export function lotFromRow(r: LotRow): OpenLot {
  return {
    account: r.account,
    symbol: r.symbol,
    side: r.side,
    quantity: new Decimal(r.quantity),
    price: new Decimal(r.price),
    fees: fromMicros(r.fees),
    pointValue: new Decimal(r.pointValue),
    openedAt: r.openedAt,
    line: r.line,
    fillKey: r.fillKey,
    currency: r.currency,
  };
}

export function lotToRow(lot: OpenLot): LotRow {
  return {
    account: lot.account,
    symbol: lot.symbol,
    side: lot.side,
    quantity: lot.quantity.toString(),
    price: lot.price.toString(),
    fees: toMicros(lot.fees),
    pointValue: lot.pointValue.toString(),
    openedAt: lot.openedAt,
    line: lot.line,
    fillKey: lot.fillKey,
    currency: lot.currency,
  };
}

export async function insertLotRows(tx: WriteTx, userId: number, rows: readonly LotRow[]): Promise<void> {
  for (const row of rows)
    await tx
      .insertInto('open_lot')
      .values({ ...row, userId })
      .execute();
}

export async function loadOpenLots(db: ReadDb, userId: number): Promise<OpenLot[]> {
  const rows = await db.selectFrom('open_lot').selectAll().where('userId', '=', userId).orderBy('openedAt').orderBy('id').execute();
  return rows.map(lotFromRow);
}

/** The open positions after an import replace those before it: the import started from all of them. */
async function replaceOpenLots(tx: WriteTx, userId: number, lots: readonly OpenLot[]): Promise<void> {
  await tx.deleteFrom('open_lot').where('userId', '=', userId).execute();
  await insertLotRows(tx, userId, lots.map(lotToRow));
}

export async function knownFillKeys(db: ReadDb, userId: number, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  // A first import asks about 100,000 keys of a profile that has none: one probe says so.
  const any = await db.selectFrom('import_fill').select('fillKey').where('userId', '=', userId).limit(1).executeTakeFirst();
  if (!any) return new Set();
  const rows = await db.selectFrom('import_fill').select('fillKey').where('userId', '=', userId).where('fillKey', 'in', inJsonList(keys)).execute();
  return new Set(rows.map((row) => row.fillKey));
}

export type BatchRecord = Omit<ImportBatchTable, 'id' | 'openLotsBefore' | 'undoneAt'> & {
  /** The fills seen for the first time: remembered so a re-delivery adds nothing. */
  fillKeys: readonly string[];
  openLots: readonly OpenLot[];
};

/** What a file or a feed delivery leaves behind: its batch, the fills it consumed, the lots still open. */
export async function recordBatch(tx: WriteTx, batch: BatchRecord): Promise<number> {
  const { fillKeys, openLots, ...row } = batch;
  const before = await tx.selectFrom('open_lot').select(LOT_COLUMNS).where('userId', '=', row.userId).orderBy('id').execute();
  const { id } = await tx
    .insertInto('import_batch')
    .values({ ...row, openLotsBefore: JSON.stringify(before), undoneAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await rememberFills(tx, row.userId, id, fillKeys);
  await replaceOpenLots(tx, row.userId, openLots);
  return id;
}

/**
 * Takes a batch back: its fills are forgotten (so the file can be imported again) and the open
 * positions are put back as they were before it. The batch row stays, marked undone.
 */
export async function undoBatchRecord(tx: WriteTx, batch: Selectable<ImportBatchTable>, now: number): Promise<void> {
  await tx.deleteFrom('import_fill').where('batchId', '=', batch.id).execute();
  const lots = batch.openLotsBefore === null ? null : (JSON.parse(batch.openLotsBefore) as LotRow[]);
  if (lots !== null) {
    await tx.deleteFrom('open_lot').where('userId', '=', batch.userId).execute();
    await insertLotRows(tx, batch.userId, lots);
  }
  await tx.updateTable('import_batch').set({ undoneAt: now }).where('id', '=', batch.id).execute();
}

export async function listBatches(db: ReadDb, userId: number, limit: number): Promise<Array<Selectable<ImportBatchTable>>> {
  return db.selectFrom('import_batch').selectAll().where('userId', '=', userId).orderBy('id', 'desc').limit(limit).execute();
}

/** Keys a statement inserts at once: a row of three values costs less to insert than to cross into SQLite for. */
const KEYS_PER_INSERT = 200;
/** Compiled once per row count (a full batch, and the rest), then run prepared. */
const rememberQueries = new Map<number, CompiledQuery>();

async function rememberFills(tx: WriteTx, userId: number, batchId: number, keys: readonly string[]): Promise<void> {
  const statementFor = (rows: number) => {
    let query = rememberQueries.get(rows);
    if (!query) {
      query = tx
        .insertInto('import_fill')
        .values(Array.from({ length: rows }, () => ({ userId: 0, fillKey: '', batchId: 0 })))
        .onConflict((oc) => oc.doNothing())
        .compile();
      if (rememberQueries.size > 8) rememberQueries.clear();
      rememberQueries.set(rows, query);
    }
    return tx.statement(query);
  };
  // One array of values, refilled in place per statement: no slice of the keys, no array grown
  // again to 600 values for each of the 500 statements of 100,000 fills.
  let parameters: Array<string | number> = [];
  for (let at = 0; at < keys.length; at += KEYS_PER_INSERT) {
    const rows = Math.min(KEYS_PER_INSERT, keys.length - at);
    if (parameters.length !== rows * 3) parameters = new Array<string | number>(rows * 3);
    for (let i = 0; i < rows; i += 1) {
      parameters[i * 3] = userId;
      parameters[i * 3 + 1] = keys[at + i]!;
      parameters[i * 3 + 2] = batchId;
    }
    statementFor(rows).run(parameters);
  }
}

export async function listMappings(db: ReadDb, userId: number): Promise<SavedMapping[]> {
  const rows = await db.selectFrom('import_mapping').select(['name', 'mapping']).where('userId', '=', userId).orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, mapping: JSON.parse(r.mapping) as GenericMapping }));
}

export async function pointValueOverrides(db: ReadDb, userId: number): Promise<Record<string, string>> {
  const rows = await db.selectFrom('point_value').select(['root', 'value']).where('userId', '=', userId).execute();
  return Object.fromEntries(rows.map((r) => [r.root, r.value]));
}
