import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { instrumentKey, shareMultiplier } from '../instruments.ts';
import { Columns, columnKey, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

/**
 * The columns DAS Trader's Trades window can show, in whatever order and selection the trader
 * set it to; the export writes those on screen, often with an empty last column.
 */
const SPEC: HeaderSpec = {
  format: 'DAS Trader Trades window',
  required: ['Time', ['Symbol', 'Symb'], 'Side', 'Price', 'Qty', 'Route'],
  optional: ['Broker', 'Account', 'Type', 'Cloid', 'Liq', 'LiqType', 'ECNFee', 'P / L', 'SecType', 'BP', 'Value', 'P/L R'],
};

/** A time that carries its day (`06/03/2026 09:31:05`), not the bare clock the Trades window usually writes. */
const DATED = /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

type Cell = (row: CsvRow) => string;

/**
 * DAS Trader Pro's Trades window, exported (right click → Export): one row per execution of the
 * day, `B`, `S` and `SS` (a short sale), the clock time of the computer DAS ran on and no date,
 * which is taken from the file's name (`Trades 2026-06-03.csv`, `06-03-2026.csv`) unless the
 * times carry it. `ECNFee` is the only cost the window shows; commissions are the broker's
 * statement's. `Cloid` names the order, which partial fills share: a fill is known by its row,
 * rows alike being separate fills. Options (OCC symbols) are 100 shares each.
 */
export const dasTrades: PresetDefinition = {
  id: 'das_trades',
  label: 'DAS Trader Trades window',
  detect(file) {
    const found = detectByHeader(file.head, SPEC);
    // Symbol, side, price and quantity are in most exports: a file without the clock column is none of DAS's.
    if (found?.confidence === 'possible' && !file.head.some((row) => row.cells.some((name) => columnKey(name) === 'time'))) return null;
    return found;
  },
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a DAS Trader Trades export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const [time, symbol, side, price, qty, route, account, cloid, ecnFee] = [
      'Time',
      columns.first('Symbol', 'Symb'),
      'Side',
      'Price',
      'Qty',
      'Route',
      'Account',
      'Cloid',
      'ECNFee',
    ].map((name) => columns.reader(name)) as [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];
    const day = dayOf(file.name);
    const keyOf = occurrenceKeys();
    let summaries = 0;
    let undated = 0;
    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const clock = time(row).trim();
      const raw = symbol(row).trim();
      if (raw === '' && side(row).trim() === '') {
        summaries += 1;
        continue;
      }
      const dated = DATED.test(clock);
      if (!dated && day === null) {
        undated += 1;
        continue;
      }
      const when = dated ? clock : `${day!.monthFirst} ${clock}`;
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: account(row).trim() || 'DAS',
          symbol: instrumentKey(raw),
          side: side(row),
          quantity: qty(row),
          price: price(row),
          fees: ecnFee(row),
          time: when,
          dateFormat: 'auto',
          fillKey: `das:${keyOf([account(row), when, raw, side(row), qty(row), price(row), route(row), cloid(row)].join('|').trim())}`,
          currency: null,
          pointValue: shareMultiplier(raw),
        },
        { ...context, decimalStyle: 'dot' },
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    if (undated > 0)
      out.problems.push({
        line: header.row.line,
        message: `DAS writes only the time of each fill, and the file’s name “${file.name}” holds no date: rename it with the trading day in it, year first (“Trades YYYY-MM-DD.csv”), and import it again. ${undated} fills were not read.`,
      });
    else if (out.fills.length > 0 && day !== null) out.notes.push(`The fills are dated ${day.iso}, the day in the file’s name; DAS writes only their time.`);
    if (summaries > 0) out.notes.push(`${summaries} rows with neither a symbol nor a side (totals) were passed over.`);
    out.notes.push(
      'DAS writes the time of the computer it ran on: the times were read in the zone chosen for this file. The Trades window shows ECN fees only; commissions are not in it.',
    );
    return out;
  },
};

/** The trading day a file's name gives (`2026-06-03`, `20260603`, `06-03-2026`, `6.3.2026` month first), as the fills' date and as shown. */
function dayOf(name: string): { monthFirst: string; iso: string } | null {
  const base = name.replace(/\.[^.]*$/, '');
  const yearFirst = /(?:^|\D)(20\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?:\D|$)/.exec(base);
  const monthFirst = /(?:^|\D)(\d{1,2})[-_.](\d{1,2})[-_.](20\d{2})(?:\D|$)/.exec(base);
  const found = yearFirst ? [yearFirst[1], yearFirst[2], yearFirst[3]] : monthFirst ? [monthFirst[3], monthFirst[1], monthFirst[2]] : null;
  if (found === null) return null;
  const [year, month, day] = found.map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { monthFirst: `${month}/${day}/${year}`, iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
