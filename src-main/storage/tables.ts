import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { SessionStatus, TerminationReason, TradeSource } from '../contract/views.ts';

/**
 * One type per table, exactly as the migrations create them. Money columns are integer
 * micros, percentages integer basis points, instants epoch milliseconds UTC; converters
 * in each area turn rows into domain objects (and nowhere else).
 */
export interface ProfileTable {
  id: Generated<number>;
  name: string;
  currency: string;
  balance: number;
  timeZone: string;
  applyPnlToBalance: 0 | 1;
  lockoutMinutes: number | null;
  createdAt: number;
  updatedAt: number;
  /** The loss allowed across a trading day's sessions, in micros; null: none. */
  dailyLossLimit: number | null;
  /** Where the trading day starts: minutes after local midnight in `dayBoundaryZone` (null: the profile's zone). */
  dayBoundaryMinutes: Generated<number>;
  dayBoundaryZone: string | null;
}

export interface TradingSessionTable {
  id: Generated<number>;
  userId: number;
  durationMinutes: number;
  lossLimitAmount: number;
  lossLimitPercentage: number;
  balanceAtCreation: number;
  status: SessionStatus;
  startTime: number | null;
  plannedEndTime: number | null;
  endTime: number | null;
  actualDurationMinutes: number | null;
  totalTrades: Generated<number>;
  winningTrades: Generated<number>;
  losingTrades: Generated<number>;
  realizedPnl: Generated<number>;
  grossProfit: Generated<number>;
  grossLoss: Generated<number>;
  sessionPerformancePercentage: number | null;
  terminationReason: TerminationReason | null;
  lockoutUntil: number | null;
  balanceApplied: Generated<0 | 1>;
  /** The session ledger's running state as JSON (see `sessions/ledger-state.ts`); null until the first trade after migration 4. */
  ledgerState: string | null;
  /** The session's rules as JSON (see `sessions/stored-rules.ts`), frozen when it starts; null: the loss limit alone (sessions before migration 5). */
  rules: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface TradeTable {
  id: Generated<number>;
  userId: number;
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
  fees: number;
  realizedPnl: number;
  openedAt: number | null;
  closedAt: number;
  note: string | null;
  createdAt: number;
  voidedAt: number | null;
  voidReason: string | null;
  batchId: number | null;
  /** Closed while a losing-streak cooldown ran (0 or 1). */
  inCooldown: Generated<0 | 1>;
}

export interface SessionEventTable {
  id: Generated<number>;
  sessionId: number;
  type: string;
  at: number;
  payload: string;
  onceKey: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updatedAt: number;
}

export interface ImportBatchTable {
  id: Generated<number>;
  userId: number;
  fileName: string;
  preset: string;
  fileHash: string;
  tradeCount: number;
  fillCount: number;
  importedAt: number;
  /** The open lots before this batch replaced them (JSON rows of `open_lot` without ids), for an undo. */
  openLotsBefore: string | null;
  undoneAt: number | null;
}

export interface ImportFillTable {
  userId: number;
  fillKey: string;
  batchId: number;
}

export interface OpenLotTable {
  id: Generated<number>;
  userId: number;
  account: string;
  symbol: string;
  side: 'long' | 'short';
  quantity: string;
  price: string;
  fees: number;
  pointValue: string;
  openedAt: number;
  line: number;
  fillKey: string;
  currency: string | null;
}

/** An execution a connector delivered through feed v2, kept so an amend or remove can re-match its book. */
export interface FeedExecutionTable {
  userId: number;
  fillKey: string;
  account: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: string;
  price: string;
  fees: number;
  pointValue: string;
  time: number;
  sequence: number;
  receivedAt: number;
  amendedAt: number | null;
  removedAt: number | null;
}

export interface ImportMappingTable {
  userId: number;
  name: string;
  mapping: string;
  updatedAt: number;
}

export interface PointValueTable {
  userId: number;
  root: string;
  value: string;
}

export interface SessionTemplateTable {
  id: Generated<number>;
  userId: number;
  name: string;
  /** The setup as JSON: duration, loss limit input, rules (see `templates/template-config.ts`). */
  config: string;
  createdAt: number;
  updatedAt: number;
}

export interface SessionScheduleTable {
  id: Generated<number>;
  userId: number;
  templateId: number;
  /** ISO weekdays as bits: bit 0 Monday ... bit 6 Sunday. */
  weekdays: number;
  startMinutes: number;
  endMinutes: number;
  timeZone: string;
  autoStart: 0 | 1;
  enabled: Generated<0 | 1>;
  /** Planned starts at or before this instant are handled (started, created, missed or blocked). */
  handledUntil: number;
  /** The planned start the 5-minute reminder was last given for. */
  remindedFor: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ScheduleOccurrenceTable {
  id: Generated<number>;
  scheduleId: number;
  plannedStart: number;
  plannedEnd: number;
  outcome: 'started' | 'created' | 'missed' | 'blocked';
  sessionId: number | null;
  message: string;
  at: number;
}

export interface EarlyEndRequestTable {
  id: Generated<number>;
  sessionId: number;
  kind: 'stop' | 'shorten_lockout';
  requestedAt: number;
  confirmableAt: number;
  expiresAt: number;
  outcome: 'confirmed' | 'cancelled' | 'lapsed' | 'moot' | null;
  resolvedAt: number | null;
}

export interface Database {
  profile: ProfileTable;
  TradingSession: TradingSessionTable;
  trade: TradeTable;
  session_event: SessionEventTable;
  setting: SettingTable;
  import_batch: ImportBatchTable;
  import_fill: ImportFillTable;
  open_lot: OpenLotTable;
  import_mapping: ImportMappingTable;
  point_value: PointValueTable;
  feed_execution: FeedExecutionTable;
  session_template: SessionTemplateTable;
  session_schedule: SessionScheduleTable;
  schedule_occurrence: ScheduleOccurrenceTable;
  early_end_request: EarlyEndRequestTable;
}

export type ProfileRow = Selectable<ProfileTable>;
export type NewProfileRow = Insertable<ProfileTable>;
export type SessionRow = Selectable<TradingSessionTable>;
export type NewSessionRow = Insertable<TradingSessionTable>;
export type SessionUpdate = Updateable<TradingSessionTable>;
export type TradeRow = Selectable<TradeTable>;
export type NewTradeRow = Insertable<TradeTable>;
export type SessionEventRow = Selectable<SessionEventTable>;
export type TemplateRow = Selectable<SessionTemplateTable>;
export type ScheduleRow = Selectable<SessionScheduleTable>;
export type OccurrenceRow = Selectable<ScheduleOccurrenceTable>;
export type EarlyEndRow = Selectable<EarlyEndRequestTable>;

/** A handle that can only read: history and analytics take this, so they can't write by mistake. */
export type ReadDb = Omit<Kysely<Database>, 'insertInto' | 'replaceInto' | 'updateTable' | 'deleteFrom' | 'mergeInto' | 'schema' | 'transaction'>;
/**
 * A handle inside BEGIN IMMEDIATE (see `Storage.write`), so a change is whole or absent.
 * `statement` turns a query Kysely compiled into a cached prepared statement on the same
 * connection, for the one hot path that runs a statement thousands of times (bulk recording).
 */
export type WriteTx = Kysely<Database> & { statement(query: CompiledQuery): BetterSqlite3.Statement };
export type AppDb = Kysely<Database>;
