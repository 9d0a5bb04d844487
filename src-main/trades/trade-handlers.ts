import type { Handlers } from '../ipc/handler-types.ts';
import type { ReadDb } from '../storage/tables.ts';
import { withManualPointValue } from './manual-point-value.ts';
import type { TradeService } from './trade-service.ts';

export type TradeHandlers = Handlers<'previewTrade' | 'recordTrade' | 'listSessionTrades' | 'voidTrade' | 'correctTrade'>;

/** `read` is for the point-value table a prices entry is looked up in. */
export function tradeHandlers(trades: TradeService, read: ReadDb): TradeHandlers {
  return {
    previewTrade: async (request) => {
      const { entry, pointValue } = await withManualPointValue(read, request);
      return { ...(await trades.preview(entry)), pointValue };
    },
    recordTrade: async (request) => trades.recordManual((await withManualPointValue(read, request)).entry),
    listSessionTrades: (request) => trades.listSessionTrades(request.sessionId),
    voidTrade: (request) => trades.voidTrade(request.tradeId, request.reason),
    correctTrade: (request) => trades.correctTrade(request.tradeId, request.reason, request.entry),
  };
}
