import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupView, RestoreView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { Handlers } from '../ipc/handler-types.ts';
import type { BackupInfo, BackupService, RestoreResult } from './backup-service.ts';

export type BackupHandlers = Handlers<'listBackups' | 'getDataHealth' | 'createBackup' | 'restoreBackup' | 'restoreFromFile'>;

/**
 * `dataDir` holds the temporary copy of a file restored from outside the backups folder;
 * `damage` says whether the live database was found damaged (and nothing is being saved).
 */
export function backupHandlers(backups: BackupService, dataDir: string, damage: () => { message: string } | null): BackupHandlers {
  return {
    listBackups: async () => backups.list().map(backupView),
    getDataHealth: async () => {
      const found = damage();
      if (!found) return { damaged: false, message: null, newestGoodBackup: null };
      const good = backups.newestGood();
      return { damaged: true, message: found.message, newestGoodBackup: good && backupView(good) };
    },
    createBackup: async () => backupView(await backups.create('manual')),
    restoreBackup: async ({ name }) => {
      const backup = backups.list().find((b) => b.name === name);
      if (!backup) throw new AppError('not_found', `There is no backup named ${name}.`);
      return restoreView(await backups.restore(backup.path));
    },
    restoreFromFile: async ({ contentBase64 }) => {
      // Checked and copied from a temporary file beside the database, then removed with any side file SQLite made.
      const temporary = join(dataDir, `restore-${Date.now()}.db.tmp`);
      writeFileSync(temporary, Buffer.from(contentBase64, 'base64'));
      try {
        return restoreView(await backups.restore(temporary));
      } finally {
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(temporary + suffix, { force: true });
      }
    },
  };
}

export function restoreView(result: RestoreResult): RestoreView {
  return {
    restoredFrom: result.restoredFrom,
    safetyBackup: result.safetyBackup && backupView(result.safetyBackup),
    damagedCopy: result.damagedCopy,
    sessions: result.facts.sessions,
    trades: result.facts.trades,
  };
}

function backupView(backup: BackupInfo): BackupView {
  return { name: backup.name, reason: backup.reason, createdAt: backup.createdAt, bytes: backup.bytes };
}
