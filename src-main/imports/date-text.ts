import { TZDate } from '@date-fns/tz';
import type { Parsed } from './money-text.ts';

/**
 * Formats broker files use, as token patterns: YYYY/YY year, M/MM month, D/DD day, H/HH
 * 24-hour, h/hh 12-hour with A (AM/PM), mm minutes, ss seconds. `auto` tries the common ones.
 */
export const DATE_FORMATS = ['MM/DD/YYYY HH:mm:ss', 'M/D/YYYY h:mm:ss A', 'M/D/YY HH:mm:ss', 'YYYY-MM-DD, HH:mm:ss', 'YYYY-MM-DD HH:mm:ss', 'DD.MM.YYYY HH:mm:ss', 'DD/MM/YYYY HH:mm:ss'] as const;

const TOKEN = /YYYY|YY|MM|M|DD|D|HH|H|hh|h|mm|ss|A/g;

/**
 * A local date-time with no zone, read in the file's IANA zone and returned as epoch ms.
 * A time skipped by a DST change (02:30 on spring-forward day) is read as the instant an
 * hour later, and an ambiguous one (01:30 on fall-back day) as the first of the two; both
 * stay on their own calendar day.
 */
export function parseBrokerDate(raw: string, format: string, timeZone: string): Parsed<number> {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'the date is empty' };
  // A zone written after the time (`13:04:23 EDT`, `10:00 -05:00`, `GMT+8`) beats the file's.
  const zone = /^\d{4}-\d{2}-\d{2}T/.test(text) ? null : trailingZone(text);
  if (zone !== null) {
    const local = parseBrokerDate(zone.rest, format, zone.timeZone ?? 'UTC');
    return local.ok && zone.offsetMinutes !== null ? { ok: true, value: local.value - zone.offsetMinutes * 60_000 } : local;
  }
  if (format === 'ISO' || /^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
    const ms = hasZone ? Date.parse(text) : localToInstant(text.replace('T', ' '), 'YYYY-MM-DD HH:mm:ss', timeZone);
    return typeof ms === 'number' && !Number.isNaN(ms) ? { ok: true, value: ms } : { ok: false, reason: `"${text}" is not a date` };
  }
  const formats = format === 'auto' ? DATE_FORMATS : [format];
  for (const candidate of formats) {
    const ms = localToInstant(text, candidate, timeZone);
    if (ms !== null) return { ok: true, value: ms };
  }
  return { ok: false, reason: `"${text.slice(0, 40)}" is not a date${format === 'auto' ? '' : ` in the format ${format}`}` };
}

interface CompiledFormat {
  regex: RegExp;
  tokens: string[];
}

const compiledFormats = new Map<string, CompiledFormat>();

function compile(format: string): CompiledFormat {
  let compiled = compiledFormats.get(format);
  if (!compiled) {
    const tokens: string[] = [];
    const pattern = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(TOKEN, (token) => {
      tokens.push(token);
      if (token === 'ss') return '(\\d{2}(?:[.,]\\d{1,9})?)';
      return token === 'A' ? '([AaPp][Mm])' : token.length === 4 ? '(\\d{4})' : token.length === 2 ? '(\\d{2})' : '(\\d{1,2})';
    });
    compiled = { regex: new RegExp(`^${pattern}$`), tokens };
    compiledFormats.set(format, compiled);
  }
  return compiled;
}

/**
 * The instant a local wall-clock hour starts in a zone. Zone rules are slow to evaluate and a
 * file repeats the same hours thousands of times; within one hour the offset doesn't change
 * (DST moves on the hour), so minutes and seconds are added to the hour's instant.
 */
const hourStarts = new Map<string, number>();

function localHourStart(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const key = `${timeZone} ${year} ${month} ${day} ${hour}`;
  let start = hourStarts.get(key);
  if (start === undefined) {
    if (hourStarts.size > 50_000) hourStarts.clear();
    start = new TZDate(year, month - 1, day, hour, 0, 0, timeZone).getTime();
    hourStarts.set(key, start);
  }
  return start;
}

function localToInstant(text: string, format: string, timeZone: string): number | null {
  const { regex, tokens } = compile(format);
  const match = regex.exec(text);
  if (!match) return null;
  const parts = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let meridiem: 'AM' | 'PM' | null = null;
  tokens.forEach((token, i) => {
    const value = match[i + 1]!;
    if (token === 'A') meridiem = value.toUpperCase() as 'AM' | 'PM';
    else if (token === 'YYYY') parts.year = Number(value);
    else if (token === 'YY') parts.year = 2000 + Number(value);
    else if (token === 'MM' || token === 'M') parts.month = Number(value);
    else if (token === 'DD' || token === 'D') parts.day = Number(value);
    else if (token.toLowerCase().startsWith('h')) parts.hour = Number(value);
    else if (token === 'mm') parts.minute = Number(value);
    else if (token === 'ss') {
      // Fractional seconds are kept to the millisecond, the resolution of an instant here.
      parts.second = Number(value.slice(0, 2));
      parts.millisecond = value.length > 3 ? Number(value.slice(3, 6).padEnd(3, '0')) : 0;
    }
  });
  if (meridiem !== null) {
    if (parts.hour < 1 || parts.hour > 12) return null;
    parts.hour = (parts.hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  const { year, month, day, hour, minute, second, millisecond } = parts;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const ms = localHourStart(year, month, day, hour, timeZone) + minute * 60_000 + second * 1000 + millisecond;
  return Number.isNaN(ms) ? null : ms;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Zone abbreviations brokers print after a time, as fixed offsets (an `EST` stamp in July is
 * still -05:00: the file said so); `ET`, `CT`, `MT` and `PT` follow their zone's own rules.
 * Ambiguous ones are read as brokers use them: `CST` is US Central, `IST` India.
 */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
  IST: 330, SGT: 480, HKT: 480, AWST: 480, JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};
const ZONE_NAMES: Readonly<Record<string, string>> = { ET: 'America/New_York', CT: 'America/Chicago', MT: 'America/Denver', PT: 'America/Los_Angeles' };

function trailingZone(text: string): { rest: string; offsetMinutes: number | null; timeZone: string | null } | null {
  const match = /^(.*\d)\s*(?:(?:UTC|GMT)\s*)?(?:([A-Za-z]{1,5})|([+-])(\d{1,2})(?::?(\d{2}))?)$/.exec(text);
  if (!match) return null;
  const [, rest, name, sign, hours, minutes] = match;
  if (name !== undefined) {
    const upper = name.toUpperCase();
    if (upper in ZONE_NAMES) return { rest: rest!, offsetMinutes: null, timeZone: ZONE_NAMES[upper]! };
    if (upper in ZONE_OFFSETS) return { rest: rest!, offsetMinutes: ZONE_OFFSETS[upper]!, timeZone: null };
    return null;
  }
  // `-05` is an offset only after a time, never the last part of a date.
  if (!/\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/.test(rest!)) return null;
  const offset = Number(hours) * 60 + Number(minutes ?? 0);
  return { rest: rest!, offsetMinutes: sign === '-' ? -offset : offset, timeZone: null };
}
