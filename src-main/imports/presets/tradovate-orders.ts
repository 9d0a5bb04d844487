import { isBlank } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'Tradovate Orders',
  required: ['orderId', 'Account', 'B/S', 'Contract', 'avgPrice', 'filledQty', 'Fill Time', 'Status'],
  optional: [
    'Order ID', 'Product', 'Product Description', 'lastCommandId', '_priceFormat', '_priceFormatType', '_tickSize', 'spreadDefinitionId', 'Version ID',
    'Timestamp', 'Date', 'Quantity', 'Text', 'Type', 'Limit Price', 'Stop Price', 'decimalLimit', 'decimalStop', 'Filled Qty', 'Avg Fill Price', 'decimalFillAvg',
    'Venue', 'Notional Value', 'Currency',
  ],
};

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
    let skipped = 0;
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      if (columns.cell(row, 'Status') !== 'Filled') {
        skipped += 1;
        continue;
      }
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: columns.cell(row, 'Account'),
          symbol: columns.cell(row, 'Contract'),
          side: columns.cell(row, 'B/S'),
          quantity: columns.cell(row, 'filledQty'),
          price: columns.cell(row, 'avgPrice'),
          fees: '',
          time: columns.cell(row, 'Fill Time'),
          dateFormat: 'MM/DD/YYYY HH:mm:ss',
          fillKey: `tradovate:${columns.cell(row, 'orderId')}`,
          currency: columns.cell(row, 'Currency') || null,
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
