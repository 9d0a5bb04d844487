import { expect, test } from 'vitest';
import { tradingDayAt, tradingDaysBetween } from '../../src-main/time/trading-day.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const cme = { minutes: 17 * 60, timeZone: 'America/Chicago' };
const prague = { minutes: 0, timeZone: 'Europe/Prague' };

test('a 17:00 Chicago day is 23 hours across the spring change and 25 across the autumn one; the boundary itself starts the new day', () => {
  const spring = tradingDayAt(Date.parse('2026-03-08T12:00:00Z'), cme);
  expect([iso(spring.start), iso(spring.end)]).toEqual(['2026-03-07T23:00:00.000Z', '2026-03-08T22:00:00.000Z']);
  const autumn = tradingDayAt(Date.parse('2026-11-01T12:00:00Z'), cme);
  expect([iso(autumn.start), iso(autumn.end)]).toEqual(['2026-10-31T22:00:00.000Z', '2026-11-01T23:00:00.000Z']);
  expect(iso(tradingDayAt(Date.parse('2026-03-08T22:00:00Z'), cme).start)).toBe('2026-03-08T22:00:00.000Z');
  expect(iso(tradingDayAt(Date.parse('2026-03-08T21:59:59.999Z'), cme).start)).toBe('2026-03-07T23:00:00.000Z');
});

test('a trade at 23:30 Prague time belongs to that calendar day in winter and in summer, never to the next', () => {
  expect(iso(tradingDayAt(Date.parse('2026-03-28T22:30:00Z'), prague).start)).toBe('2026-03-27T23:00:00.000Z');
  expect(iso(tradingDayAt(Date.parse('2026-03-29T21:30:00Z'), prague).start)).toBe('2026-03-28T23:00:00.000Z');
  expect(tradingDaysBetween(Date.parse('2026-03-28T12:00:00Z'), Date.parse('2026-03-30T12:00:00Z'), prague).map((d) => (d.end - d.start) / 3_600_000)).toEqual([
    24, 23, 24,
  ]);
});
