import { createHash } from 'node:crypto';
import { Decimal, MONEY_DECIMALS } from '../../money/money.ts';
import { roundTradeAmount } from '../../money/rounding.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { ClosedTrade, Fill, PositionEvent, RowProblem } from '../import-types.ts';
import { parseBrokerNumber, plainDecimal, type DecimalStyle } from '../money-text.ts';
import { pointValueOf } from '../point-values.ts';
import { instrumentKey, isOptionSymbol, shareMultiplier } from '../instruments.ts';
import { readSide } from '../side-text.ts';

/** What every preset needs to read rows: the file's zone, number style and point values. */
export interface PresetContext {
  timeZone: string;
  decimalStyle: DecimalStyle;
  pointValues: Readonly<Record<string, string>>;
}

export interface RawFill {
  line: number;
  sequence: number;
  account: string;
  symbol: string;
  side: string;
  quantity: string;
  price: string;
  fees: string;
  time: string;
  dateFormat: string;
  fillKey: string;
  currency: string | null;
  /**
   * 'futures' looks the multiplier up by root symbol; a number is used as given, except that 1
   * (shares) on a symbol that is an option (`SPY240611C00537000`) is its contract's 100.
   */
  pointValue: 'futures' | string;
  /** What the fill does when a column other than the side says so (an Open/Close column); else read from the side. */
  effect?: 'open' | 'close' | null;
  /** Whether a plain sell may open a short; futures can unless told otherwise. */
  shortable?: boolean;
  /** The time column holds only a date; absent, a time text with no time of day (`06/03/2024`) says so. */
  dateOnly?: boolean;
}

const ZERO = new Decimal(0);
/** A date with no time of day: `06/03/2024`, `2024-06-03`, `20240603`, `3.6.2024`. */
const DATE_ONLY = /^\s*(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{8})\s*$/;

/** A file names the same few contracts on every row: each symbol is looked up once per table of the trader's point values. */
const futuresPointValues = new WeakMap<Readonly<Record<string, string>>, Map<string, { ok: true; value: Decimal } | { ok: false; reason: string }>>();

function futuresPointValue(symbol: string, overrides: Readonly<Record<string, string>>): { ok: true; value: Decimal } | { ok: false; reason: string } {
  let bySymbol = futuresPointValues.get(overrides);
  if (!bySymbol) {
    bySymbol = new Map();
    futuresPointValues.set(overrides, bySymbol);
  }
  let found = bySymbol.get(symbol);
  if (found === undefined) {
    if (bySymbol.size >= 10_000) bySymbol.clear();
    const lookup = pointValueOf(symbol, overrides);
    found = lookup.ok ? { ok: true, value: plainDecimal(lookup.value) } : lookup;
    bySymbol.set(symbol, found);
  }
  return found;
}

/**
 * One string per account or symbol text (bounded): each row's cell is its own copy, and a fill
 * keeps it, as do its trade and that trade's row, through a preview of 100,000 fills.
 */
const names = new Map<string, string>();
function shared(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= 10_000) names.clear();
    name = text;
    names.set(text, name);
  }
  return name;
}

/** Reads one execution, or says exactly what is wrong with its row. */
export function buildFill(raw: RawFill, context: PresetContext): { fill: Fill } | { problem: RowProblem } {
  const problems: string[] = [];
  const read = readSide(raw.side);
  if (read === null) problems.push(`side "${raw.side}" is neither buy nor sell`);
  const quantity = parseBrokerNumber(raw.quantity, 'dot');
  if (!quantity.ok) problems.push(`quantity ${quantity.reason}`);
  else if (quantity.value.isZero()) problems.push('quantity is 0');
  const price = parseBrokerNumber(raw.price, context.decimalStyle);
  if (!price.ok) problems.push(`price ${price.reason}`);
  // A signed amount column mapped as the price would turn every buy into a gain.
  else if (price.value.isNegative()) problems.push(`the price ${raw.price.trim()} is negative; a price is never below 0 (is this an amount column?)`);
  const fees = raw.fees.trim() === '' ? ({ ok: true, value: ZERO } as const) : parseBrokerNumber(raw.fees, context.decimalStyle);
  if (!fees.ok) problems.push(`fees ${fees.reason}`);
  const time = parseBrokerDate(raw.time, raw.dateFormat, context.timeZone);
  if (!time.ok) problems.push(time.reason);
  if (raw.symbol.trim() === '') problems.push('the symbol is empty');
  let pointValue: Decimal | null = null;
  if (raw.pointValue === 'futures') {
    const lookup = futuresPointValue(raw.symbol, context.pointValues);
    if (lookup.ok) pointValue = lookup.value;
    else problems.push(lookup.reason);
  } else pointValue = plainDecimal(raw.pointValue === '1' && isOptionSymbol(raw.symbol) ? '100' : raw.pointValue);
  if (problems.length > 0 || !quantity.ok || !price.ok || !fees.ok || !time.ok || read === null || pointValue === null) {
    return { problem: { line: raw.line, message: problems.join('; ') } };
  }
  return {
    fill: {
      line: raw.line,
      sequence: raw.sequence,
      account: shared(raw.account.trim() || 'default'),
      symbol: shared(raw.symbol.trim().toUpperCase()),
      side: read.side,
      quantity: quantity.value.isNegative() ? quantity.value.abs() : quantity.value,
      price: price.value,
      fees: fees.value.isNegative() ? fees.value.abs() : fees.value,
      pointValue,
      time: time.value,
      fillKey: raw.fillKey,
      currency: raw.currency,
      effect: raw.effect !== undefined ? raw.effect : read.effect,
      shortable: raw.shortable ?? raw.pointValue === 'futures',
      dateOnly: raw.dateOnly ?? DATE_ONLY.test(raw.time),
    },
  };
}

export interface RawExpiry {
  line: number;
  account: string;
  symbol: string;
  /** The row's date: statements that report expiries give no time. */
  date: string;
  dateFormat: string;
  quantity: string;
  fillKey: string;
  currency: string | null;
}

/** An option leaving the account at no price (expired, assigned, exercised) on a newest-first statement's row, or what is wrong with its row. */
export function buildExpiry(raw: RawExpiry, timeZone: string): { event: PositionEvent } | { problem: RowProblem } {
  const time = parseBrokerDate(raw.date, raw.dateFormat, timeZone);
  const quantity = parseBrokerNumber(raw.quantity, 'dot');
  if (!time.ok || !quantity.ok || raw.symbol === '') {
    const message = [!time.ok && time.reason, !quantity.ok && `quantity ${quantity.reason}`, raw.symbol === '' && 'the symbol is empty']
      .filter(Boolean)
      .join('; ');
    return { problem: { line: raw.line, message } };
  }
  return {
    event: {
      kind: 'expire',
      line: raw.line,
      sequence: -raw.line,
      time: time.value,
      dateOnly: true,
      account: raw.account,
      symbol: instrumentKey(raw.symbol),
      fillKey: raw.fillKey,
      quantity: quantity.value.abs(),
      pointValue: plainDecimal(shareMultiplier(raw.symbol)),
      currency: raw.currency,
    },
  };
}

/**
 * An amount as the app can store it: one a file states finer than the millionth (IBKR's tiered
 * commissions, a Kraken fee in bitcoin) rounded to it, `rounded` saying so for the preset's note;
 * any other text (a coarser amount, or one that is not a number, to be its row's problem) as it is.
 */
export function storableAmount(text: string): { text: string; rounded: boolean } {
  const parsed = parseBrokerNumber(text, 'dot');
  if (!parsed.ok || parsed.value.decimalPlaces() <= MONEY_DECIMALS) return { text, rounded: false };
  return { text: roundTradeAmount(parsed.value).toString(), rounded: true };
}

/** Several fee cells as one cost, each counted whatever its sign; a cell that is not a number is passed on as it is, to be its row's problem. */
export function feesOf(texts: readonly string[]): string {
  return sumOfCells(texts, (value) => value.abs()).text;
}

/**
 * Number cells added up (blank ones left out), each as `count` takes it: the total, or the first
 * cell that is not a number as it is (`total` null), to be its row's problem.
 */
export function sumOfCells(texts: readonly string[], count: (value: Decimal) => Decimal = (value) => value): { text: string; total: Decimal | null } {
  let total = ZERO;
  for (const text of texts) {
    if (text.trim() === '') continue;
    const parsed = parseBrokerNumber(text, 'dot');
    if (!parsed.ok) return { text, total: null };
    total = total.plus(count(parsed.value));
  }
  return { text: total.toString(), total };
}

export interface RawClosedTrade {
  line: number;
  account: string;
  symbol: string;
  side: 'long' | 'short' | null;
  quantity: string;
  entryPrice: string;
  exitPrice: string;
  openedAt: string;
  closedAt: string;
  dateFormat: string;
  /** The result as the platform computed it, before the costs below. */
  grossPnl: string;
  /**
   * Cells beside the result, named for the messages: a `fee` is a cost whichever sign the file
   * gives it (commissions, exchange fees); a `pnl` part is added to the result as signed
   * (MetaTrader's swap, paid or earned).
   */
  extras: Array<{ name: string; text: string; kind: 'fee' | 'pnl' }>;
  /** Seed of the trade's id: the same closed trade in a later export gets the same id. */
  identity: string;
  currency: string | null;
}

/** Reads a trade a platform reports as closed, or says exactly what is wrong with its row. */
export function buildClosedTrade(raw: RawClosedTrade, context: PresetContext): { trade: ClosedTrade } | { problem: RowProblem } {
  const problems: string[] = [];
  const optional = (text: string, what: string, style: DecimalStyle = context.decimalStyle): Decimal | null => {
    if (text.trim() === '') return null;
    const parsed = parseBrokerNumber(text, style);
    if (parsed.ok) return parsed.value;
    problems.push(`${what} ${parsed.reason}`);
    return null;
  };
  const gross = parseBrokerNumber(raw.grossPnl, context.decimalStyle);
  if (!gross.ok) problems.push(`the P&L ${gross.reason}`);
  let fees = ZERO;
  let extra = ZERO;
  for (const part of raw.extras) {
    const value = optional(part.text, part.name);
    if (value === null) continue;
    if (part.kind === 'fee') fees = fees.plus(value.abs());
    else extra = extra.plus(value);
  }
  const quantity = optional(raw.quantity, 'the quantity', 'dot');
  const entryPrice = optional(raw.entryPrice, 'the entry price');
  const exitPrice = optional(raw.exitPrice, 'the exit price');
  if (entryPrice?.isNegative() || exitPrice?.isNegative()) problems.push('a price is negative');
  const closed = parseBrokerDate(raw.closedAt, raw.dateFormat, context.timeZone);
  if (!closed.ok) problems.push(`the close time: ${closed.reason}`);
  const opened = raw.openedAt.trim() === '' ? null : parseBrokerDate(raw.openedAt, raw.dateFormat, context.timeZone);
  if (opened && !opened.ok) problems.push(`the open time: ${opened.reason}`);
  if (raw.symbol.trim() === '') problems.push('the symbol is empty');
  if (problems.length > 0 || !gross.ok || !closed.ok) return { problem: { line: raw.line, message: problems.join('; ') } };
  const grossPnl = extra.isZero() ? gross.value : gross.value.plus(extra);
  return {
    trade: {
      lines: [raw.line],
      account: shared(raw.account.trim() || 'default'),
      symbol: shared(raw.symbol.trim().toUpperCase()),
      side: raw.side,
      quantity: quantity?.abs() ?? null,
      entryPrice,
      exitPrice,
      pointValue: null,
      openedAt: opened?.ok ? opened.value : null,
      closedAt: closed.value,
      grossPnl,
      fees,
      netPnl: grossPnl.minus(fees),
      currency: raw.currency,
      externalId: createHash('sha256').update(raw.identity).digest('base64url').slice(0, 32),
    },
  };
}
