import { sql, type Kysely } from 'kysely';

/**
 * Frozen. Indexes for the lookups that run on every create and every history page, so they
 * stay index seeks with 10,000 sessions: the running lockout, the history filters and the three history sorts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX TradingSession_lockout ON TradingSession(userId, lockoutUntil) WHERE lockoutUntil IS NOT NULL`.execute(db);
  await sql`CREATE INDEX TradingSession_by_start ON TradingSession(userId, coalesce("startTime", "createdAt"))`.execute(db);
  await sql`CREATE INDEX TradingSession_by_pnl ON TradingSession(userId, realizedPnl)`.execute(db);
  await sql`CREATE INDEX TradingSession_filters ON TradingSession(userId, status, durationMinutes)`.execute(db);
  await sql`CREATE INDEX TradingSession_by_performance ON TradingSession(userId, coalesce("sessionPerformancePercentage", 0))`.execute(db);
}
