import { statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { stampFits } from './generation-stamp.ts';
import { APPLICATION_ID, parseDatabaseHeader, readDatabaseHeader } from './sqlite-file.ts';
import { inspectWal } from './wal-file.ts';

/**
 * What the database file and its `-wal` say before SQLite sees them, read with plain file
 * reads so nothing changes. SQLite itself would act on each case below without a word:
 * delete a WAL beside an empty database, drop every commit after a damaged WAL frame, or
 * apply a WAL from another database. Each is refused instead, naming what was found.
 * Returns true when there is no database yet (a first start).
 */
export function checkFilesBeforeOpen(file: string): boolean {
  const name = basename(file);
  const database = statOrNull(file);
  if (database && !database.isFile()) {
    throw new AppError('database_not_a_file', `${file} is a folder or a device, not a database file. It was left untouched.`, { details: { file } });
  }
  const walFile = `${file}-wal`;
  const walSize = statOrNull(walFile)?.size ?? 0;
  if (!database || database.size === 0) {
    if (walSize > 32) {
      throw new AppError(
        'wal_without_database',
        `${name} is ${database ? 'empty' : 'missing'}, but ${name}-wal beside it holds ${kib(walSize)} of saved data. Opening would delete it, so Sessionguard left both files untouched.`,
        {
          details: { file, walBytes: walSize, database: database ? 'empty' : 'missing' },
        },
      );
    }
    return true;
  }

  const header = readDatabaseHeader(file);
  if (!header)
    throw new AppError('not_sessionguard_database', `${file} is not a Sessionguard database (it is not an SQLite file at all). It was left untouched.`, {
      details: { file },
    });
  const wal = inspectWal(walFile);
  if (wal.empty) return false;
  const untouched = 'Sessionguard left both files untouched';
  if (wal.headerDamaged) {
    throw new AppError('wal_damaged', `${name}-wal (${kib(walSize)} of recent changes) is damaged at its start, so none of it can be applied. ${untouched}.`, {
      details: { file, finding: 'header' },
    });
  }
  if (wal.brokenFrame !== null && wal.commitsAfterBreak > 0) {
    throw new AppError(
      'wal_damaged',
      `${name}-wal is damaged at frame ${wal.brokenFrame}, and ${wal.commitsAfterBreak} saved change${wal.commitsAfterBreak === 1 ? '' : 's'} after it would be dropped. ${untouched}.`,
      {
        details: { file, finding: 'frames', brokenFrame: wal.brokenFrame, commitsAfterBreak: wal.commitsAfterBreak },
      },
    );
  }
  const foreign = (why: string) =>
    new AppError('wal_foreign', `${name}-wal does not belong to ${name} (${why}); applying it would mix two databases. ${untouched}.`, {
      details: { file, finding: why },
    });
  if (wal.pageSize !== header.pageSize) throw foreign(`its pages are ${wal.pageSize} bytes, the database's ${header.pageSize}`);
  if (wal.page1) {
    const walHeader = parseDatabaseHeader(wal.page1);
    if (!walHeader || walHeader.applicationId !== header.applicationId) throw foreign('it was written for another program’s database');
    if (header.applicationId === APPLICATION_ID && !stampFits(walHeader.userVersion, header.userVersion))
      throw foreign('it was written for another copy of the database');
  }
  return false;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function kib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
