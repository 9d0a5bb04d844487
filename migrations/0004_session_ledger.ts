import { sql, type Kysely } from 'kysely';

/**
 * Frozen. What the session ledger keeps between trades, and what correcting the record needs.
 *
 * - `TradingSession.ledgerState`: the ledger's running state after the session's last trade
 *   (JSON: low and peak of the cumulative P&L, max drawdown, streaks, largest win and loss,
 *   fees, the last trade's close time and id; money in integer micros). A trade that closes
 *   after every recorded one continues from it; NULL (sessions recorded before this
 *   migration) makes the next trade replay the session once.
 * - `trade.voidedAt` / `voidReason`: a wrong trade is voided, never deleted; voided trades
 *   count nowhere.
 * - `trade.batchId`: the import a trade came from, so a whole import can be undone.
 * - `import_batch.openLotsBefore`: the open positions as they were before the batch (JSON), which
 *   an undo puts back; `undoneAt`: when it was undone (a batch is never deleted).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE TradingSession ADD COLUMN ledgerState TEXT CHECK (ledgerState IS NULL OR json_valid(ledgerState))`.execute(db);
  await sql`ALTER TABLE trade ADD COLUMN voidedAt INTEGER`.execute(db);
  await sql`ALTER TABLE trade ADD COLUMN voidReason TEXT CHECK (voidReason IS NULL OR length(voidReason) BETWEEN 1 AND 500)`.execute(db);
  await sql`ALTER TABLE trade ADD COLUMN batchId INTEGER REFERENCES import_batch(id)`.execute(db);
  await sql`CREATE INDEX trade_batch ON trade(batchId) WHERE batchId IS NOT NULL`.execute(db);
  await sql`ALTER TABLE import_batch ADD COLUMN openLotsBefore TEXT CHECK (openLotsBefore IS NULL OR json_valid(openLotsBefore))`.execute(db);
  await sql`ALTER TABLE import_batch ADD COLUMN undoneAt INTEGER`.execute(db);
}
