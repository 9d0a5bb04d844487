import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { instrumentKey, shareMultiplier } from '../instruments.ts';
import { Columns, detectByHeaders, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'Webull Orders Records',
  required: ['Symbol', 'Side', 'Status', 'Filled', 'Avg Price', 'Filled Time'],
  optional: ['Name', 'Total Qty', 'Price', 'Time-in-Force', 'Placed Time'],
};
/** The layout that pairs its figures in one cell each: `10/10` filled of total, the limit above the average price, the name under the symbol. */
const COMBINED: HeaderSpec = {
  format: 'Webull Orders Records',
  required: ['Symbol', 'Side', 'Status', 'Filled/Total Qty', 'Price/Avg Price', 'Filled Time'],
  optional: ['Name', 'Time-in-Force', 'Placed Time'],
};

const FILLED = /^(filled|partial(ly)? filled)$/i;

type Cell = (row: CsvRow) => string;
const firstLine = (text: string) => text.trim().split(/\s*\n\s*/)[0]!;
const lastLine = (text: string) =>
  text
    .trim()
    .split(/\s*\n\s*/)
    .at(-1)!;

/**
 * Webull's Orders Records, for stocks or options: one row per order, newest first. Only filled
 * orders are executions (cancelled, failed and working ones are passed over without a word);
 * the fill price is `Avg Price` (`Price` is the order's limit, `@` before it on some rows);
 * times end with their zone (`EDT`, `EST`). The layout with combined cells writes `10/10` for filled of
 * total, the limit (or `Market`) on the line above the average price, the company's name on the line
 * under the symbol, and dates year first. A multi-leg order has a summary row without a
 * symbol above its legs: the legs are the fills. Options (OCC symbols) are 100 shares each.
 * A sale with nothing open is not a short unless the side says `Short`.
 */
export const webullOrders: PresetDefinition = {
  id: 'webull_orders',
  label: 'Webull Orders Records',
  detect: (file) => detectByHeaders(file.head, [SPEC, COMBINED]),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const split = findHeader(file.head, SPEC);
    const header = split ?? findHeader(file.head, COMBINED);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Webull Orders Records export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const [symbolCell, side, status, filledCell, avgPrice, price, filledTime, placedTime] = [
      'Symbol',
      'Side',
      'Status',
      split ? 'Filled' : 'Filled/Total Qty',
      split ? 'Avg Price' : 'Price/Avg Price',
      'Price',
      'Filled Time',
      'Placed Time',
    ].map((name) => columns.reader(name)) as [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];
    const symbol: Cell = split ? symbolCell : (row) => firstLine(symbolCell(row));
    const filled: Cell = split ? filledCell : (row) => filledCell(row).split('/')[0]!;
    const fillPrice: Cell = split ? (row) => (avgPrice(row) || price(row)).replace(/^@/, '') : (row) => lastLine(avgPrice(row)).replace(/^@/, '');
    const keyOf = occurrenceKeys();
    let legSummaries = 0;
    let partial = 0;
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const state = status(row).trim();
      if (!FILLED.test(state)) continue;
      const raw = symbol(row).trim();
      if (raw === '') {
        legSummaries += 1;
        continue;
      }
      if (!/^filled$/i.test(state)) partial += 1;
      const time = filledTime(row) || placedTime(row);
      const quantity = filled(row);
      const priceText = fillPrice(row);
      const built = buildFill(
        {
          line: row.line,
          // Newest first: among orders filled in the same second, the lower row came first.
          sequence: -row.line,
          account: 'Webull',
          symbol: instrumentKey(raw),
          side: side(row),
          quantity,
          price: priceText,
          fees: '',
          time,
          dateFormat: split ? 'MM/DD/YYYY HH:mm:ss' : 'auto',
          fillKey: `webull:${keyOf([raw, side(row), placedTime(row), time, quantity, priceText].join('|'))}`,
          currency: null,
          pointValue: shareMultiplier(raw),
        },
        { ...context, decimalStyle: 'dot' },
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    if (legSummaries > 0) out.notes.push(`${legSummaries} multi-leg orders are counted by their legs.`);
    if (partial > 0) out.notes.push(`${partial} orders were only partly filled: the part filled is imported.`);
    out.notes.push('Webull order records carry no commissions or fees; trades are imported without fees.');
    return out;
  },
};
