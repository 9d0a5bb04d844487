import { Decimal, fromMicros, toMoneyString, toPercentString } from '../money/money.ts';
import { roundPercentage } from '../money/rounding.ts';
import type { SessionRow } from '../storage/tables.ts';

export interface SessionFigures {
  lossLimitUsedPercentage: string;
  lossLimitRemaining: string;
  winRate: string | null;
}

/**
 * The figures the session screen shows beside the statistics: share of the loss limit used,
 * what may still be lost, and the win rate. Every session view carries them, so the page can
 * show a session from an event's payload without asking again.
 */
export function sessionFigures(row: Pick<SessionRow, 'realizedPnl' | 'lossLimitAmount' | 'totalTrades' | 'winningTrades'>): SessionFigures {
  const pnl = fromMicros(row.realizedPnl);
  const limit = fromMicros(row.lossLimitAmount);
  const loss = pnl.isNegative() ? pnl.negated() : new Decimal(0);
  return {
    lossLimitUsedPercentage: toPercentString(roundPercentage(loss.dividedBy(limit).times(100))),
    lossLimitRemaining: toMoneyString(Decimal.max(0, limit.minus(loss))),
    winRate: row.totalTrades === 0 ? null : toPercentString(roundPercentage(new Decimal(row.winningTrades).dividedBy(row.totalTrades).times(100))),
  };
}
