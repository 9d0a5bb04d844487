import { sql, type Kysely } from 'kysely';

/**
 * Frozen. Executions a platform connector delivered through feed v2, as they were received
 * (and as later amended), so an amend or a remove from the platform can re-match the FIFO of
 * its account and instrument: the fill keys alone (`import_fill`) don't say what a fill was.
 * `fillKey` is the one in `import_fill` ("feed:<source>:<account>:<executionId>"); `sequence`
 * is its place in its delivery; money in micros, quantities and prices as text, instants in
 * epoch ms. A removed execution stays, marked, so a late repeat of it is still known.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE feed_execution (
      userId INTEGER NOT NULL REFERENCES profile(id),
      fillKey TEXT NOT NULL,
      account TEXT NOT NULL,
      symbol TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
      quantity TEXT NOT NULL,
      price TEXT NOT NULL,
      fees INTEGER NOT NULL,
      pointValue TEXT NOT NULL,
      time INTEGER NOT NULL,
      sequence INTEGER NOT NULL,
      receivedAt INTEGER NOT NULL,
      amendedAt INTEGER,
      removedAt INTEGER,
      PRIMARY KEY (userId, fillKey)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX feed_execution_book ON feed_execution(userId, account, symbol)`.execute(db);
}
