import { isBlank } from '../csv-text.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildClosedTrade } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'Tradovate Performance',
  required: ['symbol', 'buyFillId', 'sellFillId', 'qty', 'buyPrice', 'sellPrice', 'pnl', 'boughtTimestamp', 'soldTimestamp'],
  optional: ['_priceFormat', '_priceFormatType', '_tickSize', 'priceFormat', 'priceFormatType', 'tickSize', 'duration'],
};

/** The id Tradovate's reports share for one matched buy and sell, so the Performance and Position History of the same trades are one trade. */
export const tradovatePairIdentity = (buyFillId: string, sellFillId: string) => `tradovate-pair\u0000${buyFillId}\u0000${sellFillId}`;

/**
 * Tradovate's Performance report: one row per buy and sell Tradovate already matched, with
 * their P&L (`$(12.50)` for a loss) before commissions, which the report leaves out. Whichever
 * of the two came first opened the trade: sold first is a short.
 */
export const tradovatePerformance: PresetDefinition = {
  id: 'tradovate_performance',
  label: 'Tradovate Performance',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = {
      fills: [],
      trades: [],
      problems: [],
      notes: ['Tradovate’s Performance report has no commissions; trades are imported without fees.'],
    };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Tradovate Performance report: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const cell = (name: string) => columns.cell(row, name);
      const bought = parseBrokerDate(cell('boughtTimestamp'), 'MM/DD/YYYY HH:mm:ss', context.timeZone);
      const sold = parseBrokerDate(cell('soldTimestamp'), 'MM/DD/YYYY HH:mm:ss', context.timeZone);
      const short = bought.ok && sold.ok && sold.value < bought.value;
      const built = buildClosedTrade(
        {
          line: row.line,
          account: '',
          symbol: cell('symbol'),
          side: bought.ok && sold.ok ? (short ? 'short' : 'long') : null,
          quantity: cell('qty'),
          entryPrice: short ? cell('sellPrice') : cell('buyPrice'),
          exitPrice: short ? cell('buyPrice') : cell('sellPrice'),
          openedAt: short ? cell('soldTimestamp') : cell('boughtTimestamp'),
          closedAt: short ? cell('boughtTimestamp') : cell('soldTimestamp'),
          dateFormat: 'MM/DD/YYYY HH:mm:ss',
          grossPnl: cell('pnl'),
          extras: [],
          identity: tradovatePairIdentity(cell('buyFillId'), cell('sellFillId')),
          currency: null,
        },
        context,
      );
      if ('trade' in built) out.trades.push(built.trade);
      else out.problems.push(built.problem);
    }
    return out;
  },
};
