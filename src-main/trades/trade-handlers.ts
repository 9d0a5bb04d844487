import type { Handlers } from '../ipc/handler-types.ts';
import type { TradeService } from './trade-service.ts';

export type TradeHandlers = Handlers<'previewTrade' | 'recordTrade' | 'listSessionTrades' | 'voidTrade' | 'correctTrade'>;

export function tradeHandlers(trades: TradeService): TradeHandlers {
  return {
    previewTrade: (request) => trades.preview(request),
    recordTrade: (request) => trades.recordManual(request),
    listSessionTrades: (request) => trades.listSessionTrades(request.sessionId),
    voidTrade: (request) => trades.voidTrade(request.tradeId, request.reason),
    correctTrade: (request) => trades.correctTrade(request.tradeId, request.reason, request.entry),
  };
}
