import { sql } from 'kysely';
import type { Overview } from '../contract/views.ts';
import { Decimal, fromMicros, toMoneyString, toPercentString } from '../money/money.ts';
import { roundPercentage } from '../money/rounding.ts';
import type { ReadDb } from '../storage/tables.ts';
import { filteredSessions, type SessionFilters } from './history-queries.ts';
import { toIso } from '../time/clock.ts';

export const DEFAULT_MAX_POINTS = 500;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * The sessions the history filters select (the whole record by default): totals summed exactly in SQL over integer micros, outcomes,
 * the cumulative P&L across ended sessions (thinned for the chart, exact at every kept
 * point), and P&L by weekday and hour of start in the profile's own time zone.
 */
export async function overview(
  db: ReadDb,
  profile: { id: number; timeZone: string },
  filters: SessionFilters & { maxPoints?: number | undefined },
): Promise<Overview> {
  const query = filteredSessions(db, profile.id, filters);

  const [totals, outcomes, ended] = await Promise.all([
    query
      .select((eb) => [eb.fn.countAll<number>().as('sessions'), eb.fn.coalesce(eb.fn.sum<number>('realizedPnl'), sql<number>`0`).as('pnl')])
      .executeTakeFirstOrThrow(),
    query
      .select((eb) => ['status', 'terminationReason', eb.fn.countAll<number>().as('n')])
      .groupBy(['status', 'terminationReason'])
      .execute(),
    query
      .select(['id', 'startTime', 'realizedPnl'])
      .where('endTime', 'is not', null)
      .where('startTime', 'is not', null)
      .orderBy('startTime')
      .orderBy('id')
      .execute(),
  ]);

  const count = (predicate: (o: (typeof outcomes)[number]) => boolean) => outcomes.filter(predicate).reduce((sum, o) => sum + o.n, 0);
  const lossLimitStops = count((o) => o.terminationReason === 'loss_limit');
  const endedCount = count((o) => ['completed', 'stopped', 'expired'].includes(o.status));

  const parts = new Intl.DateTimeFormat('en-US', { timeZone: profile.timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
  const weekday = WEEKDAYS.map(() => ({ sessions: 0, pnl: new Decimal(0) }));
  const hour = Array.from({ length: 24 }, () => ({ sessions: 0, pnl: new Decimal(0) }));
  const perSession: Overview['perSession'] = [];
  let cumulative = new Decimal(0);
  for (const session of ended) {
    const pnl = fromMicros(session.realizedPnl);
    cumulative = cumulative.plus(pnl);
    perSession.push({
      sessionId: session.id,
      start: toIso(session.startTime!),
      pnl: toMoneyString(pnl),
      value: pnl.toNumber(),
      cumulative: toMoneyString(cumulative),
      cumulativeValue: cumulative.toNumber(),
    });
    const local = parts.formatToParts(session.startTime!);
    const day = weekday[WEEKDAYS.indexOf(local.find((p) => p.type === 'weekday')!.value as (typeof WEEKDAYS)[number])]!;
    const slot = hour[Number(local.find((p) => p.type === 'hour')!.value)]!;
    day.sessions += 1;
    day.pnl = day.pnl.plus(pnl);
    slot.sessions += 1;
    slot.pnl = slot.pnl.plus(pnl);
  }
  const maxPoints = filters.maxPoints ?? DEFAULT_MAX_POINTS;

  return {
    sessions: totals.sessions,
    totalPnl: toMoneyString(fromMicros(totals.pnl)),
    byOutcome: [
      { outcome: 'completed', count: count((o) => o.status === 'completed') },
      { outcome: 'stopped_manual', count: count((o) => o.status === 'stopped' && o.terminationReason === 'manual') },
      { outcome: 'stopped_loss_limit', count: lossLimitStops },
      {
        outcome: 'stopped_other_rule',
        count: count((o) => o.status === 'stopped' && o.terminationReason !== 'manual' && o.terminationReason !== 'loss_limit'),
      },
      { outcome: 'expired', count: count((o) => o.status === 'expired') },
      { outcome: 'open', count: count((o) => o.status === 'pending' || o.status === 'active') },
    ],
    lossLimitStops,
    lossLimitStopRate: endedCount === 0 ? null : toPercentString(roundPercentage(new Decimal(lossLimitStops).dividedBy(endedCount).times(100))),
    perSession: thin(perSession, maxPoints),
    thinned: perSession.length > maxPoints,
    byWeekday: weekday.map((d, i) => ({ weekday: i + 1, label: WEEKDAYS[i]!, sessions: d.sessions, pnl: toMoneyString(d.pnl), value: d.pnl.toNumber() })),
    byHour: hour.map((h, i) => ({ hour: i, sessions: h.sessions, pnl: toMoneyString(h.pnl), value: h.pnl.toNumber() })),
  };
}

/** Evenly spaced points, always keeping the last, so the line ends at the true total. */
function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}
