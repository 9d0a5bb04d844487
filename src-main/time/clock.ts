/** The source of "now" for everything that decides by time, injected so tests can move it. */
export interface Clock {
  /** Milliseconds since the Unix epoch (UTC). */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Up to 9999-12-31T23:59:59.999Z; `toIso` writes these itself, anything else through `Date`. */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999;

/**
 * An instant as `Date.prototype.toISOString` writes it ("2026-03-02T14:05:09.120Z"), in integer
 * arithmetic: every session and trade view carries several, a history page hundreds.
 */
export function toIso(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > LAST_FOUR_DIGIT_YEAR_MS) return new Date(ms).toISOString();
  const msOfDay = ms % DAY_MS;
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, for days >= 0).
  const z = (ms - msOfDay) / DAY_MS + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const seconds = Math.floor(msOfDay / 1000);
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${String(msOfDay % 1000).padStart(3, '0')}Z`;
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function toIsoOrNull(ms: number | null): string | null {
  return ms === null ? null : toIso(ms);
}
