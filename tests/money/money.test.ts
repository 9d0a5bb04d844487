import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import {
  basisPointsToPercentString,
  bigToDecimal,
  bigToMoneyString,
  Decimal,
  fromBasisPoints,
  fromMicros,
  MicrosTotal,
  microsToMoneyString,
  parseMoneyString,
  toBasisPoints,
  toMicros,
  toMoneyString,
  toPercentString,
} from '../../src-main/money/money.ts';
import { roundLimitAmount, roundPercentage } from '../../src-main/money/rounding.ts';
import { performanceOf } from '../../src-main/sessions/ledger-view.ts';
import { decimalFigures, sessionFigures } from '../../src-main/sessions/session-figures.ts';
import { EMPTY_LEDGER } from '../../src-main/sessions/session-ledger.ts';
import { validateSessionConfig } from '../../src-main/sessions/session-rules.ts';
import type { SessionRow } from '../../src-main/storage/tables.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

/** Amounts as a trader or a broker writes them: up to 6 decimals, either sign. */
const moneyText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 99_999_999n }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 999_999 }))
  .map(
    ([negative, units, places, fraction]) => `${negative ? '-' : ''}${units}${places === 0 ? '' : `.${String(fraction).padStart(6, '0').slice(0, places)}`}`,
  );

describe('money', () => {
  test('micros round-trip every amount exactly, and refuse what they would have to round', () => {
    fc.assert(fc.property(moneyText, (text) => fromMicros(toMicros(parseMoneyString(text))).equals(new Decimal(text))));
    expect(() => toMicros(new Decimal('0.0000001'))).toThrow(/round it first/);
    expect(() => toMicros(new Decimal('10000000000'))).toThrow(/too large/);
    expect(toMoneyString(new Decimal('-0'))).toBe('0.00');
    expect(microsToMoneyString(-90_463_462)).toBe('-90.463462');
    expect(microsToMoneyString(1_200_000_000)).toBe('1200.00');
  });

  test('views format stored integers exactly as the decimal forms would, in integer arithmetic', () => {
    const micros = fc.oneof(
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      fc.maxSafeInteger().map((n) => n - (n % 7)),
      fc.constantFrom(0, -0, 1, -1, 10, -999_999),
    );
    fc.assert(fc.property(micros, (m) => microsToMoneyString(m) === toMoneyString(fromMicros(m))));
    fc.assert(fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (bp) => basisPointsToPercentString(bp) === toPercentString(fromBasisPoints(bp))));
    const ledgerMicros = fc.oneof(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }));
    fc.assert(fc.property(ledgerMicros, (m) => bigToMoneyString(m) === toMoneyString(bigToDecimal(m))));
    expect(bigToMoneyString(2n ** 60n)).toBe('1152921504606.846976');
    expect(microsToMoneyString(Number.MAX_SAFE_INTEGER)).toBe('9007199254.740991');
    expect(microsToMoneyString(-5_000)).toBe('-0.005');
    expect(basisPointsToPercentString(-0)).toBe('0.00');
    expect(basisPointsToPercentString(-5)).toBe('-0.05');
  });

  test('the loss-limit share, what is left, the win rate and the performance are rounded half-up as in decimals', () => {
    const amount = fc.integer({ min: -2_000_000_000_000, max: 2_000_000_000_000 });
    const counts = fc.integer({ min: 0, max: 5000 }).chain((total) => fc.tuple(fc.constant(total), fc.integer({ min: 0, max: total })));
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 2_000_000_000_000 }), counts, (pnl, limit, [total, wins]) => {
        const row = { realizedPnl: pnl, lossLimitAmount: limit, totalTrades: total, winningTrades: wins };
        expect(sessionFigures(row)).toEqual(decimalFigures(row));
      }),
    );
    // Half a hundredth of a percent, either sign: away from zero.
    expect(sessionFigures({ realizedPnl: -500_000, lossLimitAmount: 10_000_000_000, totalTrades: 8, winningTrades: 1 })).toEqual({
      lossLimitUsedPercentage: '0.01',
      lossLimitRemaining: '9999.50',
      winRate: '12.50',
    });
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 9_000_000_000_000 }), (pnl, balance) => {
        const row = { status: 'active', balanceAtCreation: balance } as SessionRow;
        const decimal = toBasisPoints(roundPercentage(bigToDecimal(BigInt(pnl)).dividedBy(fromMicros(balance)).times(100)));
        expect(performanceOf(row, { ...EMPTY_LEDGER, trades: 1, pnl: BigInt(pnl) })).toBe(decimal === 0 ? 0 : decimal);
      }),
    );
    expect(performanceOf({ status: 'active', balanceAtCreation: 200_000_000 } as SessionRow, { ...EMPTY_LEDGER, trades: 1, pnl: -10_000n })).toBe(-1);
  });

  test('the sum of thousands of recorded trades is exact, in the session row and in SQL', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(moneyText, { minLength: 1, maxLength: 1500 }), async (amounts) => {
        const clock = new ManualClock();
        const core = await openCore({ dataDir: tempDir(), clock });
        await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '999999999.00', timeZone: 'UTC' });
        await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '999999999.00' }, acknowledgeRisk: true, start: true });
        await core.trades.record(amounts.map((a) => ({ source: 'import', fees: new Decimal(0), realizedPnl: new Decimal(a), closedAt: clock.now() })));
        const expected = amounts.reduce((sum, a) => sum.plus(a), new Decimal(0));
        const row = await core.storage.read.selectFrom('TradingSession').select('realizedPnl').executeTakeFirstOrThrow();
        const summed = await sql<{ total: number }>`SELECT sum(realizedPnl) AS total FROM trade`.execute(core.storage.read);
        await core.close();
        expect(fromMicros(row.realizedPnl).equals(expected)).toBe(true);
        expect(fromMicros(summed.rows[0]!.total).equals(expected)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  test('a total of stored amounts is exact however large it grows, past what a number holds exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger(), { maxLength: 50 }), (amounts) => {
        const total = new MicrosTotal();
        for (const micros of amounts) total.add(micros);
        expect(total.value).toBe(amounts.reduce((sum, micros) => sum + BigInt(micros), 0n));
      }),
    );
    const total = new MicrosTotal();
    for (const micros of [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 1, -3]) total.add(micros);
    expect(total.value).toBe(2n * BigInt(Number.MAX_SAFE_INTEGER) - 2n);
  });

  test('limit amount and percentage are rounded once, half-up, as documented', () => {
    const balances = fc.tuple(fc.integer({ min: 10_000, max: 10_000_000_000 })).map(([cents]) => new Decimal(cents).dividedBy(100));
    fc.assert(
      fc.property(balances, fc.constantFrom('10', '20', '30'), (balance, preset) => {
        const r = validateSessionConfig(balance, { durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: preset } });
        // Reference: the exact product, rounded a single time to the cent.
        return r.computed.lossLimitAmount === balance.times(preset).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
      }),
    );
    fc.assert(
      fc.property(balances, fc.integer({ min: 900, max: 10_000_000 }), (balance, amountCents) => {
        const amount = new Decimal(amountCents).dividedBy(100);
        fc.pre(amount.lessThanOrEqualTo(balance));
        const r = validateSessionConfig(balance, { durationMinutes: 60, lossLimit: { kind: 'amount', amount: amount.toFixed(2) } });
        return r.computed.lossLimitPercentage === amount.dividedBy(balance).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
      }),
    );
    expect(roundLimitAmount(new Decimal('0.005')).toString()).toBe('0.01');
    expect(roundLimitAmount(new Decimal('-0.005')).toString()).toBe('-0.01');
    expect(roundPercentage(new Decimal('12.345')).toString()).toBe('12.35');
  });
});
