import { TZDate } from '@date-fns/tz';
import type { Parsed } from './money-text.ts';

/**
 * Formats broker files use, as token patterns: YYYY/YY year, M/MM month, D/DD day, H/HH
 * 24-hour, h/hh 12-hour with A (AM/PM), mm minutes, ss seconds (a fraction after them is
 * read too). Month-first comes before day-first: `auto` takes the first that fits, so a
 * day-first file is read right only when a day is past 12 or its pattern is chosen.
 */
export const DATE_FORMATS = [
  'M/D/YYYY H:mm:ss',
  'M/D/YYYY h:mm:ss A',
  'M/D/YYYY H:mm',
  'M/D/YYYY h:mm A',
  'M/D/YY H:mm:ss',
  'M/D/YY h:mm:ss A',
  'M/D/YY H:mm',
  'M/D/YY h:mm A',
  'YYYY-MM-DD, HH:mm:ss',
  'YYYY-MM-DD HH:mm:ss',
  'YYYY-MM-DD HH:mm',
  'YYYY.MM.DD HH:mm:ss',
  'YYYY.MM.DD HH:mm',
  'YYYY/MM/DD HH:mm:ss',
  'YYYYMMDD;HHmmss',
  'YYYYMMDD HHmmss',
  'D.M.YYYY H:mm:ss',
  'D.M.YYYY H:mm',
  'D/M/YYYY H:mm:ss',
  'D/M/YYYY H:mm',
  'D-M-YYYY H:mm:ss',
  'M/D/YYYY',
  'M/D/YY',
  'YYYY-MM-DD',
  'YYYYMMDD',
  'D.M.YYYY',
] as const;

const TOKEN = /YYYY|YY|MM|M|DD|D|HH|H|hh|h|mm|ss|A/g;

/** Zone abbreviations brokers print after a time, as offsets from UTC in minutes. */
const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MEZ: 60,
  MESZ: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  IST: 330,
};
const TRAILING_ZONE = /\s*(?:(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?|\b([A-Z]{1,5}))\s*$/;

/** A zone written at the end of a date (`EDT`, `-04:00`, `+0100`, `GMT+2`, `Z`): the text before it and its offset. */
export function splitZone(text: string): { local: string; offsetMinutes: number | null } {
  const iso = /^(\d{4}-\d{2}-\d{2}[T ][\d:.,]+)(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  if (iso) return { local: iso[1]!, offsetMinutes: iso[2] === 'Z' ? 0 : offsetOf(iso[2]![0]!, iso[2]!.slice(1, 3), iso[2]!.slice(-2)) };
  const match = TRAILING_ZONE.exec(text);
  if (!match || match.index === 0) return { local: text, offsetMinutes: null };
  if (match[4] !== undefined) {
    const offset = ZONE_ABBREVIATIONS[match[4]];
    return offset === undefined ? { local: text, offsetMinutes: null } : { local: text.slice(0, match.index), offsetMinutes: offset };
  }
  // A bare "-5" after a date-only text would be part of it; an offset needs a time before it.
  if (!/\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp][Mm])?$/.test(text.slice(0, match.index).trimEnd())) return { local: text, offsetMinutes: null };
  return { local: text.slice(0, match.index), offsetMinutes: offsetOf(match[1]!, match[2]!, match[3] ?? '00') };
}

function offsetOf(sign: string, hours: string, minutes: string): number {
  const value = Number(hours) * 60 + Number(minutes);
  return sign === '-' ? -value : value;
}

/**
 * A local date-time with no zone, read in the file's IANA zone and returned as epoch ms.
 * A time skipped by a DST change (02:30 on spring-forward day) is read as the instant an
 * hour later, and an ambiguous one (01:30 on fall-back day) as the first of the two; both
 * stay on their own calendar day.
 */
export function parseBrokerDate(raw: string, format: string, timeZone: string): Parsed<number> {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'the date is empty' };
  // A chosen pattern is tried on the text as it is first: most files write no zone.
  if (format !== 'auto' && format !== 'ISO') {
    const ms = localToInstant(text, format, timeZone);
    if (ms !== null) return { ok: true, value: ms };
  }
  const { local, offsetMinutes } = splitZone(text);
  const zone = offsetMinutes === null ? timeZone : offsetMinutes;
  if (format === 'ISO' || /^\d{4}-\d{2}-\d{2}T/.test(local)) {
    const ms = localToInstant(local.replace('T', ' '), /T\d{2}:\d{2}$/.test(local) ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD HH:mm:ss', zone);
    return ms !== null ? { ok: true, value: ms } : { ok: false, reason: `"${text.slice(0, 40)}" is not a date` };
  }
  const formats = format === 'auto' ? DATE_FORMATS : [format];
  for (const candidate of formats) {
    const ms = localToInstant(local.trim(), candidate, zone);
    if (ms !== null) return { ok: true, value: ms };
  }
  return { ok: false, reason: `"${text.slice(0, 40)}" is not a date${format === 'auto' ? '' : ` in the format ${format}`}` };
}

/** Where each part of the date sits among the pattern's groups (0: absent). */
interface CompiledFormat {
  regex: RegExp;
  year: number;
  /** `YY`: a two-digit year of this century. */
  shortYear: boolean;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: number;
  meridiem: number;
  /** For a pattern of fixed-width numbers and single separators (`YYYY-MM-DD HH:mm:ss`): where each sits in a text of exactly its length. */
  fixed: FixedLayout | null;
}

/** Offsets of each two- or four-digit part (-1: absent), and the separator expected at each other offset. */
interface FixedLayout {
  length: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  separators: Array<{ at: number; code: number }>;
}

/** The layout of a pattern made only of fixed-width numbers (no 1-digit days, no AM/PM, no 2-digit years) and separators. */
function fixedLayout(format: string): FixedLayout | null {
  const layout: FixedLayout = { length: 0, year: -1, month: -1, day: -1, hour: -1, minute: -1, second: -1, separators: [] };
  const names = { YYYY: 'year', MM: 'month', DD: 'day', HH: 'hour', mm: 'minute', ss: 'second' } as const;
  let at = 0;
  for (const part of format.split(/(YYYY|MM|DD|HH|mm|ss)/)) {
    if (part === '') continue;
    if (Object.hasOwn(names, part)) {
      layout[names[part as keyof typeof names]] = at;
      at += part.length;
      continue;
    }
    if (/[A-Za-z0-9]/.test(part)) return null;
    for (const ch of part) layout.separators.push({ at: at++, code: ch.charCodeAt(0) });
  }
  layout.length = at;
  return layout;
}

const compiledFormats = new Map<string, CompiledFormat>();

/** A pattern compiled once into a regex and the group of each part, so a row is read without lookups by token name. */
function compile(format: string): CompiledFormat {
  let compiled = compiledFormats.get(format);
  if (!compiled) {
    const parts: CompiledFormat = {
      regex: /$^/,
      year: 0,
      shortYear: false,
      month: 0,
      day: 0,
      hour: 0,
      minute: 0,
      second: 0,
      fraction: 0,
      meridiem: 0,
      fixed: null,
    };
    let group = 0;
    const pattern = format
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/ /g, '\\s+')
      .replace(TOKEN, (token) => {
        group += 1;
        if (token === 'YYYY' || token === 'YY') {
          parts.year = group;
          parts.shortYear = token === 'YY';
        } else if (token === 'MM' || token === 'M') parts.month = group;
        else if (token === 'DD' || token === 'D') parts.day = group;
        else if (token.toLowerCase().startsWith('h')) parts.hour = group;
        else if (token === 'mm') parts.minute = group;
        else if (token === 'ss') {
          parts.second = group;
          group += 1;
          parts.fraction = group;
          return '(\\d{2})(?:[.,](\\d+))?';
        } else if (token === 'A') parts.meridiem = group;
        return token === 'A' ? '([AaPp]\\.?[Mm]\\.?)' : token.length === 4 ? '(\\d{4})' : token.length === 2 ? '(\\d{2})' : '(\\d{1,2})';
      });
    parts.regex = new RegExp(`^${pattern}$`);
    parts.fixed = fixedLayout(format);
    compiled = parts;
    compiledFormats.set(format, compiled);
  }
  return compiled;
}

/**
 * The instant a local wall-clock hour starts in a zone. Zone rules are slow to evaluate and a
 * file repeats the same hours thousands of times; within one hour the offset doesn't change
 * (DST moves on the hour), so minutes and seconds are added to the hour's instant.
 */
const hourStarts = new Map<string, Map<number, number>>();

/** A zone is an IANA name, or a fixed offset in minutes that the text itself gave. */
function localHourStart(year: number, month: number, day: number, hour: number, zone: string | number): number {
  if (typeof zone === 'number') return Date.UTC(year, month - 1, day, hour) - zone * 60_000;
  let starts = hourStarts.get(zone);
  if (!starts) {
    starts = new Map();
    hourStarts.set(zone, starts);
  }
  const key = ((year * 13 + month) * 32 + day) * 24 + hour;
  let start = starts.get(key);
  if (start === undefined) {
    if (starts.size > 50_000) starts.clear();
    start = new TZDate(year, month - 1, day, hour, 0, 0, zone).getTime();
    starts.set(key, start);
  }
  return start;
}

function localToInstant(text: string, format: string, zone: string | number): number | null {
  const f = compile(format);
  // Most files write one fixed layout on every row: read by offset, without a regex match and its substrings.
  if (f.fixed !== null && text.length === f.fixed.length) {
    const instant = fixedInstant(text, f.fixed, zone);
    if (instant !== undefined) return instant;
  }
  const match = f.regex.exec(text);
  if (match === null) return null;
  const number = (group: number, absent: number): number => (group === 0 || match[group] === undefined ? absent : Number(match[group]));
  const year = f.year === 0 ? 0 : (f.shortYear ? 2000 : 0) + Number(match[f.year]);
  const month = number(f.month, 1);
  const day = number(f.day, 1);
  let hour = number(f.hour, 0);
  const minute = number(f.minute, 0);
  const second = number(f.second, 0);
  const fraction = f.fraction === 0 ? undefined : match[f.fraction];
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const meridiem = f.meridiem === 0 ? undefined : match[f.meridiem];
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem[0] === 'P' || meridiem[0] === 'p' ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const instant = localHourStart(year, month, day, hour, zone) + minute * 60_000 + second * 1000 + ms;
  return Number.isNaN(instant) ? null : instant;
}

/**
 * A text in a fixed layout as an instant; null for an impossible date (the 31st of April),
 * undefined when the text is not in the layout (a tab for the space), for the pattern's regex
 * to decide.
 */
function fixedInstant(text: string, layout: FixedLayout, zone: string | number): number | null | undefined {
  for (const { at, code } of layout.separators) if (text.charCodeAt(at) !== code) return undefined;
  const year = layout.year === -1 ? 0 : digits(text, layout.year, 4);
  const month = layout.month === -1 ? 1 : digits(text, layout.month, 2);
  const day = layout.day === -1 ? 1 : digits(text, layout.day, 2);
  const hour = layout.hour === -1 ? 0 : digits(text, layout.hour, 2);
  const minute = layout.minute === -1 ? 0 : digits(text, layout.minute, 2);
  const second = layout.second === -1 ? 0 : digits(text, layout.second, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const instant = localHourStart(year, month, day, hour, zone) + minute * 60_000 + second * 1000;
  return Number.isNaN(instant) ? null : instant;
}

/** The number written by `width` digits at `at`, or -1 when one of them is not a digit. */
function digits(text: string, at: number, width: number): number {
  let value = 0;
  for (let i = at; i < at + width; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}
