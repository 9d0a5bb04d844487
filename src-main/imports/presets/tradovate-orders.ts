import type { CsvRow } from '../csv-text.ts';
import { headerIndex, isBlank } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { buildFill, type PresetContext } from './preset-context.ts';

const REQUIRED = ['orderId', 'Account', 'B/S', 'Contract', 'avgPrice', 'filledQty', 'Fill Time', 'Status'];

/** Tradovate's Orders report: one row per order; only Filled orders are executions. */
export function readTradovateOrders(rows: CsvRow[], context: PresetContext): PresetOutput {
  const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
  const [header, ...data] = rows;
  const columns = headerIndex(header?.cells ?? [], REQUIRED);
  if (!columns.ok) return { ...out, problems: [{ line: 1, message: `this is not a Tradovate Orders report: missing column ${columns.missing.join(', ')}` }] };
  const cell = (row: CsvRow, name: string) => row.cells[columns.index(name)] ?? '';
  let skipped = 0;
  for (const row of data) {
    if (isBlank(row)) continue;
    const status = cell(row, 'Status');
    if (status !== 'Filled') {
      skipped += 1;
      continue;
    }
    const built = buildFill(
      {
        line: row.line,
        sequence: row.line,
        account: cell(row, 'Account'),
        symbol: cell(row, 'Contract'),
        side: cell(row, 'B/S'),
        quantity: cell(row, 'filledQty'),
        price: cell(row, 'avgPrice'),
        fees: '',
        time: cell(row, 'Fill Time'),
        dateFormat: 'MM/DD/YYYY HH:mm:ss',
        fillKey: `tradovate:${cell(row, 'orderId')}`,
        currency: cell(row, 'Currency') || null,
        pointValue: 'futures',
      },
      context,
    );
    if ('fill' in built) out.fills.push(built.fill);
    else out.problems.push(built.problem);
  }
  if (skipped > 0) out.notes.push(`${skipped} orders that were not filled (canceled, rejected, working) were skipped.`);
  out.notes.push('Tradovate order reports carry no commissions; trades are imported without fees.');
  return out;
}
