import { Decimal } from '../../money/money.ts';
import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { parseBrokerNumber, plainDecimal } from '../money-text.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

/**
 * Later reports add the account's type (`Individual`, `Margin`) after the settle date, and a
 * `Suppressed` flag after the amount; a report is of one account, so it names no other.
 */
const SPEC: HeaderSpec = {
  format: 'Robinhood account activity',
  required: ['Activity Date', 'Process Date', 'Settle Date', 'Instrument', 'Description', 'Trans Code', 'Quantity', 'Price', 'Amount'],
  optional: ['Account Type', 'Suppressed'],
};
/** A `Suppressed` cell that marks its row (Robinhood writes `false` on the others). */
const SUPPRESSED = /^(?:true|yes|y|1)$/i;

/** Trans Codes that are executions, each as the side it is. */
const TRADES: Readonly<Record<string, string>> = { BUY: 'Buy', SELL: 'Sell', BTO: 'BTO', STC: 'STC', STO: 'STO', BTC: 'BTC' };
/** An option leaving the account at no price (expired, assigned, exercised): whatever is open of it closes at 0. */
const ENDS = new Set(['OEXP', 'OASGN', 'OEXCS']);
/** Robinhood took back a trade it booked; the trade itself is still a row of the file. */
const CANCELS = new Set(['BCXL', 'SCXL']);
/** Moves of shares that are not trades and that this import doesn't apply to open positions. */
const MOVES = new Set(['REC', 'ACATI', 'ACATO', 'SXCH', 'MRGS', 'MRGC', 'SOFF', 'JNLS', 'CONV', 'SPR']);
/** `TSLA 1/16/2026 Put $440.00`, after `Option Expiration for ` on an expiry. */
const OPTION = /^(?:Option Expiration for\s+)?([A-Z][A-Z0-9.]{0,5})\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(Call|Put)\s+\$([\d,]+(?:\.\d+)?)\s*$/i;

/**
 * Robinhood's account activity report (Account → Reports and statements → Reports): every
 * cell quoted, newest first, dates without a time, money as `$12.34` and `($1,234.56)`,
 * descriptions over several lines (`Tesla` / `CUSIP: 88160R101`), and a closing disclaimer
 * row. Trades are the Buy / Sell / BTO / STC / STO / BTC rows; an option is named by its
 * description (`SPY 3/20/2026 Call $580.00`) and is 100 shares; an expiry, assignment or
 * exercise closes it at 0 (`1S` contracts), the shares an assignment delivers being their own
 * row at the strike; a split adds the shares it lists. The fees are what the amount says
 * beyond the price. Dividends, deposits, interest, Gold fees and the like are cash.
 */
export const robinhoodActivity: PresetDefinition = {
  id: 'robinhood_activity',
  label: 'Robinhood account activity',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [], events: [], warnings: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Robinhood account activity report: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const cell = (row: CsvRow, name: string) => columns.cell(row, name).trim();
    const keyOf = occurrenceKeys();
    const skipped = { cash: 0, moves: 0 };
    const suppressed: number[] = [];
    const account = 'Robinhood';

    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const code = cell(row, 'Trans Code').toUpperCase();
      const date = cell(row, 'Activity Date');
      // The disclaimer row at the end ("The data provided is for informational purposes only…").
      if (code === '' && date === '') continue;
      const description = cell(row, 'Description');
      const option = optionOf(description);
      const symbol = option?.symbol ?? cell(row, 'Instrument').toUpperCase();
      const fillKey = `robinhood:${keyOf(row.cells.join('|'))}`;
      const quantityText = cell(row, 'Quantity').replace(/S$/i, '');
      const side = TRADES[code];
      if (side !== undefined) {
        const multiplier = option ? '100' : '1';
        const { price, fees } = priceAndFees(cell(row, 'Price'), cell(row, 'Amount'), quantityText, multiplier, side);
        const built = buildFill(
          {
            line: row.line,
            // Newest first: within a day, the lower row came first.
            sequence: -row.line,
            account,
            symbol,
            side,
            quantity: quantityText,
            price,
            fees,
            time: date,
            dateFormat: 'M/D/YYYY',
            fillKey,
            currency: 'USD',
            pointValue: multiplier,
            dateOnly: true,
          },
          { ...context, decimalStyle: 'dot' },
        );
        if ('fill' in built) out.fills.push(built.fill);
        else out.problems.push(built.problem);
        if (SUPPRESSED.test(cell(row, 'Suppressed'))) suppressed.push(row.line);
        continue;
      }
      if (CANCELS.has(code)) {
        out.warnings!.push(
          `Line ${row.line}: Robinhood cancelled a ${symbol} trade (${code}); the trade it cancels is still a row of this file: check it before importing.`,
        );
        continue;
      }
      if (!ENDS.has(code) && code !== 'SPL') {
        if (MOVES.has(code)) skipped.moves += 1;
        else skipped.cash += 1;
        continue;
      }
      const time = parseBrokerDate(date, 'M/D/YYYY', context.timeZone);
      const quantity = parseBrokerNumber(quantityText, 'dot');
      const optionMissing = ENDS.has(code) && !option;
      if (!time.ok || !quantity.ok || symbol === '' || optionMissing) {
        out.problems.push({
          line: row.line,
          message: [
            !time.ok && time.reason,
            !quantity.ok && `quantity ${quantity.reason}`,
            optionMissing && `the description “${description.split('\n')[0]}” names no option`,
          ]
            .filter(Boolean)
            .join('; '),
        });
        continue;
      }
      const base = { line: row.line, sequence: -row.line, time: time.value, dateOnly: true, account, symbol, fillKey };
      if (ENDS.has(code)) out.events!.push({ ...base, kind: 'expire', quantity: quantity.value.abs(), pointValue: plainDecimal('100'), currency: 'USD' });
      else out.events!.push({ ...base, kind: 'split', change: { added: quantity.value } });
    }
    if (suppressed.length > 0)
      out.warnings!.push(
        `Robinhood marks ${suppressed.length === 1 ? 'the trade on line' : 'the trades on lines'} ${suppressed.join(', ')} as suppressed; ${suppressed.length === 1 ? 'it is' : 'they are'} imported like the others: check ${suppressed.length === 1 ? 'it' : 'them'} against your statement.`,
      );
    if (skipped.cash > 0) out.notes.push(`${skipped.cash} rows are cash (dividends, deposits, interest, fees), not trades.`);
    if (skipped.moves > 0)
      out.notes.push(`${skipped.moves} rows move shares without a trade (transfers, mergers, rewards); they are not applied to open positions.`);
    out.notes.push('Robinhood gives trade dates without times: each trade is placed at the start of its day, opens before closes.');
    return out;
  },
};

/** An option row's contract as one OCC symbol (`TSLA260116P00440000`), so its open, close and expiry meet. */
function optionOf(description: string): { symbol: string } | null {
  const found = OPTION.exec(description.split('\n')[0]!.trim());
  if (!found) return null;
  const [, root, month, day, year, kind, strike] = found;
  const strikeMillis = new Decimal(strike!.replace(/,/g, '')).times(1000).toFixed(0).padStart(8, '0');
  const yymmdd = `${year!.slice(2)}${month!.padStart(2, '0')}${day!.padStart(2, '0')}`;
  return { symbol: `${root!.toUpperCase()}${yymmdd}${kind!.toUpperCase().startsWith('C') ? 'C' : 'P'}${strikeMillis}` };
}

/**
 * The amount is the cash the trade moved, fees included: what it says beyond the price is the
 * fees. Where the price is rounded finer than the amount shows it (fractional shares), the
 * price is the cash per share and there is no fee to tell apart.
 */
function priceAndFees(priceText: string, amountText: string, quantityText: string, multiplier: string, side: string): { price: string; fees: string } {
  const price = parseBrokerNumber(priceText, 'dot');
  const amount = parseBrokerNumber(amountText, 'dot');
  const quantity = parseBrokerNumber(quantityText, 'dot');
  if (!price.ok || !amount.ok || !quantity.ok || quantity.value.isZero() || price.value.isNegative()) return { price: priceText, fees: '' };
  const gross = price.value.times(quantity.value.abs()).times(multiplier);
  const cash = amount.value.abs();
  const buys = /^b/i.test(side);
  const fees = buys ? cash.minus(gross) : gross.minus(cash);
  if (!fees.isNegative()) return { price: price.value.toString(), fees: fees.toString() };
  return { price: cash.dividedBy(quantity.value.abs().times(multiplier)).toString(), fees: '' };
}
