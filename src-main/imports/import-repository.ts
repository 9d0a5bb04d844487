import type { GenericMapping } from '../contract/import-schemas.ts';
import type { SavedMapping } from '../contract/views.ts';
import { Decimal, fromMicros, toMicros } from '../money/money.ts';
import type { ReadDb, WriteTx } from '../storage/tables.ts';
import type { OpenLot } from './import-types.ts';

/** Rows of the import tables to and from their domain form, one place. */
export async function loadOpenLots(db: ReadDb, userId: number): Promise<OpenLot[]> {
  const rows = await db.selectFrom('open_lot').selectAll().where('userId', '=', userId).orderBy('openedAt').orderBy('id').execute();
  return rows.map((r) => ({
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
  }));
}

/** The open positions after an import replace those before it: the import started from all of them. */
export async function replaceOpenLots(tx: WriteTx, userId: number, lots: readonly OpenLot[]): Promise<void> {
  await tx.deleteFrom('open_lot').where('userId', '=', userId).execute();
  for (const lot of lots) {
    await tx
      .insertInto('open_lot')
      .values({
        userId,
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
      })
      .execute();
  }
}

export async function knownFillKeys(db: ReadDb, userId: number, keys: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.selectFrom('import_fill').select('fillKey').where('userId', '=', userId).where('fillKey', 'in', keys.slice(i, i + 500)).execute();
    for (const row of rows) known.add(row.fillKey);
  }
  return known;
}

export async function rememberFills(tx: WriteTx, userId: number, batchId: number, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 300) {
    await tx
      .insertInto('import_fill')
      .values(keys.slice(i, i + 300).map((fillKey) => ({ userId, fillKey, batchId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
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
