import { sql } from 'kysely';
import { RULE_REASONS, WARNING_KINDS, type DisciplineReport, type RuleReason, type WarningKind } from '../contract/views.ts';
import { Decimal, fromMicros, toMoneyString, toPercentString } from '../money/money.ts';
import { roundAverage, roundAverageCount, roundPercentage } from '../money/rounding.ts';
import type { ReadDb } from '../storage/tables.ts';
import { MINUTE_MS } from '../time/clock.ts';
import { warningAftermaths } from './after-warning.ts';

type Ending = DisciplineReport['endings'][number]['ending'];

function endingOf(reason: string | null): Ending {
  if (reason === 'time_limit') return 'time';
  if (reason === 'manual') return 'manual';
  if (reason === 'not_started') return 'not_started';
  return 'rule';
}

/**
 * The discipline record over a profile's ended sessions (those started in the range): how
 * sessions ended, runs of sessions kept, cooldowns respected or traded through, early-end
 * requests and what happened while they waited, and what followed each kind of warning.
 *
 * A session is kept when time or one of its rules ended it (not the trader, not "never started"),
 * nothing was taken during one of its cooldowns and nothing during the lockout it caused.
 */
export async function disciplineReport(db: ReadDb, userId: number, range: { from?: number; to?: number }): Promise<DisciplineReport> {
  let query = db.selectFrom('TradingSession').where('userId', '=', userId).where('endTime', 'is not', null);
  if (range.from !== undefined) query = query.where(sql<number>`coalesce("startTime", "createdAt")`, '>=', range.from);
  if (range.to !== undefined) query = query.where(sql<number>`coalesce("startTime", "createdAt")`, '<', range.to);
  const inRange = query.select('id');

  const [sessions, cooldownTrades, lockoutTrades, cooldowns, requests, aftermaths] = await Promise.all([
    query.select(['id', 'terminationReason']).orderBy(sql`coalesce("startTime", "createdAt")`).orderBy('id').execute(),
    db
      .selectFrom('trade')
      .select(['sessionId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('sessionId', 'in', inRange)
      .where('inCooldown', '=', 1)
      .where('voidedAt', 'is', null)
      .groupBy('sessionId')
      .execute(),
    db.selectFrom('session_event').select('sessionId').distinct().where('sessionId', 'in', inRange).where('type', '=', 'trade_during_lockout').execute(),
    sql<{ sessionId: number; startedAt: number; until: string }>`
      SELECT e."sessionId" AS "sessionId", w."closedAt" AS "startedAt", json_extract(e."payload", '$.until') AS "until"
      FROM "session_event" e JOIN "trade" w ON w."id" = json_extract(e."payload", '$.tradeId')
      WHERE e."type" = 'warning_raised' AND json_extract(e."payload", '$.kind') = 'cooldown' AND e."sessionId" IN (${inRange})`.execute(db),
    db.selectFrom('early_end_request').selectAll().where('sessionId', 'in', inRange).execute(),
    warningAftermaths(db, { userId, ...range }),
  ]);

  const tookInCooldown = new Map(cooldownTrades.map((row) => [row.sessionId!, row.n]));
  const tradedInLockout = new Set(lockoutTrades.map((row) => row.sessionId));
  const endings = new Map<Ending, number>();
  const byRule = new Map<RuleReason, number>();
  let kept = 0;
  let run = 0;
  let longest = 0;
  for (const session of sessions) {
    const ending = endingOf(session.terminationReason);
    endings.set(ending, (endings.get(ending) ?? 0) + 1);
    if (ending === 'rule') byRule.set(session.terminationReason as RuleReason, (byRule.get(session.terminationReason as RuleReason) ?? 0) + 1);
    const keptIt = (ending === 'time' || ending === 'rule') && !tookInCooldown.has(session.id) && !tradedInLockout.has(session.id);
    kept += keptIt ? 1 : 0;
    run = keptIt ? run + 1 : 0;
    longest = Math.max(longest, run);
  }

  let tradedThrough = 0;
  for (const cooldown of cooldowns.rows) {
    const taken = await db
      .selectFrom('trade')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sessionId', '=', cooldown.sessionId)
      .where('voidedAt', 'is', null)
      .where('closedAt', '>', cooldown.startedAt)
      .where('closedAt', '<', Date.parse(cooldown.until))
      .executeTakeFirstOrThrow();
    if (taken.n > 0) tradedThrough += 1;
  }

  let waitingPnl = new Decimal(0);
  for (const request of requests) {
    const until = request.resolvedAt ?? request.expiresAt;
    const pnl = await db
      .selectFrom('trade')
      .select(sql<number>`coalesce(sum("realizedPnl"), 0)`.as('pnl'))
      .where('userId', '=', userId)
      .where('voidedAt', 'is', null)
      .where('closedAt', '>=', request.requestedAt)
      .where('closedAt', '<', until)
      .executeTakeFirstOrThrow();
    waitingPnl = waitingPnl.plus(fromMicros(pnl.pnl));
  }

  const share = (count: number) => (sessions.length === 0 ? null : toPercentString(roundPercentage(new Decimal(count).dividedBy(sessions.length).times(100))));
  const average = (total: Decimal, count: number) => (count === 0 ? null : toMoneyString(roundAverage(total.dividedBy(count))));
  const afterWarnings = WARNING_KINDS.flatMap((kind) => {
    const rows = aftermaths.filter((row) => row.kind === kind);
    if (rows.length === 0) return [];
    const kept = rows.filter((row) => row.tradesAfter > 0);
    const pnl = kept.reduce((sum, row) => sum.plus(fromMicros(row.pnlAfter)), new Decimal(0));
    const trades = kept.reduce((sum, row) => sum + row.tradesAfter, 0);
    const ended = rows.filter((row) => row.endTime !== null);
    const minutes = ended.reduce((sum, row) => sum + Math.max(0, row.endTime! - row.at) / MINUTE_MS, 0);
    const averagePnlAfter = average(pnl, kept.length);
    return [
      {
        kind: kind as WarningKind,
        sessions: new Set(rows.map((row) => row.sessionId)).size,
        keptTrading: new Set(kept.map((row) => row.sessionId)).size,
        averagePnlAfter,
        averageTradesAfter: kept.length === 0 ? null : roundAverageCount(new Decimal(trades).dividedBy(kept.length)).toFixed(1),
        averageMinutesToEnd: ended.length === 0 ? null : roundAverageCount(new Decimal(minutes).dividedBy(ended.length)).toFixed(1),
        value: averagePnlAfter === null ? 0 : Number(averagePnlAfter),
      },
    ];
  });
  const loss90 = afterWarnings.find((row) => row.kind === 'loss_90');

  return {
    sessions: sessions.length,
    endings: (['time', 'rule', 'manual', 'not_started'] as const).map((ending) => ({
      ending,
      count: endings.get(ending) ?? 0,
      share: share(endings.get(ending) ?? 0),
    })),
    byRule: RULE_REASONS.map((reason) => ({ reason, count: byRule.get(reason) ?? 0 })),
    kept: { sessions: kept, currentStreak: run, longestStreak: longest },
    cooldowns: {
      total: cooldowns.rows.length,
      respected: cooldowns.rows.length - tradedThrough,
      tradedThrough,
      tradesInCooldown: [...tookInCooldown.values()].reduce((a, b) => a + b, 0),
    },
    earlyEnds: {
      requested: requests.length,
      confirmed: requests.filter((r) => r.outcome === 'confirmed').length,
      cancelled: requests.filter((r) => r.outcome === 'cancelled').length,
      lapsed: requests.filter((r) => r.outcome === 'lapsed').length,
      pnlWhileWaiting: toMoneyString(waitingPnl),
    },
    afterWarnings,
    afterLoss90: { sessions: loss90?.keptTrading ?? 0, averagePnlAfter: loss90?.averagePnlAfter ?? null },
  };
}
