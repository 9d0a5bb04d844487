/**
 * Errors cross the IPC boundary as values, never as thrown exceptions: a code the UI can
 * branch on, a sentence a trader can read, and the form field it belongs to, if any.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'not_found'
  | 'no_profile'
  | 'invalid_transition'
  | 'session_open'
  | 'lockout_active'
  | 'daily_limit_reached'
  | 'cool_off_required'
  | 'cool_off_running'
  | 'balance_too_low'
  | 'storage_full'
  | 'storage_read_only'
  | 'storage_failed'
  | 'database_locked'
  | 'database_corrupt'
  | 'not_sessionguard_database'
  | 'database_from_future'
  | 'database_not_a_file'
  | 'wal_without_database'
  | 'wal_damaged'
  | 'wal_foreign'
  | 'data_folder_in_use'
  | 'data_folder_not_a_folder'
  | 'import_failed'
  | 'unauthorized'
  /** Too many requests in flight from one window (or reads waiting overall): try again shortly. */
  | 'busy'
  /** The window that asked went away before the work started; nobody sees this but a log. */
  | 'cancelled'
  | 'internal';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Every problem of a validation, each at its field. */
  fieldErrors?: FieldError[];
  /** Machine-readable context, e.g. when a lockout ends. */
  details?: Record<string, string | number | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };
