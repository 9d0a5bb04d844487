import { Decimal } from './money.ts';

/**
 * The one place money and percentages are rounded. Every rounding rule of the product is
 * here, each named for the value it produces, all half-up (the commercial rule a trader
 * expects: 0.005 becomes 0.01, -0.005 becomes -0.01).
 */

/** Loss-limit amount from a percentage of the balance: to the cent (PRODUCT.md section 2). */
export function roundLimitAmount(amount: Decimal): Decimal {
  return amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Any stored percentage (limit share, performance, usage): to 2 decimals. */
export function roundPercentage(percent: Decimal): Decimal {
  return percent.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** A computed trade P&L or fee (price x quantity x point value): to the storage precision. */
export function roundTradeAmount(amount: Decimal): Decimal {
  return amount.toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
}

/** A money average or expectancy shown to the trader (average win, average loss): to the cent. */
export function roundAverage(amount: Decimal): Decimal {
  return amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * A share compared with a threshold in a sentence ("risks 20.0002 %, more than 20 %"): at
 * least 2 decimals, up to 4, rounded away from zero so a share above the threshold never
 * reads as equal to it. Display only; nothing stores it.
 */
export function roundShareForSentence(percent: Decimal): string {
  const exact = percent.toDecimalPlaces(4, Decimal.ROUND_UP);
  return exact.decimalPlaces() <= 2 ? exact.toFixed(2) : exact.toString();
}

/** A ratio such as the profit factor: to 2 decimals. */
export function roundRatio(ratio: Decimal): Decimal {
  return ratio.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** An average count or number of minutes shown to the trader (trades after a warning): to 1 decimal. */
export function roundAverageCount(value: Decimal): Decimal {
  return value.toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
}

/**
 * A share `numerator / denominator` (both micros or counts, the denominator above 0) in
 * hundredths of a percent, half-up, in integers: the room-left figures of every session view,
 * which are computed for each trade and must stay cheap.
 */
export function shareInBasisPoints(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 20_000n + denominator) / (2n * denominator);
}

/**
 * `numerator / denominator` in hundredths of a percent for a signed numerator (the denominator
 * above 0), half-up away from zero like `roundPercentage`: a session's performance, computed for
 * every trade, in integers.
 */
export function signedShareInBasisPoints(numerator: bigint, denominator: bigint): bigint {
  return numerator < 0n ? -shareInBasisPoints(-numerator, denominator) : shareInBasisPoints(numerator, denominator);
}
