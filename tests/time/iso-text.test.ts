import fc from 'fast-check';
import { expect, test } from 'vitest';
import { toIso } from '../../src-main/time/clock.ts';

test('instants are written exactly as Date.toISOString writes them, leap days and the last four-digit year included', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => toIso(ms) === new Date(ms).toISOString()));
  for (const text of [
    '1970-01-01T00:00:00.000Z',
    '2000-02-29T23:59:59.999Z',
    '2024-02-29T12:00:00.005Z',
    '2100-03-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
  ])
    expect(toIso(Date.parse(text))).toBe(text);
  // Outside what it writes itself, Date does: before 1970, six-digit years, and what Date refuses.
  expect(toIso(-1)).toBe('1969-12-31T23:59:59.999Z');
  expect(toIso(253_402_300_800_000)).toBe('+010000-01-01T00:00:00.000Z');
  expect(() => toIso(Number.NaN)).toThrow(RangeError);
});
