import { expect, test } from 'vitest';
import { tempDir } from '../support/temp-storage.ts';
import { crashCampaign } from './crash-harness.ts';

const KILLS = Number(process.env.SESSIONGUARD_CRASH_KILLS ?? 60);

test(`SIGKILL at ${KILLS} random moments while recording loses no acknowledged trade`, { timeout: 300_000 }, async () => {
  const report = await crashCampaign(tempDir(), KILLS, 7);
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
