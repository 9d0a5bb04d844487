/**
 * What the core hands to the renderer. Money is always a decimal string (`MoneyString`,
 * e.g. "-400.00"), percentages two-decimal strings ("20.00"), instants ISO 8601 UTC strings.
 * Plain numbers are only counts, minutes and chart positions.
 */
export type SessionStatus = 'pending' | 'active' | 'completed' | 'stopped' | 'expired';
export type TerminationReason = 'time_limit' | 'manual' | 'loss_limit' | 'not_started';
export type TradeSource = 'manual' | 'import' | 'feed';
export const DURATION_OPTIONS = [60, 240, 1440, 10080] as const;
export type DurationMinutes = (typeof DURATION_OPTIONS)[number];
export const LIMIT_PRESETS = ['10', '20', '30'] as const;
/** The balance a profile needs before it can create a session (PRODUCT.md section 2). */
export const MINIMUM_SESSION_BALANCE = '100.00';
export type WarningKind = 'loss_50' | 'loss_75' | 'loss_90' | 'time_15' | 'time_5';

export interface ProfileView {
  id: number;
  name: string;
  currency: string;
  balance: string;
  timeZone: string;
  applyPnlToBalance: boolean;
  /** null: a loss-limit stop locks new sessions until the stopped session's planned end. */
  lockoutMinutes: number | null;
}

export interface SessionView {
  id: number;
  userId: number;
  status: SessionStatus;
  durationMinutes: number;
  lossLimitAmount: string;
  lossLimitPercentage: string;
  balanceAtCreation: string;
  startTime: string | null;
  plannedEndTime: string | null;
  endTime: string | null;
  actualDurationMinutes: number | null;
  totalTrades: number;
  winningTrades: number;
  losingTrades: number;
  realizedPnl: string;
  grossProfit: string;
  grossLoss: string;
  sessionPerformancePercentage: string | null;
  terminationReason: TerminationReason | null;
  /** Loss so far as a share of the loss limit, "0.00" to "100.00" and beyond. */
  lossLimitUsedPercentage: string;
  /** How much more may be lost before the limit stops the session. */
  lossLimitRemaining: string;
  winRate: string | null;
  lockoutUntil: string | null;
  /** When a pending session expires unstarted. */
  pendingExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ActiveSessionData {
  session: SessionView;
  /** The main process's clock when this was computed; the countdown runs from plannedEndTime. */
  now: string;
  elapsedMs: number;
  remainingMs: number | null;
  /** Share of the planned time gone, 0 to 1 (a chart position, not money). */
  timeProgress: number;
  /** Loss so far as a share of the loss limit, "0.00" to "100.00" and beyond. */
  lossLimitUsedPercentage: string;
  /** How much more may be lost before the limit stops the session. */
  lossLimitRemaining: string;
  winRate: string | null;
  warningsRaised: WarningKind[];
}

export interface TradeView {
  id: number;
  sessionId: number | null;
  source: TradeSource;
  externalId: string | null;
  account: string | null;
  symbol: string | null;
  side: 'long' | 'short' | null;
  quantity: string | null;
  entryPrice: string | null;
  exitPrice: string | null;
  pointValue: string | null;
  fees: string;
  realizedPnl: string;
  openedAt: string | null;
  closedAt: string;
  note: string | null;
}

export interface SessionEventView {
  id: number;
  sessionId: number;
  type: string;
  at: string;
  payload: Record<string, unknown>;
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface SessionValidation {
  valid: boolean;
  errors: FieldProblem[];
  warnings: FieldProblem[];
  computed: { lossLimitAmount: string | null; lossLimitPercentage: string | null; balance: string };
}

export interface CanCreateReport {
  allowed: boolean;
  reasons: Array<{ code: 'session_open' | 'lockout_active' | 'balance_too_low' | 'no_profile'; message: string; until: string | null; sessionId: number | null }>;
}

export interface SessionStats {
  trades: number;
  wins: number;
  losses: number;
  breakeven: number;
  winRate: string | null;
  grossProfit: string;
  grossLoss: string;
  netPnl: string;
  fees: string;
  profitFactor: string | null;
  averageWin: string | null;
  averageLoss: string | null;
  largestWin: string | null;
  largestLoss: string | null;
  maxDrawdown: string;
  expectancy: string | null;
}

export interface EquityPoint {
  at: string;
  /** Cumulative P&L after this trade, as a string; `value` is the same as a number for charts only. */
  pnl: string;
  value: number;
  tradeId: number | null;
}

export interface SessionDetail {
  session: SessionView;
  stats: SessionStats;
  equityCurve: EquityPoint[];
  trades: TradeView[];
  events: SessionEventView[];
}

export type HistorySort = 'start' | 'pnl' | 'performance';

/** Realized P&L per calendar day of a month, in the profile's zone (every day listed, zero where nothing closed). */
export interface DailyPnlView {
  /** "2026-03" */
  month: string;
  days: Array<{ date: string; pnl: string; trades: number }>;
  total: string;
  trades: number;
}

/** Realized P&L of all trades closed today, this week (from Monday) and this month, in the profile's zone. */
export interface PnlSummary {
  today: { pnl: string; trades: number };
  week: { pnl: string; trades: number };
  month: { pnl: string; trades: number };
  timeZone: string;
}

export interface HistoryPage {
  items: SessionView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Overview {
  sessions: number;
  totalPnl: string;
  byOutcome: Array<{ outcome: 'completed' | 'stopped_manual' | 'stopped_loss_limit' | 'expired' | 'open'; count: number }>;
  lossLimitStops: number;
  lossLimitStopRate: string | null;
  /** Per ended session, oldest first, thinned to at most `maxPoints`; `pnl` exact, `value` for charts. */
  perSession: Array<{ sessionId: number; start: string; pnl: string; value: number; cumulative: string; cumulativeValue: number }>;
  thinned: boolean;
  byWeekday: Array<{ weekday: number; label: string; sessions: number; pnl: string; value: number }>;
  byHour: Array<{ hour: number; sessions: number; pnl: string; value: number }>;
}

export interface Capabilities {
  mode: 'desktop' | 'browser';
  tray: boolean;
  nativeNotifications: boolean;
}

export interface Bootstrap {
  profile: ProfileView | null;
  profiles: ProfileView[];
  capabilities: Capabilities;
  now: string;
  systemTimeZone: string;
}

export interface TradePreview {
  realizedPnl: string;
  fees: string;
  grossPnl: string;
  sessionPnlAfter: string | null;
  lossLimitUsedAfter: string | null;
  wouldBreach: boolean;
}

/** The point value a prices entry is multiplied by, and where it came from. */
export interface PointValueUsed {
  value: string;
  /** The futures root looked up; null when the trader typed the value. */
  root: string | null;
  from: 'entry' | 'yours' | 'built_in';
}

export interface ManualTradePreview extends TradePreview {
  /** Null for an entry by P&L. */
  pointValue: PointValueUsed | null;
}

export interface TradesPage {
  items: TradeView[];
  total: number;
  page: number;
  pageSize: number;
  /** How many of the profile's trades no session holds (imported from before, or recorded during a lockout). */
  outsideSessions: number;
}

/** The notice of the latest loss-limit stop, until the trader acknowledges it. */
export interface BreachNotice {
  session: SessionView;
  message: string;
}

export interface RecordTradeOutcome {
  trade: TradeView;
  session: SessionView | null;
  warnings: WarningKind[];
  breached: boolean;
}

export interface FeedSettingsView {
  enabled: boolean;
  port: number;
  /** The bearer token platforms send; shown in Settings, regenerable. */
  token: string;
  running: boolean;
  url: string;
  error: string | null;
}

export interface ImportTradeView {
  lines: number[];
  account: string;
  symbol: string;
  side: 'long' | 'short' | null;
  quantity: string | null;
  entryPrice: string | null;
  exitPrice: string | null;
  closedAt: string;
  fees: string;
  netPnl: string;
  sessionId: number | null;
  duplicate: boolean;
}

export interface ImportPreview {
  previewId: string;
  fileName: string;
  preset: string;
  presetLabel: string;
  timeZone: string;
  tradeCount: number;
  newTradeCount: number;
  duplicateCount: number;
  totalPnl: string;
  fills: number;
  skippedKnownFills: number;
  openLotsAfter: number;
  byAccount: Array<{ account: string; currency: string | null; trades: number; gross: string; fees: string; net: string }>;
  sessions: Array<{ sessionId: number | null; status: SessionStatus | null; trades: number; pnl: string; wouldBreach: boolean }>;
  /** The first trades, for the table; all of them are imported. */
  trades: ImportTradeView[];
  problems: Array<{ line: number; message: string }>;
  notes: string[];
}

export interface ImportResult {
  batchId: number;
  recorded: number;
  duplicates: number;
  breached: boolean;
  openLots: number;
}

export interface SavedMapping {
  name: string;
  mapping: import('./import-schemas.ts').GenericMapping;
}

export interface PointValuesView {
  builtIn: Record<string, string>;
  overrides: Record<string, string>;
}

export interface BackupView {
  name: string;
  reason: 'manual' | 'daily' | 'before-restore';
  createdAt: string;
  bytes: number;
}

export interface RestoreView {
  restoredFrom: string;
  safetyBackup: BackupView;
  sessions: number;
  trades: number;
}

export interface CsvExport {
  fileName: string;
  content: string;
}

/** What happened to one file dropped into the watched folder. */
export interface WatchedFileView {
  fileName: string;
  at: string;
  ok: boolean;
  /** What was imported, or why the file was left where it is. */
  message: string;
  recorded: number;
}

export interface WatchedFolderView {
  enabled: boolean;
  folder: string | null;
  preset: import('./import-schemas.ts').WatchPreset;
  /** The saved column mapping used when the preset is generic. */
  mappingName: string | null;
  running: boolean;
  error: string | null;
  /** The latest files handled, newest first. */
  recent: WatchedFileView[];
}
