import type { Core } from '../core/core.ts';
import type { Handlers } from '../ipc/handler-types.ts';

export type HistoryHandlers = Handlers<'getHistory' | 'getSessionDetail' | 'getOverview'>;

export function historyHandlers(core: Core): HistoryHandlers {
  return {
    getHistory: (request) => core.history.page(request),
    getSessionDetail: (request) => core.history.detail(request.sessionId),
    getOverview: (request) => core.history.overview(request),
  };
}
