import { Decimal } from '../../money/money.ts';
import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { PositionEvent, PresetOutput } from '../import-types.ts';
import { instrumentKey, shareMultiplier } from '../instruments.ts';
import { parseBrokerNumber, plainDecimal } from '../money-text.ts';
import { Columns, detectByHeaders, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

/** tastytrade's (and tastyworks') transaction history, 2019 to today: later exports add Sub Type, Root Symbol, Order #, Total, Currency. */
const SPEC: HeaderSpec = {
  format: 'tastytrade transactions',
  required: ['Date', 'Type', 'Action', 'Symbol', 'Instrument Type', 'Value', 'Quantity'],
  optional: [
    'Sub Type',
    'Description',
    'Average Price',
    'Commissions',
    'Fees',
    'Multiplier',
    'Root Symbol',
    'Underlying Symbol',
    'Expiration Date',
    'Strike Price',
    'Call or Put',
    'Order #',
    'Total',
    'Currency',
  ],
};
/** The first tastyworks export, with the side and the open/close effect in columns of their own. */
const LEGACY: HeaderSpec = {
  format: 'tastyworks transactions (2018)',
  required: ['Date/Time', 'Transaction Code', 'Transaction Subcode', 'Symbol', 'Buy/Sell', 'Open/Close', 'Quantity', 'Price', 'Amount'],
  optional: ['Expiration Date', 'Strike', 'Call/Put', 'Fees', 'Description', 'Account Reference'],
};

const SPLIT = /^(forward split|reverse split|symbol change|stock merger)/i;
const ENDS = /expiration|assignment|exercise/i;

/**
 * tastytrade's transaction history: newest first, times with their offset. Cash amounts are
 * signed (`Value`, and `Average Price` in most exports, negative for a purchase), so the price
 * is the one the description states (`Bought 1 SPY 06/11/24 Call 537.00 @ 1.36`), else the
 * value per share: never a signed amount. Expirations, assignments and exercises
 * (`Receive Deliver`) close the option at 0; the shares an assignment delivers come as their
 * own row at the strike. Splits and symbol changes come as a close and an open of the same
 * instant: the open lots are scaled and renamed, with no trade. Money movements (deposits,
 * fees, interest, dividends, futures marks) are cash, not trades.
 */
export const tastytradeTransactions: PresetDefinition = {
  id: 'tastytrade_transactions',
  label: 'tastytrade transactions',
  detect: (file) => detectByHeaders(file.head, [SPEC, LEGACY]),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [], events: [] };
    const legacy = findHeader(file.head, SPEC) === null;
    const header = findHeader(file.head, legacy ? LEGACY : SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a tastytrade transactions export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const cell = (row: CsvRow, name: string) => {
      const value = columns.cell(row, name).trim();
      return value === '--' ? '' : value;
    };
    const keyOf = occurrenceKeys();
    const splits = new Map<string, { line: number; time: number; account: string; from?: { symbol: string }; to?: { symbol: string; quantity: Decimal } }>();
    const skipped = { cash: 0, transfers: 0 };

    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const kind = legacy ? cell(row, 'Transaction Code') : cell(row, 'Type');
      const sub = legacy ? cell(row, 'Transaction Subcode') : cell(row, 'Sub Type');
      const description = cell(row, 'Description');
      const account = cell(row, 'Account Reference') || 'tastytrade';
      const raw = legacy ? legacySymbol(row, cell) : cell(row, 'Symbol');
      if (/money movement/i.test(kind) || raw === '') {
        skipped.cash += 1;
        continue;
      }
      const symbol = instrumentKey(raw);
      const instrument = cell(row, 'Instrument Type');
      const quantity = cell(row, 'Quantity');
      const listed = multiplierOf(cell(row, 'Multiplier'), instrument, raw, legacy && cell(row, 'Expiration Date') !== '');
      // A future's value is its day's mark to market, not what it cost: only other values imply a size.
      const value = /^future$/i.test(instrument) ? '' : cell(row, legacy ? 'Amount' : 'Value');
      const { price, multiplier } = priceOf(
        description,
        legacy ? cell(row, 'Price') : '',
        value,
        quantity,
        listed,
        instrument !== '' && !/option|future/i.test(instrument),
      );
      const side = legacy ? [cell(row, 'Buy/Sell'), cell(row, 'Open/Close')].filter(Boolean).join(' to ') : cell(row, 'Action') || actionOf(sub);
      const dateText = legacy ? cell(row, 'Date/Time') : cell(row, 'Date');
      const fillKey = `tastytrade:${account}:${keyOf(row.cells.join('|'))}`;
      const receive = /receive deliver/i.test(kind);

      if (receive && (SPLIT.test(sub) || SPLIT.test(description))) {
        const time = parseBrokerDate(dateText, 'auto', context.timeZone);
        const qty = parseBrokerNumber(quantity, 'dot');
        if (!time.ok || !qty.ok) {
          out.problems.push({ line: row.line, message: [!time.ok && time.reason, !qty.ok && `quantity ${qty.reason}`].filter(Boolean).join('; ') });
          continue;
        }
        const key = `${account}\u0000${time.value}\u0000${(sub || description).split(':')[0]!.toLowerCase()}`;
        const pair = splits.get(key) ?? { line: row.line, time: time.value, account };
        if (/close/i.test(side) || /: close/i.test(description)) pair.from = { symbol };
        else pair.to = { symbol, quantity: qty.value.abs() };
        pair.line = Math.max(pair.line, row.line);
        splits.set(key, pair);
        continue;
      }
      if (receive && (ENDS.test(sub) || ENDS.test(description)) && side === '') {
        const time = parseBrokerDate(dateText, 'auto', context.timeZone);
        const qty = parseBrokerNumber(quantity, 'dot');
        if (!time.ok || !qty.ok) {
          out.problems.push({ line: row.line, message: [!time.ok && time.reason, !qty.ok && `quantity ${qty.reason}`].filter(Boolean).join('; ') });
          continue;
        }
        out.events!.push({
          kind: 'expire',
          line: row.line,
          sequence: -row.line,
          time: time.value,
          dateOnly: false,
          account,
          symbol,
          fillKey,
          quantity: qty.value.abs(),
          pointValue: plainDecimal(multiplier === 'futures' ? '1' : multiplier),
          currency: cell(row, 'Currency') || null,
        });
        continue;
      }
      if (receive && price?.isZero() && !ENDS.test(sub) && !ENDS.test(description) && /open/i.test(side)) {
        // A position transferred in carries no price here; its later sale asks for the opening price.
        skipped.transfers += 1;
        continue;
      }
      const built = buildFill(
        {
          line: row.line,
          // Newest first: among rows of the same second, the lower one came first.
          sequence: -row.line,
          account,
          symbol,
          side,
          quantity,
          price: price === null ? '' : price.toString(),
          fees: feesOf(cell(row, 'Commissions'), cell(row, 'Fees')),
          time: dateText,
          dateFormat: 'auto',
          fillKey,
          currency: cell(row, 'Currency') || null,
          pointValue: multiplier,
          shortable: /future/i.test(instrument),
        },
        { ...context, decimalStyle: 'dot' },
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }

    for (const pair of splits.values()) {
      if (!pair.from || !pair.to) {
        out.notes.push(`Line ${pair.line}: half of a split or symbol change (its other row is not in the file); open positions were not adjusted.`);
        continue;
      }
      const event: PositionEvent = {
        kind: 'split',
        line: pair.line,
        sequence: -pair.line,
        time: pair.time,
        dateOnly: false,
        account: pair.account,
        symbol: pair.from.symbol,
        fillKey: `tastytrade-split:${pair.account}:${pair.time}:${pair.from.symbol}`,
        change: { total: pair.to.quantity },
        toSymbol: pair.to.symbol,
      };
      out.events!.push(event);
    }
    if (skipped.cash > 0) out.notes.push(`${skipped.cash} money movements (deposits, fees, interest, dividends, futures marks) are cash, not trades.`);
    if (skipped.transfers > 0)
      out.notes.push(`${skipped.transfers} positions were transferred in without a price; a later sale of them asks for the opening price.`);
    return out;
  },
};

/** `Expiration`, `Assignment`: a removal with no side, closing whatever is open. */
function actionOf(sub: string): string {
  return /^(buy|sell)/i.test(sub) ? sub : '';
}

/** The 2018 export names the underlying and gives the option's parts in columns. */
function legacySymbol(row: CsvRow, cell: (row: CsvRow, name: string) => string): string {
  const expiry = cell(row, 'Expiration Date');
  if (expiry === '') return cell(row, 'Symbol');
  return [cell(row, 'Symbol'), expiry, cell(row, 'Strike'), cell(row, 'Call/Put')].join(' ');
}

function multiplierOf(column: string, instrument: string, symbol: string, legacyOption: boolean): string {
  const given = parseBrokerNumber(column, 'dot');
  if (given.ok && given.value.greaterThan(0)) return given.value.toString();
  if (/^future$/i.test(instrument)) return 'futures';
  if (legacyOption || /option/i.test(instrument)) return '100';
  return shareMultiplier(symbol);
}

/**
 * The price, and the contract size the cash value implies. The price is the one the row states
 * (the description's `@ 2.05`, or the 2018 layout's Price column), else the value per share:
 * never a signed amount. The size comes from the value itself (value = quantity x price x
 * size), since the Multiplier column says 1 for futures options whose value is 5 per point;
 * where the value can't tell (an expiry at 0, a future), the listed multiplier stands. Shares
 * have no size to infer, and their description rounds the price to the cent (`@ 2.96` for
 * 2.9559 a share): their price is the value per share, what was paid.
 */
function priceOf(
  description: string,
  priceColumn: string,
  value: string,
  quantity: string,
  listed: string,
  shares: boolean,
): { price: Decimal | null; multiplier: string } {
  const statedText = /@\s*([\d,]+(?:\.\d+)?)\s*$/.exec(description)?.[1] ?? priceColumn;
  const stated = statedText === '' ? null : parseBrokerNumber(statedText, 'dot');
  const amount = parseBrokerNumber(value, 'dot');
  const qty = parseBrokerNumber(quantity, 'dot');
  const known = amount.ok && qty.ok && !qty.value.isZero();
  if (shares && known && !amount.value.isZero()) return { price: amount.value.abs().dividedBy(qty.value.abs().times(listed)), multiplier: listed };
  if (stated?.ok) {
    const price = stated.value.abs();
    if (!known || price.isZero() || amount.value.isZero()) return { price, multiplier: listed };
    return { price, multiplier: amount.value.abs().dividedBy(qty.value.abs().times(price)).toSignificantDigits(3).toString() };
  }
  if (!known || listed === 'futures') return { price: null, multiplier: listed };
  return { price: amount.value.abs().dividedBy(qty.value.abs().times(listed)), multiplier: listed };
}

function feesOf(commissions: string, fees: string): string {
  const total = [commissions, fees]
    .map((text) => parseBrokerNumber(text || '0', 'dot'))
    .reduce((sum, r) => (r.ok ? sum.plus(r.value.abs()) : sum), new Decimal(0));
  return total.toString();
}
