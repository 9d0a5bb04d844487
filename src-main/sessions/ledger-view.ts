import { bigToDecimal, bigToMicros, Decimal, fromMicros, toBasisPoints, toPercentString, type BasisPoints, type PercentString } from '../money/money.ts';
import { roundPercentage, signedShareInBasisPoints } from '../money/rounding.ts';
import type { SessionRow } from '../storage/tables.ts';
import { ruleUsage, type LedgerState, type SessionRule } from './session-ledger.ts';

/** The session row as it stands at a ledger state (for a view of one moment; not written). */
export function withLedgerState(row: SessionRow, state: LedgerState): SessionRow {
  return {
    ...row,
    totalTrades: state.trades,
    winningTrades: state.wins,
    losingTrades: state.losses,
    realizedPnl: bigToMicros(state.pnl),
    grossProfit: bigToMicros(state.grossProfit),
    grossLoss: bigToMicros(state.grossLoss),
    sessionPerformancePercentage: performanceOf(row, state),
  };
}

/** Realized P&L over the balance at creation, in percent to 2 decimals (PRODUCT.md section 3). */
export function performanceOf(row: SessionRow, state: LedgerState): BasisPoints | null {
  if (row.status === 'pending' && state.trades === 0) return row.sessionPerformancePercentage as BasisPoints | null;
  if (row.balanceAtCreation === 0) return null;
  // In integers when the balance is positive (every session's: creation needs 100.00), rounded as `roundPercentage` does.
  if (row.balanceAtCreation > 0 && Number.isSafeInteger(row.balanceAtCreation)) {
    const bp = Number(signedShareInBasisPoints(state.pnl, BigInt(row.balanceAtCreation)));
    return (bp === 0 ? 0 : bp) as BasisPoints;
  }
  return toBasisPoints(roundPercentage(bigToDecimal(state.pnl).dividedBy(fromMicros(row.balanceAtCreation)).times(100)));
}

/** The share of a rule used at a state, as the trader reads it: percent to 2 decimals. */
export function ruleUsedPercent(rule: SessionRule, state: LedgerState): PercentString {
  const { numerator, denominator } = ruleUsage(rule, state);
  if (denominator === 0n) return toPercentString(new Decimal(0));
  return toPercentString(roundPercentage(new Decimal(numerator.toString()).times(100).dividedBy(denominator.toString())));
}
