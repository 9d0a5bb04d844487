import type { CsvRow } from '../csv-text.ts';
import { headerIndex, isBlank, occurrenceKeys } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { buildFill, type PresetContext } from './preset-context.ts';

const SECTION = 'Account Trade History';
const REQUIRED = ['Exec Time', 'Side', 'Qty', 'Symbol', 'Type', 'Price'];

/**
 * thinkorswim's Account Statement holds several sections separated by blank lines; the fills
 * are under "Account Trade History", newest first, with signed quantities.
 */
export function readThinkorswimStatement(rows: CsvRow[], context: PresetContext): PresetOutput {
  const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
  const start = rows.findIndex((row) => row.cells.some((c) => c === SECTION));
  if (start === -1) return { ...out, problems: [{ line: 1, message: `this statement has no "${SECTION}" section` }] };
  const header = rows[start + 1];
  const columns = headerIndex(header?.cells ?? [], REQUIRED);
  if (!columns.ok) return { ...out, problems: [{ line: header?.line ?? start + 1, message: `the trade history is missing column ${columns.missing.join(', ')}` }] };
  const cell = (row: CsvRow, name: string) => row.cells[columns.index(name)] ?? '';
  const account = /Account Statement for (\S+)/.exec(rows[0]?.cells.join(',') ?? '')?.[1]?.replace(/^\*$/, '') || 'thinkorswim';
  const keyOf = occurrenceKeys();
  for (const row of rows.slice(start + 2)) {
    if (isBlank(row)) break;
    const type = cell(row, 'Type').toUpperCase();
    const built = buildFill(
      {
        line: row.line,
        // Newest first: among fills in the same second, the lower one in the file came first.
        sequence: -row.line,
        account,
        symbol: cell(row, 'Symbol'),
        side: cell(row, 'Side'),
        quantity: cell(row, 'Qty'),
        price: cell(row, 'Price'),
        fees: '',
        time: cell(row, 'Exec Time'),
        dateFormat: 'M/D/YY HH:mm:ss',
        fillKey: `thinkorswim:${keyOf(row.cells.join('|'))}`,
        currency: null,
        pointValue: type === 'FUTURE' ? 'futures' : type === 'CALL' || type === 'PUT' ? '100' : '1',
      },
      context,
    );
    if ('fill' in built) out.fills.push(built.fill);
    else out.problems.push(built.problem);
  }
  out.notes.push('thinkorswim statements list fees separately from trades; trades are imported without fees.');
  return out;
}
