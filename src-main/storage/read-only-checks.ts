import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors/app-error.ts';
import { damagedDatabase, quickCheck } from './quick-check.ts';
import { APPLICATION_ID } from './sqlite-file.ts';

export interface DatabaseFacts {
  /** An empty SQLite file nobody claimed: it becomes ours. */
  adopt: boolean;
  schemaVersion: number;
  pages: number;
  /** Too large to check before opening: quick_check runs on a worker while the app starts. */
  checkInBackground: boolean;
}

/**
 * Everything decided before the database is opened for writing, on a read-only connection:
 * closing a writable one would checkpoint its WAL into the file, so a refused file would
 * already have changed. Refuses another program's file, a schema from a newer app, and
 * (up to `checkedBeforeOpenPages`) a database quick_check finds damaged. (A WAL-mode file
 * grows an empty `-wal` and a `-shm` even on a read-only open; they hold nothing and stay, as
 * removing them could pull them from under another program that has the file open.)
 */
export function checkReadOnly(
  file: string,
  { newestVersion, checkedBeforeOpenPages, busyTimeoutMs }: { newestVersion: number; checkedBeforeOpenPages: number; busyTimeoutMs: number },
  onOpenError: (error: unknown) => AppError,
): DatabaseFacts {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  } catch (error) {
    throw onOpenError(error);
  }
  try {
    const id = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
    if (id !== APPLICATION_ID) {
      if (id === 0 && tables === 0) return { adopt: true, schemaVersion: 0, pages: 0, checkInBackground: false };
      throw new AppError('not_sessionguard_database', `${file} is an SQLite database of another program, not Sessionguard's. It was left untouched.`, {
        details: { file },
      });
    }
    const schemaVersion = hasTable(db, 'schema_migration')
      ? ((db.prepare('SELECT max(version) AS v FROM schema_migration').get() as { v: number | null }).v ?? 0)
      : 0;
    if (schemaVersion > newestVersion) {
      throw new AppError(
        'database_from_future',
        `This database was written by a newer Sessionguard (schema version ${schemaVersion}; this app knows up to ${newestVersion}). Update Sessionguard to open it; it was not changed.`,
        {
          details: { databaseVersion: schemaVersion, appVersion: newestVersion },
        },
      );
    }
    const pages = db.pragma('page_count', { simple: true }) as number;
    const checkInBackground = pages > checkedBeforeOpenPages;
    if (!checkInBackground) {
      const problems = quickCheck(db);
      if (problems.length > 0) throw damagedDatabase(file, problems);
    }
    return { adopt: false, schemaVersion, pages, checkInBackground };
  } catch (error) {
    throw error instanceof AppError ? error : onOpenError(error);
  } finally {
    db.close();
  }
}

function hasTable(db: BetterSqlite3.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
