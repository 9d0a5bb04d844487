import { z } from 'zod';
import type { ChannelName } from './channel-names.ts';
import type { Result } from './errors.ts';
import { genericMapping, presetChoice } from './import-schemas.ts';
import { currency, decimalInput, empty, id, isoInstant, moneyInput, shortText, timeZone } from './schemas.ts';
import { SESSION_STATUSES, TERMINATION_REASONS } from './views.ts';
import type {
  ActiveSessionData,
  BackupView,
  BreachNotice,
  Bootstrap,
  CsvExport,
  DailyPnlView,
  DataHealthView,
  RestoreView,
  CanCreateReport,
  ConnectorsView,
  CorrectionResult,
  DisciplineReport,
  EarlyEndView,
  ImportBatchView,
  ScheduleView,
  TemplateView,
  FeedSettingsView,
  FeedTokenView,
  ImportFileHead,
  ImportFormatChoice,
  ImportPresetView,
  ImportPreview,
  ImportResult,
  ManualTradePreview,
  PointValuesView,
  SavedMapping,
  HistoryPage,
  Overview,
  PnlSummary,
  ProfileView,
  RecordTradeOutcome,
  SessionDetail,
  SessionValidation,
  SessionView,
  TradeView,
  TradesPage,
  WatchedFolderView,
} from './views.ts';

/**
 * The one IPC contract: every request the renderer can make, its payload schema and its
 * result type. Main, preload, browser mode and the renderer all derive from this object;
 * nothing declares a channel name by hand anywhere else.
 */
interface Channel<S extends z.ZodType, R> {
  readonly schema: S;
  readonly __result?: R;
}

function request<S extends z.ZodType>(schema: S) {
  return { returns: <R>(): Channel<S, R> => ({ schema }) };
}

const lossLimit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percentage'), percentage: decimalInput }).strict(),
  z.object({ kind: z.literal('amount'), amount: moneyInput }).strict(),
]);

const wholeNumber = (max: number) => z.number().int().min(0).max(max);

/** The rules beyond the loss limit; each is off when null, and all are off when absent. */
export const sessionRules = z
  .object({
    trailingDrawdown: z.object({ amount: moneyInput }).strict().nullable().default(null),
    profitTarget: z
      .object({ amount: moneyInput, lockGivebackPercent: wholeNumber(1000).nullable() })
      .strict()
      .nullable()
      .default(null),
    tradeCap: z
      .object({ trades: wholeNumber(1_000_000) })
      .strict()
      .nullable()
      .default(null),
    losingStreak: z
      .object({ losses: wholeNumber(1000), cooldownMinutes: wholeNumber(1_000_000), stop: z.boolean() })
      .strict()
      .nullable()
      .default(null),
    largestLoss: z.object({ amount: moneyInput }).strict().nullable().default(null),
    coolOffMinutes: wholeNumber(1_000_000).default(0),
  })
  .strict();

const sessionConfig = z.object({ durationMinutes: z.number().int().min(0).max(1_000_000), lossLimit, rules: sessionRules.optional() }).strict();

/** "HH:MM", 00:00 to 23:59. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:30');
const templateName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^\P{Cc}*$/u, 'a name without control characters');

const tradeEntry = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('pnl'),
      pnl: moneyInput,
      fees: moneyInput.optional(),
      symbol: shortText(32).optional(),
      closedAt: isoInstant.optional(),
      note: shortText(500).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('prices'),
      symbol: z.string().trim().min(1).max(32),
      side: z.enum(['long', 'short']),
      quantity: decimalInput,
      entryPrice: decimalInput,
      exitPrice: decimalInput,
      fees: moneyInput.optional(),
      pointValue: decimalInput.optional(),
      closedAt: isoInstant.optional(),
      note: shortText(500).optional(),
    })
    .strict(),
]);

/** Why a trade is taken back: kept with it in the record. */
const correctionReason = z.string().trim().min(1, 'Say why, in a few words.').max(500);

/** Which sessions a history page and the overview describe: the same filters for both. */
const sessionFilters = {
  statuses: z.array(z.enum(SESSION_STATUSES)).max(SESSION_STATUSES.length).optional(),
  reasons: z.array(z.enum(TERMINATION_REASONS)).max(TERMINATION_REASONS.length).optional(),
  durations: z.array(z.number().int()).max(4).optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
};

const profileFields = {
  name: z.string().max(80),
  currency,
  balance: moneyInput,
  timeZone,
};

export const channels = {
  getBootstrap: request(empty).returns<Bootstrap>(),
  createProfile: request(z.object(profileFields).strict()).returns<ProfileView>(),
  updateProfile: request(
    z
      .object({
        ...profileFields,
        applyPnlToBalance: z.boolean(),
        lockoutMinutes: z.number().int().min(0).max(43_200).nullable(),
        dailyLossLimit: moneyInput.nullable(),
        dayBoundary: clockTime,
        dayBoundaryZone: timeZone.nullable(),
      })
      .partial()
      .strict(),
  ).returns<ProfileView>(),
  selectProfile: request(z.object({ profileId: id }).strict()).returns<ProfileView>(),

  validateSession: request(sessionConfig).returns<SessionValidation>(),
  canCreateSession: request(empty).returns<CanCreateReport>(),
  createSession: request(sessionConfig.extend({ acknowledgeRisk: z.boolean(), start: z.boolean() }).strict()).returns<SessionView>(),
  startSession: request(z.object({ sessionId: id }).strict()).returns<SessionView>(),
  stopSession: request(z.object({ sessionId: id }).strict()).returns<SessionView>(),
  /** A session created but not started; it ends as expired (manual). */
  cancelSession: request(z.object({ sessionId: id }).strict()).returns<SessionView>(),
  getActiveSession: request(empty).returns<ActiveSessionData | null>(),
  getBreachNotice: request(empty).returns<BreachNotice | null>(),
  acknowledgeBreach: request(z.object({ sessionId: id }).strict()).returns<null>(),

  /** Ending a session early, or shortening its lockout, waits out the cool-off chosen at setup. */
  requestEarlyEnd: request(z.object({ sessionId: id, kind: z.enum(['stop', 'shorten_lockout']) }).strict()).returns<EarlyEndView>(),
  confirmEarlyEnd: request(z.object({ requestId: id }).strict()).returns<EarlyEndView>(),
  cancelEarlyEnd: request(z.object({ requestId: id }).strict()).returns<EarlyEndView>(),
  getEarlyEnd: request(z.object({ sessionId: id }).strict()).returns<EarlyEndView | null>(),

  listTemplates: request(empty).returns<TemplateView[]>(),
  saveTemplate: request(z.object({ name: templateName, config: sessionConfig.extend({ rules: sessionRules }).strict() }).strict()).returns<TemplateView[]>(),
  deleteTemplate: request(z.object({ templateId: id }).strict()).returns<TemplateView[]>(),

  listSchedules: request(empty).returns<ScheduleView[]>(),
  saveSchedule: request(
    z
      .object({
        scheduleId: id.optional(),
        templateId: id,
        weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
        start: clockTime,
        end: clockTime,
        timeZone,
        autoStart: z.boolean(),
        enabled: z.boolean(),
      })
      .strict(),
  ).returns<ScheduleView[]>(),
  deleteSchedule: request(z.object({ scheduleId: id }).strict()).returns<ScheduleView[]>(),

  previewTrade: request(tradeEntry).returns<ManualTradePreview>(),
  recordTrade: request(tradeEntry).returns<RecordTradeOutcome>(),
  listSessionTrades: request(z.object({ sessionId: id }).strict()).returns<TradeView[]>(),
  voidTrade: request(z.object({ tradeId: id, reason: correctionReason }).strict()).returns<CorrectionResult>(),
  correctTrade: request(z.object({ tradeId: id, reason: correctionReason, entry: tradeEntry }).strict()).returns<CorrectionResult>(),

  getHistory: request(
    z
      .object({
        ...sessionFilters,
        sort: z.enum(['start', 'pnl', 'performance']).optional(),
        direction: z.enum(['asc', 'desc']).optional(),
        page: z.number().int().min(1).max(1_000_000).optional(),
        pageSize: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  ).returns<HistoryPage>(),
  listTrades: request(
    z
      .object({
        sources: z
          .array(z.enum(['manual', 'import', 'feed']))
          .max(3)
          .optional(),
        /** A session's id, or none for the trades outside every session. */
        session: z.union([id, z.literal('none')]).optional(),
        recordedAfter: isoInstant.optional(),
        page: z.number().int().min(1).max(1_000_000).optional(),
        pageSize: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  ).returns<TradesPage>(),
  getDailyPnl: request(z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-03') }).strict()).returns<DailyPnlView>(),
  getPnlSummary: request(empty).returns<PnlSummary>(),
  getSessionDetail: request(z.object({ sessionId: id }).strict()).returns<SessionDetail>(),
  getOverview: request(z.object({ ...sessionFilters, maxPoints: z.number().int().min(10).max(5000).optional() }).strict()).returns<Overview>(),
  getDiscipline: request(z.object({ from: isoInstant.optional(), to: isoInstant.optional() }).strict()).returns<DisciplineReport>(),

  getFeedSettings: request(empty).returns<FeedSettingsView>(),
  updateFeedSettings: request(
    z.object({ enabled: z.boolean().optional(), port: z.number().int().min(1024).max(65535).optional() }).strict(),
  ).returns<FeedSettingsView>(),
  regenerateFeedToken: request(empty).returns<FeedSettingsView>(),
  /** The only channel that returns the feed's token: Settings' Show and Copy buttons. */
  revealFeedToken: request(empty).returns<FeedTokenView>(),
  getConnectors: request(empty).returns<ConnectorsView>(),

  previewImport: request(
    z
      .object({
        fileName: z.string().min(1).max(255),
        /** The file's bytes, base64; 256 MiB of file at most (the core reads it as a stream of rows). */
        contentBase64: z
          .string()
          .max(360_000_000)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
        preset: presetChoice,
        mapping: genericMapping.optional(),
        timeZone: timeZone.optional(),
        /** What positions the file closes without opening them were opened at, by the closing row's line. */
        openingPrices: z
          .array(
            z
              .object({
                line: z.number().int().min(1).max(100_000_000),
                price: z
                  .string()
                  .max(32)
                  .regex(/^\d{1,15}(\.\d{1,10})?$/, 'a price like 12.50, not below 0'),
              })
              .strict(),
          )
          .max(10_000)
          .optional(),
        /** Sales with no known opening position that the trader says opened a short, by line. */
        shortLines: z.array(z.number().int().min(1).max(100_000_000)).max(10_000).optional(),
      })
      .strict(),
  ).returns<ImportPreview | ImportFormatChoice>(),
  listImportPresets: request(empty).returns<ImportPresetView[]>(),
  /** The start of a file (the first 256 KiB is plenty), read as the import will read it. */
  inspectImport: request(
    z
      .object({
        fileName: z.string().min(1).max(255),
        contentBase64: z
          .string()
          .max(400_000)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
      })
      .strict(),
  ).returns<ImportFileHead>(),
  commitImport: request(z.object({ previewId: z.string().min(1).max(64) }).strict()).returns<ImportResult>(),
  listImports: request(empty).returns<ImportBatchView[]>(),
  undoImport: request(z.object({ batchId: id }).strict()).returns<CorrectionResult>(),
  listMappings: request(empty).returns<SavedMapping[]>(),
  saveMapping: request(
    z
      .object({
        name: z
          .string()
          .trim()
          .min(1)
          .max(60)
          .regex(/^\P{Cc}*$/u, 'must be a name without control characters'),
        mapping: genericMapping,
      })
      .strict(),
  ).returns<SavedMapping[]>(),
  deleteMapping: request(z.object({ name: z.string().min(1).max(60) }).strict()).returns<SavedMapping[]>(),
  getPointValues: request(empty).returns<PointValuesView>(),
  setPointValue: request(
    z
      .object({
        root: z
          .string()
          .trim()
          .min(1)
          .max(8)
          .regex(/^[A-Za-z0-9]+$/, 'must be letters and digits only, like MNQ'),
        value: decimalInput.nullable(),
      })
      .strict(),
  ).returns<PointValuesView>(),

  getWatchedFolder: request(empty).returns<WatchedFolderView>(),
  updateWatchedFolder: request(
    z
      .object({
        enabled: z.boolean().optional(),
        /** An absolute path on this computer. */
        folder: z.string().trim().min(1).max(1024).nullable().optional(),
        preset: presetChoice.optional(),
        mappingName: z.string().min(1).max(60).nullable().optional(),
      })
      .strict(),
  ).returns<WatchedFolderView>(),

  listBackups: request(empty).returns<BackupView[]>(),
  getDataHealth: request(empty).returns<DataHealthView>(),
  createBackup: request(empty).returns<BackupView>(),
  restoreBackup: request(
    z
      .object({
        name: z
          .string()
          .min(1)
          .max(120)
          .regex(/^[\w.-]+$/, 'must be the name of a backup file'),
      })
      .strict(),
  ).returns<RestoreView>(),
  restoreFromFile: request(
    z
      .object({
        fileName: z.string().min(1).max(255),
        contentBase64: z
          .string()
          .max(700_000_000)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64 text'),
      })
      .strict(),
  ).returns<RestoreView>(),
  exportCsv: request(z.object({ kind: z.enum(['sessions', 'trades']) }).strict()).returns<CsvExport>(),
} as const satisfies Record<ChannelName, Channel<z.ZodType, unknown>>;

export type Channels = typeof channels;
export type RequestOf<K extends ChannelName> = z.input<Channels[K]['schema']>;
export type ParsedRequestOf<K extends ChannelName> = z.output<Channels[K]['schema']>;
export type ResultOf<K extends ChannelName> = Exclude<Channels[K]['__result'], undefined>;
export type Response<K extends ChannelName> = Result<ResultOf<K>>;

export { channelNames, EVENT_WIRE_NAME, wireName, type ChannelName } from './channel-names.ts';
