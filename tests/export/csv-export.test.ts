import Papa from 'papaparse';
import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { csvExport } from '../../src-main/export/csv-export.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

test('exports keep money exact and times in the profile zone with their offset', async () => {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: 'America/New_York' });
  const session = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  clock.advance(60_000);
  await core.trades.record([
    {
      source: 'import',
      externalId: 'a',
      symbol: 'MNQM6',
      side: 'long',
      quantity: '2',
      fees: new Decimal('1.24'),
      realizedPnl: new Decimal('-90.463462'),
      closedAt: clock.now(),
      note: 'said "no", then, yes',
    },
    { source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal('0.1'), closedAt: clock.now() },
  ]);
  const exported = async (kind: 'sessions' | 'trades') => (await csvExport(core.storage.read, kind, clock.now())).decode();

  const trades = Papa.parse<Record<string, string>>((await exported('trades')).content, { header: true }).data;
  expect(trades).toHaveLength(2);
  expect(trades[0]).toMatchObject({
    sessionId: String(session.id),
    realizedPnl: '-90.463462',
    fees: '1.24',
    closedAt: '2026-03-02T09:01:00-05:00',
    note: 'said "no", then, yes',
  });
  expect(trades[1]!.realizedPnl).toBe('0.10');

  const sessions = Papa.parse<Record<string, string>>((await exported('sessions')).content, { header: true }).data;
  expect((await exported('trades')).fileName).toBe('sessionguard-trades-2026-03-02.csv');
  expect(sessions[0]).toMatchObject({
    status: 'active',
    realizedPnl: '-90.363462',
    lossLimitAmount: '1000.00',
    lossLimitPercentage: '10.00',
    startTime: '2026-03-02T09:00:00-05:00',
    endTime: '',
  });
  await core.close();
});
