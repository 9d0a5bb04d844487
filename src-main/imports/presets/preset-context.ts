import { Decimal } from '../../money/money.ts';
import { parseBrokerDate } from '../date-text.ts';
import type { Fill, RowProblem } from '../import-types.ts';
import { parseBrokerNumber, plainDecimal, type DecimalStyle } from '../money-text.ts';
import { pointValueOf } from '../point-values.ts';
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
  /** 'futures' looks the multiplier up by root symbol; a number is used as given (1 for stocks, 100 for options). */
  pointValue: 'futures' | string;
  /** What the fill does when a column other than the side says so (an Open/Close column); else read from the side. */
  effect?: 'open' | 'close' | null;
  /** Whether a plain sell may open a short; futures can unless told otherwise. */
  shortable?: boolean;
  /** The time column holds only a date. */
  dateOnly?: boolean;
}

const ZERO = new Decimal(0);

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
    const lookup = pointValueOf(raw.symbol, context.pointValues);
    if (lookup.ok) pointValue = plainDecimal(lookup.value);
    else problems.push(lookup.reason);
  } else pointValue = plainDecimal(raw.pointValue);
  if (problems.length > 0 || !quantity.ok || !price.ok || !fees.ok || !time.ok || read === null || pointValue === null) {
    return { problem: { line: raw.line, message: problems.join('; ') } };
  }
  return {
    fill: {
      line: raw.line,
      sequence: raw.sequence,
      account: raw.account.trim() || 'default',
      symbol: raw.symbol.trim().toUpperCase(),
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
      dateOnly: raw.dateOnly ?? false,
    },
  };
}
