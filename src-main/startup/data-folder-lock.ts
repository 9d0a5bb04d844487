import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError, storageError } from '../errors/app-error.ts';

export type RunMode = 'desktop' | 'browser' | 'script';

/** Who holds a data folder, as the holder wrote it down. */
export interface LockHolder {
  pid: number;
  mode: RunMode;
  startedAt: string;
  host: string;
}

export interface DataFolderLock {
  readonly holder: LockHolder;
  release(): void;
}

export const LOCK_FILE = 'sessionguard.lock';
const HOLDER_FILE = 'sessionguard.lock.json';

/**
 * One data folder, one running app: two would each run a feed on the same port, miss each
 * other's breaches and keep stale settings. Node has no file lock of its own, so this takes
 * SQLite's: an exclusive lock on a small file, held for as long as the app runs. The OS drops
 * it when the process ends however it ends, so a crash never leaves a stale lock behind and
 * a reused process id can't fake one. Who holds it is written beside it, for the message the
 * second start shows.
 */
export function lockDataFolder(dataDir: string, mode: RunMode, now: number = Date.now()): DataFolderLock {
  let db: BetterSqlite3.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new BetterSqlite3(join(dataDir, LOCK_FILE), { timeout: 0 });
  } catch (error) {
    throw folderError(error, dataDir);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // In exclusive locking mode the lock a write takes is kept until the connection closes.
    db.pragma(`user_version = ${process.pid}`);
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw inUse(dataDir, readHolder(dataDir));
    throw folderError(error, dataDir);
  }
  const holder: LockHolder = { pid: process.pid, mode, startedAt: new Date(now).toISOString(), host: hostname() };
  const holderFile = join(dataDir, HOLDER_FILE);
  try {
    writeFileSync(`${holderFile}.${process.pid}.tmp`, `${JSON.stringify(holder)}\n`);
    renameSync(`${holderFile}.${process.pid}.tmp`, holderFile);
  } catch (error) {
    db.close();
    throw folderError(error, dataDir);
  }
  return {
    holder,
    release: () => {
      if (!db.open) return;
      if (readHolder(dataDir)?.pid === holder.pid) rmSync(holderFile, { force: true });
      db.close();
    },
  };
}

function readHolder(dataDir: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

const MODE_NAMES: Record<RunMode, string> = { desktop: 'the desktop app', browser: 'browser mode', script: 'a script' };

function inUse(dataDir: string, holder: LockHolder | null): AppError {
  const who = holder
    ? `${MODE_NAMES[holder.mode] ?? holder.mode}, process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, started ${holder.startedAt}`
    : 'a process that is still starting';
  return new AppError('data_folder_in_use', `Another Sessionguard is already running on the data folder ${dataDir} (${who}).`, {
    details: { dataDir, pid: holder?.pid ?? null, mode: holder?.mode ?? null, startedAt: holder?.startedAt ?? null, host: holder?.host ?? null },
  });
}

/** The folder can't be created or written: a read-only disk or folder, or no permission. */
function folderError(error: unknown, dataDir: string): AppError {
  const code = (error as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return new AppError('storage_read_only', `Sessionguard can't write to its data folder ${dataDir}.`, { cause: error, details: { dataDir } });
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new AppError('data_folder_not_a_folder', `The data folder ${dataDir} is a file, not a folder.`, { cause: error, details: { dataDir } });
  }
  const mapped = storageError(error);
  return new AppError(mapped.code, mapped.message, { cause: error, details: { dataDir } });
}
