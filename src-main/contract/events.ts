import type { AppErrorData } from './errors.ts';
import type { RestoreView, SessionView, TradeView, WarningKind, WatchedFileView } from './views.ts';

/** Everything observable happens on one typed stream; the tray, notifications and the page all listen to it. */
export type AppEvent =
  | { type: 'session_changed'; session: SessionView }
  | { type: 'trade_recorded'; trade: TradeView; session: SessionView | null }
  | { type: 'warning'; kind: WarningKind; session: SessionView; message: string }
  | { type: 'breach'; session: SessionView; message: string }
  | { type: 'session_ended'; session: SessionView; message: string }
  /** One alert per failure that keeps happening: `failures` counts the failed saves since `since`. */
  | { type: 'storage_failed'; error: AppErrorData; failures: number; since: string }
  /** The database file is damaged: nothing more is saved until a backup is restored (getDataHealth says which). */
  | { type: 'database_damaged'; error: AppErrorData }
  /** A backup replaced the data: every screen loads again. */
  | { type: 'data_restored'; restored: RestoreView }
  | { type: 'folder_import'; file: WatchedFileView }
  /** Trades recorded while a lockout runs (`sessionId` is the stopped session that started it); at most 20 listed of `count`. */
  | { type: 'locked_out_trade'; trades: TradeView[]; count: number; lockoutUntil: string; sessionId: number; message: string };

export type AppEventType = AppEvent['type'];
