import DecimalBase from 'decimal.js';

/**
 * Money in Sessionguard has three forms, each with its own type so they can't mix:
 * - `Decimal`: arithmetic, only inside the core (this configured clone, never the global one);
 * - `Micros`: integer millionths of the account currency, the storage form, so SQL sums and
 *   orders amounts exactly (a broker's P&L such as -90.463462 is kept as it is);
 * - `MoneyString`: a plain decimal string, the form that crosses IPC and reaches the renderer.
 * Percentages are stored as integer basis points (hundredths of a percent) and cross IPC as
 * `PercentString` with exactly two decimals.
 *
 * Rounding happens only in `rounding.ts`; every conversion here refuses a value it would
 * have to round.
 */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = DecimalBase;

export type Micros = number & { readonly __unit: 'micros' };
export type BasisPoints = number & { readonly __unit: 'basis-points' };
export type MoneyString = string & { readonly __form: 'money-string' };
export type PercentString = string & { readonly __form: 'percent-string' };

export const MICROS_PER_UNIT = 1_000_000;
export const MONEY_DECIMALS = 6;
const MONEY_PATTERN = /^-?\d{1,15}(\.\d{1,6})?$/;

export class MoneyConversionError extends Error {}

/** Reads a plain decimal string (the IPC form); throws on anything else. */
export function parseMoneyString(text: string): Decimal {
  if (!MONEY_PATTERN.test(text)) throw new MoneyConversionError(`not a money amount: "${text}"`);
  return new Decimal(text);
}

export function isMoneyString(text: string): text is MoneyString {
  return MONEY_PATTERN.test(text);
}

export function toMicros(amount: Decimal): Micros {
  const scaled = amount.times(MICROS_PER_UNIT);
  if (!scaled.isInteger()) throw new MoneyConversionError(`${amount.toString()} has more than ${MONEY_DECIMALS} decimals; round it first`);
  const value = scaled.toNumber();
  // Integers beyond 2^53 lose exactness as JS numbers; 9 billion units is far beyond any account.
  if (!Number.isSafeInteger(value)) throw new MoneyConversionError(`${amount.toString()} is too large to store exactly`);
  return (Object.is(value, -0) ? 0 : value) as Micros;
}

/** A millionth, to scale micros by: the product is exact (16 digits at most), and far cheaper than decimal.js's division. */
const ONE_MICRO = new Decimal(1).dividedBy(MICROS_PER_UNIT);

export function fromMicros(micros: number): Decimal {
  if (!Number.isSafeInteger(micros)) throw new MoneyConversionError(`stored amount ${micros} is not an exact integer`);
  return new Decimal(micros).times(ONE_MICRO);
}

/** At least two decimals ("12.50"), more only when the amount has them ("-90.463462"). */
export function toMoneyString(amount: Decimal): MoneyString {
  const fixed = amount.toFixed(MONEY_DECIMALS);
  const trimmed = fixed.replace(/(\.\d\d\d*?)0+$/, '$1');
  return (trimmed === '-0.00' ? '0.00' : trimmed) as MoneyString;
}

/**
 * Straight from storage to text, in integer arithmetic on the number itself (a safe integer's
 * remainder and quotient by a million are exact): the hot path of every view, several per trade.
 */
export function microsToMoneyString(micros: number): MoneyString {
  if (!Number.isSafeInteger(micros)) throw new MoneyConversionError(`stored amount ${micros} is not an exact integer`);
  const magnitude = micros < 0 ? -micros : micros;
  const fraction = magnitude % MICROS_PER_UNIT;
  const units = (magnitude - fraction) / MICROS_PER_UNIT;
  // At least two decimals, more only when the amount has them.
  let digits = '00';
  if (fraction !== 0) {
    digits = String(fraction).padStart(MONEY_DECIMALS, '0');
    let end = MONEY_DECIMALS;
    while (end > 2 && digits.charCodeAt(end - 1) === 48) end -= 1;
    digits = digits.slice(0, end);
  }
  return `${micros < 0 ? '-' : ''}${units}.${digits}` as MoneyString;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * Micros as `bigint`, the session ledger's form: exact sums at any size, cheap to replay.
 * Back to the storage form only while it stays a safe integer.
 */
export function microsToBig(micros: number): bigint {
  if (!Number.isSafeInteger(micros)) throw new MoneyConversionError(`stored amount ${micros} is not an exact integer`);
  return BigInt(micros);
}

export function bigToMicros(value: bigint): Micros {
  if (value > MAX_SAFE || value < MIN_SAFE) throw new MoneyConversionError(`${value} micros is too large to store exactly`);
  return Number(value) as Micros;
}

/**
 * An exact sum of micros, kept as a number while it is a safe integer and carried on in `bigint`
 * past that: summing an import's 50,000 trades makes no `bigint` for each of them.
 */
export class MicrosTotal {
  private small = 0;
  private big = 0n;
  /** `micros` is a safe integer, as every stored amount is. */
  add(micros: number): void {
    const next = this.small + micros;
    // Two safe integers add exactly whenever their sum is one; a sum past that is carried exactly.
    if (Number.isSafeInteger(next)) this.small = next;
    else {
      this.big += BigInt(this.small) + BigInt(micros);
      this.small = 0;
    }
  }
  get value(): bigint {
    return this.big + BigInt(this.small);
  }
}

/**
 * Ledger micros to text: in integers while they are a safe integer (every amount a trader
 * sees), in decimals past that. The ledger's messages and events write several per breach.
 */
export function bigToMoneyString(value: bigint): MoneyString {
  if (value <= MAX_SAFE && value >= MIN_SAFE) return microsToMoneyString(Number(value));
  return toMoneyString(bigToDecimal(value));
}

export function bigToDecimal(value: bigint): Decimal {
  return new Decimal(value.toString()).dividedBy(MICROS_PER_UNIT);
}

export function decimalToBig(amount: Decimal): bigint {
  return BigInt(toMicros(amount));
}

export function toBasisPoints(percent: Decimal): BasisPoints {
  const scaled = percent.times(100);
  if (!scaled.isInteger()) throw new MoneyConversionError(`${percent.toString()} % has more than 2 decimals; round it first`);
  return scaled.toNumber() as BasisPoints;
}

export function fromBasisPoints(bp: number): Decimal {
  return new Decimal(bp).dividedBy(100);
}

export function toPercentString(percent: Decimal): PercentString {
  const fixed = percent.toFixed(2);
  return (fixed === '-0.00' ? '0.00' : fixed) as PercentString;
}

/** Integer hundredths of a percent as text ("83.33"), straight from integers. */
export function bigBasisPointsToPercentString(bp: bigint): PercentString {
  const negative = bp < 0n;
  const magnitude = negative ? -bp : bp;
  return `${negative ? '-' : ''}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}` as PercentString;
}

/** Stored basis points as text ("-12.50"), in integers like `microsToMoneyString`. */
export function basisPointsToPercentString(bp: number): PercentString {
  if (!Number.isSafeInteger(bp)) return toPercentString(fromBasisPoints(bp));
  return bigBasisPointsToPercentString(BigInt(bp));
}

export function sumMicros(values: readonly number[]): Micros {
  return toMicros(values.reduce((acc: Decimal, v) => acc.plus(fromMicros(v)), new Decimal(0)));
}
