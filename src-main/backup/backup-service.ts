import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
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

const NAME = /^sessionguard-(\d{8}T\d{6}\d{3}Z)-(manual|daily|before-restore)\.db$/;
export const BACKUPS_KEPT = 7;

/**
 * Backups with SQLite's online backup API, so they are consistent while trades keep being
 * recorded; each is checked (integrity, schema) before it counts. Restore copies a checked
 * file into the live database through the same API, after backing up what it replaces.
 */
export class BackupService {
  private readonly deps: { storage: Storage; clock: Clock; folder: string; migrations: readonly Migration[]; snapshot: Snapshot };

  /** `snapshot` makes the copy; the app passes the read worker's, so a backup never holds up recording. */
  constructor(deps: { storage: Storage; clock: Clock; folder: string; migrations?: readonly Migration[]; snapshot?: Snapshot }) {
    const migrations = deps.migrations ?? allMigrations;
    this.deps = { ...deps, migrations, snapshot: deps.snapshot ?? ((destination) => snapshotDatabase(deps.storage.sqlite, destination, migrations)) };
  }

  list(): BackupInfo[] {
    if (!existsSync(this.deps.folder)) return [];
    return readdirSync(this.deps.folder)
      .map((name) => ({ name, match: NAME.exec(name) }))
      .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
      .map(({ name, match }) => {
        const path = join(this.deps.folder, name);
        return { name, path, reason: match[2] as BackupReason, createdAt: stampToIso(match[1]!), bytes: statSync(path).size };
      })
      .sort((a, b) => b.name.localeCompare(a.name));
  }

  async create(reason: BackupReason): Promise<BackupInfo> {
    mkdirSync(this.deps.folder, { recursive: true });
    const stamp = toIso(this.deps.clock.now()).replace(/[-:.]/g, '');
    const name = `sessionguard-${stamp}-${reason}.db`;
    const partial = join(this.deps.folder, `${name}.partial`);
    try {
      await this.deps.snapshot(partial);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error instanceof AppError ? error : new AppError('storage_failed', `The backup could not be written: ${(error as Error).message}`, { cause: error });
    }
    const path = join(this.deps.folder, name);
    renameSync(partial, path);
    this.prune();
    return this.list().find((b) => b.name === name)!;
  }

  /** Makes the daily backup when the newest one is a day old or there is none. */
  async createDailyIfDue(): Promise<BackupInfo | null> {
    const newest = this.list()[0];
    if (newest && this.deps.clock.now() - Date.parse(newest.createdAt) < DAY_MS) return null;
    return this.create('daily');
  }

  /** Replaces the current data with a checked backup; the current data is backed up first. */
  async restore(file: string): Promise<{ restoredFrom: string; safetyBackup: BackupInfo; facts: DatabaseFileFacts }> {
    const facts = checkDatabaseFile(file, this.deps.migrations);
    const safetyBackup = await this.create('before-restore');
    const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(this.deps.storage.file);
    } catch (error) {
      throw new AppError('storage_failed', `The restore failed and the current data was kept: ${(error as Error).message}`, { cause: error });
    } finally {
      source.close();
    }
    // An older backup is brought up to this app's schema on the spot.
    await migrate(this.deps.storage.read, this.deps.migrations, this.deps.clock.now());
    return { restoredFrom: basename(file), safetyBackup, facts };
  }

  private prune(): void {
    for (const old of this.list().slice(BACKUPS_KEPT)) rmSync(old.path, { force: true });
  }
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
