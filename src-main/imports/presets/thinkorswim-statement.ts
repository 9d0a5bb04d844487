import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { Columns, compareHeader, quoteList, type HeaderSpec } from './header-spec.ts';
import { buildFill } from './preset-context.ts';
import type { Detection, PresetDefinition } from './preset-definition.ts';

const SECTION = 'Account Trade History';
const SPEC: HeaderSpec = {
  format: 'thinkorswim Account Trade History',
  required: ['Exec Time', 'Side', 'Qty', 'Symbol', 'Type', 'Price'],
  optional: ['Spread', 'Pos Effect', 'Exp', 'Strike', 'Net Price', 'Order Type'],
};

/** The header row under the section title, looked for past the head when the title row says this is a statement. */
function sectionHeader(rows: Iterable<CsvRow>): CsvRow | null | undefined {
  let found = false;
  for (const row of rows) {
    if (found) return row;
    if (row.cells.some((c) => c === SECTION)) found = true;
  }
  return found ? null : undefined;
}

/**
 * thinkorswim's Account Statement holds several sections separated by blank lines; the fills
 * are under "Account Trade History", newest first, with signed quantities.
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
    if (match.unknown.length > 0) return { confidence: 'likely', reason: `its “${SECTION}” section also has ${quoteList(match.unknown)}, which thinkorswim doesn’t write` };
    return { confidence: 'certain', reason: `it has thinkorswim’s “${SECTION}” section with its columns${title ? ', under an Account Statement title' : ''}` };
  },
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const keyOf = occurrenceKeys();
    let account = 'thinkorswim';
    let state: 'before' | 'header' | 'rows' | 'done' = 'before';
    let columns: Columns | null = null;
    for (const row of file.rows()) {
      if (row.line === 1) account = /Account Statement for (\S+)/.exec(row.cells.join(','))?.[1]?.replace(/^\*$/, '') || account;
      if (state === 'before') {
        if (row.cells.some((c) => c === SECTION)) state = 'header';
        continue;
      }
      if (state === 'header') {
        const match = compareHeader(row, SPEC);
        if (match.missing.length > 0) return { ...out, problems: [{ line: row.line, message: `the trade history is missing column ${match.missing.join(', ')}` }] };
        columns = new Columns(row.cells);
        state = 'rows';
        continue;
      }
      if (state === 'done') break;
      if (isBlank(row)) {
        state = 'done';
        continue;
      }
      const cell = (name: string) => columns!.cell(row, name);
      const type = cell('Type').toUpperCase();
      const built = buildFill(
        {
          line: row.line,
          // Newest first: among fills in the same second, the lower one in the file came first.
          sequence: -row.line,
          account,
          symbol: cell('Symbol'),
          side: cell('Side'),
          quantity: cell('Qty'),
          price: cell('Price'),
          fees: '',
          time: cell('Exec Time'),
          dateFormat: 'M/D/YY HH:mm:ss',
          fillKey: `thinkorswim:${keyOf(row.cells.join('|'))}`,
          currency: null,
          pointValue: type === 'FUTURE' ? 'futures' : type === 'CALL' || type === 'PUT' ? '100' : '1',
        },
        context,
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    if (state === 'before') return { ...out, problems: [{ line: 1, message: `this statement has no "${SECTION}" section` }] };
    out.notes.push('thinkorswim statements list fees separately from trades; trades are imported without fees.');
    return out;
  },
};
