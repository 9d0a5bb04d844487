import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { migrations as allMigrations, type Migration } from '../../migrations/index.ts';
import { AppError, isStorageFailure, storageError } from '../errors/app-error.ts';
import { checkFilesBeforeOpen } from './file-checks.ts';
import { checkpointAndStamp, freshStamp, nextStamp } from './generation-stamp.ts';
import { migrate } from './migrate.ts';
import { CHECKED_BEFORE_OPEN_PAGES, damagedDatabase, quickCheck, quickCheckInBackground } from './quick-check.ts';
import { checkReadOnly } from './read-only-checks.ts';
import { APPLICATION_ID, readDatabaseHeader } from './sqlite-file.ts';
import { StatementCache } from './statement-cache.ts';
import { TableChanges, type WatchedTable } from './table-changes.ts';
import type { AppDb, Database, ReadDb, WriteTx } from './tables.ts';

export { APPLICATION_ID };

export interface Storage {
  readonly file: string;
  readonly sqlite: BetterSqlite3.Database;
  /** Reads only; history and analytics take this. */
  readonly read: ReadDb;
  /** Runs `work` inside BEGIN IMMEDIATE: whole or not at all, and serialized with other writers. */
  write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;
  /** Copies the WAL into the database and syncs both: everything committed so far survives a power cut. */
  checkpoint(): Promise<void>;
  /**
   * Moves whenever a row of any of `tables` may have changed (any writer on any path, a rolled-back
   * write, a restore): a copy of its rows kept in memory is current while this reads the same.
   */
  changeCount(...tables: WatchedTable[]): number;
  /**
   * The same for every table at once: while this reads the same, nothing in the database has
   * changed, so what was computed from it still holds (an import's preview, kept for its commit).
   */
  dataVersion(): number;
  /** Told of every write that failed for a storage reason (disk full, read-only, locked, damaged). */
  onWriteFailure(listener: (error: AppError) => void): void;
  /**
   * The damage found in the file, if any: by the check at open, or by the first statement
   * SQLite refused as corrupt. From then on every write is refused and nothing at all is
   * written to the file (no checkpoint, not even on close) until a restore replaces it.
   */
  readonly damage: AppError | null;
  /** Told once, when damage is first found. */
  onDamage(listener: (error: AppError) => void): void;
  /** Damage another connection to the same file met (the read worker's): treated as if this one had. */
  reportDamage(error: AppError): void;
  /** Waits for the check of the whole file made at open (on a large database it runs in the background). */
  verified(): Promise<void>;
  /**
   * Replaces the whole content with that of `source` (a checked copy the caller may change)
   * through SQLite's online backup, while nothing else runs on this connection; then checks
   * the result, and when it is whole lets writes through again.
   */
  replaceContent(source: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  file: string;
  now: number;
  migrations?: readonly Migration[];
  /** How long to wait for another process's lock before giving up, in ms. */
  busyTimeoutMs?: number;
  /** Up to this many pages the whole file is checked before opening; larger files in the background. */
  checkedBeforeOpenPages?: number;
}

/**
 * Opens (or creates) the database, refusing anything that is not ours, is damaged or has a
 * `-wal` that does not fit it, and never writing to a file it refused; then applies pending
 * migrations.
 */
export async function openStorage(options: OpenOptions): Promise<Storage> {
  const { file } = options;
  const migrations = options.migrations ?? allMigrations;
  const busyTimeoutMs = options.busyTimeoutMs ?? 2000;
  const toStartError = (error: unknown) => startError(error, file);
  const fresh = checkFilesBeforeOpen(file);
  const facts = fresh
    ? null
    : checkReadOnly(
        file,
        { newestVersion: migrations.at(-1)?.version ?? 0, checkedBeforeOpenPages: options.checkedBeforeOpenPages ?? CHECKED_BEFORE_OPEN_PAGES, busyTimeoutMs },
        toStartError,
      );
  if (fresh) mkdirSync(dirname(file), { recursive: true });

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { timeout: busyTimeoutMs });
  } catch (error) {
    throw toStartError(error);
  }
  const state = new DamageState(file);
  try {
    configure(sqlite);
    if (fresh || facts?.adopt) {
      sqlite.pragma(`application_id = ${APPLICATION_ID}`);
      sqlite.pragma(`user_version = ${freshStamp()}`);
    }
  } catch (error) {
    sqlite.close();
    throw toStartError(error);
  }

  const statements = new StatementCache(sqlite, (error) => state.notice(error));
  const db: AppDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  let stampedAt = -1;
  const stamp = (force: boolean) =>
    db.connection().execute(async (conn) => {
      const changes = totalChanges.get() as number;
      // Nothing written since the stamp: the WAL holds only that page 1. Copying it in would
      // leave the WAL fully copied, and the next write, a trade or a create, would start it over,
      // which syncs the disk inside that write (even with synchronous=NORMAL).
      if (!force && changes === stampedAt) return;
      // Its text carries the value, so it is never run twice: kept out of the statement cache,
      // where each would push out a statement the app runs again (a create's, a breach's).
      const writeStamp = (next: number) => statements.runOnce(`PRAGMA user_version = ${next}`);
      if (await checkpointAndStamp(conn, writeStamp)) stampedAt = changes;
    });

  // Small databases were checked before opening; a large one is checked on a worker now,
  // and whatever writes before the check is done waits for it (see writeTransaction).
  let verification: Promise<void> = Promise.resolve();
  let stopCheck: () => void = () => undefined;
  if (facts?.checkInBackground) {
    state.pending = true;
    const check = quickCheckInBackground(file);
    stopCheck = check.stop;
    verification = check.done.then((outcome) => {
      // Given up at close: the file stays unchecked (pending), and so unwritten.
      if (outcome === 'stopped') return;
      const problems = outcome ?? quickCheck(sqlite);
      state.pending = false;
      if (problems.length > 0) state.damaged(damagedDatabase(file, problems));
    });
  }

  try {
    // A migration writes: on an unchecked file it waits for the check.
    if (facts && facts.schemaVersion < (migrations.at(-1)?.version ?? 0)) await verification;
    if (state.current) throw state.current;
    await migrate(db, migrations, options.now);
  } catch (error) {
    stopCheck();
    await closeConnection(db, sqlite, file, state.current !== null || state.pending);
    throw error instanceof AppError ? error : toStartError(error);
  }
  const tableChanges = new TableChanges(sqlite);
  // Each WAL generation this process starts begins with page 1 carrying the stamp (generation-stamp.ts).
  const stamped = verification.then(() => (state.current || state.pending ? undefined : stamp(true))).catch(() => undefined);

  const failureListeners: Array<(error: AppError) => void> = [];
  const failed = (error: AppError) => {
    if (isStorageFailure(error)) for (const listener of failureListeners) listener(error);
  };
  return {
    file,
    sqlite,
    read: db,
    get damage() {
      return state.current;
    },
    write: async (work) => {
      try {
        if (state.current) throw state.refusal();
        return await writeTransaction(
          db,
          sqlite,
          statements,
          { state, verification: () => verification, changes: () => totalChanges.get() as number, rolledBack: () => tableChanges.forgetAll() },
          work,
        );
      } catch (error) {
        if (error instanceof AppError) failed(error);
        throw error;
      }
    },
    changeCount: (...tables) => tableChanges.count(...tables),
    dataVersion: () => tableChanges.countAll(),
    onWriteFailure: (listener) => failureListeners.push(listener),
    onDamage: (listener) => state.listeners.push(listener),
    reportDamage: (error) => {
      if (error.code === 'database_corrupt') state.damaged(error);
    },
    // Through Kysely's connection, so it waits for any transaction in flight instead of cutting into it.
    checkpoint: async () => {
      await stamped;
      if (state.current) return;
      await stamp(false);
    },
    verified: () => verification,
    replaceContent: async (source) => {
      await stamped;
      await db.connection().execute(async () => {
        // The copy goes in with the stamp that follows the file's own, so its page 1 in the
        // WAL fits the file should the app stop before the next checkpoint.
        const fileStamp = readDatabaseHeader(file)?.userVersion ?? 0;
        const copy = new BetterSqlite3(source, { fileMustExist: true });
        try {
          copy.pragma(`user_version = ${nextStamp(fileStamp)}`);
          await copy.backup(file);
        } finally {
          copy.close();
          // Whatever the copy left (all of it, or part if it failed), rows kept in memory are stale.
          tableChanges.forgetAll();
        }
      });
      const problems = quickCheck(sqlite);
      if (problems.length > 0) throw damagedDatabase(file, problems);
      state.clear();
      await stamp(true);
    },
    close: async () => {
      // A transaction in flight ends first: one waiting for the check's verdict still gets it.
      // A check still running after that is given up rather than waited for (on a large file it
      // reads every page, a second or more): the file was not written since it opened, and is
      // left exactly as found, with no checkpoint into it; the next start checks it again.
      await db.connection().execute(async () => {
        if (state.pending) {
          state.closing = true;
          stopCheck();
        }
      });
      await verification;
      await stamped;
      await closeConnection(db, sqlite, file, state.current !== null || state.pending);
    },
  };
}

/** What the storage knows about damage in its file, and who to tell. */
class DamageState {
  current: AppError | null = null;
  /** The check of the whole file has not given its verdict: writes that change something wait for it. */
  pending = false;
  /** Closing gave the check up: nothing more is written. */
  closing = false;
  readonly listeners: Array<(error: AppError) => void> = [];
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** Every statement failure passes here; only SQLite's own verdict of corruption counts. */
  notice(error: unknown): void {
    if (isCorruption(error)) this.damaged(damagedDatabase(this.file, [(error as Error).message]));
  }

  damaged(error: AppError): void {
    if (this.current) return;
    this.current = new AppError(
      'database_corrupt',
      `Sessionguard found damage in its database (${error.details?.problem ?? error.message}) and stopped saving, so the file stays exactly as it is. Restore the newest good backup in Settings → Your data.`,
      {
        details: error.details,
        cause: error,
      },
    );
    for (const listener of this.listeners) listener(this.current);
  }

  refusal(): AppError {
    return new AppError('database_corrupt', this.current!.message, { details: this.current!.details });
  }

  clear(): void {
    this.current = null;
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/**
 * Closing the last connection to a database checkpoints its WAL into the file. For a damaged
 * file that would be a write, so a read-only connection is held open meanwhile: the writable
 * one is then not the last, and a read-only one never checkpoints.
 */
async function closeConnection(db: AppDb, sqlite: BetterSqlite3.Database, file: string, damaged: boolean): Promise<void> {
  let guard: BetterSqlite3.Database | null = null;
  if (damaged) {
    try {
      guard = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      guard.pragma('schema_version');
    } catch {
      // Page 1 itself unreadable: SQLite can't checkpoint into it either.
    }
  }
  try {
    await db.destroy();
  } finally {
    if (sqlite.open) sqlite.close();
    guard?.close();
  }
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

function startError(error: unknown, file: string): AppError {
  const mapped = storageError(error);
  if (mapped.code === 'database_locked') {
    return new AppError('database_locked', `${file} is locked by another program (another Sessionguard?). Close it and start again; nothing was changed.`, {
      cause: error,
      details: { file },
    });
  }
  if (mapped.code === 'database_corrupt') {
    return new AppError('database_corrupt', `${file} is damaged and can't be opened. Restore a backup; Sessionguard left the file untouched.`, {
      cause: error,
      details: { file, problem: (error as Error).message },
    });
  }
  return new AppError(mapped.code, mapped.message, { cause: error, details: { file } });
}

/** What a write must respect about the file's state: known damage, and a check still running. */
interface WriteGate {
  state: DamageState;
  verification: () => Promise<void>;
  /** Rows changed on this connection so far (total_changes()). */
  changes: () => number;
  /** Told when a transaction is rolled back: what was read inside it may be undone. */
  rolledBack: () => void;
}

async function writeTransaction<T>(
  db: AppDb,
  sqlite: BetterSqlite3.Database,
  statements: StatementCache,
  gate: WriteGate,
  work: (tx: WriteTx) => Promise<T>,
): Promise<T> {
  const { state } = gate;
  return db.connection().execute(async (conn) => {
    // BEGIN, COMMIT and ROLLBACK run straight on the connection Kysely handed over: each would
    // otherwise be a query built, compiled and passed through its executor, on every trade.
    try {
      statements.run('BEGIN IMMEDIATE');
    } catch (error) {
      throw storageError(error);
    }
    try {
      const changesBefore = state.pending ? gate.changes() : 0;
      const tx: WriteTx = Object.assign(conn, { statement: (query: CompiledQuery) => statements.raw(query.sql) });
      const result = await work(tx);
      // Before the check of a large file is done, a transaction that changed something waits
      // for it before committing; one that changed nothing (most timer beats) does not.
      if (state.pending && gate.changes() !== changesBefore) await gate.verification();
      if (state.current) throw state.refusal();
      if (state.closing) throw new AppError('internal', 'Sessionguard is closing; nothing was saved.');
      statements.run('COMMIT');
      return result;
    } catch (error) {
      // SQLite rolls back by itself on some errors (a full disk); a second ROLLBACK would throw.
      if (sqlite.inTransaction) statements.run('ROLLBACK');
      gate.rolledBack();
      state.notice(error);
      throw storageError(error);
    }
  });
}
