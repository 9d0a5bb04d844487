import { sql, type Kysely } from 'kysely';

/**
 * Frozen. The rules beyond the loss limit (issue 13).
 *
 * - `TradingSession` is rebuilt, because SQLite can't alter a CHECK: `terminationReason` may
 *   now also be `trailing_drawdown`, `profit_target`, `trade_cap`, `losing_streak` or
 *   `daily_loss_limit`; `durationMinutes` may be any length up to 7 days (a schedule's window,
 *   e.g. 09:30-11:30); and `rules` holds the session's rules as JSON, frozen when it starts
 *   (money in integer micros). Rows keep their ids. Foreign keys stay on during migrations,
 *   and renaming a table rewrites the references other tables hold to it, so the old table
 *   is copied aside, dropped and created again under its own name; the checks on `trade` and
 *   `session_event` are deferred to the commit, by which time every row they point at is back.
 *   Its indexes (the partial unique index on open sessions among them) and the final-status
 *   trigger are recreated from their own stored text, exactly.
 * - `profile.dailyLossLimit` (micros), `dayBoundaryMinutes` (minutes after local midnight) and
 *   `dayBoundaryZone` (null: the profile's zone): the limit across a trading day's sessions.
 * - `trade.inCooldown`: the trade closed while a losing-streak cooldown ran.
 * - `session_template`: a setup saved by name; `session_schedule`: a template planned on
 *   weekdays in a zone, and `schedule_occurrence`: what became of each planned time.
 * - `early_end_request`: asking to end a session early or shorten its lockout, waiting out
 *   the cool-off chosen at setup; a request's times never change and an outcome is final.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const kept = await sql<{
    sql: string;
  }>`SELECT sql FROM sqlite_schema WHERE tbl_name = 'TradingSession' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);

  await sql`PRAGMA defer_foreign_keys = ON`.execute(db);
  await sql`CREATE TEMP TABLE TradingSession_copy AS SELECT * FROM TradingSession`.execute(db);
  await sql`DROP TABLE TradingSession`.execute(db);
  await sql`
    CREATE TABLE TradingSession (
      id INTEGER PRIMARY KEY,
      userId INTEGER NOT NULL REFERENCES profile(id),
      durationMinutes INTEGER NOT NULL CHECK (durationMinutes BETWEEN 1 AND 10080),
      lossLimitAmount INTEGER NOT NULL CHECK (lossLimitAmount > 0),
      lossLimitPercentage INTEGER NOT NULL CHECK (lossLimitPercentage > 0),
      balanceAtCreation INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'completed', 'stopped', 'expired')),
      startTime INTEGER,
      plannedEndTime INTEGER,
      endTime INTEGER,
      actualDurationMinutes INTEGER,
      totalTrades INTEGER NOT NULL DEFAULT 0,
      winningTrades INTEGER NOT NULL DEFAULT 0,
      losingTrades INTEGER NOT NULL DEFAULT 0,
      realizedPnl INTEGER NOT NULL DEFAULT 0,
      grossProfit INTEGER NOT NULL DEFAULT 0,
      grossLoss INTEGER NOT NULL DEFAULT 0,
      sessionPerformancePercentage INTEGER,
      terminationReason TEXT CHECK (terminationReason IS NULL OR terminationReason IN ('time_limit', 'manual', 'loss_limit', 'not_started', 'trailing_drawdown', 'profit_target', 'trade_cap', 'losing_streak', 'daily_loss_limit')),
      lockoutUntil INTEGER,
      balanceApplied INTEGER NOT NULL DEFAULT 0 CHECK (balanceApplied IN (0, 1)),
      createdAt INTEGER NOT NULL,
      updatedAt INTEGER NOT NULL,
      ledgerState TEXT CHECK (ledgerState IS NULL OR json_valid(ledgerState)),
      rules TEXT CHECK (rules IS NULL OR json_valid(rules)),
      CHECK ((status = 'pending') = (startTime IS NULL) OR status = 'expired'),
      CHECK ((status IN ('completed', 'stopped', 'expired')) = (endTime IS NOT NULL))
    ) STRICT`.execute(db);
  await sql`
    INSERT INTO TradingSession (id, userId, durationMinutes, lossLimitAmount, lossLimitPercentage, balanceAtCreation, status, startTime, plannedEndTime, endTime, actualDurationMinutes,
      totalTrades, winningTrades, losingTrades, realizedPnl, grossProfit, grossLoss, sessionPerformancePercentage, terminationReason, lockoutUntil, balanceApplied, createdAt, updatedAt, ledgerState, rules)
    SELECT id, userId, durationMinutes, lossLimitAmount, lossLimitPercentage, balanceAtCreation, status, startTime, plannedEndTime, endTime, actualDurationMinutes,
      totalTrades, winningTrades, losingTrades, realizedPnl, grossProfit, grossLoss, sessionPerformancePercentage, terminationReason, lockoutUntil, balanceApplied, createdAt, updatedAt, ledgerState, NULL
    FROM temp.TradingSession_copy ORDER BY id`.execute(db);
  await sql`DROP TABLE temp.TradingSession_copy`.execute(db);
  for (const row of kept.rows) await sql.raw(row.sql).execute(db);

  await sql`ALTER TABLE profile ADD COLUMN dailyLossLimit INTEGER CHECK (dailyLossLimit IS NULL OR dailyLossLimit > 0)`.execute(db);
  await sql`ALTER TABLE profile ADD COLUMN dayBoundaryMinutes INTEGER NOT NULL DEFAULT 0 CHECK (dayBoundaryMinutes BETWEEN 0 AND 1439)`.execute(db);
  await sql`ALTER TABLE profile ADD COLUMN dayBoundaryZone TEXT CHECK (dayBoundaryZone IS NULL OR length(dayBoundaryZone) BETWEEN 1 AND 64)`.execute(db);
  await sql`ALTER TABLE trade ADD COLUMN inCooldown INTEGER NOT NULL DEFAULT 0 CHECK (inCooldown IN (0, 1))`.execute(db);

  await sql`
    CREATE TABLE session_template (
      id INTEGER PRIMARY KEY,
      userId INTEGER NOT NULL REFERENCES profile(id),
      name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 60),
      config TEXT NOT NULL CHECK (json_valid(config)),
      createdAt INTEGER NOT NULL,
      updatedAt INTEGER NOT NULL,
      UNIQUE (userId, name)
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE session_schedule (
      id INTEGER PRIMARY KEY,
      userId INTEGER NOT NULL REFERENCES profile(id),
      templateId INTEGER NOT NULL REFERENCES session_template(id),
      weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
      startMinutes INTEGER NOT NULL CHECK (startMinutes BETWEEN 0 AND 1439),
      endMinutes INTEGER NOT NULL CHECK (endMinutes BETWEEN 0 AND 1439),
      timeZone TEXT NOT NULL CHECK (length(timeZone) BETWEEN 1 AND 64),
      autoStart INTEGER NOT NULL CHECK (autoStart IN (0, 1)),
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      handledUntil INTEGER NOT NULL,
      remindedFor INTEGER,
      createdAt INTEGER NOT NULL,
      updatedAt INTEGER NOT NULL,
      CHECK (startMinutes <> endMinutes)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX session_schedule_user ON session_schedule(userId)`.execute(db);

  await sql`
    CREATE TABLE schedule_occurrence (
      id INTEGER PRIMARY KEY,
      scheduleId INTEGER NOT NULL REFERENCES session_schedule(id),
      plannedStart INTEGER NOT NULL,
      plannedEnd INTEGER NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('started', 'created', 'missed', 'blocked')),
      sessionId INTEGER REFERENCES TradingSession(id),
      message TEXT NOT NULL,
      at INTEGER NOT NULL,
      UNIQUE (scheduleId, plannedStart)
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE early_end_request (
      id INTEGER PRIMARY KEY,
      sessionId INTEGER NOT NULL REFERENCES TradingSession(id),
      kind TEXT NOT NULL CHECK (kind IN ('stop', 'shorten_lockout')),
      requestedAt INTEGER NOT NULL,
      confirmableAt INTEGER NOT NULL,
      expiresAt INTEGER NOT NULL,
      outcome TEXT CHECK (outcome IS NULL OR outcome IN ('confirmed', 'cancelled', 'lapsed', 'moot')),
      resolvedAt INTEGER,
      CHECK (confirmableAt >= requestedAt AND expiresAt > confirmableAt),
      CHECK ((outcome IS NULL) = (resolvedAt IS NULL))
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX early_end_request_open ON early_end_request(sessionId, kind) WHERE outcome IS NULL`.execute(db);
  // The wait is the commitment: its times never move, and an outcome once given is final.
  await sql`
    CREATE TRIGGER early_end_request_final BEFORE UPDATE ON early_end_request
    WHEN OLD.outcome IS NOT NULL OR NEW.requestedAt <> OLD.requestedAt OR NEW.confirmableAt <> OLD.confirmableAt OR NEW.expiresAt <> OLD.expiresAt OR NEW.sessionId <> OLD.sessionId OR NEW.kind <> OLD.kind
    BEGIN SELECT RAISE(ABORT, 'an early-end request is final'); END`.execute(db);
}
