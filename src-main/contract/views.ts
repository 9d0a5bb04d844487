/**
 * What the core hands to the renderer. Money is always a decimal string (`MoneyString`,
 * e.g. "-400.00"), percentages two-decimal strings ("20.00"), instants ISO 8601 UTC strings.
 * Plain numbers are only counts, minutes and chart positions.
 */
/** The status, reason and source vocabularies: tables, views and schemas all take them from here. */
export const SESSION_STATUSES = ['pending', 'active', 'completed', 'stopped', 'expired'] as const;
export const TERMINATION_REASONS = [
  'time_limit',
  'manual',
  'loss_limit',
  'not_started',
  'trailing_drawdown',
  'profit_target',
  'trade_cap',
  'losing_streak',
  'daily_loss_limit',
] as const;
/** The reasons a rule of the session (not time, not the trader) ended it. */
export const RULE_REASONS = ['loss_limit', 'trailing_drawdown', 'profit_target', 'trade_cap', 'losing_streak', 'daily_loss_limit'] as const;
export const TRADE_SOURCES = ['manual', 'import', 'feed'] as const;
/** How each reason reads to the trader, in history, banners and notifications alike. */
export const REASON_LABELS = {
  time_limit: 'Time ran out',
  manual: 'Stopped by you',
  loss_limit: 'Loss limit',
  not_started: 'Never started',
  trailing_drawdown: 'Trailing drawdown',
  profit_target: 'Profit target',
  trade_cap: 'Trade cap',
  losing_streak: 'Losing streak',
  daily_loss_limit: 'Daily loss limit',
} as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type TerminationReason = (typeof TERMINATION_REASONS)[number];
export type TradeSource = (typeof TRADE_SOURCES)[number];
export const DURATION_OPTIONS = [60, 240, 1440, 10080] as const;
export type DurationMinutes = (typeof DURATION_OPTIONS)[number];
export const LIMIT_PRESETS = ['10', '20', '30'] as const;
/** The balance a profile needs before it can create a session (PRODUCT.md section 2). */
export const MINIMUM_SESSION_BALANCE = '100.00';
/**
 * Warnings: shares of a rule used (each once per session), time left, and the alerts that can
 * come more than once (a cooldown starting, one trade losing more than allowed).
 */
export const WARNING_KINDS = [
  'loss_50',
  'loss_75',
  'loss_90',
  'daily_50',
  'daily_75',
  'daily_90',
  'drawdown_50',
  'drawdown_75',
  'drawdown_90',
  'trades_50',
  'trades_75',
  'trades_90',
  'giveback_50',
  'giveback_75',
  'giveback_90',
  'time_15',
  'time_5',
  'cooldown',
  'large_loss',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
export type RuleReason = (typeof RULE_REASONS)[number];

export interface ProfileView {
  id: number;
  name: string;
  currency: string;
  balance: string;
  timeZone: string;
  applyPnlToBalance: boolean;
  /** null: a loss-limit stop locks new sessions until the stopped session's planned end. */
  lockoutMinutes: number | null;
  /** The loss allowed across all sessions of a trading day; null: none. */
  dailyLossLimit: string | null;
  /** When the trading day starts, "HH:MM" in `dayBoundaryZone` (17:00 America/Chicago for CME futures). */
  dayBoundary: string;
  /** The zone of the day boundary; null: the profile's own zone. */
  dayBoundaryZone: string | null;
}

/** What the early-end cool-off, and every rule beyond the loss limit, were set to at setup; money as decimal strings. */
export interface SessionRulesInput {
  trailingDrawdown: { amount: string } | null;
  /** `lockGivebackPercent` null: stop on reaching the target; a share: lock a floor that gives back at most that much of the peak. */
  profitTarget: { amount: string; lockGivebackPercent: number | null } | null;
  tradeCap: { trades: number } | null;
  /** `stop`: the streak ends the session; otherwise a cooldown of `cooldownMinutes`. */
  losingStreak: { losses: number; cooldownMinutes: number; stop: boolean } | null;
  largestLoss: { amount: string } | null;
  /** Minutes between asking to end early (or to shorten the lockout after) and being able to confirm; 0: at once. */
  coolOffMinutes: number;
}

export interface DailyLossLimitView {
  amount: string;
  /** "HH:MM" */
  boundary: string;
  timeZone: string;
}

/** A session's rules as stored with it: the setup's, plus the profile's daily loss limit frozen at start. */
export interface SessionRulesView extends SessionRulesInput {
  dailyLossLimit: DailyLossLimitView | null;
  /** The template the setup started from, if any. */
  templateName: string | null;
}

export type LossLimitInputView = { kind: 'percentage'; percentage: string } | { kind: 'amount'; amount: string };

/** Everything setup asks: what a template saves and a schedule plans. */
export interface SessionConfigView {
  durationMinutes: number;
  lossLimit: LossLimitInputView;
  rules: SessionRulesInput;
}

export interface TemplateView {
  id: number;
  name: string;
  config: SessionConfigView;
  updatedAt: string;
}

export type RoomRule = 'loss_limit' | 'daily_loss_limit' | 'trailing_drawdown' | 'losing_streak' | 'trade_cap' | 'profit_target' | 'largest_loss' | 'cooldown';

/** One rule in force and how much room it leaves, as the active screen, the tray and the tab title show it. */
export interface RoomLeftItem {
  rule: RoomRule;
  /** What `left` measures: loss left, distance above a floor, to the target, trades or losses left, the daily loss left, the most one trade may lose, or cooldown time. */
  measure: 'loss_left' | 'above_floor' | 'to_target' | 'trades_left' | 'losses_left' | 'daily_loss_left' | 'per_trade' | 'cooldown_left';
  unit: 'money' | 'count' | 'time';
  /** A money string, a count as text, or for a cooldown the minutes left (rounded up) as text. */
  left: string;
  /** Share of the rule used, "0.00" to "100.00". */
  usedPercentage: string;
  /** The P&L at which the rule stops the session, when it is a floor. */
  floor: string | null;
  /** When a running cooldown ends. */
  until: string | null;
}

export type EarlyEndKind = 'stop' | 'shorten_lockout';
export type EarlyEndOutcome = 'confirmed' | 'cancelled' | 'lapsed' | 'moot';

/** A request to end a session early or to shorten its lockout, waiting out the cool-off chosen at setup. */
export interface EarlyEndView {
  id: number;
  sessionId: number;
  kind: EarlyEndKind;
  requestedAt: string;
  /** From when it can be confirmed. */
  confirmableAt: string;
  /** Until when; after that it lapses and a new request starts the wait again. */
  expiresAt: string;
  outcome: EarlyEndOutcome | null;
  resolvedAt: string | null;
}

export type OccurrenceOutcome = 'started' | 'created' | 'missed' | 'blocked';

/** One planned time of a schedule and what became of it. */
export interface OccurrenceView {
  id: number;
  scheduleId: number;
  plannedStart: string;
  plannedEnd: string;
  outcome: OccurrenceOutcome;
  sessionId: number | null;
  message: string;
  at: string;
}

export interface ScheduleView {
  id: number;
  templateId: number;
  templateName: string;
  /** ISO weekdays, 1 (Monday) to 7 (Sunday). */
  weekdays: number[];
  /** "HH:MM" in `timeZone`. */
  start: string;
  end: string;
  timeZone: string;
  /** Start the session at the planned time, or only create it for the trader to start. */
  autoStart: boolean;
  enabled: boolean;
  next: { start: string; end: string } | null;
  /** The latest occurrences, newest first. */
  recent: OccurrenceView[];
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
  rules: SessionRulesView;
  /**
   * Each rule in force with the room it left when the session last changed (after its last
   * trade), the most urgent first; `ActiveSessionData.roomLeft` is the same read at its `now`.
   */
  roomLeft: RoomLeftItem[];
  /** When the cooldown running at the last change ends; null when none ran. */
  cooldownUntil: string | null;
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
  /** Each rule in force with the room it leaves now, the most urgent first (a running cooldown, then the largest share used); today's trading day for the daily limit. */
  roomLeft: RoomLeftItem[];
  /** When the running cooldown ends; null when none runs. */
  cooldownUntil: string | null;
  /** The early-end request waiting out its cool-off, if any. */
  earlyEnd: EarlyEndView | null;
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
  /** A voided trade counts nowhere; it stays in the record with its reason. */
  voidedAt: string | null;
  voidReason: string | null;
  /** The import it came from, if any. */
  batchId: number | null;
  /** Taken while a losing-streak cooldown ran. */
  inCooldown: boolean;
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
  reasons: Array<{
    code: 'session_open' | 'lockout_active' | 'daily_limit_reached' | 'balance_too_low' | 'no_profile';
    message: string;
    until: string | null;
    sessionId: number | null;
  }>;
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
  /** What happened after each warning the session raised. */
  afterWarnings: AfterWarningView[];
}

/** One warning and what followed it in its session. */
export interface AfterWarningView {
  kind: WarningKind;
  at: string;
  /** P&L and trades closed after the warning. */
  pnlAfter: string;
  tradesAfter: number;
  /** Minutes from the warning to the session's end; null while it runs. */
  minutesToEnd: number | null;
}

/** How the trader keeps their commitments, across the record. */
export interface DisciplineReport {
  /** Ended sessions counted. */
  sessions: number;
  endings: Array<{ ending: 'time' | 'rule' | 'manual' | 'not_started'; count: number; share: string | null }>;
  byRule: Array<{ reason: RuleReason; count: number }>;
  /** Sessions kept: ended by time or by a rule, nothing taken in a cooldown or the lockout after. Newest run and longest run. */
  kept: { sessions: number; currentStreak: number; longestStreak: number };
  cooldowns: { total: number; respected: number; tradedThrough: number; tradesInCooldown: number };
  /** Early-end requests and what became of them; `pnlWhileWaiting` is the P&L of trades closed between a request and its outcome. */
  earlyEnds: { requested: number; confirmed: number; cancelled: number; lapsed: number; pnlWhileWaiting: string };
  /** Per warning kind: sessions that raised it, how many kept trading after it, and what followed on average. */
  afterWarnings: Array<{
    kind: WarningKind;
    sessions: number;
    keptTrading: number;
    averagePnlAfter: string | null;
    averageTradesAfter: string | null;
    averageMinutesToEnd: string | null;
    value: number;
  }>;
  /** "Sessions where you kept trading after the 90 % warning lost X on average after it." */
  afterLoss90: { sessions: number; averagePnlAfter: string | null };
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
  /** `stopped_other_rule`: stopped by a rule beyond the loss limit (trailing drawdown, trade cap, ...). */
  byOutcome: Array<{ outcome: 'completed' | 'stopped_manual' | 'stopped_loss_limit' | 'stopped_other_rule' | 'expired' | 'open'; count: number }>;
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

/** The feed as Settings shows it; the token is not in it (see FeedTokenView). */
export interface FeedSettingsView {
  enabled: boolean;
  port: number;
  running: boolean;
  url: string;
  error: string | null;
}

/** The bearer token platforms send, only ever returned when the trader asks to see or copy it. */
export interface FeedTokenView {
  token: string;
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

/** A format that might read a file, with how sure it is and why. */
export interface PresetCandidateView {
  /** A preset's id, or `generic` for a saved mapping (named in mappingName). */
  preset: string;
  label: string;
  mappingName?: string;
  confidence: 'certain' | 'likely' | 'possible';
  reason: string;
}

/** The formats the app reads by itself, for the trader to choose among. */
export interface ImportPresetView {
  id: string;
  label: string;
}

/** What the core reads of a file's start: where its header is and what its columns are called, so the column picker and the import agree. */
export interface ImportFileHead {
  headerLine: number | null;
  columns: string[];
  /** The first rows under the header, for the trader to recognise the columns by. */
  sample: string[][];
  candidates: PresetCandidateView[];
}

/** The file was not read: no format alone is certain of it, so the trader chooses one. */
export interface ImportFormatChoice {
  kind: 'choose';
  fileName: string;
  message: string;
  /** Surest first; empty when no format knows the file at all. */
  candidates: PresetCandidateView[];
}

export interface ImportPreview {
  kind: 'preview';
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
  /** Every format that recognised the file (the one used among them), surest first. */
  candidates: PresetCandidateView[];
  /** What the trader should look at before importing (a futures contract mapped with point value 1, …). */
  warnings: string[];
  /** Positions the report lists as still open: not trades, shown so nothing looks lost. */
  openPositions: Array<{ line: number; account: string; symbol: string; quantity: string; price: string | null }>;
  /** Closes with no known opening position (opened before the file, or by a file not imported yet): in no P&L. */
  unopened: ImportUnopenedView[];
  /** Lines the trader gave an opening price, now trades. */
  openingPrices: Array<{ line: number; price: string }>;
  /** Sales the trader said opened a short, now open shorts (or trades, where the file closes them). */
  shortLines: number[];
  /** The platform's own totals beside Sessionguard's, when the file carries any; null when it carries none. */
  reconciliation: ReconciliationView | null;
}

/**
 * A platform's own totals (NinjaTrader's Cum. net profit, MetaTrader's Closed Trade P/L, the days
 * of a Tradovate cash or balance history) beside what Sessionguard computed for the same account
 * and day.
 */
export interface ReconciliationView {
  /**
   * `file`: beside the trades this file holds. `recorded`: beside the trades already recorded for
   * those days: the file is a cash or balance history, which is never imported as trades.
   */
  against: 'file' | 'recorded';
  rows: Array<{
    /** Where the platform's figure comes from, in its words ("Cum. net profit"). */
    label: string;
    /** Null: every account together. */
    account: string | null;
    /** YYYY-MM-DD in the preview's zone; null: the whole file. */
    day: string | null;
    /** Whether the platform's figure is net of fees or before them; Sessionguard's is on the same basis. */
    basis: 'net' | 'gross';
    platform: string;
    ours: string;
    /** Ours less the platform's: "0.00" when they agree. */
    difference: string;
  }>;
  /** How many rows disagree. */
  differences: number;
}

export interface ImportUnopenedView {
  line: number;
  account: string;
  symbol: string;
  /** The closing side: a sell closes a long, a buy closes a short; null for an expiry that doesn't say. */
  side: 'buy' | 'sell' | null;
  quantity: string;
  price: string;
  time: string;
}

export interface ImportResult {
  batchId: number;
  recorded: number;
  duplicates: number;
  breached: boolean;
  openLots: number;
}

/** A file or feed delivery that was imported, as the import history lists it. */
export interface ImportBatchView {
  batchId: number;
  fileName: string;
  preset: string;
  importedAt: string;
  tradeCount: number;
  fillCount: number;
  undoneAt: string | null;
  /** Null when it can be undone; otherwise why not, in plain words. */
  undoBlockedBy: string | null;
}

/** What a void, a correction or an undone import changed. */
export interface CorrectionResult {
  voided: number;
  /** The trade recorded in place of the voided one (a correction). */
  recorded: TradeView | null;
  sessions: SessionView[];
  breached: boolean;
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
  /** The data replaced, as a backup; null when it was damaged and kept as a copy instead. */
  safetyBackup: BackupView | null;
  /** Where a damaged database was copied before the restore replaced it, if it was damaged. */
  damagedCopy: string | null;
  sessions: number;
  trades: number;
}

/** Whether the data can be saved; when the file is damaged, the backup to restore. */
export interface DataHealthView {
  damaged: boolean;
  message: string | null;
  /** The newest backup that passes integrity_check, if any. */
  newestGoodBackup: BackupView | null;
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
  /** A preset's id, `auto` or `generic`. */
  preset: string;
  /** The saved column mapping used when the preset is generic. */
  mappingName: string | null;
  running: boolean;
  error: string | null;
  /** The latest files handled, newest first. */
  recent: WatchedFileView[];
}

/**
 * What the feed tells a platform connector about the lock in every v2 reply: while `active`,
 * a connector whose trader opted in flattens, cancels working orders and refuses new orders
 * until `until`.
 */
export interface LockView {
  active: boolean;
  /** Why trading is locked (the termination reason of the session that locked it). */
  reason: 'loss_limit' | null;
  until: string | null;
  /** What a connector that enforces the lock does while it is active. */
  action: 'none' | 'flatten_and_block';
  /** The session whose stop locked trading; enforcement actions land in its timeline. */
  sessionId: number | null;
}

/** One platform account as its connector last reported it (money as decimal strings). */
export interface ConnectorAccountView {
  id: string;
  kind: 'sim' | 'live';
  currency: string;
  realized: string | null;
  unrealized: string | null;
  equity: string | null;
  /** The trader opted in, in the connector's own settings, to let the lock act in this account. */
  enforcement: boolean;
}

export interface ConnectorView {
  /** Who sent it, e.g. "ninjatrader8". */
  source: string;
  version: string;
  platform: string;
  lastHeartbeatAt: string;
  lastExecutionAt: string | null;
  /** Heartbeats stopped for longer than the allowed silence. */
  lost: boolean;
  accounts: ConnectorAccountView[];
}

export interface ConnectorsView {
  /** The main process's clock when this was read: heartbeat ages are measured against it, not the page's clock. */
  now: string;
  /** Seconds of silence after which a connector counts as lost (while a session is active). */
  lostAfterSeconds: number;
  connectors: ConnectorView[];
  lock: LockView;
}
