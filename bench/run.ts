import { printTable, type BenchRow } from './bench-table.ts';
import { foundationBench } from './foundation-bench.ts';
import { importBench } from './import-bench.ts';
import { ledgerBench } from './ledger-bench.ts';
import { liveBench } from './live-bench.ts';
import { machineReference } from './machine-reference.ts';
import { rulesBench } from './rules-bench.ts';

/** `npm run bench [-- --json]`: every figure beside its target; never part of the test suite. */
const json = process.argv.includes('--json');
const log = (line: string) => {
  if (!json) console.error(line);
};

const suites: Array<[string, (log: (line: string) => void) => Promise<BenchRow[]>]> = [
  ['machine reference', machineReference],
  ['foundation', foundationBench],
  ['rules', rulesBench],
  ['ledger', ledgerBench],
  ['live', liveBench],
  ['import', importBench],
];
const rows: BenchRow[] = [];
for (const [name, suite] of suites) {
  log(`running ${name}…`);
  rows.push(...(await suite(log)));
}
if (json) console.log(JSON.stringify(rows, null, 2));
else printTable(rows);
