import { isBlank, occurrenceKeys } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { instrumentKey, shareMultiplier } from '../instruments.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'Webull Orders Records',
  required: ['Symbol', 'Side', 'Status', 'Filled', 'Avg Price', 'Filled Time'],
  optional: ['Name', 'Total Qty', 'Price', 'Time-in-Force', 'Placed Time'],
};

const FILLED = /^(filled|partial(ly)? filled)$/i;

/**
 * Webull's Orders Records, for stocks or options: one row per order, newest first. Only filled
 * orders are executions (cancelled, failed and working ones are passed over without a word);
 * the fill price is `Avg Price` (`Price` is the order's limit, `@` before it on some rows);
 * times end with their zone (`EDT`, `EST`). A multi-leg order has a summary row without a
 * symbol above its legs: the legs are the fills. Options (OCC symbols) are 100 shares each.
 * A sale with nothing open is not a short unless the side says `Short`.
 */
export const webullOrders: PresetDefinition = {
  id: 'webull_orders',
  label: 'Webull Orders Records',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Webull Orders Records export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const [symbol, side, status, filled, avgPrice, price, filledTime, placedTime] = [
      'Symbol',
      'Side',
      'Status',
      'Filled',
      'Avg Price',
      'Price',
      'Filled Time',
      'Placed Time',
    ].map((name) => columns.reader(name));
    const keyOf = occurrenceKeys();
    let legSummaries = 0;
    let partial = 0;
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const state = status!(row).trim();
      if (!FILLED.test(state)) continue;
      const raw = symbol!(row).trim();
      if (raw === '') {
        legSummaries += 1;
        continue;
      }
      if (!/^filled$/i.test(state)) partial += 1;
      const time = filledTime!(row) || placedTime!(row);
      const fillPrice = (avgPrice!(row) || price!(row)).replace(/^@/, '');
      const built = buildFill(
        {
          line: row.line,
          // Newest first: among orders filled in the same second, the lower row came first.
          sequence: -row.line,
          account: 'Webull',
          symbol: instrumentKey(raw),
          side: side!(row),
          quantity: filled!(row),
          price: fillPrice,
          fees: '',
          time,
          dateFormat: 'MM/DD/YYYY HH:mm:ss',
          fillKey: `webull:${keyOf([raw, side!(row), placedTime!(row), time, filled!(row), fillPrice].join('|'))}`,
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
