import fc from 'fast-check';
import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { reportSoak } from '../support/soak-report.ts';
import { tempDir } from '../support/temp-storage.ts';
import { commands, type Model, type Real } from './session-model.ts';

const RUNS = Number(process.env.SESSIONGUARD_MODEL_RUNS ?? 100);

test(`${RUNS} generated histories keep the status flow, the limit, the warnings and the lockout`, { timeout: 600_000 }, async () => {
  const details = await fc.check(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 60, size: 'large' }), async (cmds) => {
      const clock = new ManualClock();
      const dataDir = tempDir();
      const core = await openCore({ dataDir, clock });
      await core.profiles.create({ name: 'Model', currency: 'USD', balance: '5000.00', timeZone: 'UTC' });
      const real: Real = { core, clock, dataDir };
      const model: Model = { ended: new Map() };
      try {
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      } finally {
        await real.core.close();
      }
    }),
    { numRuns: RUNS },
  );
  reportSoak({ runs: details.numRuns, metric: `generated session histories (${details.numRuns} runs): invariant violations`, value: details.failed ? 1 : 0, unit: 'counterexamples', target: '0', ok: !details.failed });
  expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
  expect(details.numRuns).toBe(RUNS);
});
