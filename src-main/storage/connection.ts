import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import { migrations as allMigrations, type Migration } from '../../migrations/index.ts';
import { AppError, isStorageFailure, storageError } from '../errors/app-error.ts';
import { migrate } from './migrate.ts';
import { StatementCache } from './statement-cache.ts';
import { hasSqliteHeader } from './sqlite-file.ts';
import type { AppDb, Database, ReadDb, WriteTx } from './tables.ts';

/** "SG" + "db" in ASCII: marks a file as a Sessionguard database (PRAGMA application_id). */
export const APPLICATION_ID = 0x53476462;

export interface Storage {
  readonly file: string;
  readonly sqlite: BetterSqlite3.Database;
  /** Reads only; history and analytics take this. */
  readonly read: ReadDb;
  /** Runs `work` inside BEGIN IMMEDIATE: whole or not at all, and serialized with other writers. */
  write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;
  /** Copies the WAL into the database and syncs both: everything committed so far survives a power cut. */
  checkpoint(): Promise<void>;
  /** Told of every write that failed for a storage reason (disk full, read-only, locked, damaged). */
  onWriteFailure(listener: (error: AppError) => void): void;
  close(): Promise<void>;
}

export interface OpenOptions {
  file: string;
  now: number;
  migrations?: readonly Migration[];
  /** How long to wait for another process's lock before giving up, in ms. */
  busyTimeoutMs?: number;
}

/**
 * Opens (or creates) the database, refusing anything that is not ours and never
 * overwriting a file it can't read, then applies pending migrations.
 */
export async function openStorage(options: OpenOptions): Promise<Storage> {
  const { file } = options;
  const existed = existsSync(file) && statSync(file).size > 0;
  if (existed) assertSqliteHeader(file);
  else mkdirSync(dirname(file), { recursive: true });

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? 2000 });
  } catch (error) {
    throw storageError(error);
  }
  try {
    // Identify before configuring: switching a foreign file to WAL would already change it.
    const fresh = assertOurs(sqlite, file);
    configure(sqlite);
    if (fresh) sqlite.pragma(`application_id = ${APPLICATION_ID}`);
  } catch (error) {
    sqlite.close();
    throw error instanceof AppError ? error : startError(error, file);
  }

  const statements = new StatementCache(sqlite);
  const db: AppDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  try {
    await migrate(db, options.migrations ?? allMigrations, options.now);
  } catch (error) {
    await db.destroy();
    throw error instanceof AppError ? error : startError(error, file);
  }

  const failureListeners: Array<(error: AppError) => void> = [];
  return {
    file,
    sqlite,
    read: db,
    write: async (work) => {
      try {
        return await writeTransaction(db, sqlite, statements, work);
      } catch (error) {
        if (isStorageFailure(error)) for (const listener of failureListeners) listener(error);
        throw error;
      }
    },
    onWriteFailure: (listener) => failureListeners.push(listener),
    // Through Kysely's connection, so it waits for any transaction in flight instead of cutting into it.
    checkpoint: () => db.connection().execute(async (conn) => void (await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(conn))),
    close: () => db.destroy(),
  };
}

function configure(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: every commit is in the WAL before it is acknowledged, so it survives
  // the app crashing or being killed (tests/crash proves it), and the file is never corrupted.
  // What NORMAL alone would not survive is a power cut or OS crash in the seconds before the
  // next checkpoint syncs the WAL; `checkpoint()` runs every few seconds and right after every
  // breach and session end, so the stop itself is on disk at once. FULL would fsync on every
  // commit, which here costs 0.4-1 ms per trade and breaks the 1 ms recording budget.
  sqlite.pragma('synchronous = NORMAL');
  // Checkpoints are the runtime's job, off the recording path; this is only a safety net.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('foreign_keys = ON');
  // 32 MiB of page cache (the default is 2 MiB): the hot index pages of a years-long history stay in memory.
  sqlite.pragma('cache_size = -32768');
  sqlite.pragma('trusted_schema = OFF');
}

function assertSqliteHeader(file: string): void {
  if (!hasSqliteHeader(file)) {
    throw new AppError('not_sessionguard_database', `${file} is not a Sessionguard database (it is not an SQLite file at all). It was left untouched.`);
  }
}

/** Reads only. True for an empty new database, which becomes ours; throws for anyone else's. */
function assertOurs(sqlite: BetterSqlite3.Database, file: string): boolean {
  const id = sqlite.pragma('application_id', { simple: true }) as number;
  if (id === APPLICATION_ID) return false;
  const tables = sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  if (id !== 0 || tables.n > 0) {
    throw new AppError('not_sessionguard_database', `${file} is an SQLite database of another program, not Sessionguard's. It was left untouched.`);
  }
  return true;
}

function startError(error: unknown, file: string): AppError {
  const mapped = storageError(error);
  if (mapped.code === 'database_locked') {
    return new AppError('database_locked', `${file} is locked by another program (another Sessionguard?). Close it and start again; nothing was changed.`, { cause: error });
  }
  if (mapped.code === 'database_corrupt') {
    return new AppError('database_corrupt', `${file} is damaged and can't be opened. Restore a backup; Sessionguard left the file untouched.`, { cause: error });
  }
  return mapped;
}

async function writeTransaction<T>(db: AppDb, sqlite: BetterSqlite3.Database, statements: StatementCache, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    try {
      await sql`BEGIN IMMEDIATE`.execute(conn);
    } catch (error) {
      throw storageError(error);
    }
    try {
      const tx: WriteTx = Object.assign(conn, { statement: (query: CompiledQuery) => statements.prepare(query.sql) });
      const result = await work(tx);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      // SQLite rolls back by itself on some errors (a full disk); a second ROLLBACK would throw.
      if (sqlite.inTransaction) await sql`ROLLBACK`.execute(conn);
      throw storageError(error);
    }
  });
}

