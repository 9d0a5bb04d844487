import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalOfMicros, differenceOf, grossOf, microsOf, sumOf, textOf } from '../../src-main/imports/exact-micros.ts';
import { Decimal } from '../../src-main/money/money.ts';

/** A decimal text with up to `places` decimals, signed or not. */
const decimalText = (places: number, signed = true, max = 10n ** 13n) =>
  fc
    .tuple(fc.bigInt({ min: signed ? -max : 0n, max }), fc.integer({ min: 0, max: places }))
    .map(([digits, scale]) => new Decimal(digits.toString()).dividedBy(10 ** scale));

const beyondSafe = (value: Decimal) => value.abs().greaterThan(Number.MAX_SAFE_INTEGER);

describe('exact arithmetic in micros for imports (the fast path of matching)', () => {
  it('gives the same lot P&L as decimal.js, or declines (finer than micros, or beyond a safe integer) and leaves it to decimal.js', () => {
    let computed = 0;
    fc.assert(
      fc.property(
        decimalText(7, false, 10n ** 7n),
        decimalText(7, false, 10n ** 7n),
        decimalText(3, false, 10n ** 3n),
        decimalText(3, false, 10n ** 3n),
        (exit, entry, quantity, pointValue) => {
          const exact = exit.minus(entry).times(quantity).times(pointValue);
          const fast = grossOf(exit, entry, quantity, pointValue);
          if (fast !== null) {
            computed += 1;
            expect(fast.equals(exact)).toBe(true);
            return;
          }
          const moveMicros = exit.minus(entry).times(1_000_000);
          const byQuantity = moveMicros.times(quantity).times(10 ** quantity.decimalPlaces());
          const scaled = byQuantity.times(pointValue).times(10 ** pointValue.decimalPlaces());
          const reason = microsOf(exit) === null || microsOf(entry) === null || exact.decimalPlaces() > 6 || beyondSafe(byQuantity) || beyondSafe(scaled);
          expect(reason).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
    // The generator reaches both paths.
    expect(computed).toBeGreaterThan(100);
  });

  it('sums and subtracts exactly in micros, and leaves amounts finer than micros or too large to decimals', () => {
    fc.assert(
      fc.property(decimalText(6), decimalText(6), (a, b) => {
        const sum = sumOf(a, b);
        if (sum === null) expect(beyondSafe(a.times(1e6)) || beyondSafe(b.times(1e6)) || beyondSafe(a.plus(b).times(1e6))).toBe(true);
        else expect(sum.equals(a.plus(b))).toBe(true);
        const difference = differenceOf(a, b);
        if (difference === null) expect(beyondSafe(a.times(1e6)) || beyondSafe(b.times(1e6)) || beyondSafe(a.minus(b).times(1e6))).toBe(true);
        else expect(difference.equals(a.minus(b))).toBe(true);
      }),
    );
    expect(sumOf(new Decimal('0.0000001'), new Decimal(1))).toBeNull();
    expect(microsOf(new Decimal('-90.463462'))).toBe(-90_463_462);
    expect(microsOf(new Decimal('1e20'))).toBeNull();
  });

  it('never returns a negative zero, and shares one decimal per amount', () => {
    const zero = differenceOf(new Decimal('-1.5'), new Decimal('-1.5'))!;
    expect(zero.isNegative()).toBe(false);
    expect(decimalOfMicros(1_240_000)).toBe(decimalOfMicros(1_240_000));
    expect(textOf(new Decimal('21000.50'))).toBe('21000.5');
  });
});
