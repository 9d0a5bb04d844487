import { sql } from 'kysely';
import type { AfterWarningView, WarningKind } from '../contract/views.ts';
import { microsToMoneyString } from '../money/money.ts';
import type { ReadDb } from '../storage/tables.ts';
import { MINUTE_MS, toIso } from '../time/clock.ts';

/** One warning a session raised, with what its session did after it. */
export interface WarningAftermath {
  sessionId: number;
  kind: WarningKind;
  at: number;
  tradesAfter: number;
  /** Micros. */
  pnlAfter: number;
  /** The session's end, or null while it runs. */
  endTime: number | null;
}

/**
 * What followed each warning, summed in SQL over the trades that count: for a warning raised
 * by a trade, the trades after it in close order; for a time warning, those closing after it.
 * `sessions` selects which sessions' warnings are read (one session, or a profile's range).
 */
export async function warningAftermaths(
  db: ReadDb,
  sessions: { sessionId: number } | { userId: number; from?: number; to?: number },
): Promise<WarningAftermath[]> {
  const scope =
    'sessionId' in sessions
      ? sql`s."id" = ${sessions.sessionId}`
      : sql`s."userId" = ${sessions.userId} AND s."endTime" IS NOT NULL${sessions.from === undefined ? sql`` : sql` AND coalesce(s."startTime", s."createdAt") >= ${sessions.from}`}${sessions.to === undefined ? sql`` : sql` AND coalesce(s."startTime", s."createdAt") < ${sessions.to}`}`;
  const after = sql`t."sessionId" = e."sessionId" AND t."voidedAt" IS NULL AND (CASE WHEN w."id" IS NULL THEN t."closedAt" > e."at" ELSE t."closedAt" > w."closedAt" OR (t."closedAt" = w."closedAt" AND t."id" > w."id") END)`;
  const rows = await sql<{ sessionId: number; kind: WarningKind; at: number; tradesAfter: number; pnlAfter: number; endTime: number | null }>`
    SELECT e."sessionId" AS "sessionId", json_extract(e."payload", '$.kind') AS "kind", e."at" AS "at", s."endTime" AS "endTime",
      (SELECT count(*) FROM "trade" t WHERE ${after}) AS "tradesAfter",
      (SELECT coalesce(sum(t."realizedPnl"), 0) FROM "trade" t WHERE ${after}) AS "pnlAfter"
    FROM "session_event" e
    JOIN "TradingSession" s ON s."id" = e."sessionId"
    LEFT JOIN "trade" w ON w."id" = json_extract(e."payload", '$.tradeId')
    WHERE e."type" = 'warning_raised' AND ${scope}
    ORDER BY e."id"`.execute(db);
  return rows.rows;
}

export function aftermathView(row: WarningAftermath): AfterWarningView {
  return {
    kind: row.kind,
    at: toIso(row.at),
    pnlAfter: microsToMoneyString(row.pnlAfter),
    tradesAfter: row.tradesAfter,
    minutesToEnd: row.endTime === null ? null : Math.max(0, Math.round((row.endTime - row.at) / MINUTE_MS)),
  };
}
