import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

test('realized P&L by day of the profile’s zone, and today’s, this week’s and this month’s totals (issue 16, controls)', async () => {
  // Wednesday 11 March 2026, 10:00 in New York (after the spring-forward on Sunday 8 March).
  const clock = new ManualClock('2026-03-11T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: 'America/New_York' });
  const trade = (iso: string, pnl: string, id: string) => ({
    source: 'import' as const,
    externalId: id,
    fees: new Decimal(0),
    realizedPnl: new Decimal(pnl),
    closedAt: Date.parse(iso),
  });
  await core.trades.record([
    trade('2026-03-11T13:00:00Z', '100.00', 'today-1'), // 09:00 today
    trade('2026-03-11T04:30:00Z', '-40.25', 'tue-late'), // 00:30 Wednesday local: today, not Tuesday
    trade('2026-03-10T15:00:00Z', '-10.00', 'tue'), // Tuesday
    trade('2026-03-09T03:30:00Z', '7.00', 'sun'), // Sunday 23:30 local: last week
    trade('2026-03-01T12:00:00Z', '5.00', 'first'),
    trade('2026-02-28T12:00:00Z', '1000.00', 'february'),
  ]);

  expect(await core.history.pnlSummary(core.clock.now())).toEqual({
    today: { pnl: '59.75', trades: 2 },
    week: { pnl: '49.75', trades: 3 },
    month: { pnl: '61.75', trades: 5 },
    timeZone: 'America/New_York',
  });
  const march = await core.history.dailyPnl('2026-03');
  expect(march.days).toHaveLength(31);
  expect(march.days.filter((d) => d.trades > 0)).toEqual([
    { date: '2026-03-01', pnl: '5.00', trades: 1 },
    { date: '2026-03-08', pnl: '7.00', trades: 1 },
    { date: '2026-03-10', pnl: '-10.00', trades: 1 },
    { date: '2026-03-11', pnl: '59.75', trades: 2 },
  ]);
  expect(march).toMatchObject({ month: '2026-03', total: '61.75', trades: 5 });
  expect((await core.history.dailyPnl('2026-02')).total).toBe('1000.00');
  await core.close();
});
