import { Decimal } from '../../money/money.ts';
import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { Columns, compareHeader, quoteList, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { Detection, PresetDefinition } from './preset-definition.ts';

const SECTION = 'Account Trade History';
const SPEC: HeaderSpec = {
  format: 'thinkorswim Account Trade History',
  required: ['Exec Time', 'Side', 'Qty', 'Symbol', 'Type', 'Price'],
  optional: ['Spread', 'Pos Effect', 'Exp', 'Strike', 'Net Price', 'Order Type'],
};
/** Sections that say what the account held at the statement's end. */
const END_SECTIONS = new Set(['Profits and Losses', 'Equities']);

/** The header row under the section title, looked for past the head when the title row says this is a statement. */
function sectionHeader(rows: Iterable<CsvRow>): CsvRow | null | undefined {
  let found = false;
  for (const row of rows) {
    if (found) return row;
    if (row.cells.some((c) => c === SECTION)) found = true;
  }
  return found ? null : undefined;
}

/** A section's title row: its name alone on the line. */
const titleOf = (row: CsvRow): string | null => (row.cells[0] !== '' && row.cells.slice(1).every((c) => c === '') ? row.cells[0]! : null);

/**
 * thinkorswim's Account Statement holds several sections separated by blank lines; the fills
 * are under "Account Trade History", newest first, with signed quantities. `Pos Effect` says
 * TO OPEN or TO CLOSE, or AUTO. A sale of shares with nothing open is a short only where the
 * statement shows the account held none before its period (the end position, from the Equities
 * or Profits and Losses section, less what the period traded); otherwise it closes shares
 * bought before the statement and is reported as having no known opening.
 */
export const thinkorswimStatement: PresetDefinition = {
  id: 'thinkorswim_statement',
  label: 'thinkorswim Account Statement',
  detect(file): Detection | null {
    const title = /^Account Statement for /.test(file.head[0]?.cells[0] ?? '');
    const inHead = sectionHeader(file.head);
    const header = inHead ?? (title || inHead === null ? sectionHeader(file.rows()) : undefined);
    if (header === undefined) return title ? { confidence: 'possible', reason: `it is a thinkorswim Account Statement without an “${SECTION}” section` } : null;
    if (header === null) return { confidence: 'possible', reason: `it has a “${SECTION}” section without a header row` };
    const match = compareHeader(header, SPEC);
    if (match.missing.length > 0) return { confidence: 'possible', reason: `its “${SECTION}” section has no ${quoteList(match.missing)} column` };
    if (match.unknown.length > 0)
      return { confidence: 'likely', reason: `its “${SECTION}” section also has ${quoteList(match.unknown)}, which thinkorswim doesn’t write` };
    return { confidence: 'certain', reason: `it has thinkorswim’s “${SECTION}” section with its columns${title ? ', under an Account Statement title' : ''}` };
  },
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const keyOf = occurrenceKeys();
    let account = 'thinkorswim';
    let columns: Columns | null = null;
    const history: CsvRow[] = [];
    const atEnd = new Map<string, Decimal>();
    // One pass: the trade history, and what the end sections say was held.
    let section: string | null = null;
    let sectionColumns: Columns | null = null;
    for (const row of file.rows()) {
      if (row.line === 1) account = /Account Statement for (\S+)/.exec(row.cells.join(','))?.[1]?.replace(/^\*$/, '') || account;
      if (isBlank(row)) {
        section = null;
        continue;
      }
      const title = titleOf(row);
      if (section === null) {
        section = row.cells.some((c) => c === SECTION) ? SECTION : title;
        sectionColumns = null;
        continue;
      }
      if (section === SECTION) {
        if (columns === null) {
          const match = compareHeader(row, SPEC);
          if (match.missing.length > 0)
            return { ...out, problems: [{ line: row.line, message: `the trade history is missing column ${match.missing.join(', ')}` }] };
          columns = new Columns(row.cells);
        } else history.push(row);
      } else if (END_SECTIONS.has(section)) {
        if (sectionColumns === null) sectionColumns = new Columns(row.cells);
        else endPosition(section, sectionColumns, row, atEnd);
      }
    }
    if (columns === null) return { ...out, problems: [{ line: 1, message: `this statement has no "${SECTION}" section` }] };
    const cell = (row: CsvRow, name: string) => columns!.cell(row, name);
    const heldBefore = new Map(atEnd);
    for (const row of history) {
      const symbol = cell(row, 'Symbol').toUpperCase();
      const qty = parseBrokerNumber(cell(row, 'Qty'), 'dot');
      const held = heldBefore.get(symbol);
      if (cell(row, 'Type').toUpperCase() === 'STOCK' && held !== undefined && qty.ok) heldBefore.set(symbol, held.minus(qty.value));
    }

    // A spread's legs after its first leave Exec Time (and Spread, Order Type) blank: they filled with it.
    let orderTime = '';
    for (const row of history) {
      const execTime = cell(row, 'Exec Time');
      if (execTime.trim() !== '') orderTime = execTime;
      const type = cell(row, 'Type').toUpperCase();
      const option = type === 'CALL' || type === 'PUT';
      const symbol = option ? [cell(row, 'Symbol'), cell(row, 'Exp'), cell(row, 'Strike'), type].filter(Boolean).join(' ') : cell(row, 'Symbol');
      const posEffect = cell(row, 'Pos Effect');
      const built = buildFill(
        {
          line: row.line,
          // Newest first: among fills in the same second, the lower one in the file came first.
          sequence: -row.line,
          account,
          symbol,
          side: cell(row, 'Side'),
          quantity: cell(row, 'Qty'),
          price: cell(row, 'Price'),
          fees: '',
          time: orderTime,
          // thinkorswim writes 6/21/22 09:30:01; a statement saved again by a spreadsheet has 6/21/2022 9:30. Both month first.
          dateFormat: 'auto',
          fillKey: `thinkorswim:${keyOf(row.cells.join('|'))}`,
          currency: null,
          pointValue: type === 'FUTURE' ? 'futures' : option ? '100' : '1',
          effect: /to open/i.test(posEffect) ? 'open' : /to close/i.test(posEffect) ? 'close' : null,
          ...(type === 'STOCK' && heldBefore.get(symbol.toUpperCase())?.lessThanOrEqualTo(0) && { shortable: true }),
        },
        context,
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    out.notes.push('thinkorswim statements list fees separately from trades; trades are imported without fees.');
    return out;
  },
};

/** The Equities section's quantity, or a Profits and Losses line closing at no value (nothing held). */
function endPosition(section: string, columns: Columns, row: CsvRow, atEnd: Map<string, Decimal>): void {
  const symbol = columns.cell(row, 'Symbol').toUpperCase();
  if (symbol === '') return;
  if (section === 'Equities') {
    const qty = parseBrokerNumber(columns.cell(row, 'Qty'), 'dot');
    if (qty.ok) atEnd.set(symbol, qty.value);
    return;
  }
  const close = parseBrokerNumber(columns.cell(row, 'Close Value'));
  if (close.ok && close.value.isZero() && !atEnd.has(symbol)) atEnd.set(symbol, new Decimal(0));
}
