import { importBench } from './import-bench.ts';
import { printTable } from './bench-table.ts';
printTable(await importBench((l) => console.error(l)));
