import { lineLocator } from '../line-locator.ts';
import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import { Decimal } from '../../money/money.ts';
import { isBlank, occurrenceKeys, type CsvRow } from '../csv-text.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { instrumentKey, shareMultiplier } from '../instruments.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { flexDateTime, flexDayFirst } from './ibkr-flex-dates.ts';
import { buildFill, storableAmount, type PresetContext } from './preset-context.ts';
import type { Detection, ImportFile, PresetDefinition } from './preset-definition.ts';

/**
 * Interactive Brokers Flex Queries, as XML or CSV. Both carry the same fields (`buySell` in
 * XML is `Buy/Sell` in CSV): names are compared without case or punctuation, and each field
 * may go by the name either form, or the Trade Confirmation flavour, gives it.
 */
const key = (name: string) => name.replace(/[^a-z0-9]/gi, '').toLowerCase();
const FIELDS = {
  account: ['accountid', 'clientaccountid'],
  currency: ['currency', 'currencyprimary'],
  asset: ['assetcategory', 'assetclass'],
  symbol: ['symbol', 'isin', 'conid'],
  multiplier: ['multiplier'],
  dateTime: ['datetime'],
  tradeDate: ['tradedate'],
  tradeTime: ['tradetime'],
  quantity: ['quantity'],
  price: ['tradeprice', 'price'],
  commission: ['ibcommission', 'commission'],
  realized: ['fifopnlrealized'],
  openClose: ['opencloseindicator'],
  /** The Trade Confirmation's codes (`O;P`, `C`), where it has no Open/Close indicator. */
  code: ['code'],
  buySell: ['buysell'],
  level: ['levelofdetail'],
  id: ['transactionid', 'ibexecid', 'execid', 'tradeid'],
  tradeId: ['tradeid'],
  origTradeId: ['origtradeid'],
} as const;
type Field = keyof typeof FIELDS;

interface FlexRow {
  line: number;
  values: Map<string, string>;
  /** What the XML element itself says about its level (`Order`, `Lot`), where its attributes don't. */
  element: string;
  statementAccount: string | null;
}

const get = (row: FlexRow, field: Field): string => {
  for (const name of FIELDS[field]) {
    const value = row.values.get(name);
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return '';
};

/** The elements that hold trades in an Activity Flex (`Trades`) or a Trade Confirmation Flex. */
const TRADE_ELEMENTS = new Set(['Trade', 'Order', 'Lot', 'TradeConfirm', 'SymbolSummary', 'AssetSummary']);

function levelOf(row: FlexRow): string {
  const level = get(row, 'level').toUpperCase();
  if (level !== '') return level;
  return row.element === 'Order' ? 'ORDER' : row.element === 'Lot' ? 'CLOSED_LOT' : row.element.endsWith('Summary') ? 'SUMMARY' : '';
}

export const ibkrFlexXml: PresetDefinition = {
  id: 'ibkr_flex_xml',
  label: 'Interactive Brokers Flex Query (XML)',
  detect(file): Detection | null {
    const text = file.headText.trimStart();
    if (!text.startsWith('<')) return null;
    if (/<FlexQueryResponse\b/.test(text)) return { confidence: 'certain', reason: 'it is an Interactive Brokers Flex Query in XML (FlexQueryResponse)' };
    if (/<FlexStatementResponse\b/.test(text))
      return { confidence: 'possible', reason: 'it is the reply of the Flex Web Service, which points to a statement but holds no trades' };
    return null;
  },
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const { rows, statements, statementDates, error } = flexXmlRows(file.text());
    if (error !== null) return { ...out, problems: [{ line: 1, message: `Interactive Brokers sent an error instead of a statement: ${error}` }] };
    if (statements === 0) return { ...out, problems: [{ line: 1, message: 'this Flex file holds no FlexStatement: there is nothing in it to import' }] };
    readFlexRows(rows, context, out, statementDates);
    return out;
  },
};

export const ibkrFlexCsv: PresetDefinition = {
  id: 'ibkr_flex_csv',
  label: 'Interactive Brokers Flex Query (CSV)',
  detect(file): Detection | null {
    const header = file.head.map(headerCells).find((cells) => cells !== null && isTradeHeader(cells));
    if (!header) return null;
    const keys = new Set(header.map(key));
    const signature = ['clientaccountid', 'ibcommission', 'levelofdetail', 'opencloseindicator', 'fifopnlrealized', 'currencyprimary', 'ibexecid'].filter((k) =>
      keys.has(k),
    );
    if (signature.length === 0) return null;
    return {
      confidence: 'certain',
      reason: `its header has Interactive Brokers Flex columns (${signature.length} of them, such as “${header.find((h) => key(h) === signature[0])}”)`,
    };
  },
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    readFlexRows(flexCsvRows(file), context, out);
    return out;
  },
};

/** A header row's column names: a plain header, or a `HEADER` record of a file with section codes. */
function headerCells(row: CsvRow): string[] | null {
  if (row.cells[0] === 'HEADER') return row.cells.slice(2);
  const keys = row.cells.map(key);
  return keys.includes('symbol') || keys.includes('clientaccountid') || keys.includes('isin') ? row.cells : null;
}

function isTradeHeader(cells: readonly string[]): boolean {
  const keys = new Set(cells.map(key));
  const has = (field: Field) => FIELDS[field].some((name) => keys.has(name));
  return has('quantity') && has('price') && (has('dateTime') || has('tradeDate')) && has('symbol');
}

/** Rows under each trade header of a Flex CSV; sections of other kinds (cash, positions) are passed over. */
function flexCsvRows(file: ImportFile): FlexRow[] {
  const rows: FlexRow[] = [];
  let header: string[] | null = null;
  for (const row of file.rows()) {
    if (isBlank(row) || /^(BOF|BOA|BOS|EOS|EOA|EOF|MSG)$/.test(row.cells[0] ?? '')) continue;
    const cells = row.cells[0] === 'DATA' ? row.cells.slice(2) : row.cells;
    const asHeader = row.cells[0] === 'DATA' ? null : headerCells(row);
    if (asHeader) {
      header = isTradeHeader(asHeader) ? asHeader.map(key) : null;
      continue;
    }
    if (header === null) continue;
    const values = new Map<string, string>();
    for (const [i, name] of header.entries()) values.set(name, cells[i] ?? '');
    rows.push({ line: row.line, values, element: 'Trade', statementAccount: null });
  }
  return rows;
}

/**
 * The trade elements of a Flex XML with the line each starts on, read with htmlparser2 in XML
 * mode: the five XML entities and character references are decoded, a DOCTYPE's own entities
 * are never expanded.
 */
function flexXmlRows(text: string): { rows: FlexRow[]; statements: number; statementDates: string[]; error: string | null } {
  const lineAt = lineLocator(text);
  const rows: FlexRow[] = [];
  const statementDates: string[] = [];
  let statements = 0;
  let statementAccount: string | null = null;
  let error: string | null = null;
  let inError = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'FlexStatement') {
          statements += 1;
          statementAccount = attributes.accountId ?? null;
          for (const name of ['fromDate', 'toDate', 'whenGenerated']) if (attributes[name]) statementDates.push(attributes[name]);
        } else if (name === 'ErrorMessage') {
          inError = true;
          error = '';
        } else if (TRADE_ELEMENTS.has(name)) {
          rows.push({
            line: lineAt(parser.startIndex),
            values: new Map(Object.entries(attributes).map(([k, v]) => [key(k), v])),
            element: name,
            statementAccount,
          });
        }
      },
      ontext(data) {
        if (inError) error += data;
      },
      onclosetag(name) {
        if (name === 'ErrorMessage') inError = false;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return { rows, statements, statementDates, error: error === null ? null : (error as string).trim() || 'no reason given' };
}

/**
 * Counts one level only: order rows where the query has them, else executions; closed lots
 * (tax lots) and summaries never. With `fifoPnlRealized`, each closing row is a trade with the
 * P&L IBKR computed (net of both commissions, like the Activity Statement's Realized P/L);
 * without it, rows are fills matched FIFO, `Open/CloseIndicator` saying what each does.
 */
function readFlexRows(rows: FlexRow[], context: PresetContext, out: PresetOutput, statementDates: readonly string[] = []): void {
  const levels = new Map<string, number>();
  for (const row of rows) levels.set(levelOf(row), (levels.get(levelOf(row)) ?? 0) + 1);
  const level = levels.has('ORDER') ? 'ORDER' : levels.has('EXECUTION') ? 'EXECUTION' : '';
  const chosen = rows.filter((row) => levelOf(row) === level);
  const other = rows.length - chosen.length;
  if (other > 0)
    out.notes.push(
      `Counted ${level === 'ORDER' ? 'order' : 'execution'} rows only: ${other} other rows (${[...levels.keys()]
        .filter((l) => l !== level)
        .map((l) => l.toLowerCase().replace('_', ' ') || 'unlabelled')
        .join(', ')}) repeat them and are not counted again.`,
    );
  const realized = chosen.some((row) => get(row, 'realized') !== '');
  const dayFirst = flexDayFirst([...statementDates, ...chosen.map((row) => flexTimeText(row))]);
  const cancelled = cancelledRows(chosen);
  const keyOf = occurrenceKeys();
  let opening = 0;
  let conversions = 0;
  let roundedCommissions = 0;
  let roundedPnls = 0;

  for (const row of chosen) {
    const asset = get(row, 'asset').toUpperCase();
    const symbolText = get(row, 'symbol');
    if (asset === 'CASH' || (asset === '' && symbolText === '')) {
      conversions += 1;
      continue;
    }
    if (cancelled.has(row)) continue;
    const buySell = get(row, 'buySell');
    const account = get(row, 'account') || row.statementAccount || 'default';
    const symbol = instrumentKey(symbolText);
    const time = flexDateTime(flexTimeText(row), dayFirst);
    const quantityText = get(row, 'quantity');
    const openClose = openCloseOf(row);
    const id = get(row, 'id');
    const fillKey = `ibkr-flex:${account}:${id || keyOf([...row.values.values()].join('|'))}`;
    const commissionText = storableAmount(get(row, 'commission'));
    if (commissionText.rounded) roundedCommissions += 1;

    if (realized) {
      const pnlText = storableAmount(get(row, 'realized'));
      if (pnlText.rounded) roundedPnls += 1;
      const pnl = parseBrokerNumber(pnlText.text, 'dot');
      const closing = openClose.includes('C') || (openClose === '' && pnl.ok && !pnl.value.isZero());
      if (!closing) {
        opening += 1;
        continue;
      }
      const quantity = parseBrokerNumber(quantityText, 'dot');
      const price = parseBrokerNumber(get(row, 'price'), 'dot');
      const commission = commissionText.text === '' ? ({ ok: true, value: new Decimal(0) } as const) : parseBrokerNumber(commissionText.text, 'dot');
      const at = parseBrokerDate(time.text, 'auto', context.timeZone);
      const problems = [
        !quantity.ok && `quantity ${quantity.reason}`,
        !price.ok && `price ${price.reason}`,
        !commission.ok && `commission ${commission.reason}`,
        !pnl.ok && `fifoPnlRealized ${pnl.reason}`,
        !at.ok && at.reason,
      ].filter(Boolean);
      if (!quantity.ok || !price.ok || !commission.ok || !pnl.ok || !at.ok) {
        out.problems.push({ line: row.line, message: problems.join('; ') });
        continue;
      }
      const fees = commission.value.abs();
      out.trades.push({
        lines: [row.line],
        account,
        symbol,
        side: (buySell ? /^s/i.test(buySell) : quantity.value.isNegative()) ? 'long' : 'short',
        quantity: quantity.value.abs(),
        entryPrice: null,
        exitPrice: price.value,
        pointValue: null,
        openedAt: null,
        closedAt: at.value,
        grossPnl: pnl.value.plus(fees),
        fees,
        netPnl: pnl.value,
        currency: get(row, 'currency') || null,
        externalId: createHash('sha256').update(fillKey).digest('base64url').slice(0, 32),
      });
      continue;
    }

    const built = buildFill(
      {
        line: row.line,
        sequence: row.line,
        account,
        symbol,
        side: buySell || (quantityText.trim().startsWith('-') ? 'SELL' : 'BUY'),
        quantity: quantityText,
        price: get(row, 'price'),
        fees: commissionText.text,
        time: time.text,
        dateFormat: 'auto',
        fillKey,
        currency: get(row, 'currency') || null,
        pointValue: get(row, 'multiplier') || shareMultiplier(symbolText),
        effect: openClose === 'O' ? 'open' : openClose === 'C' ? 'close' : null,
        // Futures are sold short as a matter of course; shares and options only when the row says it opens.
        shortable: asset === 'FUT' || asset === 'FOP',
        dateOnly: time.dateOnly,
      },
      { ...context, decimalStyle: 'dot' },
    );
    if ('fill' in built) out.fills.push(built.fill);
    else out.problems.push(built.problem);
  }
  if (opening > 0) out.notes.push(`${opening} opening rows have no realized P&L yet and are not trades.`);
  if (conversions > 0) out.notes.push(`${conversions} currency conversions are not trades.`);
  if (roundedCommissions > 0)
    out.notes.push(`${roundedCommissions} commissions are finer than the millionth the app stores (IBKR’s tiered rates); they were rounded to it.`);
  if (roundedPnls > 0) out.notes.push(`${roundedPnls} realized P&Ls are finer than the millionth the app stores; they were rounded to it.`);
  if (cancelled.size > 0) out.notes.push(`${cancelled.size} rows were left out as cancellations (Ca.) and the executions they cancel.`);
}

/** `O`, `C`, `C;O` from the Open/Close indicator, else from a Trade Confirmation's codes (`O;P` opens). */
function openCloseOf(row: FlexRow): string {
  const indicator = get(row, 'openClose').toUpperCase();
  if (indicator !== '') return indicator;
  const codes = get(row, 'code')
    .toUpperCase()
    .split(';')
    .map((c) => c.trim());
  return [codes.includes('C') && 'C', codes.includes('O') && 'O'].filter(Boolean).join(';');
}

/**
 * A cancellation (`BUY (Ca.)`) and the execution it cancels, both left out. IBKR books a
 * correction under the cancelled execution's trade id, so the cancelled one is the row with
 * that id and the cancellation's size and price; without an id, only the cancellation goes.
 */
function cancelledRows(rows: readonly FlexRow[]): Set<FlexRow> {
  const out = new Set<FlexRow>();
  for (const cancel of rows) {
    if (!/\(Ca\.?\)/i.test(get(cancel, 'buySell'))) continue;
    out.add(cancel);
    const original = get(cancel, 'origTradeId');
    const size = parseBrokerNumber(get(cancel, 'quantity'), 'dot');
    const price = get(cancel, 'price');
    const match = rows.find((row) => {
      if (out.has(row) || original === '' || get(row, 'tradeId') !== original || get(row, 'price') !== price) return false;
      const quantity = parseBrokerNumber(get(row, 'quantity'), 'dot');
      return size.ok && quantity.ok && quantity.value.abs().equals(size.value.abs());
    });
    if (match) out.add(match);
  }
  return out;
}

/** The row's date and time as written (`20210111;065737`, `31/10/2025;14:07:12 EDT`), or its trade date with its own time column. */
function flexTimeText(row: FlexRow): string {
  return get(row, 'dateTime') || [get(row, 'tradeDate'), get(row, 'tradeTime')].filter(Boolean).join(' ');
}
