import type { Handlers } from '../ipc/handler-types.ts';
import type { HistoryService } from './history-service.ts';

export type HistoryHandlers = Handlers<'getHistory' | 'getSessionDetail' | 'getOverview' | 'listTrades' | 'getDailyPnl' | 'getPnlSummary'>;

export function historyHandlers(history: HistoryService): HistoryHandlers {
  return {
    getHistory: (request) => history.page(request),
    getSessionDetail: (request) => history.detail(request.sessionId),
    getOverview: (request) => history.overview(request),
    listTrades: (request) => history.trades(request),
    getDailyPnl: (request) => history.dailyPnl(request.month),
    getPnlSummary: () => history.pnlSummary(),
  };
}
