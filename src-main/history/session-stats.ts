import type { EquityPoint, SessionStats } from '../contract/views.ts';
import { Decimal, fromMicros, toMoneyString, toPercentString } from '../money/money.ts';
import { roundAverage, roundPercentage, roundRatio } from '../money/rounding.ts';
import type { TradeRow } from '../storage/tables.ts';
import { toIso } from '../time/clock.ts';

/**
 * A session's statistics (PRODUCT.md section 7) from its trades in close order. Max drawdown
 * is the largest fall of the cumulative P&L from a previous peak, the peak starting at 0.
 */
export function sessionStats(trades: readonly TradeRow[]): SessionStats {
  const zero = new Decimal(0);
  let grossProfit = zero;
  let grossLoss = zero;
  let fees = zero;
  let wins = 0;
  let losses = 0;
  let largestWin: Decimal | null = null;
  let largestLoss: Decimal | null = null;
  let running = zero;
  let peak = zero;
  let maxDrawdown = zero;
  for (const trade of trades) {
    const pnl = fromMicros(trade.realizedPnl);
    fees = fees.plus(fromMicros(trade.fees));
    if (pnl.greaterThan(0)) {
      wins += 1;
      grossProfit = grossProfit.plus(pnl);
      largestWin = largestWin === null ? pnl : Decimal.max(largestWin, pnl);
    } else if (pnl.lessThan(0)) {
      losses += 1;
      grossLoss = grossLoss.plus(pnl);
      largestLoss = largestLoss === null ? pnl : Decimal.min(largestLoss, pnl);
    }
    running = running.plus(pnl);
    peak = Decimal.max(peak, running);
    maxDrawdown = Decimal.max(maxDrawdown, peak.minus(running));
  }
  const count = trades.length;
  const net = grossProfit.plus(grossLoss);
  return {
    trades: count,
    wins,
    losses,
    breakeven: count - wins - losses,
    winRate: count === 0 ? null : toPercentString(roundPercentage(new Decimal(wins).dividedBy(count).times(100))),
    grossProfit: toMoneyString(grossProfit),
    grossLoss: toMoneyString(grossLoss),
    netPnl: toMoneyString(net),
    fees: toMoneyString(fees),
    profitFactor: losses === 0 ? null : toMoneyString(roundRatio(grossProfit.dividedBy(grossLoss.negated()))),
    averageWin: wins === 0 ? null : toMoneyString(roundAverage(grossProfit.dividedBy(wins))),
    averageLoss: losses === 0 ? null : toMoneyString(roundAverage(grossLoss.dividedBy(losses))),
    largestWin: largestWin === null ? null : toMoneyString(largestWin),
    largestLoss: largestLoss === null ? null : toMoneyString(largestLoss),
    maxDrawdown: toMoneyString(maxDrawdown),
    expectancy: count === 0 ? null : toMoneyString(roundAverage(net.dividedBy(count))),
  };
}

/** The cumulative P&L after each trade, starting from 0 at the session's start. */
export function equityCurve(trades: readonly TradeRow[], startTime: number | null): EquityPoint[] {
  const points: EquityPoint[] = [];
  let running = new Decimal(0);
  if (startTime !== null) points.push({ at: toIso(startTime), pnl: '0.00', value: 0, tradeId: null });
  for (const trade of trades) {
    running = running.plus(fromMicros(trade.realizedPnl));
    points.push({ at: toIso(trade.closedAt), pnl: toMoneyString(running), value: running.toNumber(), tradeId: trade.id });
  }
  return points;
}
