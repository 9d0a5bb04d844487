import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupView, RestoreView } from '../contract/views.ts';
import type { Core } from '../core/core.ts';
import { AppError } from '../errors/app-error.ts';
import { sessionsCsv, tradesCsv } from '../export/csv-export.ts';
import type { Handlers } from '../ipc/handler-types.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import { toIso } from '../time/clock.ts';
import type { BackupInfo } from './backup-service.ts';

export type BackupHandlers = Handlers<'listBackups' | 'createBackup' | 'restoreBackup' | 'restoreFromFile' | 'exportCsv'>;

export function backupHandlers(core: Core): BackupHandlers {
  const restored = (result: Awaited<ReturnType<Core['backups']['restore']>>): RestoreView => ({
    restoredFrom: result.restoredFrom,
    safetyBackup: view(result.safetyBackup),
    sessions: result.facts.sessions,
    trades: result.facts.trades,
  });
  return {
    listBackups: async () => core.backups.list().map(view),
    createBackup: async () => view(await core.backups.create('manual')),
    restoreBackup: async ({ name }) => {
      const backup = core.backups.list().find((b) => b.name === name);
      if (!backup) throw new AppError('not_found', `There is no backup named ${name}.`);
      return restored(await core.backups.restore(backup.path));
    },
    restoreFromFile: async ({ contentBase64 }) => {
      // Checked and copied from a temporary file beside the database, then removed.
      const temporary = join(core.dataDir, `restore-${Date.now()}.db.tmp`);
      writeFileSync(temporary, Buffer.from(contentBase64, 'base64'));
      try {
        return restored(await core.backups.restore(temporary));
      } finally {
        rmSync(temporary, { force: true });
      }
    },
    exportCsv: async ({ kind }) => {
      const profile = await findActiveProfile(core.storage.read);
      if (!profile) throw new AppError('no_profile', 'Create a profile first.');
      const content = kind === 'sessions' ? await sessionsCsv(core.storage.read, profile) : await tradesCsv(core.storage.read, profile);
      return { fileName: `sessionguard-${kind}-${toIso(core.clock.now()).slice(0, 10)}.csv`, content };
    },
  };
}

function view(backup: BackupInfo): BackupView {
  return { name: backup.name, reason: backup.reason, createdAt: backup.createdAt, bytes: backup.bytes };
}
