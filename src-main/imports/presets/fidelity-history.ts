import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { instrumentKey, shareMultiplier } from '../instruments.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildExpiry, buildFill, feesOf } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

/**
 * Fidelity's account history, as its versions name the columns: `Security Description` /
 * `Security Type` (to 2023), `Description` / `Type` with `($)` units and sometimes `Cash
 * Balance ($)`, and the every-account download with `Account`, `Account Number`, `Exchange
 * Quantity`, `Exchange Currency`, `Currency` and `Exchange Rate`.
 */
const SPEC: HeaderSpec = {
  format: 'Fidelity account history',
  required: ['Run Date', 'Action', 'Symbol', 'Quantity', ['Price ($)', 'Price'], ['Amount ($)', 'Amount']],
  optional: [
    'Account',
    'Account Number',
    'Description',
    'Security Description',
    'Type',
    'Security Type',
    'Commission ($)',
    'Commission',
    'Fees ($)',
    'Fees',
    'Accrued Interest ($)',
    'Accrued Interest',
    'Cash Balance ($)',
    'Cash Balance',
    'Exchange Quantity',
    'Exchange Currency',
    'Currency',
    'Exchange Rate',
    'Settlement Date',
  ],
};

/** `YOU BOUGHT …`, `YOU SOLD OPENING TRANSACTION …`, `REINVESTMENT …`: an execution, with what the words say it does. */
const TRADE = /^(?:YOU\s+)?(BOUGHT|SOLD)\b\s*(OPENING TRANSACTION|CLOSING TRANSACTION|SHORT SALE)?/i;
const REINVESTMENT = /^REINVESTMENT\b/i;
/** An option leaving the account at no price: whatever is open of it closes at 0. */
const ENDS = /^(EXPIRED|ASSIGNED|EXERCISED)\b/i;
const RUN_DATE = /^\d{1,2}\/\d{1,2}\/\d{4}$/;
/** Bonds and CDs are listed by CUSIP and priced in percent of their face value. */
const CUSIP = /^[0-9]{3}[0-9A-Z]{5}[0-9]$/;
/** Fidelity's core position (the cash sweep): its purchases and reinvestments are cash, not trades. */
const MONEY_MARKET = /^[A-Z]{3}XX\*{0,2}$|^FCASH$|^CORE\*{0,2}$/;
const MONTHS: Readonly<Record<string, number>> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

/**
 * Fidelity's account history (Accounts → Activity & Orders → Download): title rows and blank
 * lines before the header, a byte order mark, and disclaimer lines after the data; newest
 * first; dates without a time. Executions are the `YOU BOUGHT` / `YOU SOLD` rows (sales carry
 * a negative quantity), with `OPENING` / `CLOSING TRANSACTION` for options; options
 * (` -AAPL240119C150`) are 100 shares; an expired or assigned option closes at 0 (the shares an
 * assignment delivers are their own row at the strike); a bond's price is a percentage of its
 * face. Reinvested dividends buy shares. Dividends, interest, transfers, deposits and the cash
 * sweep are cash, not trades.
 */
export const fidelityHistory: PresetDefinition = {
  id: 'fidelity_history',
  label: 'Fidelity account history',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [], events: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Fidelity account history: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const cell = (row: CsvRow, name: string) => columns.cell(row, name).trim();
    const price = columns.first('Price ($)', 'Price');
    const commission = columns.first('Commission ($)', 'Commission');
    const fees = columns.first('Fees ($)', 'Fees');
    const fileAccount = /History_for_Account_([A-Z0-9]+)/i.exec(file.name)?.[1] ?? 'Fidelity';
    const keyOf = occurrenceKeys();
    const skipped = { cash: 0, moves: 0 };

    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const date = cell(row, 'Run Date');
      const action = cell(row, 'Action').replace(/\s+/g, ' ');
      const trade = TRADE.exec(action);
      const reinvested = REINVESTMENT.test(action);
      const ends = ENDS.test(action);
      // The disclaimer and "Date downloaded" lines after the data.
      if (!RUN_DATE.test(date) && !trade && !reinvested && !ends) continue;
      const symbol = symbolOf(cell(row, 'Symbol'), action);
      if ((!trade && !reinvested && !ends) || (reinvested && MONEY_MARKET.test(symbol)) || /CORE ACCOUNT/i.test(action)) {
        const moved = parseBrokerNumber(cell(row, 'Quantity'), 'dot');
        if (moved.ok && !moved.value.isZero() && !MONEY_MARKET.test(symbol) && !/CORE ACCOUNT/i.test(action)) skipped.moves += 1;
        else skipped.cash += 1;
        continue;
      }
      const account = cell(row, 'Account Number') || cell(row, 'Account') || fileAccount;
      const fillKey = `fidelity:${account}:${keyOf(row.cells.join('|'))}`;
      const currency = cell(row, 'Currency') || 'USD';
      if (ends) {
        const built = buildExpiry(
          { line: row.line, account, symbol, date: asOfDate(action) ?? date, dateFormat: 'M/D/YYYY', quantity: cell(row, 'Quantity'), fillKey, currency },
          context.timeZone,
        );
        if ('event' in built) out.events!.push(built.event);
        else out.problems.push(built.problem);
        continue;
      }
      const built = buildFill(
        {
          line: row.line,
          // Newest first: within a day, the lower row came first.
          sequence: -row.line,
          account,
          symbol: instrumentKey(symbol),
          side: sideOf(trade, cell(row, 'Type') || cell(row, 'Security Type')),
          quantity: cell(row, 'Quantity'),
          price: cell(row, price),
          fees: feesOf([cell(row, commission), cell(row, fees)]),
          time: date,
          dateFormat: 'M/D/YYYY',
          fillKey,
          currency,
          pointValue: CUSIP.test(symbol) ? '0.01' : shareMultiplier(symbol),
          dateOnly: true,
        },
        { ...context, decimalStyle: 'dot' },
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    if (skipped.cash > 0) out.notes.push(`${skipped.cash} rows are cash (dividends, interest, transfers, deposits, the core money market), not trades.`);
    if (skipped.moves > 0)
      out.notes.push(`${skipped.moves} rows move shares without a trade (mergers, transfers, conversions); they are not applied to open positions.`);
    out.notes.push('Fidelity gives trade dates without times: each trade is placed at the start of its day, opens before closes.');
    return out;
  },
};

/** The side as the other presets read it: the action's verb, its opening or closing words, and a short position's Type. */
function sideOf(trade: RegExpExecArray | null, type: string): string {
  if (trade === null) return 'Buy';
  const buy = trade[1]!.toUpperCase() === 'BOUGHT';
  const words = (trade[2] ?? '').toUpperCase();
  const short = /^short$/i.test(type);
  if (words === 'SHORT SALE' || (!buy && short)) return 'Sell Short';
  if (buy && short) return 'Buy to Cover';
  if (words === 'OPENING TRANSACTION') return buy ? 'Buy to Open' : 'Sell to Open';
  if (words === 'CLOSING TRANSACTION') return buy ? 'Buy to Close' : 'Sell to Close';
  return buy ? 'Buy' : 'Sell';
}

/** The Symbol cell, or where the every-account download leaves it blank, the ticker the action names (`… (MSFT) (Margin)`). */
function symbolOf(symbol: string, action: string): string {
  if (symbol !== '') return symbol.replace(/\*+$/, '');
  return /\(([A-Z][A-Z0-9.]{0,9})\)\s*\((?:Cash|Margin|Shares|Short)\)\s*$/i.exec(action)?.[1] ?? '';
}

/** `EXPIRED CALL (PBI) … as of Dec-17-2021 …`: the day the option expired, before the day Fidelity ran it. */
function asOfDate(action: string): string | null {
  const found = /as of ([A-Z]{3})-(\d{1,2})-(\d{4})/i.exec(action);
  const month = found && MONTHS[found[1]!.toUpperCase()];
  return found && month ? `${month}/${found[2]}/${found[3]}` : null;
}
