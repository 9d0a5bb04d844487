import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupView, RestoreView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { Handlers } from '../ipc/handler-types.ts';
import type { BackupInfo, BackupService } from './backup-service.ts';

export type BackupHandlers = Handlers<'listBackups' | 'createBackup' | 'restoreBackup' | 'restoreFromFile'>;

/** `dataDir` holds the temporary copy of a file restored from outside the backups folder. */
export function backupHandlers(backups: BackupService, dataDir: string): BackupHandlers {
  const restored = (result: Awaited<ReturnType<BackupService['restore']>>): RestoreView => ({
    restoredFrom: result.restoredFrom,
    safetyBackup: view(result.safetyBackup),
    sessions: result.facts.sessions,
    trades: result.facts.trades,
  });
  return {
    listBackups: async () => backups.list().map(view),
    createBackup: async () => view(await backups.create('manual')),
    restoreBackup: async ({ name }) => {
      const backup = backups.list().find((b) => b.name === name);
      if (!backup) throw new AppError('not_found', `There is no backup named ${name}.`);
      return restored(await backups.restore(backup.path));
    },
    restoreFromFile: async ({ contentBase64 }) => {
      // Checked and copied from a temporary file beside the database, then removed.
      const temporary = join(dataDir, `restore-${Date.now()}.db.tmp`);
      writeFileSync(temporary, Buffer.from(contentBase64, 'base64'));
      try {
        return restored(await backups.restore(temporary));
      } finally {
        rmSync(temporary, { force: true });
      }
    },
  };
}

function view(backup: BackupInfo): BackupView {
  return { name: backup.name, reason: backup.reason, createdAt: backup.createdAt, bytes: backup.bytes };
}
