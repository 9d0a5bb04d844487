import { createHash } from 'node:crypto';
import { Decimal } from '../../money/money.ts';
import { occurrenceKeys, type CsvRow } from '../csv-text.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { ClosedTrade, Fill, PresetOutput } from '../import-types.ts';
import { shareMultiplier } from '../instruments.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { columnKey, quoteList } from './header-spec.ts';
import { buildFill, storableAmount } from './preset-context.ts';
import type { Detection, PresetDefinition } from './preset-definition.ts';

/**
 * A single-account statement has no Account column; a consolidated one has. A statement whose
 * Trades section has no Realized P/L is read as fills, matched FIFO.
 */
const REQUIRED = ['DataDiscriminator', 'Currency', 'Symbol', 'Date/Time', 'Quantity', 'T. Price'];
const OPTIONAL = [
  'Account',
  'Asset Category',
  'Exchange',
  'Proceeds',
  'Basis',
  'C. Price',
  'MTM P/L',
  'MTM in USD',
  'Comm/Fee',
  'Realized P/L',
  'Realized P/L %',
  'Code',
];

function missingOf(cells: readonly string[]): string[] {
  const present = new Set(cells.map(columnKey));
  return REQUIRED.filter((name) => !present.has(columnKey(name)));
}

/** Currency conversions have a Trades header of their own, with `Comm in USD` and no Realized P/L: they are not trades. */
const isForexHeader = (cells: readonly string[]) => {
  const keys = new Set(cells.map(columnKey));
  return !keys.has(columnKey('Realized P/L')) && !keys.has(columnKey('Comm/Fee')) && [...keys].some((k) => /^commin[a-z]{3}$/.test(k));
};

function tradesHeader(rows: Iterable<CsvRow>): CsvRow | null {
  for (const row of rows) if (row.cells[0] === 'Trades' && row.cells[1] === 'Header' && !isForexHeader(row.cells)) return row;
  return null;
}

/**
 * Interactive Brokers' Activity Statement, Trades section: every row starts with the section
 * and its kind. `Order` rows are what the trader did (they aggregate the `Trade` rows beneath
 * them; `ClosedLot` rows are tax lots): an order with a closing code is a closed trade whose
 * Realized P/L, net of commissions, IBKR has already computed. Headers repeat per asset class.
 * A statement of one account has no Account column; its account is the one the statement's
 * Account Information names.
 */
export const ibkrActivityStatement: PresetDefinition = {
  id: 'ibkr_activity_statement',
  label: 'Interactive Brokers Activity Statement',
  detect(file): Detection | null {
    const statement = file.head.some((r) => r.cells[0] === 'Statement' && r.cells[1] === 'Header');
    // The sections before Trades (NAV, performance summaries) can outgrow the head.
    const header = tradesHeader(file.head) ?? (statement ? tradesHeader(file.rows()) : null);
    if (!header) return statement ? { confidence: 'possible', reason: 'it is an Interactive Brokers statement without a Trades section' } : null;
    const missing = missingOf(header.cells.slice(2));
    if (missing.length > 0) return { confidence: 'possible', reason: `its Trades section has no ${quoteList(missing)} column` };
    const known = new Set([...REQUIRED, ...OPTIONAL].map(columnKey));
    const unknown = header.cells.slice(2).filter((c) => c !== '' && !known.has(columnKey(c)));
    if (unknown.length > 0)
      return { confidence: 'likely', reason: `its Trades section also has ${quoteList(unknown)}, which the Activity Statement doesn’t write` };
    return { confidence: 'certain', reason: 'it has the Trades section of an Interactive Brokers Activity Statement, with its columns' };
  },
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    let header: Map<string, number> | null = null;
    let sawHeader = false;
    let inForex = false;
    let statementAccount: string | null = null;
    // One level: `Order` rows, or `Trade` rows in a statement that has no Order rows at all.
    const levels = {
      Order: { trades: [] as ClosedTrade[], fills: [] as Fill[], opening: 0, rounded: 0 },
      Trade: { trades: [] as ClosedTrade[], fills: [] as Fill[], opening: 0, rounded: 0 },
    };
    let sawOrder = false;
    let conversions = 0;
    const keyOf = occurrenceKeys();
    for (const row of file.rows()) {
      const [section, kind] = row.cells;
      if (section === 'Account Information' && kind === 'Data' && columnKey(row.cells[2] ?? '') === 'account') {
        statementAccount = (row.cells[3] ?? '').split(/\s/)[0] || null;
        continue;
      }
      if (section !== 'Trades') continue;
      if (kind === 'Header') {
        sawHeader = true;
        inForex = isForexHeader(row.cells);
        header = new Map(row.cells.map((name, i) => [columnKey(name), i]));
        if (inForex) continue;
        const missing = missingOf(row.cells);
        if (missing.length > 0) {
          out.problems.push({ line: row.line, message: `the Trades header is missing column ${missing.join(', ')}` });
          header = null;
        }
        continue;
      }
      if (kind !== 'Data' || header === null) continue;
      if (inForex) {
        conversions += 1;
        continue;
      }
      const columns = header;
      const cell = (name: string) => {
        const at = columns.get(columnKey(name));
        return at === undefined ? '' : (row.cells[at] ?? '');
      };
      const discriminator = cell('DataDiscriminator');
      if (discriminator !== 'Order' && discriminator !== 'Trade') continue;
      if (discriminator === 'Order') sawOrder = true;
      const level = levels[discriminator];
      const codes = cell('Code')
        .split(';')
        .map((c) => c.trim());
      const account = cell('Account') || statementAccount || 'default';
      const commissionText = storableAmount(cell('Comm/Fee'));
      if (!columns.has(columnKey('Realized P/L'))) {
        const category = cell('Asset Category');
        const futures = /futures/i.test(category);
        const built = buildFill(
          {
            line: row.line,
            sequence: row.line,
            account,
            symbol: cell('Symbol'),
            side: cell('Quantity').trim().startsWith('-') ? 'SELL' : 'BUY',
            quantity: cell('Quantity'),
            price: cell('T. Price'),
            fees: commissionText.text,
            time: cell('Date/Time'),
            dateFormat: 'YYYY-MM-DD, HH:mm:ss',
            fillKey: `ibkr:${account}:${keyOf(row.cells.join('|'))}`,
            currency: cell('Currency') || null,
            pointValue: futures ? 'futures' : shareMultiplier(cell('Symbol')),
            effect: codes.includes('O') && !codes.includes('C') ? 'open' : codes.includes('C') && !codes.includes('O') ? 'close' : null,
            shortable: futures,
          },
          { ...context, decimalStyle: 'dot' },
        );
        if ('fill' in built) {
          level.fills.push(built.fill);
          if (commissionText.rounded) level.rounded += 1;
        } else out.problems.push(built.problem);
        continue;
      }
      if (!codes.includes('C')) {
        level.opening += 1;
        continue;
      }
      const problems: string[] = [];
      const quantity = parseBrokerNumber(cell('Quantity'), 'dot');
      const price = parseBrokerNumber(cell('T. Price'), 'dot');
      const commission = commissionText.text === '' ? ({ ok: true, value: new Decimal(0) } as const) : parseBrokerNumber(commissionText.text, 'dot');
      const pnlText = storableAmount(cell('Realized P/L'));
      const pnl = parseBrokerNumber(pnlText.text, 'dot');
      const time = parseBrokerDate(cell('Date/Time'), 'YYYY-MM-DD, HH:mm:ss', context.timeZone);
      if (!quantity.ok) problems.push(`quantity ${quantity.reason}`);
      if (!price.ok) problems.push(`price ${price.reason}`);
      if (!commission.ok) problems.push(`Comm/Fee ${commission.reason}`);
      if (!pnl.ok) problems.push(`Realized P/L ${pnl.reason}`);
      if (!time.ok) problems.push(time.reason);
      if (!quantity.ok || !price.ok || !commission.ok || !pnl.ok || !time.ok || problems.length > 0) {
        out.problems.push({ line: row.line, message: problems.join('; ') });
        continue;
      }
      const fees = commission.value.abs();
      if (commissionText.rounded || pnlText.rounded) level.rounded += 1;
      const key = keyOf(row.cells.join('|'));
      level.trades.push({
        lines: [row.line],
        account,
        symbol: cell('Symbol').toUpperCase(),
        // Selling closes a long, buying closes a short.
        side: quantity.value.isNegative() ? 'long' : 'short',
        quantity: quantity.value.abs(),
        entryPrice: null,
        exitPrice: price.value,
        pointValue: null,
        openedAt: null,
        closedAt: time.value,
        grossPnl: pnl.value.plus(fees),
        fees,
        netPnl: pnl.value,
        currency: cell('Currency') || null,
        externalId: createHash('sha256').update(`ibkr\u0000${key}`).digest('base64url').slice(0, 32),
      });
    }
    if (!sawHeader && out.problems.length === 0) out.problems.push({ line: 1, message: 'this statement has no Trades section' });
    const counted = sawOrder ? levels.Order : levels.Trade;
    out.trades.push(...counted.trades);
    out.fills.push(...counted.fills);
    if (!sawOrder && counted.trades.length + counted.fills.length + counted.opening > 0)
      out.notes.push('This statement lists executions (Trade rows) without Order rows: each execution is counted once.');
    if (counted.opening > 0) out.notes.push(`${counted.opening} opening ${sawOrder ? 'orders' : 'executions'} have no realized P&L yet and are not trades.`);
    if (counted.rounded > 0)
      out.notes.push(`${counted.rounded} rows state their commission or realized P/L finer than the millionth the app stores; they were rounded to it.`);
    if (conversions > 0) out.notes.push(`${conversions} currency conversions (Forex rows) are not trades.`);
    return out;
  },
};
