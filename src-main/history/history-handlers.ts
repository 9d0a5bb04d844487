import type { ParsedRequestOf } from '../contract/channels.ts';
import type { DisciplineReport, HistoryPage, Overview, SessionDetail, TradesPage } from '../contract/views.ts';
import type { Answer } from '../ipc/encoded-json.ts';
import type { Handlers } from '../ipc/handler-types.ts';

export type HistoryHandlers = Handlers<'getHistory' | 'getSessionDetail' | 'getOverview' | 'getDiscipline' | 'listTrades'>;

/**
 * What the history handlers read through: `HistoryService` itself, or the read worker's copy of
 * it (which the composition root binds, so these reads leave the main thread). `signal` lets a
 * caller that left drop a read that has not started.
 */
export interface HistoryReads {
  page(request: ParsedRequestOf<'getHistory'>, signal?: AbortSignal): Promise<Answer<HistoryPage>>;
  detail(sessionId: number, signal?: AbortSignal): Promise<Answer<SessionDetail>>;
  overview(request: ParsedRequestOf<'getOverview'>, signal?: AbortSignal): Promise<Answer<Overview>>;
  trades(request: ParsedRequestOf<'listTrades'>, signal?: AbortSignal): Promise<Answer<TradesPage>>;
  discipline(request: ParsedRequestOf<'getDiscipline'>, signal?: AbortSignal): Promise<Answer<DisciplineReport>>;
}

export function historyHandlers(history: HistoryReads): HistoryHandlers {
  return {
    getHistory: (request, context) => history.page(request, context.signal),
    getSessionDetail: (request, context) => history.detail(request.sessionId, context.signal),
    getOverview: (request, context) => history.overview(request, context.signal),
    listTrades: (request, context) => history.trades(request, context.signal),
    getDiscipline: (request, context) => history.discipline(request, context.signal),
  };
}
