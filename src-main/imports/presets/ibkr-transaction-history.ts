import { occurrenceKeys, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { instrumentKey, isOptionSymbol, shareMultiplier } from '../instruments.ts';
import { Columns, compareHeader, quoteList, type HeaderSpec } from './header-spec.ts';
import { buildExpiry, buildFill } from './preset-context.ts';
import type { Detection, PresetDefinition } from './preset-definition.ts';

const SECTION = 'Transaction History';
const SPEC: HeaderSpec = {
  format: 'Interactive Brokers Transaction History',
  required: ['Date', 'Transaction Type', 'Symbol', 'Quantity', 'Price', 'Net Amount'],
  optional: ['Account', 'Description', 'Price Currency', 'Gross Amount', 'Commission', 'Currency'],
};
const TRADES = new Set(['buy', 'sell']);
/** An option leaving the account at no price: whatever is open of it closes at 0 (the shares an assignment moves are their own Buy or Sell row). */
const ENDS = new Set(['expired', 'assigned', 'exercise', 'exercised']);

/** The section's header row: its cells after the section name and `Header`. */
function sectionHeader(rows: Iterable<CsvRow>): CsvRow | null {
  for (const row of rows) if (row.cells[0] === SECTION && row.cells[1] === 'Header') return { ...row, cells: row.cells.slice(2) };
  return null;
}

/** IBKR writes `-` in a cell that has no value. */
const cellValue = (text: string) => (text.trim() === '-' ? '' : text.trim());

/**
 * Interactive Brokers' Transaction History report: Statement and Summary sections, then one
 * `Transaction History` row per transaction, newest first, dates without a time, quantities
 * signed, commissions negative. Buys and sells are fills; an expired, assigned or exercised
 * option closes at 0; dividends, deposits, interest, taxes, fees and currency conversions are
 * cash, not trades. The report says nothing of whether a sale opens a short: a sale with nothing
 * open is listed as no known opening position.
 */
export const ibkrTransactionHistory: PresetDefinition = {
  id: 'ibkr_transaction_history',
  label: 'Interactive Brokers Transaction History',
  detect(file): Detection | null {
    const header = sectionHeader(file.head);
    if (!header) return null;
    const match = compareHeader(header, SPEC);
    if (match.missing.length > 0) return { confidence: 'possible', reason: `its “${SECTION}” section has no ${quoteList(match.missing)} column` };
    if (match.unknown.length > 0)
      return { confidence: 'likely', reason: `its “${SECTION}” section also has ${quoteList(match.unknown)}, which Interactive Brokers doesn’t write` };
    return { confidence: 'certain', reason: `it has the “${SECTION}” section of an Interactive Brokers Transaction History, with its columns` };
  },
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [], events: [] };
    const header = sectionHeader(file.head);
    if (!header) return { ...out, problems: [{ line: 1, message: `this report has no “${SECTION}” section` }] };
    const columns = new Columns(header.cells);
    const baseCurrency = file.head.find((r) => r.cells[0] === 'Summary' && r.cells[1] === 'Data' && r.cells[2] === 'Base Currency')?.cells[3] || null;
    const currencyColumn = columns.first('Price Currency', 'Currency');
    const keyOf = occurrenceKeys();
    let cash = 0;
    for (const row of file.rows()) {
      if (row.cells[0] !== SECTION || row.cells[1] !== 'Data') continue;
      const data: CsvRow = { ...row, cells: row.cells.slice(2) };
      const cell = (name: string) => cellValue(columns.cell(data, name));
      const type = cell('Transaction Type').toLowerCase();
      const symbol = cell('Symbol');
      const account = cell('Account') || 'Interactive Brokers';
      const currency = cell(currencyColumn) || baseCurrency;
      const fillKey = `ibkr-history:${account}:${keyOf(row.cells.join('|'))}`;
      if (TRADES.has(type)) {
        const built = buildFill(
          {
            line: row.line,
            // Newest first: within a day, the lower row came first.
            sequence: -row.line,
            account,
            symbol: instrumentKey(symbol),
            side: type,
            quantity: cell('Quantity'),
            price: cell('Price'),
            fees: cell('Commission'),
            time: cell('Date'),
            dateFormat: 'YYYY-MM-DD',
            fillKey,
            currency,
            pointValue: shareMultiplier(symbol),
            dateOnly: true,
          },
          { ...context, decimalStyle: 'dot' },
        );
        if ('fill' in built) out.fills.push(built.fill);
        else out.problems.push(built.problem);
        continue;
      }
      if (!ENDS.has(type) || !isOptionSymbol(symbol)) {
        cash += 1;
        continue;
      }
      const built = buildExpiry(
        { line: row.line, account, symbol, date: cell('Date'), dateFormat: 'YYYY-MM-DD', quantity: cell('Quantity'), fillKey, currency },
        context.timeZone,
      );
      if ('event' in built) out.events!.push(built.event);
      else out.problems.push(built.problem);
    }
    if (cash > 0) out.notes.push(`${cash} rows are cash (dividends, deposits, interest, taxes, fees, currency conversions), not trades.`);
    out.notes.push('The Transaction History gives dates without times: each trade is placed at the start of its day, opens before closes.');
    return out;
  },
};
