import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBrokerDate } from '../../src-main/imports/date-text.ts';

const p2 = (n: number) => String(n).padStart(2, '0');
const valid = (y: number, m: number, d: number, h: number, mi: number, s: number) =>
  m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate() && h <= 23 && mi <= 59 && s <= 59;

describe('dates in a fixed layout (read by offset, the hot path of large files)', () => {
  it('read every date and time of YYYY-MM-DD HH:mm:ss and MM/DD/YYYY HH:mm:ss as the instant it names, and refuse impossible ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2099 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (y, m, d, h, mi, s) => {
          const expected = valid(y, m, d, h, mi, s) ? Date.UTC(y, m - 1, d, h, mi, s) : null;
          for (const [text, format] of [
            [`${y}-${p2(m)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`, 'YYYY-MM-DD HH:mm:ss'],
            [`${p2(m)}/${p2(d)}/${y} ${p2(h)}:${p2(mi)}:${p2(s)}`, 'MM/DD/YYYY HH:mm:ss'],
          ] as const) {
            const parsed = parseBrokerDate(text, format, 'UTC');
            expect(parsed.ok ? parsed.value : null).toBe(expected);
          }
        },
      ),
    );
  });

  it('still reads what the layout does not fit: a fraction of a second, a tab for the space, a zone after it', () => {
    expect(parseBrokerDate('2026-03-02 09:30:01.250', 'YYYY-MM-DD HH:mm:ss', 'UTC')).toEqual({ ok: true, value: Date.UTC(2026, 2, 2, 9, 30, 1, 250) });
    expect(parseBrokerDate('2026-03-02\t09:30:01', 'YYYY-MM-DD HH:mm:ss', 'UTC')).toEqual({ ok: true, value: Date.UTC(2026, 2, 2, 9, 30, 1) });
    expect(parseBrokerDate('2026-03-02 09:30:01 EST', 'YYYY-MM-DD HH:mm:ss', 'UTC')).toEqual({ ok: true, value: Date.UTC(2026, 2, 2, 14, 30, 1) });
    expect(parseBrokerDate('2026-03-02 09:30:01', 'YYYY-MM-DD HH:mm:ss', 'America/New_York')).toEqual({ ok: true, value: Date.UTC(2026, 2, 2, 14, 30, 1) });
    expect(parseBrokerDate('2026-0x-02 09:30:01', 'YYYY-MM-DD HH:mm:ss', 'UTC').ok).toBe(false);
  });
});
