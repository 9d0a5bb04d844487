import { printTable, type BenchRow } from './bench-table.ts';
import { floodBench } from './flood-bench.ts';
import { foundationBench } from './foundation-bench.ts';
import { importBench } from './import-bench.ts';
import { liveBench } from './live-bench.ts';
import { machineReference } from './machine-reference.ts';

/** `npm run bench [-- --json] [-- --only=flood,live]`: every figure beside its target; never part of the test suite. */
const json = process.argv.includes('--json');
const log = (line: string) => {
  if (!json) console.error(line);
};

const suites: Array<[string, (log: (line: string) => void) => Promise<BenchRow[]>]> = [
  ['machine reference', machineReference],
  ['foundation', foundationBench],
  ['live', liveBench],
  ['flood', floodBench],
  ['import', importBench],
];
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const rows: BenchRow[] = [];
for (const [name, suite] of suites.filter(([name]) => !only || only.includes(name))) {
  log(`running ${name}…`);
  rows.push(...(await suite(log)));
}
if (json) console.log(JSON.stringify(rows, null, 2));
else printTable(rows);
