/** Dollars per point of the front futures contracts traders use most, by root symbol. */
export const BUILT_IN_POINT_VALUES: Readonly<Record<string, string>> = {
  ES: '50',
  MES: '5',
  NQ: '20',
  MNQ: '2',
  RTY: '50',
  M2K: '5',
  YM: '5',
  MYM: '0.5',
  EMD: '100',
  CL: '1000',
  MCL: '100',
  QM: '500',
  NG: '10000',
  QG: '2500',
  RB: '42000',
  HO: '42000',
  GC: '100',
  MGC: '10',
  SI: '5000',
  SIL: '1000',
  HG: '25000',
  MHG: '2500',
  PL: '50',
  PA: '100',
  ZB: '1000',
  UB: '1000',
  ZN: '1000',
  TN: '1000',
  ZF: '1000',
  ZT: '2000',
  '6E': '125000',
  M6E: '12500',
  '6J': '12500000',
  '6B': '62500',
  M6B: '6250',
  '6A': '100000',
  M6A: '10000',
  '6C': '100000',
  '6S': '125000',
  ZC: '50',
  ZS: '50',
  ZW: '50',
  ZM: '100',
  ZL: '600',
  HE: '400',
  LE: '400',
  GF: '500',
  BTC: '5',
  MBT: '0.1',
  ETH: '50',
  MET: '0.1',
  FDAX: '25',
  FDXM: '5',
  FESX: '10',
  FGBL: '1000',
};

const MONTHS = 'FGHJKMNQUVXZ';
const MONTH_NAMES = 'JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC';
const SPACED_MONTH = new RegExp(`^([A-Z0-9]{1,4})\\s+(?:${MONTH_NAMES})\\d{2}$`);
const SPACED_NUMERIC = /^([A-Z0-9]{1,4})\s+\d{2}-\d{2}$/;
const MONTH_CODED = new RegExp(`^([A-Z0-9]{1,4}?)[${MONTHS}](\\d{1,2}|\\d{4})$`);

/**
 * The root of a futures contract symbol in the spellings platforms use: `MNQM6`, `MNQU26`,
 * `ESZ2025`, `MNQ MAR25`, `NQ 03-25`, `/MESM6` (thinkorswim), `@ES` or `ESH5.CME`. Null for
 * anything that doesn't look like a futures contract.
 */
export function futuresRoot(symbol: string): string | null {
  let root = rootCache.get(symbol);
  if (root === undefined) {
    if (rootCache.size >= CACHE_LIMIT) rootCache.clear();
    root = rootOf(symbol);
    rootCache.set(symbol, root);
  }
  return root;
}

/** A file names the same few contracts on every row: each spelling is read once. */
const rootCache = new Map<string, string | null>();
const CACHE_LIMIT = 10_000;

function rootOf(symbol: string): string | null {
  const text = symbol
    .trim()
    .toUpperCase()
    .replace(/^[/@]/, '')
    .replace(/\.[A-Z]+$/, '');
  const spaced = SPACED_MONTH.exec(text) ?? SPACED_NUMERIC.exec(text);
  if (spaced) return spaced[1]!;
  const coded = MONTH_CODED.exec(text);
  if (coded) return coded[1]!;
  return null;
}

export type PointValueLookup = { ok: true; root: string; value: string } | { ok: false; reason: string };

/**
 * The point value of a futures symbol: the trader's own table first, then the built-in one.
 * An unknown root is an error naming the symbol, never a silent multiplier of 1.
 */
export function pointValueOf(symbol: string, overrides: Readonly<Record<string, string>> = {}): PointValueLookup {
  const root = futuresRoot(symbol) ?? symbol.trim().toUpperCase().replace(/^[/@]/, '');
  const value = overrides[root] ?? BUILT_IN_POINT_VALUES[root];
  if (value === undefined) return { ok: false, reason: `no point value is known for ${symbol.trim()} (root ${root}); add it under Settings → Point values` };
  return { ok: true, root, value };
}
