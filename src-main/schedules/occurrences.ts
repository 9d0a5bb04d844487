import { TZDate } from '@date-fns/tz';
import { DAY_MS, MINUTE_MS } from '../time/clock.ts';

/**
 * When a schedule's sessions fall: on chosen ISO weekdays, from a wall-clock start to a
 * wall-clock end in the schedule's own zone (an end before the start is the next morning).
 * Computed per calendar date in that zone, so 09:30 New York is 09:30 on both sides of a DST change.
 */
export interface ScheduleSpec {
  /** ISO weekdays as bits: bit 0 Monday ... bit 6 Sunday. */
  weekdays: number;
  startMinutes: number;
  endMinutes: number;
  timeZone: string;
}

export interface Occurrence {
  start: number;
  end: number;
}

/** How far back missed occurrences are looked for after the app was closed. */
export const LOOK_BACK_MS = 14 * DAY_MS;

export function weekdayBits(weekdays: readonly number[]): number {
  return weekdays.reduce((bits, day) => bits | (1 << (day - 1)), 0);
}

export function weekdaysOf(bits: number): number[] {
  return [1, 2, 3, 4, 5, 6, 7].filter((day) => (bits & (1 << (day - 1))) !== 0);
}

function wallClock(year: number, month: number, date: number, minutes: number, timeZone: string): number {
  return new TZDate(year, month, date, Math.floor(minutes / 60), minutes % 60, 0, 0, timeZone).getTime();
}

/** The occurrence on one calendar date of the zone, or null when the weekday is not planned. */
function onDate(spec: ScheduleSpec, year: number, month: number, date: number): Occurrence | null {
  const iso = ((new Date(Date.UTC(year, month, date)).getUTCDay() + 6) % 7) + 1;
  if ((spec.weekdays & (1 << (iso - 1))) === 0) return null;
  const start = wallClock(year, month, date, spec.startMinutes, spec.timeZone);
  const endDate = spec.endMinutes > spec.startMinutes ? date : date + 1;
  return { start, end: wallClock(year, month, endDate, spec.endMinutes, spec.timeZone) };
}

/** Occurrences whose start lies in (after, until], oldest first; none older than `LOOK_BACK_MS` before `until`. */
export function occurrencesBetween(spec: ScheduleSpec, after: number, until: number): Occurrence[] {
  const from = Math.max(after, until - LOOK_BACK_MS);
  const first = new TZDate(from - DAY_MS, spec.timeZone);
  const found: Occurrence[] = [];
  for (let offset = 0; ; offset += 1) {
    const occurrence = onDate(spec, first.getFullYear(), first.getMonth(), first.getDate() + offset);
    if (occurrence && occurrence.start > until) break;
    if (occurrence && occurrence.start > from) found.push(occurrence);
    if (offset > (until - from) / DAY_MS + 3) break;
  }
  return found;
}

/** The first occurrence starting after `after`, within the coming week. */
export function nextOccurrence(spec: ScheduleSpec, after: number): Occurrence | null {
  return occurrencesBetween(spec, after, after + 8 * DAY_MS)[0] ?? null;
}

export function durationMinutesOf(occurrence: Occurrence): number {
  return Math.round((occurrence.end - occurrence.start) / MINUTE_MS);
}
