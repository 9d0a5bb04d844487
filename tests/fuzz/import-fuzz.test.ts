import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { reportSoak } from '../support/soak-report.ts';
import { tempDir } from '../support/temp-storage.ts';
import { fixturesPresent, fuzzImports, mutatedFiles } from './import-mutations.ts';

const FILES = Number(process.env.SESSIONGUARD_MUTATED_FILES ?? 500);

test.skipIf(!fixturesPresent)(
  `${FILES} damaged broker files: a clear refusal or an exact import, never a crash or a partial one`,
  { timeout: 3_600_000 },
  async () => {
    const core = await openCore({ dataDir: tempDir(), clock: new ManualClock('2026-11-01T00:00:00Z') });
    try {
      await core.profiles.create({ name: 'Fuzz', currency: 'USD', balance: '100000.00', timeZone: 'America/New_York' });
      const report = await fuzzImports(core, mutatedFiles(FILES, 20261125));
      reportSoak({
        runs: report.files,
        metric: `mutated broker files (${report.files}): crashes or partial imports`,
        value: report.crashes.length + report.partial.length,
        unit: `of ${report.files}`,
        target: '0',
        ok: report.crashes.length + report.partial.length === 0,
      });
      reportSoak({
        runs: report.files,
        metric: 'mutated broker files: slowest file',
        value: report.slowestMs,
        unit: 'ms',
        target: '< 2000 ms',
        ok: report.slowestMs < 2000,
      });
      reportSoak({
        runs: report.files,
        metric: 'mutated broker files: peak heap growth',
        value: report.peakHeapGrowthMb,
        unit: 'MB',
        target: '< 256 MB',
        ok: report.peakHeapGrowthMb < 256,
      });
      expect(report.crashes).toEqual([]);
      expect(report.partial).toEqual([]);
      expect(report.files).toBe(FILES);
      // Both outcomes were exercised: damage that still reads, and damage that is refused.
      expect(report.refused).toBeGreaterThan(FILES / 20);
      expect(report.previewed).toBeGreaterThan(FILES / 20);
      expect(core.storage.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await core.close();
    }
  },
);
