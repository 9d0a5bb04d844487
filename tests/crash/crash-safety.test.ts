import { expect, test } from 'vitest';
import { reportSoak } from '../support/soak-report.ts';
import { tempDir } from '../support/temp-storage.ts';
import { crashCampaign } from './crash-harness.ts';

const KILLS = Number(process.env.SESSIONGUARD_CRASH_KILLS ?? 200);

test(`SIGKILL at ${KILLS} random moments while recording loses no acknowledged trade`, { timeout: 120_000 + KILLS * 2_000 }, async () => {
  const report = await crashCampaign(tempDir(), KILLS, 7);
  const damage = report.lost.length + report.doubled.length + report.statisticsMismatches.length + report.unstoppedBreaches.length + report.integrity.length;
  reportSoak({
    runs: report.kills,
    metric: `SIGKILL while recording (${report.kills} kills, ${report.acknowledged} acknowledged trades): lost, doubled or inconsistent`,
    value: damage,
    unit: 'trades',
    target: '0',
    ok: damage === 0,
  });
  expect(report.kills).toBe(KILLS);
  expect(report.acknowledged).toBeGreaterThan(KILLS);
  // The run crossed loss limits, so breach-in-the-same-transaction was exercised under kills too.
  expect(report.breaches).toBeGreaterThan(1);
  expect(report.lost).toEqual([]);
  expect(report.doubled).toEqual([]);
  expect(report.statisticsMismatches).toEqual([]);
  expect(report.unstoppedBreaches).toEqual([]);
  expect(report.integrity).toEqual([]);
});
