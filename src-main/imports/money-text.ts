import { Decimal } from '../money/money.ts';

export type DecimalStyle = 'dot' | 'comma' | 'auto';
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Reads a number as broker exports write it: `$1,200.00`, `$(400.00)` and `($75.90)` as
 * negatives, `-49`, `+500`, `39,30 $` with a decimal comma, currency symbols or codes, spaces
 * and thousands separators. Anything else is a failure with a reason, never NaN or zero.
 */
export function parseBrokerNumber(raw: string, style: DecimalStyle = 'auto'): Parsed<Decimal> {
  // Most cells are plain numbers; they skip the symbol and separator handling below.
  if (style !== 'comma') {
    const plain = plainNumber(raw);
    if (plain !== null) return plain;
  }
  // Spaces of any kind and apostrophes (1'234.50) group thousands; `@` and `~` prefix a price.
  let text = raw
    .trim()
    .replace(/[\u00a0\u202f\s]/g, '')
    .replace(/(\d)['’](?=\d{3}(?!\d))/g, '$1')
    .replace(/^[@~≈]+/, '');
  if (text === '') return { ok: false, reason: 'is empty' };
  let negative = false;
  if (/^\(.*\)$/.test(text) || /^[^\d(-]*\(.*\)[^\d)]*$/.test(text)) {
    negative = true;
    text = text.replace(/[()]/g, '');
  }
  text = text.replace(/^(?:[A-Z]{3}|[$€£¥₹₩₣]|US\$|C\$|A\$|kr|CHF)+/i, '').replace(/(?:[A-Z]{3}|[$€£¥₹₩₣]|kr|CHF)+$/i, '');
  if (text.startsWith('-') || text.startsWith('−')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  text = text.replace(/^(?:[$€£¥]|US\$)/, '');
  if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  // A spreadsheet that saved the file writes its smallest amounts in exponent form (`3.14E-05`).
  const normalised = SCIENTIFIC.test(text) ? text : normaliseSeparators(text, style);
  if (normalised === null || !(/^\d+(\.\d+)?$/.test(normalised) || SCIENTIFIC.test(normalised)))
    return { ok: false, reason: `"${raw.trim().slice(0, 40)}" is not a number` };
  const value = new Decimal(normalised);
  return { ok: true, value: negative ? value.negated() : value };
}

/**
 * A file repeats the same quantities, fees, prices and point values thousands of times;
 * decimals are immutable, so each distinct text is parsed once (the cache is bounded).
 */
const plainCache = new Map<string, Decimal>();
export function plainDecimal(text: string): Decimal {
  let value = plainCache.get(text);
  if (value === undefined) {
    if (plainCache.size >= 50_000) plainCache.clear();
    value = new Decimal(text);
    plainCache.set(text, value);
  }
  return value;
}

const PLAIN_NUMBER = /^-?\d{1,15}(\.\d{1,12})?$/;
const SCIENTIFIC = /^\d+(?:\.\d+)?[eE][-+]?\d{1,2}$/;

/** A plain number's result, shared per text like its decimal (results are never changed): a row reads three of them. */
const plainResults = new Map<string, { ok: true; value: Decimal } | null>();
function plainNumber(raw: string): { ok: true; value: Decimal } | null {
  let result = plainResults.get(raw);
  if (result === undefined) {
    if (plainResults.size >= 50_000) plainResults.clear();
    result = PLAIN_NUMBER.test(raw) ? { ok: true, value: plainDecimal(raw) } : null;
    plainResults.set(raw, result);
  }
  return result;
}
const GROUPED = { ',': /^\d{1,3}(,\d{3})+$/, '.': /^\d{1,3}(\.\d{3})+$/ } as const;

/** Decides which of `.` and `,` is the decimal mark and removes grouping. */
function normaliseSeparators(text: string, style: DecimalStyle): string | null {
  const dots = (text.match(/\./g) ?? []).length;
  const commas = (text.match(/,/g) ?? []).length;
  let decimal: '.' | ',' | null;
  if (style === 'dot') decimal = '.';
  else if (style === 'comma') decimal = ',';
  else if (dots > 0 && commas > 0) decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
  else if (commas === 1 && dots === 0) decimal = /,\d{3}$/.test(text) && !/^0,/.test(text) ? null : ',';
  else if (commas > 1) decimal = null;
  else decimal = '.';
  const group = decimal === ',' ? '.' : ',';
  if (decimal === null) return /^\d{1,3}(,\d{3})+$/.test(text) ? text.replace(/,/g, '') : null;
  const [whole, fraction, extra] = text.split(decimal);
  if (extra !== undefined) return null;
  if (whole!.includes(group) && !GROUPED[group].test(whole!)) return null;
  const digits = whole!.split(group).join('');
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}
