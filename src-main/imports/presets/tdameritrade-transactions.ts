import { Decimal } from '../../money/money.ts';
import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { instrumentKey, shareMultiplier } from '../instruments.ts';
import { parseBrokerNumber, plainDecimal } from '../money-text.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill, feesOf } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

/** TD Ameritrade's transactions download: the first ones end with `SALES FEE`, later ones have `NET CASH BALANCE` and the fund fees. */
const SPEC: HeaderSpec = {
  format: 'TD Ameritrade transactions',
  required: ['DATE', 'TRANSACTION ID', 'DESCRIPTION', 'QUANTITY', 'SYMBOL', 'PRICE', 'COMMISSION', 'AMOUNT'],
  optional: ['NET CASH BALANCE', 'SALES FEE', 'REG FEE', 'SHORT-TERM RDM FEE', 'FUND REDEMPTION FEE', 'DEFERRED SALES CHARGE'],
};
const FEES = ['COMMISSION', 'SALES FEE', 'REG FEE', 'SHORT-TERM RDM FEE', 'FUND REDEMPTION FEE', 'DEFERRED SALES CHARGE'];

/** `Bought 30 BP @ 27.71`, `Sold Short 100 XYZ @ 10.00`, `Bought to Cover …`, `Sold 1 SPY Jun 21 2024 530.0 Call @ 1.36`. */
const TRADE = /^(Bought|Sold)(\s+Short|\s+to\s+Cover)?\s+[\d,.]+\s+(.+?)\s+@\s*[\d,.]+/i;
const ENDS = /^REMOVAL OF OPTION DUE TO (EXPIRATION|ASSIGNMENT|EXERCISE)/i;
/** Dividends bought back as shares: a buy at the row's price. */
const REINVESTMENT = /^DIVIDEND REINVESTMENT\b/i;
/** The quantity of a split's row is the shares it added. */
const SPLIT = /^STOCK SPLIT\b/i;
/** An option as TD Ameritrade names it: `SPY Jun 21 2024 530.0 Call`. */
const OPTION = /^([A-Z][A-Z0-9./]{0,6})\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{4})\s+(\d+(?:\.\d+)?)\s+(Call|Put)\b/i;
const MONTHS: Readonly<Record<string, string>> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

/**
 * TD Ameritrade's transaction history (My Account → History & Statements → Transactions,
 * downloaded as CSV; not the thinkorswim account statement): oldest first, dates without a
 * time, the side in the description, and `***END OF FILE***` as its last line. Fees are the
 * commission and the regulatory and fund fees beside it. Options (`SPY Jun 21 2024 530.0
 * Call`, or `SPY_062124C530`) are 100 shares; the removal of an option on expiration,
 * assignment or exercise closes it at 0. A dividend reinvestment buys shares; a stock split adds the
 * shares its row lists. Dividends, interest, funding and fees are cash.
 */
export const tdAmeritradeTransactions: PresetDefinition = {
  id: 'tdameritrade_transactions',
  label: 'TD Ameritrade transactions',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [], events: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a TD Ameritrade transactions download: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const cell = (row: CsvRow, name: string) => columns.cell(row, name).trim();
    const account = /^(\d{3,})_transactions/i.exec(file.name)?.[1] ?? 'TD Ameritrade';
    const keyOf = occurrenceKeys();
    const skipped = { cash: 0, moves: 0 };

    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const date = cell(row, 'DATE');
      if (/^\*+\s*END OF FILE\s*\*+$/i.test(date)) continue;
      const description = cell(row, 'DESCRIPTION').replace(/\s+/g, ' ');
      const fillKey = `tdameritrade:${account}:${keyOf(row.cells.join('|'))}`;
      const trade = TRADE.exec(description);
      const reinvested = REINVESTMENT.test(description) && cell(row, 'PRICE') !== '';
      if (trade || reinvested) {
        const option = (trade && optionOf(trade[3]!)) ?? optionOf(cell(row, 'SYMBOL'));
        const symbol = option ?? instrumentKey(cell(row, 'SYMBOL'));
        const side = trade ? sideOf(trade) : 'Buy';
        const built = buildFill(
          {
            line: row.line,
            sequence: row.line,
            account,
            symbol,
            side,
            quantity: cell(row, 'QUANTITY'),
            price: cell(row, 'PRICE'),
            fees: feesOf(FEES.map((name) => cell(row, name))),
            time: date,
            dateFormat: 'M/D/YYYY',
            fillKey,
            currency: 'USD',
            pointValue: option ? '100' : shareMultiplier(symbol),
            dateOnly: true,
          },
          { ...context, decimalStyle: 'dot' },
        );
        if ('fill' in built) out.fills.push(built.fill);
        else out.problems.push(built.problem);
        continue;
      }
      if (SPLIT.test(description)) {
        const time = parseBrokerDate(date, 'M/D/YYYY', context.timeZone);
        const added = parseBrokerNumber(cell(row, 'QUANTITY'), 'dot');
        const symbol = instrumentKey(cell(row, 'SYMBOL'));
        if (!time.ok || !added.ok || symbol === '') {
          out.problems.push({
            line: row.line,
            message: [!time.ok && time.reason, !added.ok && `quantity ${added.reason}`, symbol === '' && 'the symbol is empty'].filter(Boolean).join('; '),
          });
          continue;
        }
        out.events!.push({
          kind: 'split',
          line: row.line,
          sequence: row.line,
          time: time.value,
          dateOnly: true,
          account,
          symbol,
          fillKey,
          change: { added: added.value },
        });
        continue;
      }
      if (!ENDS.test(description)) {
        const moved = parseBrokerNumber(cell(row, 'QUANTITY'), 'dot');
        if (moved.ok && !moved.value.isZero()) skipped.moves += 1;
        else skipped.cash += 1;
        continue;
      }
      const symbol = optionOf(cell(row, 'SYMBOL')) ?? optionOf(/\(([^)]+)\)/.exec(description)?.[1] ?? '');
      const time = parseBrokerDate(date, 'M/D/YYYY', context.timeZone);
      const quantity = parseBrokerNumber(cell(row, 'QUANTITY'), 'dot');
      if (!time.ok || !quantity.ok || symbol === null) {
        out.problems.push({
          line: row.line,
          message: [!time.ok && time.reason, !quantity.ok && `quantity ${quantity.reason}`, symbol === null && 'the option removed is not named']
            .filter(Boolean)
            .join('; '),
        });
        continue;
      }
      out.events!.push({
        kind: 'expire',
        line: row.line,
        sequence: row.line,
        time: time.value,
        dateOnly: true,
        account,
        symbol,
        fillKey,
        quantity: quantity.value.abs(),
        pointValue: plainDecimal('100'),
        currency: 'USD',
      });
    }
    if (skipped.cash > 0) out.notes.push(`${skipped.cash} rows are cash (dividends, interest, funding, fees), not trades.`);
    if (skipped.moves > 0) out.notes.push(`${skipped.moves} rows move shares without a trade (transfers, exchanges); they are not applied to open positions.`);
    out.notes.push('TD Ameritrade gives trade dates without times: each trade is placed at the start of its day, opens before closes.');
    return out;
  },
};

/** `Sold Short …` opens a short, `Bought to Cover …` closes one; plain `Bought` and `Sold` say no more. */
function sideOf(trade: RegExpExecArray): string {
  const verb = trade[1]!.toLowerCase() === 'bought' ? 'Buy' : 'Sell';
  const words = trade[2] ?? '';
  return /short/i.test(words) ? `${verb} Short` : /cover/i.test(words) ? `${verb} to Cover` : verb;
}

/** An option's OCC symbol from TD Ameritrade's `SPY Jun 21 2024 530.0 Call`, or its own `SPY_062124C530`; null for anything else. */
function optionOf(text: string): string | null {
  const named = OPTION.exec(text.trim());
  if (named) {
    const [, root, month, day, year, strike, kind] = named;
    const mm = MONTHS[month!.toUpperCase()];
    if (mm === undefined) return null;
    return occ(root!, `${year!.slice(2)}${mm}${day!.padStart(2, '0')}`, kind!, strike!);
  }
  const underscored = /^([A-Z][A-Z0-9.]{0,5})_(\d{2})(\d{2})(\d{2})([CP])(\d+(?:\.\d+)?)$/.exec(text.trim().toUpperCase());
  if (underscored) {
    const [, root, mm, dd, yy, kind, strike] = underscored;
    return occ(root!, `${yy}${mm}${dd}`, kind!, strike!);
  }
  return null;
}

function occ(root: string, yymmdd: string, kind: string, strike: string): string {
  const strikeMillis = new Decimal(strike).times(1000).toFixed(0).padStart(8, '0');
  return `${root.toUpperCase()}${yymmdd}${kind.toUpperCase().startsWith('C') ? 'C' : 'P'}${strikeMillis}`;
}
