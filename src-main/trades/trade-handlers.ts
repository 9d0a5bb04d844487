import type { Core } from '../core/core.ts';
import type { Handlers } from '../ipc/handler-types.ts';

export type TradeHandlers = Handlers<'previewTrade' | 'recordTrade' | 'listSessionTrades'>;

export function tradeHandlers(core: Core): TradeHandlers {
  return {
    previewTrade: (request) => core.trades.preview(request),
    recordTrade: (request) => core.trades.recordManual(request),
    listSessionTrades: (request) => core.trades.listSessionTrades(request.sessionId),
  };
}
