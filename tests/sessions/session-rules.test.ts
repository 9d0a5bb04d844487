import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Decimal } from '../../src-main/money/money.ts';
import { validateSessionConfig } from '../../src-main/sessions/session-rules.ts';

const check = (balance: string, durationMinutes: number, lossLimit: { kind: 'percentage'; percentage: string } | { kind: 'amount'; amount: string }) =>
  validateSessionConfig(new Decimal(balance), { durationMinutes, lossLimit });
const codes = (r: ReturnType<typeof check>) => r.errors.map((e) => `${e.field}:${e.code}`);

describe('session rules (PRODUCT.md section 2)', () => {
  test.each([
    ['99.99', ['balance:balance_too_low']],
    ['100.00', []],
  ])('balance %s', (balance, expected) => {
    expect(codes(check(balance, 60, { kind: 'amount', amount: '9.00' }))).toEqual(expected);
  });

  test.each([
    ['8.99', ['lossLimit.amount:limit_too_small']],
    ['9.00', []],
  ])('loss limit %s', (amount, expected) => {
    expect(codes(check('1000.00', 60, { kind: 'amount', amount }))).toEqual(expected);
  });

  test('a limit equal to the balance is allowed (with the risk warning); one cent above is not', () => {
    const equal = check('500.00', 60, { kind: 'amount', amount: '500.00' });
    expect(equal.errors).toEqual([]);
    expect(equal.computed.lossLimitPercentage).toBe('100.00');
    expect(equal.warnings.map((w) => w.code)).toEqual(['high_risk']);
    expect(codes(check('500.00', 60, { kind: 'amount', amount: '500.01' }))).toEqual(['lossLimit.amount:limit_exceeds_balance']);
  });

  test.each([60, 240, 1440, 10080])('duration %i minutes is allowed', (minutes) => {
    expect(check('1000.00', minutes, { kind: 'percentage', percentage: '10' }).valid).toBe(true);
  });

  test.each([0, 30, 59, 61, 120, 10081, -60])('duration %i minutes is refused', (minutes) => {
    expect(codes(check('1000.00', minutes, { kind: 'percentage', percentage: '10' }))).toEqual(['durationMinutes:invalid_duration']);
  });

  test.each([
    ['333.33', '10', '33.33'],
    ['1000.05', '30', '300.02'],
    ['1000.15', '10', '100.02'],
    ['25000.00', '20', '5000.00'],
    ['100.00', '10', '10.00'],
  ])('preset: %s x %s %% = %s, rounded half-up to the cent', (balance, percentage, amount) => {
    const r = check(balance, 60, { kind: 'percentage', percentage });
    expect(r.computed.lossLimitAmount).toBe(amount);
    expect(r.computed.lossLimitPercentage).toBe(`${percentage}.00`);
  });

  test.each(['15', '5', '0', '100', 'ten'])('preset %s %% is not offered', (percentage) => {
    expect(codes(check('1000.00', 60, { kind: 'percentage', percentage }))).toEqual(['lossLimit.percentage:invalid_preset']);
  });

  test.each([
    ['3000.00', '100.00', '3.33'],
    ['3000.00', '200.00', '6.67'],
    ['777.77', '77.78', '10.00'],
  ])('custom amount: %s / %s -> %s %%', (balance, amount, percentage) => {
    expect(check(balance, 60, { kind: 'amount', amount }).computed.lossLimitPercentage).toBe(percentage);
  });

  test('more than two decimals in a custom amount is refused', () => {
    expect(codes(check('1000.00', 60, { kind: 'amount', amount: '10.005' }))).toEqual(['lossLimit.amount:invalid_amount']);
  });

  test('the risk warning starts above 20 %: 20.00 % is none, 20.01 % is one, 30 % preset is one', () => {
    expect(check('1000.00', 60, { kind: 'amount', amount: '200.00' }).warnings).toEqual([]);
    expect(check('1000.00', 60, { kind: 'amount', amount: '200.10' }).warnings.map((w) => w.code)).toEqual(['high_risk']);
    expect(check('1000.00', 60, { kind: 'percentage', percentage: '20' }).warnings).toEqual([]);
    expect(check('1000.00', 60, { kind: 'percentage', percentage: '30' }).warnings.map((w) => w.field)).toEqual(['lossLimit']);
  });

  test('the risk warning is exactly "amount over 20 % of the balance", whatever digits the balance has', () => {
    // Balances to the micro (as stored), amounts to the cent, around and at the 20 % line.
    const cases = fc.tuple(fc.bigInt({ min: 100_000_000n, max: 9_000_000_000_000_000n }), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(cases, ([balanceMicros, offsetCents]) => {
        const atTwentyCents = balanceMicros / 50_000n;
        const amountCents = atTwentyCents + BigInt(offsetCents);
        fc.pre(amountCents >= 900n && amountCents * 10_000n <= balanceMicros);
        const balance = new Decimal(balanceMicros.toString()).dividedBy(1_000_000).toFixed(6);
        const amount = new Decimal(amountCents.toString()).dividedBy(100).toFixed(2);
        const warned = check(balance, 60, { kind: 'amount', amount }).warnings.some((w) => w.code === 'high_risk');
        expect(warned).toBe(amountCents * 10_000n * 100n > balanceMicros * 20n);
      }),
      { numRuns: 2000 },
    );
  });

  test('every problem at once, each with field, code and message, plus the computed values', () => {
    const r = check('50.00', 45, { kind: 'amount', amount: '60.00' });
    expect(r.valid).toBe(false);
    expect(codes(r)).toEqual(['balance:balance_too_low', 'durationMinutes:invalid_duration', 'lossLimit.amount:limit_exceeds_balance']);
    expect(r.errors.every((e) => e.message.length > 10)).toBe(true);
    expect(r.computed).toEqual({ lossLimitAmount: '60.00', lossLimitPercentage: '120.00', balance: '50.00' });
  });

  test('defect 13: a limit that rounds to 0.00 % of a large balance is refused at its field with the smallest amount that works', () => {
    const small = check('250000.00', 60, { kind: 'amount', amount: '10.00' });
    expect(small.valid).toBe(false);
    expect(small.errors).toEqual([expect.objectContaining({ field: 'lossLimit.amount', code: 'limit_too_small', message: expect.stringContaining('12.50') })]);
    expect(check('250000.00', 60, { kind: 'amount', amount: '12.50' }).valid).toBe(true);
  });
});
