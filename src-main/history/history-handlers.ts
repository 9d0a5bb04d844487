import type { Handlers } from '../ipc/handler-types.ts';
import type { HistoryService } from './history-service.ts';

export type HistoryHandlers = Handlers<'getHistory' | 'getSessionDetail' | 'getOverview' | 'getDiscipline' | 'listTrades'>;

export function historyHandlers(history: HistoryService): HistoryHandlers {
  return {
    getHistory: (request) => history.page(request),
    getSessionDetail: (request) => history.detail(request.sessionId),
    getOverview: (request) => history.overview(request),
    getDiscipline: (request) => history.discipline(request),
    listTrades: (request) => history.trades(request),
  };
}
