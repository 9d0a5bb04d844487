/** A fill's direction, and what the file says it does to the position. */
export interface SideRead {
  side: 'buy' | 'sell';
  effect: 'open' | 'close' | null;
}

const CODES: Readonly<Record<string, SideRead>> = {
  bto: { side: 'buy', effect: 'open' },
  btc: { side: 'buy', effect: 'close' },
  bc: { side: 'buy', effect: 'close' },
  cover: { side: 'buy', effect: 'close' },
  sto: { side: 'sell', effect: 'open' },
  stc: { side: 'sell', effect: 'close' },
  ss: { side: 'sell', effect: 'open' },
  short: { side: 'sell', effect: 'open' },
  // TopstepX / ProjectX orders name the side of the book the order took.
  bid: { side: 'buy', effect: null },
  ask: { side: 'sell', effect: null },
};

const BUY = /^(?:buy|bought|bot|b|long|purchase|purchased)\b/;
const SELL = /^(?:sell|sold|sld|s|short)\b/;

/**
 * Reads the side as brokers write it: `Buy`/`Sell`, `B`/`S`, `BOT`/`SLD`, option action codes
 * (`BUY_TO_OPEN`, `BTO`, `Sell to Close`, `STC`, `STO`, `BTC`), short sales and covers
 * (`Sell Short`, `SS`, `Buy to Cover`), Fidelity's `YOU BOUGHT OPENING TRANSACTION`, and
 * ProjectX's `Bid`/`Ask`.
 * Null for anything that names no direction (a dividend, a transfer).
 */
export function readSide(raw: string): SideRead | null {
  let read = sideCache.get(raw);
  if (read === undefined) {
    if (sideCache.size >= CACHE_LIMIT) sideCache.clear();
    read = sideOf(raw);
    sideCache.set(raw, read);
  }
  return read;
}

/** A file writes the same few side texts on every row: each is read once (the results are shared, never changed). */
const sideCache = new Map<string, SideRead | null>();
const CACHE_LIMIT = 1_000;

function sideOf(raw: string): SideRead | null {
  const text = raw
    .toLowerCase()
    .replace(/[_\-–]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^you /, '');
  const code = CODES[text];
  if (code) return code;
  const side = BUY.test(text) ? 'buy' : SELL.test(text) ? 'sell' : null;
  if (side === null) return null;
  const rest = text.replace(BUY, '').replace(SELL, '');
  if (side === 'sell' && (/^short\b/.test(text) || /\bshort\b/.test(rest))) return { side, effect: 'open' };
  if (/\b(?:to close|closing|close|to cover|cover)\b/.test(rest)) return { side, effect: 'close' };
  if (/\b(?:to open|opening|open)\b/.test(rest)) return { side, effect: 'open' };
  return { side, effect: null };
}
