import { expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

async function session(core: Core, clock: ManualClock, startIso: string, pnl: string, duration: number): Promise<void> {
  clock.set(startIso);
  await core.sessions.create({ durationMinutes: duration, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  clock.advance(MINUTE_MS);
  await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: clock.now() }]);
  const open = await core.sessions.getActiveData();
  if (open) await core.sessions.stop(open.session.id);
}

test('the overview describes exactly the sessions the status, reason and duration filters select, as the history page does (issue 16 item 4)', async () => {
  const clock = new ManualClock('2026-03-02T10:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: 'UTC' });
  await core.profiles.update({ applyPnlToBalance: false, lockoutMinutes: 0 });
  await session(core, clock, '2026-03-02T10:00:00Z', '50.00', 60);
  await session(core, clock, '2026-03-03T10:00:00Z', '-1000.00', 60);
  await session(core, clock, '2026-03-04T10:00:00Z', '20.00', 240);

  const all = await core.history.overview({});
  expect(all).toMatchObject({ sessions: 3, totalPnl: '-930.00', lossLimitStops: 1 });
  const byLimit = await core.history.overview({ reasons: ['loss_limit'] });
  expect(byLimit).toMatchObject({ sessions: 1, totalPnl: '-1000.00', lossLimitStops: 1, lossLimitStopRate: '100.00' });
  expect(byLimit.perSession.map((p) => p.pnl)).toEqual(['-1000.00']);
  const fourHours = await core.history.overview({ durations: [240] });
  expect(fourHours).toMatchObject({ sessions: 1, totalPnl: '20.00' });
  expect(fourHours.byWeekday.find((d) => d.label === 'Wed')).toMatchObject({ sessions: 1, pnl: '20.00' });
  const stoppedHour = await core.history.overview({ statuses: ['stopped'], durations: [60] });
  expect(stoppedHour.sessions).toBe((await core.history.page({ statuses: ['stopped'], durations: [60] })).total);
  expect(stoppedHour.totalPnl).toBe('-950.00');
  await core.close();
});
