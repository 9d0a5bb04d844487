const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, style: 'datetime' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'date' ? { dateStyle: 'medium' } : style === 'time' ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

/** An ISO instant shown in the profile's zone, never the computer's. */
export function formatInstant(iso: string | null, timeZone: string, style: 'datetime' | 'date' | 'time' = 'datetime'): string {
  if (iso === null) return '—';
  return formatter(timeZone, style).format(new Date(iso));
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
