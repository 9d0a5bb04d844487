import { isBlank, type CsvRow } from '../csv-text.ts';
import type { PresetOutput } from '../import-types.ts';
import { parseBrokerNumber } from '../money-text.ts';
import { Columns, detectByHeader, findHeader, type HeaderSpec } from './header-spec.ts';
import { buildFill, storableAmount } from './preset-context.ts';
import type { PresetDefinition } from './preset-definition.ts';

/**
 * Kraken's trades export, from the first layout (the thirteen columns required here) to today's,
 * which adds the asset class after the pair and the position columns at the end.
 */
const SPEC: HeaderSpec = {
  format: 'Kraken trades',
  required: ['txid', 'ordertxid', 'pair', 'time', 'type', 'ordertype', 'price', 'cost', 'fee', 'vol', 'margin', 'misc', 'ledgers'],
  optional: [
    'aclass',
    'subclass',
    'postxid',
    'posstatus',
    'posttxid',
    'posstatuscode',
    'cprice',
    'ccost',
    'cfee',
    'cvol',
    'cmargin',
    'net',
    'trades',
    'costusd',
    'leverage',
  ],
};

/** Kraken's own asset codes (`XXBT`, `XETH`, `ZUSD`) and their common names. */
const ASSETS: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };
const LEGACY_PAIR = /^[XZ][A-Z0-9]{3}[XZ][A-Z]{3}$/;
/** Quote currencies, longest first, to split a pair written without a slash (`SOLUSD`, `ETHUSDT`, `XETHZEUR`). */
const QUOTES = [
  'ZUSD',
  'ZEUR',
  'ZGBP',
  'ZCAD',
  'ZJPY',
  'ZCHF',
  'ZAUD',
  'XXBT',
  'XETH',
  'USDT',
  'USDC',
  'PYUSD',
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'JPY',
  'CHF',
  'AUD',
  'XBT',
  'ETH',
  'DAI',
];

/**
 * Kraken's trades export (History → Export → Trades): one row per execution with its own id,
 * times in UTC with a fraction of a second, pairs in Kraken's codes (`XXBTZUSD`, `XETHZEUR`) or
 * with a slash (`ALGO/EUR`). A buy opens, a sale closes; a spot sale with nothing open is no
 * known opening position, while a margin sale may open a short. Amounts are in the pair's quote
 * currency; fees finer than the millionth the app stores (a fee in bitcoin) are rounded to it.
 * The ledgers export is a cash history, never trades (`cash-history.ts`).
 */
export const krakenTrades: PresetDefinition = {
  id: 'kraken_trades',
  label: 'Kraken trades',
  detect: (file) => detectByHeader(file.head, SPEC),
  read(file, context) {
    const out: PresetOutput = { fills: [], trades: [], problems: [], notes: [] };
    const header = findHeader(file.head, SPEC);
    if (!header) return { ...out, problems: [{ line: 1, message: 'this is not a Kraken trades export: its header is missing' }] };
    const columns = new Columns(header.row.cells);
    const cell = (row: CsvRow, name: string) => columns.cell(row, name).trim();
    let roundedFees = 0;

    for (const row of file.rows()) {
      if (row.line <= header.row.line || isBlank(row)) continue;
      const pair = pairOf(cell(row, 'pair'));
      const margin = parseBrokerNumber(cell(row, 'margin') || '0', 'dot');
      const onMargin = margin.ok && !margin.value.isZero();
      const fee = storableAmount(cell(row, 'fee'));
      if (fee.rounded) roundedFees += 1;
      const built = buildFill(
        {
          line: row.line,
          sequence: row.line,
          account: 'Kraken',
          symbol: pair.symbol,
          side: cell(row, 'type'),
          quantity: cell(row, 'vol'),
          price: cell(row, 'price'),
          fees: fee.text,
          time: cell(row, 'time'),
          dateFormat: 'auto',
          fillKey: `kraken:${cell(row, 'txid') || `line-${row.line}`}`,
          currency: pair.quote,
          pointValue: '1',
          effect: /closing/i.test(cell(row, 'misc')) ? 'close' : null,
          shortable: onMargin,
        },
        // Kraken writes every time in UTC.
        { ...context, timeZone: 'UTC', decimalStyle: 'dot' },
      );
      if ('fill' in built) out.fills.push(built.fill);
      else out.problems.push(built.problem);
    }
    if (roundedFees > 0)
      out.notes.push(`${roundedFees} fees are finer than the millionth the app stores (fees in a crypto currency); they were rounded to it.`);
    return out;
  },
};

/** `XXBTZUSD` and `XBT/USD` as one instrument, `BTC/USD`, with the currency its amounts are in. */
function pairOf(raw: string): { symbol: string; quote: string | null } {
  const text = raw.toUpperCase();
  let base: string;
  let quote: string;
  const slash = text.indexOf('/');
  if (slash !== -1) {
    base = text.slice(0, slash);
    quote = text.slice(slash + 1);
  } else if (LEGACY_PAIR.test(text)) {
    // Kraken's first codes: four letters each, the first an X (crypto) or a Z (fiat).
    base = text.slice(1, 4);
    quote = text.slice(5);
  } else {
    const suffix = QUOTES.find((q) => text.length > q.length && text.endsWith(q));
    if (suffix === undefined) return { symbol: text, quote: null };
    base = text.slice(0, -suffix.length);
    quote = suffix.length === 4 && /^[XZ]/.test(suffix) && !/^USD/.test(suffix) ? suffix.slice(1) : suffix;
  }
  const name = (code: string) => ASSETS[code] ?? code;
  return { symbol: `${name(base)}/${name(quote)}`, quote: name(quote) };
}
