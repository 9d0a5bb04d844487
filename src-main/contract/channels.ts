import { z } from 'zod';
import type { Result } from './errors.ts';
import { genericMapping, PRESETS, WATCH_PRESETS } from './import-schemas.ts';
import { currency, decimalInput, empty, id, isoInstant, moneyInput, shortText, timeZone } from './schemas.ts';
import type {
  ActiveSessionData,
  BackupView,
  BreachNotice,
  Bootstrap,
  CsvExport,
  DailyPnlView,
  RestoreView,
  CanCreateReport,
  FeedSettingsView,
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

const sessionConfig = z.object({ durationMinutes: z.number().int().min(0).max(1_000_000), lossLimit }).strict();

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

/** Which sessions a history page and the overview describe: the same filters for both. */
const sessionFilters = {
  statuses: z.array(z.enum(['pending', 'active', 'completed', 'stopped', 'expired'])).max(5).optional(),
  reasons: z.array(z.enum(['time_limit', 'manual', 'loss_limit', 'not_started'])).max(4).optional(),
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

  previewTrade: request(tradeEntry).returns<ManualTradePreview>(),
  recordTrade: request(tradeEntry).returns<RecordTradeOutcome>(),
  listSessionTrades: request(z.object({ sessionId: id }).strict()).returns<TradeView[]>(),

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
        sources: z.array(z.enum(['manual', 'import', 'feed'])).max(3).optional(),
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

  getFeedSettings: request(empty).returns<FeedSettingsView>(),
  updateFeedSettings: request(z.object({ enabled: z.boolean().optional(), port: z.number().int().min(1024).max(65535).optional() }).strict()).returns<FeedSettingsView>(),
  regenerateFeedToken: request(empty).returns<FeedSettingsView>(),

  previewImport: request(
    z
      .object({
        fileName: z.string().min(1).max(255),
        /** The file's bytes, base64; 20 MB of file at most. */
        contentBase64: z.string().max(28_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
        preset: z.enum([...PRESETS, 'generic', 'auto']),
        mapping: genericMapping.optional(),
        timeZone: timeZone.optional(),
      })
      .strict(),
  ).returns<ImportPreview>(),
  commitImport: request(z.object({ previewId: z.string().min(1).max(64) }).strict()).returns<ImportResult>(),
  listMappings: request(empty).returns<SavedMapping[]>(),
  saveMapping: request(z.object({ name: z.string().trim().min(1).max(60).regex(/^\P{Cc}*$/u, 'a name without control characters'), mapping: genericMapping }).strict()).returns<SavedMapping[]>(),
  deleteMapping: request(z.object({ name: z.string().min(1).max(60) }).strict()).returns<SavedMapping[]>(),
  getPointValues: request(empty).returns<PointValuesView>(),
  setPointValue: request(z.object({ root: z.string().trim().min(1).max(8).regex(/^[A-Za-z0-9]+$/), value: decimalInput.nullable() }).strict()).returns<PointValuesView>(),

  getWatchedFolder: request(empty).returns<WatchedFolderView>(),
  updateWatchedFolder: request(
    z
      .object({
        enabled: z.boolean().optional(),
        /** An absolute path on this computer. */
        folder: z.string().trim().min(1).max(1024).nullable().optional(),
        preset: z.enum(WATCH_PRESETS).optional(),
        mappingName: z.string().min(1).max(60).nullable().optional(),
      })
      .strict(),
  ).returns<WatchedFolderView>(),

  listBackups: request(empty).returns<BackupView[]>(),
  createBackup: request(empty).returns<BackupView>(),
  restoreBackup: request(z.object({ name: z.string().min(1).max(120).regex(/^[\w.-]+$/) }).strict()).returns<RestoreView>(),
  restoreFromFile: request(z.object({ fileName: z.string().min(1).max(255), contentBase64: z.string().max(700_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text') }).strict()).returns<RestoreView>(),
  exportCsv: request(z.object({ kind: z.enum(['sessions', 'trades']) }).strict()).returns<CsvExport>(),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<K extends ChannelName> = z.input<Channels[K]['schema']>;
export type ParsedRequestOf<K extends ChannelName> = z.output<Channels[K]['schema']>;
export type ResultOf<K extends ChannelName> = Exclude<Channels[K]['__result'], undefined>;
export type Response<K extends ChannelName> = Result<ResultOf<K>>;

export const channelNames = Object.keys(channels) as ChannelName[];

/** The wire name of a request channel (Electron IPC and the browser-mode socket alike). */
export const wireName = (name: ChannelName): string => `sessionguard:${name}`;
export const EVENT_WIRE_NAME = 'sessionguard:event';
