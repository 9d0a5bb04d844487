import type { ReadDb, WriteTx } from '../storage/tables.ts';

/** App-wide settings as JSON values under a key. */
export async function readSetting<T>(db: ReadDb, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function writeSetting(tx: WriteTx, key: string, value: unknown, now: number): Promise<void> {
  const json = JSON.stringify(value);
  await tx
    .insertInto('setting')
    .values({ key, value: json, updatedAt: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updatedAt: now }))
    .execute();
}
