import type { CsvRow } from '../csv-text.ts';
import { headerIndex, isBlank } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { buildFill, type PresetContext } from './preset-context.ts';

const REQUIRED = ['Instrument', 'Action', 'Quantity', 'Price', 'Time', 'ID', 'Commission', 'Account'];

/** NinjaTrader 8's Executions grid: one row per fill, several accounts in one file. */
export function readNinjaTraderExecutions(rows: CsvRow[], context: PresetContext): PresetOutput {
  const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
  const [header, ...data] = rows;
  const columns = headerIndex(header?.cells ?? [], REQUIRED);
  if (!columns.ok) return { ...out, problems: [{ line: 1, message: `this is not a NinjaTrader Executions export: missing column ${columns.missing.join(', ')}` }] };
  const cell = (row: CsvRow, name: string) => row.cells[columns.index(name)] ?? '';
  for (const row of data) {
    if (isBlank(row)) continue;
    const built = buildFill(
      {
        line: row.line,
        sequence: row.line,
        account: cell(row, 'Account'),
        symbol: cell(row, 'Instrument'),
        side: cell(row, 'Action'),
        quantity: cell(row, 'Quantity'),
        price: cell(row, 'Price'),
        fees: cell(row, 'Commission'),
        time: cell(row, 'Time'),
        dateFormat: 'auto',
        fillKey: `ninjatrader:${cell(row, 'ID')}`,
        currency: null,
        pointValue: 'futures',
      },
      context,
    );
    if ('fill' in built) out.fills.push(built.fill);
    else out.problems.push(built.problem);
  }
  return out;
}
