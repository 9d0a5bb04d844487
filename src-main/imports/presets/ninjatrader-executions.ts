import { isBlank, occurrenceKeys } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'NinjaTrader Executions',
  // The grid's columns can be hidden: the ID or the E/X column, NinjaTrader's own, tells its file from another platform's.
  required: ['Instrument', 'Action', 'Quantity', 'Price', 'Time', ['ID', 'E/X'], ['Account', 'Account display name']],
  optional: ['Commission', 'E/X', 'Position', 'Order ID', 'Name', 'Rate', 'Connection', 'Exchange', 'TradeValidation'],
};

/**
 * NinjaTrader 8's Executions grid: one row per fill, several accounts in one file, the columns
 * those the trader shows, in the trader's order. A fill is known by its ID; where the ID column
 * is hidden, by its row, identical rows being separate fills (a copied trade on two accounts,
 * or twice on one).
 */
export const ninjaTraderExecutions: PresetDefinition = {
  id: 'ninjatrader_executions',
  label: 'NinjaTrader Executions',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a NinjaTrader Executions export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const account = columns.first('Account', 'Account display name');
    const hasId = columns.has('ID');
    const keyOf = occurrenceKeys();
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: columns.cell(row, account),
          symbol: columns.cell(row, 'Instrument'),
          side: columns.cell(row, 'Action'),
          quantity: columns.cell(row, 'Quantity'),
          price: columns.cell(row, 'Price'),
          fees: columns.cell(row, 'Commission'),
          time: columns.cell(row, 'Time'),
          dateFormat: 'auto',
          fillKey: hasId ? `ninjatrader:${columns.cell(row, 'ID')}` : `ninjatrader-row:${keyOf(row.cells.join('|'))}`,
          currency: null,
          pointValue: 'futures',
        },
        context,
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    if (!hasId)
      out.notes.push(
        'This export has no ID column: each fill is known by its row, so a later export that repeats a fill is recognised only if its row reads the same.',
      );
    return out;
  },
};
