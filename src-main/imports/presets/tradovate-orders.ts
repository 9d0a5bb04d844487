import { isBlank, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'Tradovate Orders',
  required: ['orderId', 'Account', 'B/S', 'Contract', 'avgPrice', 'filledQty', 'Fill Time', 'Status'],
  optional: [
    'Order ID',
    'Product',
    'Product Description',
    'lastCommandId',
    '_priceFormat',
    '_priceFormatType',
    '_tickSize',
    'spreadDefinitionId',
    'Version ID',
    'Timestamp',
    'Date',
    'Quantity',
    'Text',
    'Type',
    'Limit Price',
    'Stop Price',
    'decimalLimit',
    'decimalStop',
    'Filled Qty',
    'Avg Fill Price',
    'decimalFillAvg',
    'Venue',
    'Notional Value',
    'Currency',
  ],
};

type Cell = (row: CsvRow) => string;

/** Tradovate's Orders report: one row per order; only Filled orders are executions. */
export const tradovateOrders: PresetDefinition = {
  id: 'tradovate_orders',
  label: 'Tradovate Orders',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Tradovate Orders report: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    // Each column resolved once: a 100,000-order export is read row by row.
    const [status, account, contract, side, quantity, price, fillTime, orderId, currency] = [
      'Status',
      'Account',
      'Contract',
      'B/S',
      'filledQty',
      'avgPrice',
      'Fill Time',
      'orderId',
      'Currency',
    ].map((name) => columns.reader(name)) as [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];
    let skipped = 0;
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      if (status(row) !== 'Filled') {
        skipped += 1;
        continue;
      }
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: account(row),
          symbol: contract(row),
          side: side(row),
          quantity: quantity(row),
          price: price(row),
          fees: '',
          time: fillTime(row),
          dateFormat: 'MM/DD/YYYY HH:mm:ss',
          fillKey: `tradovate:${orderId(row)}`,
          currency: currency(row) || null,
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
  },
};
