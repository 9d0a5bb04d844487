import type { ChannelName } from '../contract/channels.ts';
import type { Capabilities } from '../contract/views.ts';
import type { Core } from './core.ts';
import { backupHandlers } from '../backup/backup-handlers.ts';
import { exportHandlers } from '../export/export-handlers.ts';
import { feedHandlers } from '../feed/feed-handlers.ts';
import { historyHandlers } from '../history/history-handlers.ts';
import { importHandlers } from '../imports/import-handlers.ts';
import { profileHandlers } from '../profiles/profile-handlers.ts';
import { scheduleHandlers } from '../schedules/schedule-handlers.ts';
import { noticeHandlers } from '../sessions/notice-handlers.ts';
import { sessionHandlers } from '../sessions/session-handlers.ts';
import { templateHandlers } from '../templates/template-handlers.ts';
import { tradeHandlers } from '../trades/trade-handlers.ts';
import { assertDistinctHandlers, createDispatcher, type Dispatch } from '../ipc/dispatcher.ts';
import type { Handlers } from '../ipc/handler-types.ts';

/** Every channel of the contract bound to the core; the type fails to compile if one is missing. */
export function allHandlers(core: Core, capabilities: Capabilities): Handlers<ChannelName> {
  const areas = [
    profileHandlers(core.profiles, core.clock, capabilities),
    sessionHandlers(core.sessions),
    noticeHandlers(core.notices),
    tradeHandlers(core.trades, core.storage.read),
    historyHandlers(core.reads.history, core.clock),
    feedHandlers(core.feed),
    importHandlers(core.imports, core.watchedFolder),
    backupHandlers(core.backups, core.dataDir, () => core.storage.damage),
    exportHandlers(core.reads.exports, core.clock),
    templateHandlers(core.templates),
    scheduleHandlers(core.schedules),
  ] as const;
  assertDistinctHandlers(...areas);
  const [profiles, sessions, notices, trades, history, feed, imports, backups, exports, templates, schedules] = areas;
  return { ...profiles, ...sessions, ...notices, ...trades, ...history, ...feed, ...imports, ...backups, ...exports, ...templates, ...schedules };
}

export function createCoreDispatcher(core: Core, capabilities: Capabilities): Dispatch {
  return createDispatcher(allHandlers(core, capabilities));
}
