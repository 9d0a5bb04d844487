import { Decimal, toMoneyString } from '../../money/money.ts';
import type { CsvRow } from '../csv-text.ts';
import { looksLikeHtml } from '../html-table.ts';
import type { OpenPosition, PresetOutput } from '../import-types.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { columnKey } from './header-spec.ts';
import { buildClosedTrade } from './preset-context.ts';
import type { Detection, ImportFile, PresetDefinition } from './preset-definition.ts';
import { reportRows } from './report-rows.ts';

const HEADER = ['Ticket', 'Open Time', 'Type', 'Size', 'Item', 'Price', 'S / L', 'T / P', 'Close Time', 'Price', 'Commission', 'Taxes', 'Swap', 'Profit'];
const REQUIRED = new Set(['ticket', 'opentime', 'type', 'size', 'item', 'price', 'closetime', 'commission', 'swap', 'profit']);
const KNOWN = new Set([...HEADER.map(columnKey), '']);
const NOT_TRADES = new Set(['balance', 'credit']);

/** Column positions of the statement's header; the first Price is the open price, the second the close. */
function headerPositions(row: CsvRow): Map<string, number> | null {
  const positions = new Map<string, number>();
  row.cells.forEach((name, i) => {
    const key = columnKey(name);
    if (key === 'price' && positions.has('price')) positions.set('closeprice', i);
    else if (key !== '' && !positions.has(key)) positions.set(key, i);
  });
  return [...REQUIRED].every((k) => positions.has(k)) ? positions : null;
}

const isTitle = (row: CsvRow, title: string) => row.cells.some((c) => c === title);

/**
 * MetaTrader 4's "Detailed Statement" (Account History saved as a report): an HTML table with
 * "Closed Transactions", "Open Trades" and a summary. A closed buy or sell is a trade: its
 * Profit, its Swap added to it, its Commission and Taxes as fees. Balance and credit rows
 * (deposits) and pending orders that were cancelled are not trades; open trades are listed as
 * open. The statement's own "Closed Trade P/L" is compared with the sum. The Closed Transactions
 * table saved as a CSV (with or without its title) is read the same way.
 */
export const metaTraderStatement: PresetDefinition = {
  id: 'mt4_statement',
  label: 'MetaTrader 4 Detailed Statement',
  detect(file: ImportFile): Detection | null {
    const html = looksLikeHtml(file.headText);
    const rows = reportRows(file, false);
    const start = rows.findIndex((r) => isTitle(r, 'Closed Transactions:'));
    if (start === -1 && html) return null;
    const header = start === -1 ? rows.slice(0, 50).find((r) => headerPositions(r)) : rows[start + 1];
    if (!header && start === -1) return null;
    if (!header || !headerPositions(header))
      return { confidence: 'possible', reason: 'it has a MetaTrader “Closed Transactions” table whose columns are not the statement’s' };
    const unknown = header.cells.filter((c) => !KNOWN.has(columnKey(c)));
    if (unknown.length > 0) return { confidence: 'likely', reason: `its MetaTrader “Closed Transactions” table also has ${unknown.join(', ')}` };
    return {
      confidence: 'certain',
      reason: html
        ? 'it is a MetaTrader 4 statement with its “Closed Transactions” table'
        : 'it is a MetaTrader 4 statement’s “Closed Transactions” table saved as a CSV',
    };
  },
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [], openPositions: [] };
    const rows = reportRows(file, true);
    let account = '';
    let currency: string | null = null;
    // A table saved without its title is the closed transactions.
    let section: 'closed' | 'open' | 'other' = rows.some((r) => isTitle(r, 'Closed Transactions:')) ? 'other' : 'closed';
    let columns: Map<string, number> | null = null;
    let balance = 0;
    let cancelled = 0;
    let reported: Decimal | null = null;
    for (const row of rows) {
      const joined = row.cells.join(' ');
      account ||= /Account:\s*(\S+)/.exec(joined)?.[1] ?? '';
      currency ??= /Currency:\s*([A-Z]{3})\b/.exec(joined)?.[1] ?? null;
      if (isTitle(row, 'Closed Transactions:')) section = 'closed';
      else if (isTitle(row, 'Open Trades:')) section = 'open';
      else if (row.cells.some((c) => /^[A-Z][\w /]+:$/.test(c) && c !== 'Closed P/L:')) {
        const at = row.cells.indexOf('Closed Trade P/L:');
        if (at !== -1) {
          const value = parseBrokerNumber(row.cells.slice(at + 1).find((c) => c !== '') ?? '', 'dot');
          if (value.ok) reported = value.value;
        }
        if (row.cells.length === 1 || row.cells.filter((c) => c !== '').length === 1) section = 'other';
        continue;
      }
      if (section === 'other') continue;
      const maybeHeader = headerPositions(row);
      if (maybeHeader) {
        columns = maybeHeader;
        continue;
      }
      if (!columns) continue;
      const cell = (key: string) => row.cells[columns!.get(key) ?? -1] ?? '';
      const ticket = cell('ticket');
      if (!/^\d+$/.test(ticket)) continue;
      const type = cell('type').toLowerCase();
      if (NOT_TRADES.has(type)) {
        balance += 1;
        continue;
      }
      if (type !== 'buy' && type !== 'sell') {
        if (/cancelled|canceled|deleted|expired/i.test(joined)) cancelled += 1;
        else out.problems.push({ line: row.line, message: `ticket ${ticket} is a “${cell('type')}” order, neither a buy nor a sell` });
        continue;
      }
      if (section === 'open') {
        const size = parseBrokerNumber(cell('size'), 'dot');
        const price = parseBrokerNumber(cell('price'), 'dot');
        if (size.ok)
          out.openPositions!.push(
            openPosition(row.line, account, cell('item'), type === 'buy' ? size.value : size.value.negated(), price.ok ? price.value : null, ticket),
          );
        continue;
      }
      const built = buildClosedTrade(
        {
          line: row.line,
          account,
          symbol: cell('item'),
          side: type === 'buy' ? 'long' : 'short',
          quantity: cell('size'),
          entryPrice: cell('price'),
          exitPrice: cell('closeprice'),
          openedAt: cell('opentime'),
          closedAt: cell('closetime'),
          dateFormat: 'auto',
          grossPnl: cell('profit'),
          extras: [
            { name: 'the commission', text: cell('commission'), kind: 'fee' },
            { name: 'the taxes', text: cell('taxes'), kind: 'fee' },
            { name: 'the swap', text: cell('swap'), kind: 'pnl' },
          ],
          identity: `metatrader\u0000${account}\u0000${ticket}`,
          currency,
        },
        { ...context, decimalStyle: 'dot' },
      );
      if ('trade' in built) out.trades.push(built.trade);
      else out.problems.push(built.problem);
    }
    if (columns === null) out.problems.push({ line: 1, message: 'the statement has no Closed Transactions table' });
    if (balance > 0) out.notes.push(`${balance} balance or credit rows (deposits, withdrawals) are not trades and were left out.`);
    if (cancelled > 0) out.notes.push(`${cancelled} pending orders that were cancelled are not trades and were left out.`);
    out.notes.push(`MetaTrader writes its server’s time; times were read in ${context.timeZone}.`);
    if (reported !== null) {
      const net = out.trades.reduce((sum, t) => sum.plus(t.netPnl), new Decimal(0));
      out.notes.push(
        net.equals(reported)
          ? `The trades add up to the statement’s own Closed Trade P/L (${toMoneyString(reported)}).`
          : `The statement’s Closed Trade P/L is ${toMoneyString(reported)}, but the trades read add up to ${toMoneyString(net)}.`,
      );
      out.platformTotals = [{ label: 'Closed Trade P/L', account: null, day: null, basis: 'net', amount: reported }];
    }
    return out;
  },
};

function openPosition(line: number, account: string, symbol: string, quantity: Decimal, price: Decimal | null, id: string): OpenPosition {
  return { line, account: account || 'default', symbol: symbol.toUpperCase(), quantity, price, id };
}
