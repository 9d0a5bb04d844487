import type { AppErrorData } from './errors.ts';
import type { SessionView, TradeView, WarningKind, WatchedFileView } from './views.ts';

/** Everything observable happens on one typed stream; the tray, notifications and the page all listen to it. */
export type AppEvent =
  | { type: 'session_changed'; session: SessionView }
  | { type: 'trade_recorded'; trade: TradeView; session: SessionView | null }
  | { type: 'warning'; kind: WarningKind; session: SessionView; message: string }
  | { type: 'breach'; session: SessionView; message: string }
  | { type: 'session_ended'; session: SessionView; message: string }
  | { type: 'lockout_trade'; sessionId: number; until: string; trades: TradeView[]; message: string }
  | { type: 'storage_failed'; error: AppErrorData }
  | { type: 'folder_import'; file: WatchedFileView };

export type AppEventType = AppEvent['type'];
