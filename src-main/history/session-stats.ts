import type { EquityPoint, SessionStats } from '../contract/views.ts';
import { bigToDecimal, bigToMoneyString, Decimal, toMoneyString, toPercentString } from '../money/money.ts';
import { roundAverage, roundPercentage, roundRatio } from '../money/rounding.ts';
import { EMPTY_LEDGER, runLedger, type LedgerTrade } from '../sessions/session-ledger.ts';
import type { TradeRow } from '../storage/tables.ts';
import { toIso } from '../time/clock.ts';

/**
 * A session's statistics and equity curve (PRODUCT.md section 7), read off the session
 * ledger's path over its trades in close order; voided trades count nowhere. Max drawdown is
 * the largest fall of the cumulative P&L from a previous peak, the peak starting at 0.
 */
export function sessionReview(trades: readonly TradeRow[], startTime: number | null): { stats: SessionStats; equityCurve: EquityPoint[] } {
  const counted = trades.filter((trade) => trade.voidedAt === null);
  const ledgerTrades = counted.map(
    (trade): LedgerTrade => ({ id: trade.id, seq: 0, closedAt: trade.closedAt, pnl: BigInt(trade.realizedPnl), fees: BigInt(trade.fees) }),
  );
  const { state, path } = runLedger({ rules: [], from: EMPTY_LEDGER, trades: ledgerTrades, raised: new Set(), canStop: false, record: 'all' });
  const grossProfit = bigToDecimal(state.grossProfit);
  const grossLoss = bigToDecimal(state.grossLoss);
  const net = bigToDecimal(state.pnl);
  const count = state.trades;
  const stats: SessionStats = {
    trades: count,
    wins: state.wins,
    losses: state.losses,
    breakeven: count - state.wins - state.losses,
    winRate: count === 0 ? null : toPercentString(roundPercentage(new Decimal(state.wins).dividedBy(count).times(100))),
    grossProfit: bigToMoneyString(state.grossProfit),
    grossLoss: bigToMoneyString(state.grossLoss),
    netPnl: bigToMoneyString(state.pnl),
    fees: bigToMoneyString(state.fees),
    profitFactor: state.losses === 0 ? null : toMoneyString(roundRatio(grossProfit.dividedBy(grossLoss.negated()))),
    averageWin: state.wins === 0 ? null : toMoneyString(roundAverage(grossProfit.dividedBy(state.wins))),
    averageLoss: state.losses === 0 ? null : toMoneyString(roundAverage(grossLoss.dividedBy(state.losses))),
    largestWin: state.largestWin === null ? null : bigToMoneyString(state.largestWin),
    largestLoss: state.largestLoss === null ? null : bigToMoneyString(state.largestLoss),
    maxDrawdown: bigToMoneyString(state.maxDrawdown),
    expectancy: count === 0 ? null : toMoneyString(roundAverage(net.dividedBy(count))),
  };
  const equityCurve: EquityPoint[] = startTime === null ? [] : [{ at: toIso(startTime), pnl: '0.00', value: 0, tradeId: null }];
  for (const point of path) {
    const pnl = bigToDecimal(point.state.pnl);
    equityCurve.push({ at: toIso(point.trade.closedAt), pnl: toMoneyString(pnl), value: pnl.toNumber(), tradeId: point.trade.id });
  }
  return { stats, equityCurve };
}
