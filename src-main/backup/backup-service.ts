import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from '../../migrations/index.ts';
import { AppError } from '../errors/app-error.ts';
import type { Storage } from '../storage/connection.ts';
import { migrate } from '../storage/migrate.ts';
import { DAY_MS, toIso, type Clock } from '../time/clock.ts';
import { checkDatabaseFile, type DatabaseFileFacts } from './database-check.ts';

export type BackupReason = 'manual' | 'daily' | 'before-restore';

export interface BackupInfo {
  name: string;
  path: string;
  reason: BackupReason;
  createdAt: string;
  bytes: number;
}

export interface RestoreResult {
  restoredFrom: string;
  /** The data replaced, as a checked backup; null when it was damaged. */
  safetyBackup: BackupInfo | null;
  /** The folder a damaged database was copied into, byte for byte, before it was replaced. */
  damagedCopy: string | null;
  facts: DatabaseFileFacts;
}

const NAME = /^sessionguard-(\d{8}T\d{6}\d{3}Z)-(manual|daily|before-restore)\.db$/;
export const BACKUPS_KEPT = 7;
/** A copy still being written, and SQLite's side files of one; none outlives the operation that made it. */
const WORK_FILE = /\.(partial|tmp)(-wal|-shm|-journal)?$/;
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Backups with SQLite's online backup API, so they are consistent while trades keep being
 * recorded; each is checked (integrity, schema) before it counts, and is one self-contained
 * file (rollback-journal mode, no `-wal` or `-shm` beside it). Restore copies a checked file
 * into the live database through the same API, after backing up what it replaces, or, when
 * that is damaged, after copying it aside byte for byte. One operation runs at a time.
 */
export class BackupService {
  private readonly deps: {
    storage: Storage;
    clock: Clock;
    folder: string;
    migrations: readonly Migration[];
    afterRestore: (result: RestoreResult) => Promise<void>;
    snapshot: Snapshot;
  };
  private queue: Promise<unknown> = Promise.resolve();

  /** `snapshot` makes the copy; the app passes the read worker's, so a backup never holds up recording. */
  constructor(deps: {
    storage: Storage;
    clock: Clock;
    folder: string;
    migrations?: readonly Migration[];
    afterRestore?: (result: RestoreResult) => Promise<void>;
    snapshot?: Snapshot;
  }) {
    const migrations = deps.migrations ?? allMigrations;
    this.deps = {
      ...deps,
      migrations,
      afterRestore: deps.afterRestore ?? (async () => undefined),
      snapshot: deps.snapshot ?? ((destination) => snapshotDatabase(deps.storage.sqlite, destination, migrations)),
    };
  }

  list(): BackupInfo[] {
    return listBackups(this.deps.folder);
  }

  create(reason: BackupReason): Promise<BackupInfo> {
    return this.serialized(() => this.make(reason));
  }

  /** Makes the daily backup when the newest one is a day old or there is none. */
  createDailyIfDue(): Promise<BackupInfo | null> {
    return this.serialized(async () => {
      const newest = this.list()[0];
      if (newest && this.deps.clock.now() - Date.parse(newest.createdAt) < DAY_MS) return null;
      return this.make('daily');
    });
  }

  /** Replaces the current data with a checked backup; what it replaces is kept first. */
  restore(file: string): Promise<RestoreResult> {
    return this.serialized(async () => {
      const facts = checkDatabaseFile(file, this.deps.migrations);
      const { storage } = this.deps;
      const damaged = storage.damage !== null;
      const safetyBackup = damaged ? null : await this.make('before-restore');
      const damagedCopy = damaged ? this.copyDamaged() : null;
      // The live file takes a copy, never the backup itself: the copy gets the stamp that fits the live file.
      const copy = join(this.deps.folder, `restore-${this.stamp()}.db.tmp`);
      const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(copy);
        source.close();
        await storage.replaceContent(copy);
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('storage_failed', `The restore failed and the current data was kept: ${(error as Error).message}`, { cause: error });
      } finally {
        if (source.open) source.close();
        removeWithSideFiles(copy);
      }
      // An older backup is brought up to this app's schema on the spot.
      await migrate(storage.read, this.deps.migrations, this.deps.clock.now());
      const result = { restoredFrom: basename(file), safetyBackup, damagedCopy, facts };
      await this.deps.afterRestore(result);
      return result;
    });
  }

  /** The newest backup that passes its checks, for a restore after damage; null when none does. */
  newestGood(): BackupInfo | null {
    for (const backup of this.list()) {
      try {
        checkDatabaseFile(backup.path, this.deps.migrations);
        return backup;
      } catch {
        // A backup that no longer passes is skipped; an older one may.
      }
    }
    return null;
  }

  /** Copies and side files left by a run that stopped half-way (a crash, a kill). */
  removeLeftovers(dataDir: string): void {
    for (const dir of [this.deps.folder, dataDir]) {
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)) if (WORK_FILE.test(name)) rmSync(join(dir, name), { force: true });
    }
  }

  private async make(reason: BackupReason): Promise<BackupInfo> {
    const { storage } = this.deps;
    // A backup of damaged data would pass for a good one, and pruning would then drop a good one.
    if (storage.damage) throw new AppError('database_corrupt', `No backup was made: ${storage.damage.message}`, { details: storage.damage.details });
    mkdirSync(this.deps.folder, { recursive: true });
    const name = `sessionguard-${this.stamp()}-${reason}.db`;
    const partial = join(this.deps.folder, `${name}.partial`);
    try {
      await this.deps.snapshot(partial);
      selfContained(partial);
    } catch (error) {
      removeWithSideFiles(partial);
      throw error instanceof AppError
        ? error
        : new AppError('storage_failed', `The backup could not be written: ${(error as Error).message}`, { cause: error });
    }
    const path = join(this.deps.folder, name);
    renameSync(partial, path);
    removeWithSideFiles(partial);
    this.prune();
    return this.list().find((b) => b.name === name)!;
  }

  /** The damaged database and its WAL, byte for byte, into a folder of their own beside the backups. */
  private copyDamaged(): string {
    const target = join(this.deps.folder, `damaged-${this.stamp()}`);
    mkdirSync(target, { recursive: true });
    const file = this.deps.storage.file;
    for (const suffix of ['', '-wal']) if (existsSync(file + suffix)) copyFileSync(file + suffix, join(target, basename(file) + suffix));
    return target;
  }

  private stamp(): string {
    return toIso(this.deps.clock.now()).replace(/[-:.]/g, '');
  }

  private prune(): void {
    for (const old of this.list().slice(BACKUPS_KEPT)) rmSync(old.path, { force: true });
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The backups in a folder, newest first. */
export function listBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => ({ name, match: NAME.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => {
      const path = join(folder, name);
      return { name, path, reason: match[2] as BackupReason, createdAt: stampToIso(match[1]!), bytes: statSync(path).size };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

/**
 * The online backup copies page 1 as it is, WAL flag included, so the copy would open in WAL
 * mode and grow `-wal` and `-shm` files beside it. Switched to a rollback journal it is one file.
 */
function selfContained(file: string): void {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) rmSync(file + suffix, { force: true });
}

/** Writes a checked copy of the database to `destination`. */
export type Snapshot = (destination: string) => Promise<void>;

/**
 * SQLite's online backup in one step, so the copy is one consistent read even when another
 * connection writes meanwhile (in small steps, each write from elsewhere would restart it),
 * then the same checks a restore makes.
 */
export async function snapshotDatabase(sqlite: BetterSqlite3.Database, destination: string, migrations: readonly Migration[]): Promise<void> {
  await sqlite.backup(destination, { progress: () => 0x7fffffff });
  checkDatabaseFile(destination, migrations);
}

function stampToIso(stamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}
