import { TZDate } from '@date-fns/tz';

/**
 * Trading days: from a boundary on the wall clock of a zone (17:00 America/Chicago for CME
 * futures, midnight Europe/Prague for FTMO-style rules) to the same wall-clock time the next
 * day. Computed in the zone itself, so a day is 23 or 25 hours long across a DST change and a
 * trade never moves to another day because of one.
 */
export interface DayBoundarySpec {
  /** Minutes after local midnight, 0 to 1439. */
  minutes: number;
  timeZone: string;
}

export interface TradingDay {
  start: number;
  end: number;
}

/** The instant a calendar date's trading day starts; a boundary in a DST gap falls on the first valid instant after it. */
function startOn(year: number, month: number, date: number, boundary: DayBoundarySpec): number {
  return new TZDate(year, month, date, Math.floor(boundary.minutes / 60), boundary.minutes % 60, 0, 0, boundary.timeZone).getTime();
}

/** The calendar date `offset` days from a date, without any zone. */
function shifted(year: number, month: number, date: number, offset: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month, date + offset));
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

/** The latest day computed per boundary: trades come in bursts within one day, and zone arithmetic is not cheap. */
const latest = new Map<string, TradingDay>();

/** The trading day an instant falls in. */
export function tradingDayAt(instant: number, boundary: DayBoundarySpec): TradingDay {
  const key = `${boundary.minutes}|${boundary.timeZone}`;
  const known = latest.get(key);
  if (known && known.start <= instant && instant < known.end) return known;
  const day = computeDayAt(instant, boundary);
  latest.set(key, day);
  return day;
}

function computeDayAt(instant: number, boundary: DayBoundarySpec): TradingDay {
  const local = new TZDate(instant, boundary.timeZone);
  const [y, m, d] = [local.getFullYear(), local.getMonth(), local.getDate()];
  const today = startOn(y, m, d, boundary);
  if (instant >= today) return { start: today, end: startOn(...shifted(y, m, d, 1), boundary) };
  return { start: startOn(...shifted(y, m, d, -1), boundary), end: today };
}

/** The trading days that touch [from, to], oldest first. */
export function tradingDaysBetween(from: number, to: number, boundary: DayBoundarySpec): TradingDay[] {
  const days = [tradingDayAt(from, boundary)];
  while (days.at(-1)!.end <= to) days.push(tradingDayAt(days.at(-1)!.end, boundary));
  return days;
}
