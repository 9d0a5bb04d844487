import { sql } from 'kysely';
import type { ReadDb, SessionRow } from '../storage/tables.ts';
import { tradingDayAt, tradingDaysBetween, type TradingDay } from '../time/trading-day.ts';
import type { DayWindow, LedgerTrade, SessionRule } from './session-ledger.ts';
import { rulesOf } from './stored-rules.ts';

/** What the ledger needs beside a session's trades: its frozen rules, and the trading days its daily loss limit reads. */
export interface LedgerContext {
  rules: SessionRule[];
  days: DayWindow[] | undefined;
}

/**
 * The data a run of the ledger over `trades` needs. With a daily loss limit, each trading day
 * the trades close in comes with the rest of the profile's P&L that day (other sessions and
 * trades outside any), summed in SQL over integer micros; without one, no query is made.
 */
export async function ledgerContext(db: ReadDb, session: SessionRow, trades: readonly Pick<LedgerTrade, 'closedAt'>[]): Promise<LedgerContext> {
  const rules = rulesOf(session);
  const daily = rules.find((rule) => rule.kind === 'daily_loss_limit');
  if (!daily || trades.length === 0) return { rules, days: undefined };
  let from = trades[0]!.closedAt;
  let to = from;
  for (const trade of trades) {
    if (trade.closedAt < from) from = trade.closedAt;
    if (trade.closedAt > to) to = trade.closedAt;
  }
  const days = await Promise.all(tradingDaysBetween(from, to, daily.boundary).map(async (day) => ({ ...day, others: await dayPnlOf(db, session.userId, day, session.id) })));
  return { rules, days };
}

/** The profile's P&L in a trading day (trades that count), leaving out one session's when asked. */
export async function dayPnlOf(db: ReadDb, userId: number, day: TradingDay, excludeSessionId: number | null): Promise<bigint> {
  let query = db
    .selectFrom('trade')
    .select(sql<number>`coalesce(sum("realizedPnl"), 0)`.as('pnl'))
    .where('userId', '=', userId)
    .where('closedAt', '>=', day.start)
    .where('closedAt', '<', day.end)
    .where('voidedAt', 'is', null);
  if (excludeSessionId !== null) query = query.where((eb) => eb.or([eb('sessionId', 'is', null), eb('sessionId', '<>', excludeSessionId)]));
  return BigInt((await query.executeTakeFirstOrThrow()).pnl);
}

/** The profile's whole P&L in the trading day containing `at`, for the daily lock on new sessions. */
export async function dayTotal(db: ReadDb, userId: number, at: number, boundary: { minutes: number; timeZone: string }): Promise<{ day: TradingDay; pnl: bigint }> {
  const day = tradingDayAt(at, boundary);
  return { day, pnl: await dayPnlOf(db, userId, day, null) };
}
