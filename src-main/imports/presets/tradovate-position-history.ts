import { isBlank } from '../csv-text.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildClosedTrade } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';
import { tradovatePairIdentity } from './tradovate-performance.ts';

const SPEC: HeaderSpec = {
  format: 'Tradovate Position History',
  required: [
    'Position ID',
    'Contract',
    'Pair ID',
    'Buy Fill ID',
    'Sell Fill ID',
    'Paired Qty',
    'Buy Price',
    'Sell Price',
    'P/L',
    'Bought Timestamp',
    'Sold Timestamp',
  ],
  optional: [
    'Timestamp',
    'Trade Date',
    'Net Pos',
    'Net Price',
    'Bought',
    'Avg. Buy',
    'Sold',
    'Avg. Sell',
    'Account',
    'Product',
    'Product Description',
    '_priceFormat',
    '_priceFormatType',
    '_tickSize',
    'Currency',
  ],
};

/**
 * Tradovate's Position History: one row per matched pair, with the position's own columns
 * repeated on each; a pair listed twice is one trade. A row without a pair is a position still
 * open at the time of the export: it is shown as open, never imported as a trade.
 */
export const tradovatePositionHistory: PresetDefinition = {
  id: 'tradovate_position_history',
  label: 'Tradovate Position History',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = {
      fills: [],
      trades: [],
      problems: [],
      notes: ['Tradovate’s Position History has no commissions; trades are imported without fees.'],
      openPositions: [],
    };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Tradovate Position History report: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const pairs = new Set<string>();
    let repeated = 0;
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const cell = (name: string) => columns.cell(row, name);
      const pair = cell('Pair ID');
      if (pair === '') {
        const net = parseBrokerNumber(cell('Net Pos'), 'dot');
        if (net.ok && !net.value.isZero()) {
          const price = parseBrokerNumber(cell('Net Price'), context.decimalStyle);
          out.openPositions!.push({
            line: row.line,
            account: cell('Account') || 'default',
            symbol: cell('Contract').toUpperCase(),
            quantity: net.value,
            price: price.ok ? price.value : null,
            id: cell('Position ID') || null,
          });
        } else out.problems.push({ line: row.line, message: 'the row has no Pair ID and no open position' });
        continue;
      }
      if (pairs.has(pair)) {
        repeated += 1;
        continue;
      }
      pairs.add(pair);
      const bought = parseBrokerDate(cell('Bought Timestamp'), 'MM/DD/YYYY HH:mm:ss', context.timeZone);
      const sold = parseBrokerDate(cell('Sold Timestamp'), 'MM/DD/YYYY HH:mm:ss', context.timeZone);
      const short = bought.ok && sold.ok && sold.value < bought.value;
      const built = buildClosedTrade(
        {
          line: row.line,
          account: cell('Account'),
          symbol: cell('Contract'),
          side: bought.ok && sold.ok ? (short ? 'short' : 'long') : null,
          quantity: cell('Paired Qty'),
          entryPrice: short ? cell('Sell Price') : cell('Buy Price'),
          exitPrice: short ? cell('Buy Price') : cell('Sell Price'),
          openedAt: short ? cell('Sold Timestamp') : cell('Bought Timestamp'),
          closedAt: short ? cell('Bought Timestamp') : cell('Sold Timestamp'),
          dateFormat: 'MM/DD/YYYY HH:mm:ss',
          grossPnl: cell('P/L'),
          extras: [],
          identity: tradovatePairIdentity(cell('Buy Fill ID'), cell('Sell Fill ID')),
          currency: cell('Currency') || null,
        },
        context,
      );
      if ('trade' in built) out.trades.push(built.trade);
      else out.problems.push(built.problem);
    }
    if (repeated > 0) out.notes.push(`${repeated} rows repeated a pair already read and were counted once.`);
    return out;
  },
};
