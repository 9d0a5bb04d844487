import { type Decimal, fromMicros, MONEY_DECIMALS } from '../money/money.ts';

/**
 * Exact arithmetic on an import's amounts in integer micros, where they fit: a file of 100,000
 * fills repeats the same prices, quantities, fees and results, so each distinct decimal is
 * turned into an integer once (decimals are immutable; the caches hold instances, never
 * change them) and each result comes back as a shared decimal. Anything finer than micros or
 * beyond a safe integer is left to decimal.js: every function here gives null then, and the
 * caller does the decimal operation instead. The results are the same either way.
 */

/** A decimal as `int` units of 10^-scale, exactly. */
interface Scaled {
  int: number;
  scale: number;
}

const POWERS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000];
const scaledCache = new WeakMap<Decimal, Scaled | null>();

function scaledOf(value: Decimal): Scaled | null {
  let scaled = scaledCache.get(value);
  if (scaled === undefined) {
    const places = value.decimalPlaces();
    const int = places < POWERS.length ? value.times(POWERS[places]!).toNumber() : Number.NaN;
    scaled = Number.isSafeInteger(int) ? { int: Object.is(int, -0) ? 0 : int, scale: places } : null;
    scaledCache.set(value, scaled);
  }
  return scaled;
}

/** The amount in micros, or null when it is finer than that or too large. */
export function microsOf(value: Decimal): number | null {
  const scaled = scaledOf(value);
  if (scaled === null || scaled.scale > MONEY_DECIMALS) return null;
  const micros = scaled.int * POWERS[MONEY_DECIMALS - scaled.scale]!;
  return Number.isSafeInteger(micros) ? micros : null;
}

const decimals = new Map<number, Decimal>();

/** One shared decimal per amount of micros (bounded). */
export function decimalOfMicros(micros: number): Decimal {
  let value = decimals.get(micros);
  if (value === undefined) {
    if (decimals.size >= 50_000) decimals.clear();
    value = fromMicros(micros);
    decimals.set(micros, value);
  }
  return value;
}

export function sumOf(a: Decimal, b: Decimal): Decimal | null {
  const x = microsOf(a);
  const y = microsOf(b);
  if (x === null || y === null) return null;
  const sum = x + y;
  return Number.isSafeInteger(sum) ? decimalOfMicros(sum) : null;
}

export function differenceOf(a: Decimal, b: Decimal): Decimal | null {
  const x = microsOf(a);
  const y = microsOf(b);
  if (x === null || y === null) return null;
  const difference = x - y;
  return Number.isSafeInteger(difference) ? decimalOfMicros(difference) : null;
}

/**
 * `(exit - entry) * quantity * pointValue` (a lot's gross P&L) when it is a whole number of
 * micros; null otherwise (the caller computes and rounds it with decimals).
 */
export function grossOf(exit: Decimal, entry: Decimal, quantity: Decimal, pointValue: Decimal): Decimal | null {
  const x = microsOf(exit);
  const y = microsOf(entry);
  const q = scaledOf(quantity);
  const v = scaledOf(pointValue);
  if (x === null || y === null || q === null || v === null) return null;
  const move = x - y;
  const byQuantity = move * q.int;
  const scaled = byQuantity * v.int;
  if (!Number.isSafeInteger(move) || !Number.isSafeInteger(byQuantity) || !Number.isSafeInteger(scaled)) return null;
  const divisor = POWERS[q.scale + v.scale];
  if (divisor === undefined || scaled % divisor !== 0) return null;
  return decimalOfMicros(scaled / divisor + 0);
}

const texts = new WeakMap<Decimal, string>();

/** A decimal's plain text, once per instance. */
export function textOf(value: Decimal): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = value.toString();
    texts.set(value, text);
  }
  return text;
}
