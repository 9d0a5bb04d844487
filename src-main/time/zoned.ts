import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns/formatISO';

/** An instant as ISO 8601 with the zone's offset, e.g. 2026-03-02T09:00:00-05:00. */
export function isoInZone(ms: number, timeZone: string): string {
  return formatISO(new TZDate(ms, timeZone));
}
