import fc from 'fast-check';
import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { reportSoak } from '../support/soak-report.ts';
import { tempDir } from '../support/temp-storage.ts';
import { commands, modelProfiles, type Model, type Real } from './session-model.ts';

const RUNS = Number(process.env.SESSIONGUARD_MODEL_RUNS ?? 100);
/** A failure's seed (fast-check prints it) replays that run: SESSIONGUARD_MODEL_SEED=-443023981. */
const SEED = process.env.SESSIONGUARD_MODEL_SEED;

test(`${RUNS} generated histories keep the status flow, every rule (first reached ends the session, once), the warnings, the cool-offs and the lockouts, across day boundaries and DST`, {
  timeout: 600_000,
}, async () => {
  const details = await fc.check(
    fc.asyncProperty(modelProfiles, fc.commands(commands, { maxCommands: 60, size: 'large' }), async (setup, cmds) => {
      const clock = new ManualClock(setup.start);
      const dataDir = tempDir();
      const core = await openCore({ dataDir, clock });
      await core.profiles.create({ name: 'Model', currency: 'USD', balance: '5000.00', timeZone: 'UTC' });
      await core.profiles.update({ dailyLossLimit: setup.dailyLossLimit, dayBoundary: setup.dayBoundary, dayBoundaryZone: setup.dayBoundaryZone });
      const real: Real = { core, clock, dataDir };
      const model: Model = { ended: new Map(), lockouts: new Map() };
      try {
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      } finally {
        await real.core.close();
      }
    }),
    { numRuns: RUNS, ...(SEED !== undefined && { seed: Number(SEED) }) },
  );
  reportSoak({
    runs: details.numRuns,
    metric: `generated session histories (${details.numRuns} runs): invariant violations`,
    value: details.failed ? 1 : 0,
    unit: 'counterexamples',
    target: '0',
    ok: !details.failed,
  });
  expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
  expect(details.numRuns).toBe(RUNS);
});
