import type { Decimal } from '../money/money.ts';
import { roundTradeAmount } from '../money/rounding.ts';

export interface PriceTrade {
  side: 'long' | 'short';
  quantity: Decimal;
  entryPrice: Decimal;
  exitPrice: Decimal;
  pointValue: Decimal;
  fees: Decimal;
}

/** Gross and net P&L of a closed trade from its prices; a short gains when the price falls. */
export function pnlFromPrices(trade: PriceTrade): { gross: Decimal; net: Decimal } {
  const move = trade.exitPrice.minus(trade.entryPrice).times(trade.side === 'long' ? 1 : -1);
  const gross = roundTradeAmount(move.times(trade.quantity).times(trade.pointValue));
  return { gross, net: gross.minus(trade.fees) };
}
