const cache = new Map<string, Intl.DateTimeFormat>();
type Style = 'datetime' | 'date' | 'time' | 'datetime-seconds';

function formatter(timeZone: string, style: Style | 'zone' | 'day'): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      date: { dateStyle: 'medium' },
      time: { timeStyle: 'medium' },
      datetime: { dateStyle: 'medium', timeStyle: 'short' },
      'datetime-seconds': { dateStyle: 'medium', timeStyle: 'medium' },
      zone: { timeZoneName: 'short' },
      day: { year: 'numeric', month: '2-digit', day: '2-digit' },
    }[style] as Intl.DateTimeFormatOptions;
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

/** The zone the computer showing the page is set to: times in another zone are labelled. */
export function screenTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The short name of a zone at an instant ("EST", "GMT+1"), as the time beside it is read. */
export function zoneLabel(iso: string, timeZone: string): string {
  return (
    formatter(timeZone, 'zone')
      .formatToParts(new Date(iso))
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  );
}

/** An instant in the zone, without a label: chart axes, where every tick would repeat it. */
export function formatInZone(iso: string, timeZone: string, style: Style = 'datetime'): string {
  return formatter(timeZone, style).format(new Date(iso));
}

/**
 * An ISO instant shown in the profile's zone, never the computer's. Where the computer's clock
 * would show another time, the time carries the zone's name ("2:30:00 PM EST"), so it is
 * never read as local time.
 */
export function formatInstant(iso: string | null, timeZone: string, style: Style = 'datetime'): string {
  if (iso === null) return '—';
  const text = formatInZone(iso, timeZone, style);
  if (style === 'date' || formatInZone(iso, screenTimeZone(), 'datetime-seconds') === formatInZone(iso, timeZone, 'datetime-seconds')) return text;
  return `${text} ${zoneLabel(iso, timeZone)}`;
}

/**
 * Whether a session's times need their dates: it was planned for a day or more, or its start
 * and end fall on different calendar days in the zone.
 */
export function spansDays(from: string | null, to: string | null, timeZone: string, durationMinutes = 0): boolean {
  if (durationMinutes >= 1440) return true;
  if (from === null || to === null) return false;
  const day = formatter(timeZone, 'day');
  return day.format(new Date(from)) !== day.format(new Date(to));
}

export function formatDuration(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `${minutes} min`;
}

/** hh:mm:ss, with days in front when there are any: "6d 23:59:59". Never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const clock = [hours, minutes, seconds].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${days}d ${clock}` : clock;
}

/**
 * The zones to choose from. The browser's list leaves out UTC and some aliases a profile may
 * hold (a machine set to UTC reports "UTC"); a select without the current value would show
 * another zone and save it without the trader choosing it.
 */
export function timeZoneChoices(current: string): string[] {
  zoneList ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return zoneList.includes(current) ? zoneList : [current, ...zoneList];
}

let zoneList: string[] | undefined;
