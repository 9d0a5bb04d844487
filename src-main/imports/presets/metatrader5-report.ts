import { Decimal, toMoneyString } from '../../money/money.ts';
import type { CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { columnKey } from './header-spec.ts';
import { buildClosedTrade } from './preset-context.ts';
import type { Detection, PresetDefinition } from './preset-definition.ts';
import { reportRows } from './report-rows.ts';

const DEALS = ['Time', 'Deal', 'Symbol', 'Type', 'Direction', 'Volume', 'Price', 'Order', 'Commission', 'Fee', 'Swap', 'Profit', 'Balance', 'Comment'];
const REQUIRED = ['time', 'deal', 'symbol', 'type', 'direction', 'volume', 'price', 'commission', 'swap', 'profit'];
const KNOWN = new Set([...DEALS.map(columnKey), '']);
const SECTIONS = new Set(['positions', 'orders', 'deals', 'results', 'openpositions', 'workingorders', 'summary']);

const sectionOf = (row: CsvRow) => {
  const filled = row.cells.filter((c) => c !== '');
  return filled.length === 1 && SECTIONS.has(columnKey(filled[0]!)) ? columnKey(filled[0]!) : null;
};

/** The Deals table's header: under the report's Deals title, or, where no section title comes first, the table saved alone. */
function dealsHeader(rows: readonly CsvRow[]): { at: number; positions: Map<string, number>; unknown: string[] } | null {
  let current: string | null = null;
  for (let i = 0; i < rows.length; i += 1) {
    const section = sectionOf(rows[i]!);
    if (section) {
      current = section;
      continue;
    }
    if (current !== null && current !== 'deals') continue;
    const positions = new Map<string, number>();
    rows[i]!.cells.forEach((name, at) => {
      const key = columnKey(name);
      if (key !== '' && !positions.has(key)) positions.set(key, at);
    });
    if (REQUIRED.every((k) => positions.has(k))) return { at: i, positions, unknown: rows[i]!.cells.filter((c) => !KNOWN.has(columnKey(c))) };
  }
  return null;
}

interface Entry {
  volume: Decimal;
  price: Decimal;
  costs: Decimal;
  time: string;
  line: number;
}

/**
 * MetaTrader 5's trade history report (HTML, or the CSV it saves with its title rows), read
 * from its Deals: a deal going `out` (or `in/out`, `out by`) closes a trade and carries its
 * Profit; commission, fee and swap count on every deal, an entry's own share of them joining
 * the deal that closes it (first in, first out per symbol). Balance, credit and other
 * non-trading deals are not trades; cancelled orders never become deals.
 */
export const metaTrader5Report: PresetDefinition = {
  id: 'mt5_report',
  label: 'MetaTrader 5 trade history report',
  detect(file): Detection | null {
    const rows = reportRows(file, false);
    const header = dealsHeader(rows);
    const titled = rows.slice(0, 5).some((r) => r.cells.some((c) => /Trade History Report/i.test(c)));
    if (!header)
      return titled ? { confidence: 'possible', reason: 'it is a MetaTrader 5 trade history report, but its first part shows no Deals table' } : null;
    if (header.unknown.length > 0) return { confidence: 'likely', reason: `its Deals table also has ${header.unknown.join(', ')}` };
    return { confidence: 'certain', reason: `it is a MetaTrader 5 report with its Deals table${titled ? ' under a Trade History Report title' : ''}` };
  },
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [], openPositions: [] };
    const rows = reportRows(file, true);
    const header = dealsHeader(rows);
    if (!header) return { ...out, problems: [{ line: 1, message: 'the report has no Deals table' }] };
    const accountRow = rows.slice(0, header.at).find((r) => r.cells.some((c) => /^Account:?$/i.test(c)));
    const accountText = accountRow?.cells.filter((c) => c !== '' && !/^Account:?$/i.test(c)).join(' ') ?? '';
    const account = /(\d{3,})/.exec(accountText)?.[1] ?? '';
    const currency = /\(([A-Z]{3})[,)]/.exec(accountText)?.[1] ?? null;
    const entries = new Map<string, Entry[]>();
    let other = 0;
    let reported: Decimal | null = null;
    const num = (text: string) => {
      const parsed = parseBrokerNumber(text, 'dot');
      return parsed.ok ? parsed.value : null;
    };
    for (const row of rows.slice(header.at + 1)) {
      if (sectionOf(row)) break;
      const cell = (key: string) => row.cells[header.positions.get(key) ?? -1] ?? '';
      if (!/^\d+$/.test(cell('deal'))) continue;
      const type = cell('type').toLowerCase();
      if (type !== 'buy' && type !== 'sell') {
        other += 1;
        continue;
      }
      const direction = cell('direction').toLowerCase().replace(/\s+/g, '');
      const costs = ['commission', 'fee'].reduce((sum, key) => sum.plus(num(cell(key))?.abs() ?? 0), new Decimal(0));
      const symbolKey = cell('symbol').toUpperCase();
      const book = entries.get(symbolKey) ?? [];
      entries.set(symbolKey, book);
      if (direction === 'in') {
        const volume = num(cell('volume'));
        const price = num(cell('price'));
        if (volume === null || price === null) out.problems.push({ line: row.line, message: 'the deal’s volume or price is not a number' });
        else book.push({ volume, price, costs, time: cell('time'), line: row.line });
        continue;
      }
      // Closing: take the entries it closes, first in first out, with their share of the costs.
      let left = num(cell('volume')) ?? new Decimal(0);
      let entryCosts = new Decimal(0);
      let entryValue = new Decimal(0);
      let closed = new Decimal(0);
      let openedAt = '';
      while (left.greaterThan(0) && book.length > 0) {
        const entry = book[0]!;
        const take = Decimal.min(left, entry.volume);
        const share = take.equals(entry.volume) ? entry.costs : entry.costs.times(take).dividedBy(entry.volume).toDecimalPlaces(2);
        entryCosts = entryCosts.plus(share);
        entryValue = entryValue.plus(entry.price.times(take));
        closed = closed.plus(take);
        openedAt ||= entry.time;
        entry.costs = entry.costs.minus(share);
        entry.volume = entry.volume.minus(take);
        left = left.minus(take);
        if (entry.volume.isZero()) book.shift();
      }
      const built = buildClosedTrade(
        {
          line: row.line,
          account,
          symbol: cell('symbol'),
          side: type === 'sell' ? 'long' : 'short',
          quantity: cell('volume'),
          entryPrice: closed.isZero() ? '' : entryValue.dividedBy(closed).toDecimalPlaces(10).toString(),
          exitPrice: cell('price'),
          openedAt,
          closedAt: cell('time'),
          dateFormat: 'auto',
          grossPnl: cell('profit'),
          extras: [
            { name: 'the commission and fee', text: costs.plus(entryCosts).toString(), kind: 'fee' },
            { name: 'the swap', text: cell('swap'), kind: 'pnl' },
          ],
          identity: `metatrader5\u0000${account}\u0000${cell('deal')}`,
          currency,
        },
        { ...context, decimalStyle: 'dot' },
      );
      if ('trade' in built) out.trades.push(built.trade);
      else out.problems.push(built.problem);
    }
    for (const row of rows) {
      const at = row.cells.findIndex((c) => /^Total Net Profit:?$/i.test(c));
      if (at !== -1) reported = num(row.cells.slice(at + 1).find((c) => c !== '') ?? '');
    }
    for (const [symbol, book] of entries)
      for (const entry of book)
        out.openPositions!.push({ line: entry.line, account: account || 'default', symbol, quantity: entry.volume, price: entry.price, id: null });
    if (other > 0) out.notes.push(`${other} balance, credit and other non-trading deals are not trades and were left out.`);
    out.notes.push(`MetaTrader writes its server’s time; times were read in ${context.timeZone}.`);
    if (reported !== null) {
      const net = out.trades.reduce((sum, t) => sum.plus(t.netPnl), new Decimal(0));
      out.notes.push(
        net.equals(reported)
          ? `The trades add up to the report’s own Total Net Profit (${toMoneyString(reported)}).`
          : `The report’s Total Net Profit is ${toMoneyString(reported)}, but the trades read add up to ${toMoneyString(net)}.`,
      );
    }
    return out;
  },
};
