import { sql } from 'kysely';
import { DURATION_OPTIONS } from '../contract/views.ts';
import { compiledOnce } from '../storage/compiled-once.ts';
import type { ReadDb, SessionRow } from '../storage/tables.ts';
import { MINUTE_MS } from '../time/clock.ts';
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
  const days = await Promise.all(
    tradingDaysBetween(from, to, daily.boundary).map(async (day) => ({ ...day, others: await dayPnlOf(db, session.userId, day, session.id) })),
  );
  return { rules, days };
}

/** No session runs longer than this, so only sessions started within it before a day can hold its trades. */
const LONGEST_SESSION_MS = Math.max(...DURATION_OPTIONS) * MINUTE_MS;

/**
 * The profile's P&L in a trading day (trades that count), leaving out one session's when asked.
 * Read as two index ranges, the day's trades outside any session and those of the sessions
 * that can hold trades of that day, so a session with thousands of trades that day costs
 * nothing here: its own trades are never read. (A trade entered by hand while a session runs
 * belongs to it whatever its close time says; one closing more than a week before its
 * session's start is left out of other sessions' days.)
 */
export async function dayPnlOf(db: ReadDb, userId: number, day: TradingDay, excludeSessionId: number | null): Promise<bigint> {
  const [row] = await dayPnlQuery(db, userId, day.start, day.end, excludeSessionId ?? 0);
  return BigInt(row!.pnl);
}

// Every trade of a session with a daily loss limit reads this: compiled once.
const dayPnlQuery = compiledOnce(
  (db, userId: number, start: number, end: number, exclude: number) => ({
    // `+"userId"` keeps the planner on the session index (no session, by close time), not on every trade of the profile that day.
    compile: () =>
      sql<{ pnl: number }>`
    SELECT
      (SELECT coalesce(sum("realizedPnl"), 0) FROM "trade"
        WHERE "sessionId" IN (SELECT "id" FROM "TradingSession" WHERE "userId" = ${userId} AND "startTime" >= ${start - LONGEST_SESSION_MS} AND "startTime" < ${end} AND "id" <> ${exclude})
          AND "closedAt" >= ${start} AND "closedAt" < ${end} AND "voidedAt" IS NULL)
      + (SELECT coalesce(sum("realizedPnl"), 0) FROM "trade"
        WHERE "sessionId" IS NULL AND +"userId" = ${userId} AND "closedAt" >= ${start} AND "closedAt" < ${end} AND "voidedAt" IS NULL) AS "pnl"`.compile(db),
  }),
  (userId, start, end, exclude) => [userId, start - LONGEST_SESSION_MS, end, exclude, start, end, userId, start, end],
);

/** The profile's whole P&L in the trading day containing `at`, for the daily lock on new sessions. */
export async function dayTotal(
  db: ReadDb,
  userId: number,
  at: number,
  boundary: { minutes: number; timeZone: string },
): Promise<{ day: TradingDay; pnl: bigint }> {
  const day = tradingDayAt(at, boundary);
  return { day, pnl: await dayPnlOf(db, userId, day, null) };
}
