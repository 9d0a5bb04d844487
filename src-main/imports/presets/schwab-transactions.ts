import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { PositionEvent, PresetOutput } from '../import-types.ts';
import { instrumentKey, shareMultiplier } from '../instruments.ts';
import { parseBrokerNumber, plainDecimal } from '../money-text.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

const SPEC: HeaderSpec = {
  format: 'Schwab transactions',
  required: ['Date', 'Action', 'Symbol', 'Quantity', 'Price', 'Amount'],
  optional: ['Description', 'Fees & Comm', 'Fees & Commissions'],
};

/** Actions that are executions, each as the side it is. */
const TRADES: Readonly<Record<string, string>> = {
  buy: 'Buy',
  sell: 'Sell',
  'sell short': 'Sell Short',
  'buy to cover': 'Buy to Cover',
  'buy to open': 'Buy to Open',
  'buy to close': 'Buy to Close',
  'sell to open': 'Sell to Open',
  'sell to close': 'Sell to Close',
  'reinvest shares': 'Buy',
};
/** An option leaving the account at no price: whatever is open of it closes at 0. */
const ENDS = new Set(['expired', 'assigned', 'exchange or exercise', 'exercised']);
/** Moves of shares that are not trades and that this import doesn't apply to open positions. */
const TRANSFERS =
  /^(journaled shares|security transfer|spin-off|stock merger|name change|conversion|stock div dist|internal transfer of shares|options frwd split|stock plan activity|mandatory reorg exc)$/;

/**
 * Schwab's transaction history (brokerage account), with or without its title row
 * ("Transactions for account …") and its closing "Transactions Total" row. Dates have no time
 * ("08/25/2025 as of 08/22/2025": the trade date is the second); within a day, opens are
 * matched before closes. Options (`SPY 06/21/2024 530.00 C`) are 100 shares; an expired,
 * assigned or exercised option closes at 0 (the shares an assignment delivers are their own
 * Buy or Sell row, at the strike); a stock split scales the shares held. Dividends, interest,
 * transfers and fees are cash, not trades.
 */
export const schwabTransactions: PresetDefinition = {
  id: 'schwab_transactions',
  label: 'Schwab transactions',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [], events: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Schwab transactions export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const cell = (row: CsvRow, name: string) => columns.cell(row, name).trim();
    const fees = columns.has('Fees & Comm') ? 'Fees & Comm' : 'Fees & Commissions';
    const account = accountOf(file.head, file.name);
    const keyOf = occurrenceKeys();
    const skipped = { cash: 0, transfers: 0, reverse: 0 };

    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const dateText = cell(row, 'Date');
      if (/^transactions total/i.test(dateText)) continue;
      const action = cell(row, 'Action').toLowerCase().replace(/\s+/g, ' ');
      const symbol = cell(row, 'Symbol');
      const date = tradeDate(dateText);
      const fillKey = `schwab:${account}:${keyOf(row.cells.join('|'))}`;
      const side = TRADES[action];
      if (side !== undefined) {
        const built = buildFill(
          {
            line: row.line,
            // Newest first: within a day, the lower row came first.
            sequence: -row.line,
            account,
            symbol: instrumentKey(symbol),
            side,
            quantity: cell(row, 'Quantity'),
            price: cell(row, 'Price'),
            fees: cell(row, fees),
            time: date,
            dateFormat: 'M/D/YYYY',
            fillKey,
            currency: 'USD',
            pointValue: symbol.startsWith('/') ? 'futures' : shareMultiplier(symbol),
            dateOnly: true,
          },
          { ...context, decimalStyle: 'dot' },
        );
        if ('fill' in built) out.fills.push(built.fill);
        else out.problems.push(built.problem);
        continue;
      }
      const isEnd = ENDS.has(action);
      const isSplit = action === 'stock split' || action === 'forward split' || action === 'reverse split';
      if (!isEnd && !isSplit) {
        if (TRANSFERS.test(action)) skipped.transfers += 1;
        else skipped.cash += 1;
        continue;
      }
      const time = parseBrokerDate(date, 'M/D/YYYY', context.timeZone);
      const quantity = parseBrokerNumber(cell(row, 'Quantity'), 'dot');
      if (!time.ok || !quantity.ok || symbol === '') {
        out.problems.push({
          line: row.line,
          message: [!time.ok && time.reason, !quantity.ok && `quantity ${quantity.reason}`, symbol === '' && 'the symbol is empty'].filter(Boolean).join('; '),
        });
        continue;
      }
      const base = { line: row.line, sequence: -row.line, time: time.value, dateOnly: true, account, symbol: instrumentKey(symbol), fillKey };
      let event: PositionEvent;
      if (isEnd) event = { ...base, kind: 'expire', quantity: quantity.value.abs(), pointValue: plainDecimal(shareMultiplier(symbol)), currency: 'USD' };
      else if (action === 'reverse split') {
        // The old shares leave under their CUSIP (a negative row); the new total arrives under the ticker.
        if (!quantity.value.greaterThan(0)) {
          skipped.reverse += 1;
          continue;
        }
        event = { ...base, kind: 'split', change: { total: quantity.value } };
      } else event = { ...base, kind: 'split', change: { added: quantity.value } };
      out.events!.push(event);
    }
    if (skipped.cash > 0) out.notes.push(`${skipped.cash} rows are cash (dividends, interest, transfers, fees), not trades.`);
    if (skipped.transfers > 0)
      out.notes.push(
        `${skipped.transfers} rows move shares without a trade (transfers, mergers, spin-offs, name changes); they are not applied to open positions.`,
      );
    if (skipped.reverse > 0) out.notes.push(`${skipped.reverse} reverse-split rows remove the old shares; the new total is applied from the ticker's own row.`);
    out.notes.push('Schwab gives trade dates without times: each trade is placed at the start of its day, opens before closes.');
    return out;
  },
};

/** `08/25/2025 as of 08/22/2025`: the trade happened on the "as of" date. */
function tradeDate(text: string): string {
  const asOf = /as of\s+(\S+)/i.exec(text);
  return asOf ? asOf[1]! : text;
}

/**
 * The account the title row names, by number or by its nickname ("Transactions for account
 * XXXX-1234 as of …", "… for account General Investing ...876 as of …"), else the file name's
 * ("…_XXX178_Transactions_…").
 */
function accountOf(head: readonly CsvRow[], fileName: string): string {
  const title = head.find((row) => /transactions\s+for account/i.test(row.cells[0] ?? ''))?.cells[0];
  const fromTitle = title && (/for account\s+(.+?)\s+as of\b/i.exec(title) ?? /for account\s+(\S+)/i.exec(title))?.[1];
  if (fromTitle) return fromTitle;
  return /([A-Z]*\d{3,4})_Transactions/i.exec(fileName)?.[1] ?? 'Schwab';
}
