import { createHash } from 'node:crypto';
import type { GenericMapping } from '../../contract/import-schemas.ts';
import { Decimal } from '../../money/money.ts';
import type { CsvRow } from '../csv-text.ts';
import { isBlank, occurrenceKeys } from '../csv-text.ts';
import type { PresetOutput, RowProblem } from '../import-types.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { BUILT_IN_POINT_VALUES, futuresRoot } from '../point-values.ts';
import { columnKey, Columns, quoteList } from './header-spec.ts';
import { buildClosedTrade, buildFill, type PresetContext } from './preset-context.ts';
import type { ImportFile } from './preset-definition.ts';

type ColumnRole = keyof GenericMapping['columns'];

/** What each column holds, in the trader's words, for "Choose the column that holds …". */
const ROLE_WORDS: Record<ColumnRole, string> = {
  time: 'the time',
  openTime: 'the open time',
  symbol: 'the symbol',
  side: 'the side (buy or sell)',
  quantity: 'the quantity',
  price: 'the price',
  entryPrice: 'the entry price',
  exitPrice: 'the exit price',
  fees: 'the fees',
  pnl: 'the P&L',
  account: 'the account',
  id: 'the execution id',
};

export interface MappingError {
  field: string;
  message: string;
}

/** What a mapping still lacks before it can read a file, each said as what to do. */
export function mappingErrors(mapping: GenericMapping): MappingError[] {
  const needed: ColumnRole[] = mapping.kind === 'fills' ? ['time', 'symbol', 'quantity', 'price'] : ['time', 'symbol', 'pnl'];
  const errors: MappingError[] = [];
  for (const role of needed) {
    if (mapping.columns[role]) continue;
    const what = role === 'time' && mapping.kind === 'trades' ? 'the close time' : ROLE_WORDS[role];
    errors.push({ field: `mapping.columns.${role}`, message: `Choose the column that holds ${what}.` });
  }
  for (const [i, filter] of (mapping.filters ?? []).entries()) {
    if (filter.value.trim() === '' && filter.op === 'equals')
      errors.push({ field: `mapping.filters.${i}.value`, message: `Type the value rows must have in “${filter.column}” to be kept.` });
  }
  if (mapping.pointValue !== 'futures' && !/^\d+(\.\d+)?$/.test(mapping.pointValue.trim()))
    errors.push({
      field: 'mapping.pointValue',
      message: 'Type the point value as a number (1 for shares, 100 for options), or “futures” to look it up by contract.',
    });
  return errors;
}

const NUMERIC = /^[-+($€£¥@]*[\d.,\s']+[)%]*$/;
const DATE_LIKE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/;

/**
 * The header row of a CSV: the first row of at least two named cells, mostly not numbers and
 * none a date, that the next row matches in width: as many fields (a sparse cash row keeps its
 * commas) or at least half as many filled. Title rows (one cell, or a label and a value), blank
 * lines and a byte order mark before it are passed over. The import screen's column picker and
 * the import itself both use this, so they agree on where the columns are.
 */
export function findHeaderRow(rows: readonly CsvRow[]): CsvRow | null {
  const width = (row: CsvRow) => row.cells.filter((c) => c !== '').length;
  for (let i = 0; i < rows.length && i < 200; i += 1) {
    const row = rows[i]!;
    const named = row.cells.filter((c) => c !== '');
    if (named.length < 2 || named.filter((c) => NUMERIC.test(c)).length > named.length / 2 || named.some((c) => DATE_LIKE.test(c))) continue;
    const next = rows.slice(i + 1).find((r) => !isBlank(r));
    if (!next) return row;
    if (next.cells.length >= named.length || width(next) >= Math.max(2, Math.ceil(named.length / 2))) return row;
  }
  return null;
}

function headerOf(file: ImportFile, mapping: GenericMapping): CsvRow | null {
  if (mapping.headerLine !== undefined) return file.head.find((r) => r.line === mapping.headerLine) ?? null;
  return findHeaderRow(file.head);
}

/** A saved mapping fits a file whose header has the column names it was saved with. */
export function mappingFits(file: ImportFile, mapping: GenericMapping): boolean {
  if (!mapping.header || mapping.header.length === 0) return false;
  const header = headerOf(file, mapping);
  if (!header) return false;
  const names = header.cells.map(columnKey).filter((c) => c !== '');
  const saved = mapping.header.map(columnKey).filter((c) => c !== '');
  return names.length === saved.length && names.every((n, i) => n === saved[i]);
}

/**
 * Any CSV, read through the trader's mapping: either fills (matched FIFO like a preset) or
 * closed trades with their own P&L column (and open and close times). A side column, or a signed
 * quantity, gives a fill's direction. Rows the filters leave out, and a lone footer cell such as
 * `***END OF FILE***`, are not data.
 */
export function readGeneric(file: ImportFile, mapping: GenericMapping, context: PresetContext): PresetOutput {
  const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [], warnings: [] };
  const unset = mappingErrors(mapping);
  if (unset.length > 0) return { ...out, problems: unset.map((e) => ({ line: 1, message: e.message })) };
  const header = headerOf(file, mapping);
  if (!header)
    return {
      ...out,
      problems: [
        {
          line: mapping.headerLine ?? 1,
          message: mapping.headerLine
            ? `Line ${mapping.headerLine} is not in the start of the file; choose the line the column names are on.`
            : 'No row of the file reads as column names; choose the line they are on.',
        },
      ],
    };
  const index = new Columns(header.cells);
  const { columns } = mapping;
  const used = [...Object.values(columns), ...(mapping.filters ?? []).map((f) => f.column)].filter((c): c is string => Boolean(c));
  const missing = [...new Set(used.filter((c) => !index.has(c)))];
  if (missing.length > 0)
    return { ...out, problems: [{ line: header.line, message: `The file has no column ${quoteList(missing)}: choose the columns again for this file.` }] };
  const read = Object.fromEntries(
    (Object.keys(ROLE_WORDS) as ColumnRole[]).map((role) => [role, columns[role] ? index.reader(columns[role]!) : () => '']),
  ) as Record<ColumnRole, (row: CsvRow) => string>;
  const filters = (mapping.filters ?? []).map((f) => ({ read: index.reader(f.column), value: f.value.trim().toLowerCase(), keep: f.op === 'equals' }));
  const headerWidth = header.cells.filter((c) => c !== '').length;
  const keyOf = occurrenceKeys();
  const context2 = { ...context, decimalStyle: mapping.decimalStyle };
  let filtered = 0;
  let footers = 0;
  const futuresAtOne = new Set<string>();
  const pointValue = mapping.pointValue.trim();

  for (const row of file.rows()) {
    if (row.line <= header.line || isBlank(row)) continue;
    if (headerWidth >= 3 && namedCells(row, 2) === 1) {
      footers += 1;
      continue;
    }
    if (!filters.every((f) => (f.read(row).trim().toLowerCase() === f.value) === f.keep)) {
      filtered += 1;
      continue;
    }
    const key = keyOf(read.id(row) || row.cells.join('|'));
    if (mapping.kind === 'fills') {
      const quantityText = read.quantity(row);
      const side = columns.side ? read.side(row) : quantityText.trim().startsWith('-') ? 'sell' : 'buy';
      const symbol = read.symbol(row);
      if (pointValue === '1' && futuresAtOne.size < 5) {
        const root = futuresRoot(symbol);
        if (root && (BUILT_IN_POINT_VALUES[root] || context.pointValues[root])) futuresAtOne.add(root);
      }
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: read.account(row),
          symbol,
          side,
          quantity: quantityText,
          price: read.price(row),
          fees: read.fees(row),
          time: read.time(row),
          dateFormat: mapping.dateFormat,
          fillKey: `generic:${key}`,
          currency: null,
          pointValue,
        },
        context2,
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
      continue;
    }
    const side = read.side(row).trim().toLowerCase();
    const built = buildClosedTrade(
      {
        line: row.line,
        account: read.account(row),
        symbol: read.symbol(row),
        side: /^(long|buy|b|bot|bought)\b/.test(side) ? 'long' : /^(short|sell|s|sld|sold)\b/.test(side) ? 'short' : null,
        quantity: read.quantity(row),
        entryPrice: read.entryPrice(row),
        exitPrice: read.exitPrice(row),
        openedAt: read.openTime(row),
        closedAt: read.time(row),
        dateFormat: mapping.dateFormat,
        grossPnl: read.pnl(row),
        // The P&L column is net: fees are shown beside it, and added back to the gross.
        extras: [],
        identity: `generic\u0000${key}`,
        currency: null,
      },
      context2,
    );
    if (!('trade' in built)) {
      out.problems.push(built.problem);
      continue;
    }
    const fees = feesOf(read.fees(row), mapping, row.line, out.problems);
    if (fees === null) continue;
    const trade = built.trade;
    out.trades.push({
      ...trade,
      grossPnl: trade.netPnl.plus(fees),
      fees,
      externalId: createHash('sha256').update(`generic\u0000${key}`).digest('base64url').slice(0, 32),
    });
  }
  if (filtered > 0) out.notes.push(`${filtered} rows were left out by the row filter.`);
  if (footers > 0) out.notes.push(`${footers} rows with a single cell (titles, totals, an end-of-file line) are not data and were left out.`);
  if (futuresAtOne.size > 0) {
    out.warnings!.push(
      `${[...futuresAtOne].join(', ')} ${futuresAtOne.size === 1 ? 'is a futures contract' : 'are futures contracts'}, but the mapping multiplies every row by 1: each point would count as $1. Set the point value to “futures” unless these really are shares.`,
    );
  }
  return out;
}

/** How many cells of a row are not empty, counting no further than `upTo` (the footer test runs on every row). */
function namedCells(row: CsvRow, upTo: number): number {
  let named = 0;
  for (const cell of row.cells) if (cell !== '' && ++named >= upTo) break;
  return named;
}

function feesOf(text: string, mapping: GenericMapping, line: number, problems: RowProblem[]): Decimal | null {
  if (text.trim() === '') return new Decimal(0);
  const fees = parseBrokerNumber(text, mapping.decimalStyle);
  if (fees.ok) return fees.value.abs();
  problems.push({ line, message: `the fees ${fees.reason}` });
  return null;
}
