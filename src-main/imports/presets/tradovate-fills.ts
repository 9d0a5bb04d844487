import { isBlank } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'Tradovate Fills',
  required: ['Fill ID', 'Timestamp', 'B/S', 'Quantity', 'Price', 'Contract'],
  optional: [
    '_id',
    '_orderId',
    '_contractId',
    '_timestamp',
    '_tradeDate',
    '_action',
    '_qty',
    '_price',
    '_active',
    '_accountId',
    'Order ID',
    'Date',
    'Account',
    '_priceFormat',
    '_priceFormatType',
    '_tickSize',
    'Product',
    'Product Description',
    'commission',
    'Currency',
  ],
};

/**
 * Tradovate's Fills report: one row per execution, with its commission. `Timestamp` is in the
 * zone the trader's Tradovate shows; `_timestamp`, where the export has it, is UTC to the
 * millisecond and is the one trusted.
 */
export const tradovateFills: PresetDefinition = {
  id: 'tradovate_fills',
  label: 'Tradovate Fills',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Tradovate Fills report: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const utc = columns.has('_timestamp');
    const [fillId, time, side, quantity, price, contract, account, commission, currency] = [
      'Fill ID',
      utc ? '_timestamp' : 'Timestamp',
      'B/S',
      'Quantity',
      'Price',
      'Contract',
      'Account',
      'commission',
      'Currency',
    ].map((name) => columns.reader(name));
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: account!(row),
          symbol: contract!(row),
          side: side!(row),
          quantity: quantity!(row),
          price: price!(row),
          fees: commission!(row),
          time: time!(row),
          dateFormat: utc ? 'auto' : 'MM/DD/YYYY HH:mm:ss',
          fillKey: `tradovate-fill:${fillId!(row)}`,
          currency: currency!(row) || null,
          pointValue: 'futures',
        },
        utc ? { ...context, timeZone: 'UTC' } : context,
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    if (!utc) out.notes.push(`Times were read in ${context.timeZone}, the zone chosen for the file (this export has no UTC column).`);
    return out;
  },
};
