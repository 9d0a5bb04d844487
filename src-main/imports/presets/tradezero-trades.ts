import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { instrumentKey, shareMultiplier } from '../instruments.ts';
import { Decimal } from '../../money/money.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill, storableAmount, sumOfCells } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

/** Every cost TradeZero itemises on a fill: its commission, the regulatory fees and the venue's. */
const FEE_COLUMNS = ['Comm', 'SEC', 'TAF', 'NSCC', 'Nasdaq', 'ECN Remove', 'ECN Add'] as const;

const SPEC: HeaderSpec = {
  format: 'TradeZero trades',
  required: ['Account', 'T/D', 'S/D', 'Currency', 'Type', 'Side', 'Symbol', 'Qty', 'Price', 'Exec Time', ...FEE_COLUMNS, 'Gross Proceeds', 'Net Proceeds'],
  optional: ['Clr Broker', 'Liq', 'Note'],
};

/** A cent's half: fee columns that differ from what the proceeds say by more are not the fill's whole cost. */
const TOLERANCE = new Decimal('0.005');

/**
 * TradeZero's trade history export (Account → Trades, also the layout TradeNote's template
 * copies): one row per execution, the trade date (`06/24/2021`, `4/30/26`) and the execution
 * time (`10:29:39`, `7:35:46`) in two columns, in New York time, which the file never states.
 * Sides are `B`, `S`, `SS` (a short sale) and `BC` (a buy to cover); `Type` is the account
 * type the fill went through, not the instrument. Every fee column is a cost, fees in exponent
 * form read as the number they are and rounded to the millionth; `Gross Proceeds` less
 * `Net Proceeds` checks them. The file has no execution id: a fill is known by its row, rows
 * alike being separate fills. Options (OCC symbols) are 100 shares each.
 */
export const tradezeroTrades: PresetDefinition = {
  id: 'tradezero_trades',
  label: 'TradeZero trades',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a TradeZero trades export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const cell = (row: CsvRow, name: string) => columns.cell(row, name).trim();
    const keyOf = occurrenceKeys();
    let summaries = 0;
    let roundedFees = 0;
    const unbalanced: number[] = [];
    const rebated: number[] = [];
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const symbol = cell(row, 'Symbol');
      const side = cell(row, 'Side');
      // A totals line under the fills names neither an instrument nor a side.
      if (symbol === '' && side === '') {
        summaries += 1;
        continue;
      }
      // Each fee cell with its sign: a rebate the venue pays is written below 0.
      const fees = sumOfCells(FEE_COLUMNS.map((name) => cell(row, name)));
      // A rebate larger than the fill's fees is no cost, and the app keeps no negative fee: it counts as none.
      const rebate = fees.total?.isNegative() === true;
      if (rebate) rebated.push(row.line);
      const fee = storableAmount(rebate ? '0' : fees.text);
      if (fee.rounded) roundedFees += 1;
      if (fees.total !== null && !balances(fees.total, cell(row, 'Gross Proceeds'), cell(row, 'Net Proceeds'))) unbalanced.push(row.line);
      const date = cell(row, 'T/D');
      const time = cell(row, 'Exec Time');
      const quantity = cell(row, 'Qty');
      const price = cell(row, 'Price');
      const account = cell(row, 'Account');
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: account || 'TradeZero',
          symbol: instrumentKey(symbol),
          side,
          quantity,
          price,
          fees: fee.text,
          time: `${date} ${time}`,
          dateFormat: 'auto',
          fillKey: `tradezero:${keyOf([account, date, time, symbol, side, quantity, price].join('|'))}`,
          currency: cell(row, 'Currency') || null,
          pointValue: shareMultiplier(symbol),
        },
        { ...context, timeZone: 'America/New_York', decimalStyle: 'dot' },
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    out.notes.push('TradeZero writes its execution times in New York time without saying so; they were read as New York time.');
    if (summaries > 0) out.notes.push(`${summaries} rows with neither a symbol nor a side (totals) were passed over.`);
    if (roundedFees > 0) out.notes.push(`${roundedFees} fills have fees finer than the millionth the app stores; they were rounded to it.`);
    if (rebated.length > 0)
      out.notes.push(
        `On ${rebated.length} rows (line ${rebated.slice(0, 5).join(', ')}${rebated.length > 5 ? ', …' : ''}) the venue's rebate is larger than the fees; those fills were imported with no fee (their P&L leaves the rebate out).`,
      );
    if (unbalanced.length > 0)
      out.notes.push(
        `On ${unbalanced.length} rows (line ${unbalanced.slice(0, 5).join(', ')}${unbalanced.length > 5 ? ', …' : ''}) the fee columns don’t add up to Gross less Net Proceeds; the fee columns were imported.`,
      );
    return out;
  },
};

/** Whether the fees are what the proceeds say a fill cost: gross less net, for a buy (both below 0) as for a sale. */
function balances(fees: Decimal, grossText: string, netText: string): boolean {
  const gross = parseBrokerNumber(grossText, 'dot');
  const net = parseBrokerNumber(netText, 'dot');
  if (!gross.ok || !net.ok) return true;
  return gross.value.minus(net.value).minus(fees).abs().lte(TOLERANCE);
}
