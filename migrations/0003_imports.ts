import { sql, type Kysely } from 'kysely';

/**
 * Frozen. What imports need to remember between files: which fills were already imported
 * (so a re-import adds nothing), the positions still open at the end of a file (so a later
 * file can close them), the batches themselves, saved column mappings and the trader's own
 * futures point values. Money in micros, instants in epoch ms, quantities and prices as text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE import_batch (
      id INTEGER PRIMARY KEY,
      userId INTEGER NOT NULL REFERENCES profile(id),
      fileName TEXT NOT NULL,
      preset TEXT NOT NULL,
      fileHash TEXT NOT NULL,
      tradeCount INTEGER NOT NULL,
      fillCount INTEGER NOT NULL,
      importedAt INTEGER NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE import_fill (
      userId INTEGER NOT NULL REFERENCES profile(id),
      fillKey TEXT NOT NULL,
      batchId INTEGER NOT NULL REFERENCES import_batch(id),
      PRIMARY KEY (userId, fillKey)
    ) STRICT, WITHOUT ROWID`.execute(db);

  await sql`
    CREATE TABLE open_lot (
      id INTEGER PRIMARY KEY,
      userId INTEGER NOT NULL REFERENCES profile(id),
      account TEXT NOT NULL,
      symbol TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('long', 'short')),
      quantity TEXT NOT NULL,
      price TEXT NOT NULL,
      fees INTEGER NOT NULL,
      pointValue TEXT NOT NULL,
      openedAt INTEGER NOT NULL,
      line INTEGER NOT NULL,
      fillKey TEXT NOT NULL,
      currency TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX open_lot_user ON open_lot(userId, account, symbol, openedAt)`.execute(db);

  await sql`
    CREATE TABLE import_mapping (
      userId INTEGER NOT NULL REFERENCES profile(id),
      name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 60),
      mapping TEXT NOT NULL CHECK (json_valid(mapping)),
      updatedAt INTEGER NOT NULL,
      PRIMARY KEY (userId, name)
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE point_value (
      userId INTEGER NOT NULL REFERENCES profile(id),
      root TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (userId, root)
    ) STRICT`.execute(db);
}
