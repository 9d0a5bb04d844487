import { basename, join } from 'node:path';
import { listBackups } from '../backup/backup-service.ts';
import { AppError } from '../errors/app-error.ts';
import { backupsFolder, DATABASE_FILE } from './data-dir.ts';

/**
 * The one sentence a shell shows when the app can't start (the browser-mode terminal, the
 * desktop's dialog): what is wrong, then what to do about it. Never a stack trace; the codes
 * come from the data-folder lock and the storage checks.
 */
export function startFailureSentence(error: unknown, dataDir: string): string {
  const known = asAppError(error);
  if (!known) return unforeseen(error instanceof Error ? error.message : String(error));
  const detail = (key: string) => known.details?.[key];
  const file = String(detail('file') ?? join(dataDir, DATABASE_FILE));
  const name = basename(file);
  const wal = `${name}-wal`;
  const keepBoth = `so Sessionguard left both files untouched: copy the data folder ${dataDir} somewhere safe first`;
  switch (known.code) {
    case 'data_folder_in_use':
      return `Sessionguard is already running on the data folder ${dataDir} (${holder(known)}): use that one, or quit it before starting another.`;
    case 'database_not_a_file':
      return `${file} is a folder, not Sessionguard's database file: move or rename that folder, then start Sessionguard again.`;
    case 'data_folder_not_a_folder':
      return `The data folder ${dataDir} is a file, not a folder: move that file away, or start with --data-dir and another folder.`;
    case 'storage_read_only':
      return `Sessionguard can't write to its data folder ${dataDir} (it is read-only, or you may not write there): make it writable, or start with --data-dir and a folder you can write to.`;
    case 'storage_full':
      return `The disk that holds ${dataDir} is full: free some space, then start Sessionguard again.`;
    case 'database_locked':
      return `${file} is locked by another program: close any other Sessionguard or database tool that has it open, then start again.`;
    case 'not_sessionguard_database':
      return `${file} is not a Sessionguard database and was left untouched: move it elsewhere, or start with --data-dir and another folder.`;
    case 'database_from_future':
      return `${file} was saved by a newer Sessionguard (schema ${detail('databaseVersion') ?? '?'}, this one knows up to ${detail('appVersion') ?? '?'}) and was left untouched: install the newer Sessionguard to open it.`;
    case 'database_corrupt':
      return `${file} is damaged (${detail('problem') ?? 'SQLite can’t read it'}) and Sessionguard did not write to it: keep a copy of it, then ${restoreHint(dataDir, name)}.`;
    case 'wal_without_database':
      return `${name} is ${detail('database') === 'missing' ? 'missing' : 'empty'} but ${wal} beside it holds saved changes, ${keepBoth}, then ${restoreHint(dataDir, name)}.`;
    case 'wal_damaged':
      return detail('finding') === 'header'
        ? `${wal} is damaged at its start and none of its recent changes can be read, ${keepBoth}, then move ${wal} out of the folder to open the data as it was before them, or ${restoreHint(dataDir, name)}.`
        : `${wal} is damaged at frame ${detail('brokenFrame')} and ${detail('commitsAfterBreak')} saved changes after it can't be read, ${keepBoth}, then move ${wal} out of the folder to open the data as it was before the damage, or ${restoreHint(dataDir, name)}.`;
    case 'wal_foreign':
      return `${wal} does not belong to ${name} (${detail('finding') ?? 'it was written for another database'}), ${keepBoth}, then move ${wal} out of the folder (if you put ${name} there by hand, that is all it takes).`;
    default:
      return unforeseen(known.message);
  }
}

function unforeseen(message: string): string {
  return `Sessionguard could not start (${message.replace(/\.$/, '')}): start it again, and if it stops the same way, report this sentence.`;
}

/** Node's own file errors, named the way the storage names SQLite's. */
function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const path = (error as { path?: unknown } | null)?.path;
  const details = typeof path === 'string' ? { file: path } : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppError('storage_read_only', message, { details });
  if (code === 'ENOSPC') return new AppError('storage_full', message, { details });
  if (code === 'EISDIR') return new AppError('database_not_a_file', message, { details });
  return null;
}

const MODE_NAMES: Record<string, string> = { desktop: 'the desktop app', browser: 'browser mode', script: 'a script' };

function holder(error: AppError): string {
  const pid = error.details?.pid;
  if (pid == null) return 'another process that is still starting';
  const mode = MODE_NAMES[String(error.details?.mode)] ?? 'another Sessionguard';
  const started = error.details?.startedAt ? `, started ${error.details.startedAt}` : '';
  return `${mode}, process ${pid}${started}`;
}

function restoreHint(dataDir: string, name: string): string {
  const newest = listBackups(backupsFolder(dataDir))[0];
  return newest
    ? `put your newest backup ${newest.path} in its place, named ${name}`
    : `recover what you can with SQLite's .recover command (there is no backup in ${backupsFolder(dataDir)})`;
}
