import type { AppErrorData } from './errors.ts';
import type { ConnectorView, EarlyEndView, OccurrenceView, RestoreView, RuleReason, SessionView, TradeView, WarningKind, WatchedFileView } from './views.ts';

/** Everything observable happens on one typed stream; the tray, notifications and the page all listen to it. */
export type AppEvent =
  | { type: 'session_changed'; session: SessionView }
  | { type: 'trade_recorded'; trade: TradeView; session: SessionView | null }
  | { type: 'warning'; kind: WarningKind; session: SessionView; message: string }
  /** A rule stopped the session (or would have, when the trades could not be saved). */
  | { type: 'breach'; reason: RuleReason; session: SessionView; message: string }
  /** The breach notice of this stop was acknowledged (in any window). */
  | { type: 'breach_acknowledged'; sessionId: number }
  | { type: 'session_ended'; session: SessionView; message: string }
  | { type: 'lockout_trade'; sessionId: number; until: string; trades: TradeView[]; message: string }
  /** One alert per failure that keeps happening: `failures` counts the failed saves since `since`. */
  | { type: 'storage_failed'; error: AppErrorData; failures: number; since: string }
  /** The database file is damaged: nothing more is saved until a backup is restored (getDataHealth says which). */
  | { type: 'database_damaged'; error: AppErrorData }
  /** A backup replaced the data: every screen loads again. */
  | { type: 'data_restored'; restored: RestoreView }
  | { type: 'folder_import'; file: WatchedFileView }
  | { type: 'connector_lost'; connector: ConnectorView; message: string }
  | { type: 'connector_restored'; connector: ConnectorView; message: string }
  /** A schedule's reminder 5 minutes before, or what became of a planned time (started, created, missed, blocked). */
  | { type: 'schedule'; kind: 'reminder' | OccurrenceView['outcome']; scheduleId: number; occurrence: OccurrenceView | null; message: string }
  /** An early-end request was made, confirmed, cancelled or lapsed. */
  | { type: 'early_end'; request: EarlyEndView; message: string };

export type AppEventType = AppEvent['type'];
