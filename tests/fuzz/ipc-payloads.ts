import fc from 'fast-check';
import type { ChannelName } from '../../src-main/contract/channels.ts';

/**
 * One valid request per channel, the seed the fuzzer mutates. Typed over every channel, so a
 * new channel can't be added without being fuzzed too.
 */
export const VALID_SAMPLES: Record<ChannelName, Record<string, unknown>> = {
  getBootstrap: {},
  createProfile: { name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: 'UTC' },
  updateProfile: { applyPnlToBalance: true, lockoutMinutes: 60, dailyLossLimit: '1500.00', dayBoundary: '17:00', dayBoundaryZone: 'America/Chicago' },
  selectProfile: { profileId: 1 },
  validateSession: { durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' } },
  canCreateSession: {},
  createSession: {
    durationMinutes: 240,
    lossLimit: { kind: 'amount', amount: '500.00' },
    rules: { tradeCap: { trades: 5 }, coolOffMinutes: 0 },
    acknowledgeRisk: true,
    start: true,
  },
  startSession: { sessionId: 1 },
  stopSession: { sessionId: 1 },
  cancelSession: { sessionId: 1 },
  getActiveSession: {},
  requestEarlyEnd: { sessionId: 1, kind: 'stop' },
  confirmEarlyEnd: { requestId: 1 },
  cancelEarlyEnd: { requestId: 1 },
  getEarlyEnd: { sessionId: 1 },
  listTemplates: {},
  saveTemplate: {
    name: 'NY open scalp',
    config: {
      durationMinutes: 240,
      lossLimit: { kind: 'percentage', percentage: '10' },
      rules: {
        trailingDrawdown: { amount: '250.00' },
        profitTarget: { amount: '400.00', lockGivebackPercent: 50 },
        tradeCap: { trades: 8 },
        losingStreak: { losses: 3, cooldownMinutes: 30, stop: false },
        largestLoss: { amount: '150.00' },
        coolOffMinutes: 20,
      },
    },
  },
  deleteTemplate: { templateId: 1 },
  listSchedules: {},
  saveSchedule: { templateId: 1, weekdays: [1, 2, 3, 4, 5], start: '09:30', end: '11:30', timeZone: 'America/New_York', autoStart: true, enabled: true },
  deleteSchedule: { scheduleId: 1 },
  getBreachNotice: {},
  acknowledgeBreach: { sessionId: 1 },
  previewTrade: { kind: 'prices', symbol: 'MNQM6', side: 'long', quantity: '2', entryPrice: '21000.25', exitPrice: '20990.00', fees: '1.24' },
  recordTrade: { kind: 'pnl', pnl: '-25.50', fees: '0.50', symbol: 'ES', note: 'fuzz' },
  listSessionTrades: { sessionId: 1 },
  voidTrade: { tradeId: 1, reason: 'entered twice' },
  correctTrade: { tradeId: 1, reason: 'wrong price', entry: { kind: 'pnl', pnl: '-20.00' } },
  getHistory: { statuses: ['stopped'], reasons: ['loss_limit'], durations: [60], sort: 'pnl', direction: 'asc', page: 1, pageSize: 50 },
  listTrades: { sources: ['feed'], session: 'none', recordedAfter: '2026-01-01T00:00:00Z', page: 1, pageSize: 50 },
  getDailyPnl: { month: '2026-03' },
  getPnlSummary: {},
  getSessionDetail: { sessionId: 1 },
  getOverview: { from: '2026-01-01T00:00:00Z', maxPoints: 100 },
  getDiscipline: { from: '2026-01-01T00:00:00Z' },
  getFeedSettings: {},
  updateFeedSettings: { enabled: false, port: 47811 },
  regenerateFeedToken: {},
  revealFeedToken: {},
  getConnectors: {},
  previewImport: { fileName: 'fills.csv', contentBase64: 'dGltZSxzeW1ib2wK', preset: 'auto' },
  listImportPresets: {},
  inspectImport: { fileName: 'fills.csv', contentBase64: 'dGltZSxzeW1ib2wK' },
  commitImport: { previewId: 'preview-1' },
  listImports: {},
  undoImport: { batchId: 1 },
  listMappings: {},
  saveMapping: {
    name: 'broker',
    mapping: {
      kind: 'fills',
      columns: { time: 'Time', symbol: 'Symbol', side: 'Side', quantity: 'Qty', price: 'Price' },
      dateFormat: 'auto',
      decimalStyle: 'auto',
      pointValue: 'futures',
    },
  },
  deleteMapping: { name: 'broker' },
  getPointValues: {},
  setPointValue: { root: 'MNQ', value: '2' },
  getWatchedFolder: {},
  updateWatchedFolder: { enabled: false, preset: 'auto', mappingName: null },
  listBackups: {},
  getDataHealth: {},
  createBackup: {},
  restoreBackup: { name: 'sessionguard-20260101T000000000Z-manual.db' },
  restoreFromFile: { fileName: 'old.db', contentBase64: 'U1FMaXRlIGZvcm1hdCAzAA==' },
  exportCsv: { kind: 'trades' },
};

function deeplyNested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { a: value };
  return value;
}

const HUGE = '9'.repeat(2_000_000);
const HUGE_BASE64 = 'A'.repeat(1_000_000);

/** Values that have broken parsers before: numbers where money strings belong, prototype keys, size. */
const nasty: unknown[] = [
  null,
  undefined,
  true,
  0,
  -0,
  1e21,
  -1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  0.1 + 0.2,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  2 ** 31,
  10n ** 30n,
  '',
  ' ',
  '10',
  '-1000.00',
  '1e5',
  '0x10',
  ' 10.00 ',
  '10,00',
  '$1,200.00',
  '(400.00)',
  '١٠٠',
  '10.0000001',
  '9'.repeat(40),
  '\u0000',
  '\u202e',
  "'; drop table trade; --",
  HUGE,
  HUGE_BASE64,
  [],
  [1, 2, 3],
  new Array(100_000).fill('x'),
  {},
  new Date(0),
  new Map([['a', 1]]),
  new Set([1]),
  new Uint8Array(16),
  deeplyNested(10_000, false),
  deeplyNested(10_000, true),
  JSON.parse('{"__proto__":{"isAdmin":true,"ok":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  Object.create(null),
  { toString: 'x', valueOf: 1, hasOwnProperty: 'no' },
];

// Picked by index: fast-check would try to print each constant, and some are 10,000 levels deep.
const nastyValue = fc.nat({ max: nasty.length - 1 }).map((i) => nasty[i]);
const prototypeKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'then');

const anything = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
  withObjectString: true,
  key: fc.oneof(fc.string({ maxLength: 12 }), prototypeKey),
  values: [
    fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(...nasty.filter((v) => typeof v !== 'object' || v === null)),
    ),
  ],
});

type Path = string[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => [[...prefix, key], ...pathsOf(inner, [...prefix, key])]);
}

function withChange(sample: Record<string, unknown>, path: Path, change: (parent: Record<string, unknown>, key: string) => void): unknown {
  const copy = structuredClone(sample);
  let parent: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  change(parent, path.at(-1)!);
  return copy;
}

/**
 * Payloads for one channel: a mix of arbitrary values and the valid sample with one field
 * replaced by a hostile value, removed, or joined by an unknown or prototype key.
 */
export function payloadsFor(channel: ChannelName): fc.Arbitrary<unknown> {
  return mutationsOf(VALID_SAMPLES[channel]);
}

/** The same mutations of any valid sample (the feed's bodies are fuzzed with them too). */
export function mutationsOf(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths = pathsOf(sample);
  const mutations: Array<fc.Arbitrary<unknown>> = [
    anything,
    fc
      .tuple(fc.oneof(fc.string({ maxLength: 10 }), prototypeKey), fc.oneof(nastyValue, anything))
      .map(([key, value]) =>
        withChange(sample, [key], (parent, k) => Object.defineProperty(parent, k, { value, enumerable: true, configurable: true, writable: true })),
      ),
  ];
  if (paths.length > 0) {
    const path = fc.constantFrom(...paths);
    mutations.push(
      fc.tuple(path, nastyValue).map(([p, value]) => withChange(sample, p, (parent, key) => (parent[key] = value))),
      fc.tuple(path, anything).map(([p, value]) => withChange(sample, p, (parent, key) => (parent[key] = value))),
      path.map((p) => withChange(sample, p, (parent, key) => delete parent[key])),
    );
  }
  return fc.oneof(...mutations);
}

/** Channel names that are not channels: prototype members, near misses, other types. */
export const FOREIGN_CHANNELS: unknown[] = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'getbootstrap',
  'getBootstrap ',
  'sessionguard:getBootstrap',
  '',
  null,
  42,
  {},
  ['getBootstrap'],
  HUGE,
];
