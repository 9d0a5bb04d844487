/**
 * The contract's channel names, apart from their schemas, so the preload can build `window.api`
 * without zod: only the main process validates. `channels.ts` must have exactly these keys (it
 * does not compile otherwise), so a channel is still declared in one place with its schema.
 */
export const channelNames = [
  'getBootstrap',
  'createProfile',
  'updateProfile',
  'selectProfile',

  'validateSession',
  'canCreateSession',
  'createSession',
  'startSession',
  'stopSession',
  'cancelSession',
  'getActiveSession',
  'getBreachNotice',
  'acknowledgeBreach',

  'previewTrade',
  'recordTrade',
  'listSessionTrades',
  'voidTrade',
  'correctTrade',

  'getHistory',
  'listTrades',
  'getSessionDetail',
  'getOverview',
  'getDailyPnl',
  'getPnlSummary',

  'getFeedSettings',
  'getConnectors',

  'updateFeedSettings',
  'regenerateFeedToken',
  'revealFeedToken',

  'listImportPresets',
  'inspectImport',
  'previewImport',
  'commitImport',
  'listImports',
  'undoImport',
  'listMappings',
  'saveMapping',
  'deleteMapping',
  'getPointValues',
  'setPointValue',

  'getWatchedFolder',
  'updateWatchedFolder',

  'listBackups',
  'getDataHealth',
  'createBackup',
  'restoreBackup',
  'restoreFromFile',
  'exportCsv',
  'requestEarlyEnd',
  'confirmEarlyEnd',
  'cancelEarlyEnd',
  'getEarlyEnd',
  'listTemplates',
  'saveTemplate',
  'deleteTemplate',
  'listSchedules',
  'saveSchedule',
  'deleteSchedule',
  'getDiscipline',
] as const;

export type ChannelName = (typeof channelNames)[number];

/** The wire name of a request channel (Electron IPC and the browser-mode socket alike). */
export const wireName = (name: ChannelName): string => `sessionguard:${name}`;
export const EVENT_WIRE_NAME = 'sessionguard:event';
