import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { DailyPnlView, PnlSummary } from '../contract/views.ts';
import { microsToMoneyString } from '../money/money.ts';
import type { ReadDb } from '../storage/tables.ts';

interface Totals {
  micros: number;
  trades: number;
}

/**
 * Realized P&L of all the profile's trades (in a session or not) by calendar day of their
 * close, in the profile's zone: days, weeks (Monday first) and months are the zone's, so a
 * DST change never moves a trade to another day. Sums are integer micros, exact.
 */
async function totalsByDay(db: ReadDb, userId: number, timeZone: string, from: number, to: number): Promise<Map<string, Totals>> {
  const rows = await db
    .selectFrom('trade')
    .select(['closedAt', 'realizedPnl'])
    .where('userId', '=', userId)
    .where('closedAt', '>=', from)
    .where('closedAt', '<', to)
    .execute();
  const days = new Map<string, Totals>();
  for (const row of rows) {
    const day = format(new TZDate(row.closedAt, timeZone), 'yyyy-MM-dd');
    const totals = days.get(day) ?? { micros: 0, trades: 0 };
    totals.micros += row.realizedPnl;
    totals.trades += 1;
    days.set(day, totals);
  }
  return days;
}

function sum(days: Iterable<Totals>): Totals {
  const all = { micros: 0, trades: 0 };
  for (const d of days) {
    all.micros += d.micros;
    all.trades += d.trades;
  }
  return all;
}

/** Every day of a month ("2026-03") with its realized P&L and trade count, and the month's total. */
export async function dailyPnl(db: ReadDb, profile: { id: number; timeZone: string }, month: string): Promise<DailyPnlView> {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const first = new TZDate(year, monthNumber - 1, 1, profile.timeZone);
  const next = addMonths(first, 1);
  const days = await totalsByDay(db, profile.id, profile.timeZone, first.getTime(), next.getTime());
  const list: DailyPnlView['days'] = [];
  for (let day = first; day < next; day = addDays(day, 1)) {
    const date = format(day, 'yyyy-MM-dd');
    const totals = days.get(date) ?? { micros: 0, trades: 0 };
    list.push({ date, pnl: microsToMoneyString(totals.micros), trades: totals.trades });
  }
  const total = sum(days.values());
  return { month, days: list, total: microsToMoneyString(total.micros), trades: total.trades };
}

/** Realized P&L of today and of this week (Monday to now), in the profile's zone. */
export async function pnlSummary(db: ReadDb, profile: { id: number; timeZone: string }, now: number): Promise<PnlSummary> {
  const local = new TZDate(now, profile.timeZone);
  const today = startOfDay(local);
  const weekStart = startOfWeek(local, { weekStartsOn: 1 });
  const monthStart = startOfMonth(local);
  const from = Math.min(weekStart.getTime(), monthStart.getTime());
  const days = await totalsByDay(db, profile.id, profile.timeZone, from, addDays(today, 1).getTime());
  const inRange = (start: Date) => [...days.entries()].filter(([date]) => date >= format(start, 'yyyy-MM-dd')).map(([, t]) => t);
  const view = (t: Totals) => ({ pnl: microsToMoneyString(t.micros), trades: t.trades });
  return { today: view(sum(inRange(today))), week: view(sum(inRange(weekStart))), month: view(sum(inRange(monthStart))), timeZone: profile.timeZone };
}
