/**
 * Option symbols in the spellings brokers use, so an option is multiplied by its contract size
 * (100 shares) even where the file has no multiplier column:
 * - OCC: `SPY240611C00537000`, or padded `SPY   240611C00537000` (Webull, tastytrade, IBKR);
 * - Schwab: `SPY 06/21/2024 530.00 C`;
 * - IBKR descriptions: `CLOV 16JUL21 20.0 C`;
 * - Fidelity and thinkorswim's dotted form: `-AAPL240621C190`, `.SPY240621P530`;
 * - TD Ameritrade: `SPY_062124C530`.
 */
const OCC = /^([A-Z][A-Z0-9.]{0,5})\s*(\d{6})([CP])(\d{8})$/;
const SCHWAB = /^[A-Z][A-Z0-9./]*\s+\d{2}\/\d{2}\/\d{4}\s+\d+(?:\.\d+)?\s+[CP]$/;
const IBKR = /^[A-Z][A-Z0-9./]*\s+\d{1,2}[A-Z]{3}\d{2}\s+\d+(?:\.\d+)?\s+[CP]$/;
const DOTTED = /^[-.][A-Z][A-Z0-9]{0,5}\d{6}[CP]\d+(?:\.\d+)?$/;
const UNDERSCORED = /^[A-Z][A-Z0-9]{0,5}_\d{6}[CP]\d+(?:\.\d+)?$/;

export function isOptionSymbol(symbol: string): boolean {
  let option = optionCache.get(symbol);
  if (option === undefined) {
    if (optionCache.size >= CACHE_LIMIT) optionCache.clear();
    const text = symbol.trim().toUpperCase();
    option = OCC.test(text) || SCHWAB.test(text) || IBKR.test(text) || DOTTED.test(text) || UNDERSCORED.test(text);
    optionCache.set(symbol, option);
  }
  return option;
}

/** A file names the same symbols on many rows: each spelling is tested once. */
const optionCache = new Map<string, boolean>();
const CACHE_LIMIT = 10_000;

/** One spelling per OCC contract (the padding removed), so FIFO sees one instrument. */
export function instrumentKey(symbol: string): string {
  const text = symbol.trim().toUpperCase();
  const occ = OCC.exec(text);
  return occ ? `${occ[1]}${occ[2]}${occ[3]}${occ[4]}` : text;
}

/** Shares per contract: 100 for an equity option, 1 for anything else. */
export function shareMultiplier(symbol: string): '100' | '1' {
  return isOptionSymbol(symbol) ? '100' : '1';
}
