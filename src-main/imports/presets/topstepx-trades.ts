import { isBlank } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildClosedTrade } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'TopstepX Trades',
  required: ['Id', 'ContractName', 'EnteredAt', 'ExitedAt', 'EntryPrice', 'ExitPrice', 'PnL', 'Size', 'Type'],
  optional: ['Fees', 'Commissions', 'TradeDay', 'TradeDuration'],
};

/**
 * The TopstepX (ProjectX) Trades export: one row per round trip, in no particular order, times
 * with their UTC offset, `PnL` before costs, and the costs in `Fees` (and `Commissions` where the
 * export has it). One account per export.
 */
export const topstepxTrades: PresetDefinition = {
  id: 'topstepx_trades',
  label: 'TopstepX Trades',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a TopstepX Trades export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const cell = (name: string) => columns.cell(row, name);
      const type = cell('Type').toLowerCase();
      const built = buildClosedTrade(
        {
          line: row.line,
          account: '',
          symbol: cell('ContractName'),
          side: type === 'long' || type === 'buy' ? 'long' : type === 'short' || type === 'sell' ? 'short' : null,
          quantity: cell('Size'),
          entryPrice: cell('EntryPrice'),
          exitPrice: cell('ExitPrice'),
          openedAt: cell('EnteredAt'),
          closedAt: cell('ExitedAt'),
          dateFormat: 'auto',
          grossPnl: cell('PnL'),
          extras: [
            { name: 'Fees', text: cell('Fees'), kind: 'fee' },
            { name: 'Commissions', text: cell('Commissions'), kind: 'fee' },
          ],
          identity: `topstepx\u0000${cell('Id')}`,
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
