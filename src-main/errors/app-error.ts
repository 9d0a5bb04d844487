import type { AppErrorData, ErrorCode, FieldError } from '../contract/errors.ts';

/** The one exception type the core throws on purpose; the IPC layer turns it into a value. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly fieldErrors: FieldError[] | undefined;
  readonly details: Record<string, string | number | null> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; fieldErrors?: FieldError[]; details?: Record<string, string | number | null>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.fieldErrors = options.fieldErrors;
    this.details = options.details;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.field !== undefined) data.field = this.field;
    if (this.fieldErrors !== undefined) data.fieldErrors = this.fieldErrors;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

const STORAGE_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'storage_full',
  'storage_read_only',
  'storage_failed',
  'database_locked',
  'database_corrupt',
]);

/** Every way a write can fail for a storage reason (disk full, read-only, locked, damaged): each is announced the same way. */
export function isStorageFailure(error: unknown): error is AppError {
  return error instanceof AppError && STORAGE_FAILURES.has(error.code);
}

/** SQLite failures a trader can act on, named; anything else stays a generic storage failure. */
export function storageError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const raw = (error as { code?: unknown })?.code;
  // Extended codes name the same failure more precisely (SQLITE_CORRUPT_INDEX is still corruption).
  const code = typeof raw === 'string' && raw.startsWith('SQLITE_CORRUPT') ? 'SQLITE_CORRUPT' : raw;
  switch (code) {
    case 'SQLITE_FULL':
      return new AppError('storage_full', 'The disk is full: Sessionguard could not save. Free some space; nothing was half-saved.', { cause: error });
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DBMOVED':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_RECOVERY':
    case 'SQLITE_CANTOPEN':
      return new AppError('storage_read_only', 'The database file is read-only or out of reach: Sessionguard could not save. Nothing was half-saved.', {
        cause: error,
      });
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new AppError('database_locked', 'The database is locked by another program. Close other copies of Sessionguard and try again.', { cause: error });
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new AppError('database_corrupt', 'The database file is damaged. Restore a backup; Sessionguard will not overwrite it.', { cause: error });
    default:
      return new AppError('storage_failed', `Sessionguard could not save: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Any failure as the AppError that crosses a boundary: ours as it is, SQLite's by its code,
 * anything else as `internal`, logged with `where` since its details stay out of the message.
 */
export function toAppError(error: unknown, where: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return storageError(error);
  console.error(`[sessionguard] ${where} failed`, error);
  return new AppError('internal', 'Something went wrong inside Sessionguard; nothing was changed. Details are in the log.', { cause: error });
}
