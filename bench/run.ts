import { printTable, type BenchRow } from './bench-table.ts';
import { floodBench } from './flood-bench.ts';
import { foundationBench } from './foundation-bench.ts';
import { historyBench } from './history-bench.ts';
import { importBench } from './import-bench.ts';
import { ledgerBench } from './ledger-bench.ts';
import { liveBench } from './live-bench.ts';
import { machineReference } from './machine-reference.ts';
import { windowBench } from './window-bench.ts';
import { rulesBench } from './rules-bench.ts';

/**
 * `npm run bench [-- --json] [-- --only live,flood]`: every figure beside its target; never part
 * of the test suite. `--only` runs the named suites (the machine reference always runs first).
 */
const json = process.argv.includes('--json');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? null : new Set((process.argv[onlyAt + 1] ?? '').split(','));
const log = (line: string) => {
  if (!json) console.error(line);
};

const suites: Array<[string, (log: (line: string) => void) => Promise<BenchRow[]>]> = [
  ['machine', machineReference],
  ['foundation', foundationBench],
  ['history', historyBench],
  ['rules', rulesBench],
  ['ledger', ledgerBench],
  ['live', liveBench],
  ['window', windowBench],
  ['flood', floodBench],
  ['import', importBench],
];
const rows: BenchRow[] = [];
for (const [name, suite] of suites) {
  if (only && name !== 'machine' && !only.has(name)) continue;
  log(`running ${name}…`);
  rows.push(...(await suite(log)));
}
if (json) console.log(JSON.stringify(rows, null, 2));
else printTable(rows);
