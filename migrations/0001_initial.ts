import { sql, type Kysely } from 'kysely';

/**
 * Frozen: never edit after it landed; add a new migration instead. Takes Kysely<any> and
 * imports nothing from the app, so it keeps meaning what it meant on the day it ran.
 *
 * Units: every money column holds integer millionths of the profile's currency ("micros"),
 * every percentage column integer hundredths of a percent, every instant epoch milliseconds UTC.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE profile (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
      currency TEXT NOT NULL CHECK (length(currency) = 3),
      balance INTEGER NOT NULL,
      timeZone TEXT NOT NULL,
      applyPnlToBalance INTEGER NOT NULL DEFAULT 1 CHECK (applyPnlToBalance IN (0, 1)),
      lockoutMinutes INTEGER CHECK (lockoutMinutes IS NULL OR lockoutMinutes >= 0),
      createdAt INTEGER NOT NULL,
      updatedAt INTEGER NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE TradingSession (
      id INTEGER PRIMARY KEY,
      userId INTEGER NOT NULL REFERENCES profile(id),
      durationMinutes INTEGER NOT NULL CHECK (durationMinutes IN (60, 240, 1440, 10080)),
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
      terminationReason TEXT CHECK (terminationReason IS NULL OR terminationReason IN ('time_limit', 'manual', 'loss_limit', 'not_started')),
      lockoutUntil INTEGER,
      balanceApplied INTEGER NOT NULL DEFAULT 0 CHECK (balanceApplied IN (0, 1)),
      createdAt INTEGER NOT NULL,
      updatedAt INTEGER NOT NULL,
      CHECK ((status = 'pending') = (startTime IS NULL) OR status = 'expired'),
      CHECK ((status IN ('completed', 'stopped', 'expired')) = (endTime IS NOT NULL))
    ) STRICT`.execute(db);

  // The single-open-session rule lives in the database, so no code path (or second process) can break it.
  await sql`CREATE UNIQUE INDEX TradingSession_one_open_per_profile ON TradingSession(userId) WHERE status IN ('pending', 'active')`.execute(db);
  await sql`CREATE INDEX TradingSession_history ON TradingSession(userId, createdAt DESC)`.execute(db);
  await sql`CREATE INDEX TradingSession_start ON TradingSession(userId, startTime)`.execute(db);
  await sql`CREATE INDEX TradingSession_open ON TradingSession(status) WHERE status IN ('pending', 'active')`.execute(db);

  // An ended session is final: the status can't leave completed, stopped or expired.
  await sql`
    CREATE TRIGGER TradingSession_final_status BEFORE UPDATE OF status ON TradingSession
    WHEN OLD.status IN ('completed', 'stopped', 'expired') AND NEW.status <> OLD.status
    BEGIN SELECT RAISE(ABORT, 'an ended session is final'); END`.execute(db);

  await sql`
    CREATE TABLE trade (
      id INTEGER PRIMARY KEY,
      userId INTEGER NOT NULL REFERENCES profile(id),
      sessionId INTEGER REFERENCES TradingSession(id),
      source TEXT NOT NULL CHECK (source IN ('manual', 'import', 'feed')),
      externalId TEXT,
      account TEXT,
      symbol TEXT,
      side TEXT CHECK (side IS NULL OR side IN ('long', 'short')),
      quantity TEXT,
      entryPrice TEXT,
      exitPrice TEXT,
      pointValue TEXT,
      fees INTEGER NOT NULL DEFAULT 0,
      realizedPnl INTEGER NOT NULL,
      openedAt INTEGER,
      closedAt INTEGER NOT NULL,
      note TEXT,
      createdAt INTEGER NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX trade_external_id ON trade(userId, source, externalId) WHERE externalId IS NOT NULL`.execute(db);
  await sql`CREATE INDEX trade_session ON trade(sessionId, closedAt)`.execute(db);
  await sql`CREATE INDEX trade_user_closed ON trade(userId, closedAt)`.execute(db);

  await sql`
    CREATE TABLE session_event (
      id INTEGER PRIMARY KEY,
      sessionId INTEGER NOT NULL REFERENCES TradingSession(id),
      type TEXT NOT NULL,
      at INTEGER NOT NULL,
      payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
      onceKey TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX session_event_session ON session_event(sessionId, id)`.execute(db);
  // Warnings are raised once per session: the second insert of the same key fails.
  await sql`CREATE UNIQUE INDEX session_event_once ON session_event(sessionId, onceKey) WHERE onceKey IS NOT NULL`.execute(db);
  await sql`
    CREATE TRIGGER session_event_no_update BEFORE UPDATE ON session_event
    BEGIN SELECT RAISE(ABORT, 'session events are append-only'); END`.execute(db);
  await sql`
    CREATE TRIGGER session_event_no_delete BEFORE DELETE ON session_event
    BEGIN SELECT RAISE(ABORT, 'session events are append-only'); END`.execute(db);

  await sql`
    CREATE TABLE setting (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL CHECK (json_valid(value)),
      updatedAt INTEGER NOT NULL
    ) STRICT`.execute(db);
}
