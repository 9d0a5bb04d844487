import { Decimal } from '../../money/money.ts';
import type { CsvRow } from '../csv-text.ts';
import { headerIndex, isBlank, occurrenceKeys } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { buildFill, type PresetContext } from './preset-context.ts';

const SECTION = 'Account Trade History';
const REQUIRED = ['Exec Time', 'Side', 'Qty', 'Symbol', 'Type', 'Price'];

/**
 * thinkorswim's Account Statement holds several sections separated by blank lines; the fills
 * are under "Account Trade History", newest first, with signed quantities. `Pos Effect` says
 * TO OPEN or TO CLOSE, or AUTO. A sale with nothing open is a short only where the statement
 * shows the account held none of it before the period (its end position, from the Equities or
 * Profits and Losses section, less what the period traded); otherwise it closes shares bought
 * before the statement and is reported as having no known opening.
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
  const history: CsvRow[] = [];
  for (const row of rows.slice(start + 2)) {
    if (isBlank(row)) break;
    history.push(row);
  }
  const heldBefore = positionsBefore(rows, history.filter((row) => cell(row, 'Type').toUpperCase() === 'STOCK').map((row) => [cell(row, 'Symbol').toUpperCase(), cell(row, 'Qty')]));

  for (const row of history) {
    const type = cell(row, 'Type').toUpperCase();
    const option = type === 'CALL' || type === 'PUT';
    const symbol = option ? [cell(row, 'Symbol'), cell(row, 'Exp'), cell(row, 'Strike'), type].filter(Boolean).join(' ') : cell(row, 'Symbol');
    const effect = /to open/i.test(cell(row, 'Pos Effect')) ? 'open' : /to close/i.test(cell(row, 'Pos Effect')) ? 'close' : null;
    const built = buildFill(
      {
        line: row.line,
        // Newest first: among fills in the same second, the lower one in the file came first.
        sequence: -row.line,
        account,
        symbol,
        side: cell(row, 'Side'),
        quantity: cell(row, 'Qty'),
        price: cell(row, 'Price'),
        fees: '',
        time: cell(row, 'Exec Time'),
        dateFormat: 'M/D/YY HH:mm:ss',
        fillKey: `thinkorswim:${keyOf(row.cells.join('|'))}`,
        currency: null,
        pointValue: type === 'FUTURE' ? 'futures' : option ? '100' : '1',
        effect,
        ...(type === 'STOCK' && heldBefore.get(symbol.toUpperCase())?.lessThanOrEqualTo(0) && { shortable: true }),
      },
      context,
    );
    if ('fill' in built) out.fills.push(built.fill);
    else out.problems.push(built.problem);
  }
  out.notes.push('thinkorswim statements list fees separately from trades; trades are imported without fees.');
  return out;
}

/**
 * Shares held before the statement's period, where the statement says what was held at its
 * end: the Equities section's quantity, or a Profits and Losses line closing at no value.
 */
function positionsBefore(rows: CsvRow[], traded: Array<[string, string]>): Map<string, Decimal> {
  const atEnd = new Map<string, Decimal>();
  readSection(rows, 'Profits and Losses', ['Symbol', 'Close Value'], (value) => {
    const close = parseBrokerNumber(value('Close Value'));
    if (close.ok && close.value.isZero()) atEnd.set(value('Symbol').toUpperCase(), new Decimal(0));
  });
  readSection(rows, 'Equities', ['Symbol', 'Qty'], (value) => {
    const qty = parseBrokerNumber(value('Qty'), 'dot');
    if (qty.ok) atEnd.set(value('Symbol').toUpperCase(), qty.value);
  });
  const before = new Map(atEnd);
  for (const [symbol, qtyText] of traded) {
    const qty = parseBrokerNumber(qtyText, 'dot');
    const held = before.get(symbol);
    if (held !== undefined && qty.ok) before.set(symbol, held.minus(qty.value));
  }
  return before;
}

function readSection(rows: CsvRow[], title: string, required: string[], each: (value: (name: string) => string) => void): void {
  const at = rows.findIndex((row) => row.cells[0] === title && row.cells.slice(1).every((c) => c === ''));
  const header = rows[at + 1];
  if (at === -1 || !header) return;
  const columns = headerIndex(header.cells, required);
  if (!columns.ok) return;
  for (const row of rows.slice(at + 2)) {
    if (isBlank(row)) return;
    if (row.cells[columns.index('Symbol')] === '') continue;
    each((name) => row.cells[columns.index(name)] ?? '');
  }
}
