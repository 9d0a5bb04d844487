import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SoakRow } from '../tests/support/soak-report.ts';

/**
 * `npm run soak [-- --json]`: the crash, model, fuzz and loopback checks of the test suite at
 * full size. They run as the same vitest tests `npm test` runs, scaled by environment
 * variables; each appends its figures, printed here with the target beside each.
 */
const json = process.argv.includes('--json');
const root = join(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'sessionguard-soak-'));
const reportFile = join(scratch, 'rows.jsonl');

const SIZES = {
  SESSIONGUARD_CRASH_KILLS: '1000',
  SESSIONGUARD_MODEL_RUNS: '1000',
  SESSIONGUARD_FUZZ_PAYLOADS: '10000',
  SESSIONGUARD_MUTATED_FILES: '5000',
  SESSIONGUARD_FEED_FUZZ_PAYLOADS: '5000',
};
const CHECKS = [
  'tests/crash/crash-safety.test.ts',
  'tests/model/session-model.test.ts',
  'tests/fuzz/ipc-fuzz.test.ts',
  'tests/fuzz/import-fuzz.test.ts',
  'tests/fuzz/feed-v2-fuzz.test.ts',
  'tests/loopback/loopback-refusals.test.ts',
];

if (!json)
  console.error(
    `soak: ${Object.entries(SIZES)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')} (takes several minutes)`,
  );
const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'unit', ...CHECKS], {
  cwd: root,
  env: { ...process.env, ...SIZES, SESSIONGUARD_SOAK_REPORT: reportFile },
  stdio: ['ignore', json ? 'ignore' : 'inherit', json ? 'ignore' : 'inherit'],
});

const rows: SoakRow[] = existsSync(reportFile)
  ? readFileSync(reportFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SoakRow)
  : [];
rmSync(scratch, { recursive: true, force: true });
if (run.status !== 0)
  rows.push({
    metric: 'soak checks that failed or did not report (see the vitest output)',
    runs: CHECKS.length,
    value: 1,
    unit: 'run',
    target: 'vitest exits 0',
    ok: false,
  });

if (json) {
  console.log(
    JSON.stringify(
      rows.map(({ metric, value, unit, target, ok }) => ({ metric, value, unit, target, ok })),
      null,
      2,
    ),
  );
} else {
  const cells = rows.map((r) => [
    r.metric,
    String(r.runs),
    `${Number.isInteger(r.value) ? r.value : r.value.toFixed(1)} ${r.unit}`,
    r.target,
    r.ok ? 'ok' : 'FAILED',
  ]);
  const header = ['check', 'runs', 'result', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 1 || i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells.map(line).join('\n')}`);
}
process.exitCode = rows.every((r) => r.ok) && rows.length > 0 ? 0 : 1;
