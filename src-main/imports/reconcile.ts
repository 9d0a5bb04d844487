import { Decimal } from '../money/money.ts';
import { isoInZone } from '../time/zoned.ts';
import type { ClosedTrade, PlatformTotal } from './import-types.ts';

/** A platform's total beside Sessionguard's for the same account and day; `difference` is ours less the platform's. */
export interface Reconciliation {
  label: string;
  account: string | null;
  day: string | null;
  basis: PlatformTotal['basis'];
  platform: Decimal;
  ours: Decimal;
  difference: Decimal;
}

type Counted = Pick<ClosedTrade, 'account' | 'closedAt' | 'netPnl' | 'grossPnl'>;

/** The calendar day of an instant in a zone, as YYYY-MM-DD: the day a platform's daily total is for. */
export function dayInZone(instant: number, timeZone: string): string {
  return isoInZone(instant, timeZone).slice(0, 10);
}

/**
 * Each platform total beside what the trades add up to for the same account (or all of them)
 * and day (or the whole file), on the platform's basis (net of fees, or before them). Days are
 * calendar days in `timeZone`, the zone the file was read in. The whole-file rows come first,
 * then by day and account.
 */
export function reconcile(totals: readonly PlatformTotal[], trades: readonly Counted[], timeZone: string): Reconciliation[] {
  const days = new Map<Counted, string>();
  const dayOf = (trade: Counted) => {
    let day = days.get(trade);
    if (day === undefined) {
      day = dayInZone(trade.closedAt, timeZone);
      days.set(trade, day);
    }
    return day;
  };
  const rows = totals.map((total) => {
    const ours = trades
      .filter((t) => (total.account === null || t.account === total.account) && (total.day === null || dayOf(t) === total.day))
      .reduce((sum, t) => sum.plus(total.basis === 'net' ? t.netPnl : t.grossPnl), new Decimal(0));
    return {
      label: total.label,
      account: total.account,
      day: total.day,
      basis: total.basis,
      platform: total.amount,
      ours,
      difference: ours.minus(total.amount),
    };
  });
  const order = (r: Reconciliation) => `${r.day === null ? '0' : `1${r.day}`}\u0000${r.account === null ? '' : `\u0001${r.account}`}`;
  return rows.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}
