import { expect, test } from 'vitest';
import { channelNames } from '../../src-main/contract/channels.ts';
import { openCore } from '../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { reportSoak } from '../support/soak-report.ts';
import { tempDir } from '../support/temp-storage.ts';
import { fuzzIpc, seedFuzzData } from './ipc-fuzz.ts';

const PER_CHANNEL = Number(process.env.SESSIONGUARD_FUZZ_PAYLOADS ?? 1000);

test(`${PER_CHANNEL} generated payloads on each of the ${channelNames.length} channels: typed errors, no crash, no row changed`, {
  timeout: 1_800_000,
}, async () => {
  const core = await openCore({ dataDir: tempDir(), clock: new ManualClock() });
  try {
    await seedFuzzData(core);
    const report = await fuzzIpc(core, PER_CHANNEL, 20261125);
    reportSoak({
      runs: report.payloads,
      metric: `IPC payloads (${PER_CHANNEL} per channel × ${channelNames.length}): crashes or writes`,
      value: report.crashes.length + report.writes.length + report.untyped.length,
      unit: `of ${report.payloads}`,
      target: '0',
      ok: report.crashes.length + report.writes.length + report.untyped.length === 0,
    });
    expect(report.crashes).toEqual([]);
    expect(report.writes).toEqual([]);
    expect(report.untyped).toEqual([]);
    // Almost everything generated is invalid; what is valid by chance may act, the rest must not.
    expect(report.accepted).toBeLessThan(report.payloads / 4);
    expect(report.payloads).toBeGreaterThanOrEqual(PER_CHANNEL * channelNames.length);
    expect(core.storage.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    await core.close();
  }
});

test('a name holding a control character (found by the soak: SQLite ends a string at NUL) is refused as invalid input, not as a failed save', async () => {
  const core = await openCore({ dataDir: tempDir(), clock: new ManualClock() });
  try {
    const dispatch = createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false });
    for (const name of ['\u0000', 'Ann\u0000', 'Ann\u0007']) {
      const reply = await dispatch('createProfile', { name, currency: 'USD', balance: '10000.00', timeZone: 'UTC' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'validation', field: 'name' } });
    }
    expect((await dispatch('createProfile', { name: 'Ann', currency: 'USD', balance: '10000.00', timeZone: 'UTC' })).ok).toBe(true);
    const mapping = { kind: 'trades', columns: { time: 'Closed', symbol: 'Symbol', pnl: 'PnL' }, dateFormat: 'auto', decimalStyle: 'auto', pointValue: '1' };
    expect(await dispatch('saveMapping', { name: '\u0000', mapping })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch('listMappings', {})).toEqual({ ok: true, value: [] });
  } finally {
    await core.close();
  }
});
