import { existsSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Migration } from '../../migrations/index.ts';
import { AppError } from '../errors/app-error.ts';
import { APPLICATION_ID } from '../storage/connection.ts';
import { hasSqliteHeader } from '../storage/sqlite-file.ts';

export interface DatabaseFileFacts {
  schemaVersion: number;
  sessions: number;
  trades: number;
}

/**
 * Decides whether a file is a whole Sessionguard database this app can use, without changing
 * it: the SQLite header, our application id, a schema version the app knows, and SQLite's own
 * integrity check. Used before a restore and on every backup made. A file in WAL mode grows an
 * empty `-wal` and a `-shm` when opened even read-only; those it made are removed again.
 */
export function checkDatabaseFile(file: string, migrations: readonly Migration[]): DatabaseFileFacts {
  assertHeader(file);
  const made = ['-wal', '-shm'].filter((suffix) => !existsSync(file + suffix));
  try {
    return inspect(file, migrations);
  } finally {
    for (const suffix of made) rmSync(file + suffix, { force: true });
  }
}

function inspect(file: string, migrations: readonly Migration[]): DatabaseFileFacts {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError('database_corrupt', `${file} can't be opened as a database.`, { cause: error });
  }
  try {
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      throw new AppError('not_sessionguard_database', 'This file is not a Sessionguard database.');
    }
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new AppError('database_corrupt', `This database is damaged (${String(integrity)}).`);
    const row = db.prepare('SELECT max(version) AS version FROM schema_migration').get() as { version: number | null };
    const version = row.version ?? 0;
    const newest = migrations.at(-1)?.version ?? 0;
    if (version > newest) {
      throw new AppError('database_from_future', `This database was written by a newer Sessionguard (schema ${version}; this app knows up to ${newest}).`);
    }
    const sessions = (db.prepare('SELECT count(*) AS n FROM TradingSession').get() as { n: number }).n;
    const trades = (db.prepare('SELECT count(*) AS n FROM trade').get() as { n: number }).n;
    return { schemaVersion: version, sessions, trades };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('database_corrupt', `This database can't be read: ${(error as Error).message}`, { cause: error });
  } finally {
    db.close();
  }
}

function assertHeader(file: string): void {
  if (!hasSqliteHeader(file)) throw new AppError('not_sessionguard_database', 'This file is not a Sessionguard database (not an SQLite file).');
}
