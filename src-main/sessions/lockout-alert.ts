import type { AppEvent } from '../contract/events.ts';
import { formatMoney } from '../format/money-text.ts';
import { fromMicros, toMoneyString } from '../money/money.ts';
import type { SessionRow, TradeRow } from '../storage/tables.ts';
import { toIso } from '../time/clock.ts';
import { rowToTrade } from '../trades/trade-repository.ts';

/** The event carries at most this many trades; `count` says how many there were. */
const TRADES_IN_EVENT = 20;

/**
 * The alert for trades that arrive while a lockout runs (PRODUCT.md section 4: recorded, and
 * the trader told). `lockout` is the running lockout as it stood before these trades were
 * recorded, so the stop that starts a lockout does not alert about its own trades. Pure: the
 * recording path calls it with what it already has and emits the event after commit.
 */
export function lockedOutTradeEvent(lockout: Pick<SessionRow, 'id' | 'lockoutUntil'> | undefined, recorded: readonly TradeRow[], currency: string): AppEvent | null {
  if (!lockout?.lockoutUntil || recorded.length === 0) return null;
  const total = recorded.reduce((sum, t) => sum.plus(fromMicros(t.realizedPnl)), fromMicros(0));
  const amount = formatMoney(toMoneyString(total), currency);
  const message =
    recorded.length === 1
      ? `A trade was recorded while you are locked out${recorded[0]!.symbol ? ` (${recorded[0]!.symbol}, ${amount})` : ` (${amount})`}. New sessions stay locked until the lockout ends.`
      : `${recorded.length} trades were recorded while you are locked out (${amount} in all). New sessions stay locked until the lockout ends.`;
  return {
    type: 'locked_out_trade',
    trades: recorded.slice(0, TRADES_IN_EVENT).map(rowToTrade),
    count: recorded.length,
    lockoutUntil: toIso(lockout.lockoutUntil),
    sessionId: lockout.id,
    message,
  };
}
