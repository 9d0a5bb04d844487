import type { ParsedRequestOf } from '../contract/channels.ts';
import type { DailyPnlView, DisciplineReport, HistoryPage, Overview, PnlSummary, SessionDetail, TradesPage } from '../contract/views.ts';
import type { Answer } from '../ipc/encoded-json.ts';
import type { Handlers } from '../ipc/handler-types.ts';
import type { Clock } from '../time/clock.ts';

export type HistoryHandlers = Handlers<'getHistory' | 'getSessionDetail' | 'getOverview' | 'getDiscipline' | 'listTrades' | 'getDailyPnl' | 'getPnlSummary'>;

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
  dailyPnl(month: string, signal?: AbortSignal): Promise<Answer<DailyPnlView>>;
  pnlSummary(now: number, signal?: AbortSignal): Promise<Answer<PnlSummary>>;
}

export function historyHandlers(history: HistoryReads, clock: Clock): HistoryHandlers {
  return {
    getHistory: (request, context) => history.page(request, context.signal),
    getSessionDetail: (request, context) => history.detail(request.sessionId, context.signal),
    getOverview: (request, context) => history.overview(request, context.signal),
    listTrades: (request, context) => history.trades(request, context.signal),
    getDiscipline: (request, context) => history.discipline(request, context.signal),
    getDailyPnl: (request, context) => history.dailyPnl(request.month, context.signal),
    getPnlSummary: (_request, context) => history.pnlSummary(clock.now(), context.signal),
  };
}
