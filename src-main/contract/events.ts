import type { AppErrorData } from './errors.ts';
import type { SessionView, TradeView, WarningKind, WatchedFileView } from './views.ts';

/** Everything observable happens on one typed stream; the tray, notifications and the page all listen to it. */
export type AppEvent =
  | { type: 'session_changed'; session: SessionView }
  | { type: 'trade_recorded'; trade: TradeView; session: SessionView | null }
  | { type: 'warning'; kind: WarningKind; session: SessionView; message: string }
  | { type: 'breach'; session: SessionView; message: string }
  /** The breach notice of this loss-limit stop was acknowledged (in any window). */
  | { type: 'breach_acknowledged'; sessionId: number }
  | { type: 'session_ended'; session: SessionView; message: string }
  | { type: 'storage_failed'; error: AppErrorData }
  | { type: 'folder_import'; file: WatchedFileView }
  /** Trades recorded while a lockout runs (`sessionId` is the stopped session that started it); at most 20 listed of `count`. */
  | { type: 'locked_out_trade'; trades: TradeView[]; count: number; lockoutUntil: string; sessionId: number; message: string };

export type AppEventType = AppEvent['type'];
