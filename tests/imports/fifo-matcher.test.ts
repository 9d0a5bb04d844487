import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matchFifo } from '../../src-main/imports/fifo-matcher.ts';
import type { Fill } from '../../src-main/imports/import-types.ts';
import { Decimal } from '../../src-main/money/money.ts';

const fill = (i: number, side: 'buy' | 'sell', quantity: number, price: string, fees = '0', account = 'A', symbol = 'MNQ'): Fill => ({
  line: i + 2, sequence: i, account, symbol, side, quantity: new Decimal(quantity), price: new Decimal(price), fees: new Decimal(fees), pointValue: new Decimal(2), time: 1000 * i, fillKey: `k${i}`, currency: null,
});

/** A sequence of fills that ends flat in every account and symbol. */
const flatSequence = fc
  .array(fc.record({ quantity: fc.integer({ min: 1, max: 9 }), buy: fc.boolean(), price: fc.integer({ min: 1000, max: 1100 }), quarter: fc.integer({ min: 0, max: 3 }), fees: fc.integer({ min: 0, max: 300 }), book: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 40 })
  .map((steps) => {
    const fills: Fill[] = [];
    const position = [0, 0, 0];
    steps.forEach((s, i) => {
      fills.push(fill(i, s.buy ? 'buy' : 'sell', s.quantity, `${s.price}.${['00', '25', '50', '75'][s.quarter]}`, (s.fees / 100).toFixed(2), `acct${s.book}`, 'MNQ'));
      position[s.book]! += s.buy ? s.quantity : -s.quantity;
    });
    position.forEach((open, book) => {
      if (open !== 0) fills.push(fill(fills.length, open > 0 ? 'sell' : 'buy', Math.abs(open), '1050.00', '0.37', `acct${book}`, 'MNQ'));
    });
    return fills;
  });

const cashFlow = (fills: Fill[]) => fills.reduce((sum, f) => sum.plus(f.price.times(f.quantity).times(f.pointValue).times(f.side === 'buy' ? -1 : 1)), new Decimal(0));
const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));

describe('FIFO matching', () => {
  test('long, short, partial fills and a flip through zero', () => {
    const { trades, openLots } = matchFifo([fill(0, 'buy', 2, '100'), fill(1, 'buy', 1, '110'), fill(2, 'sell', 4, '120', '4'), fill(3, 'buy', 1, '100', '1')]);
    expect(trades.map((t) => [t.side, t.quantity!.toString(), t.entryPrice!.toString(), t.grossPnl.toString(), t.fees.toString()])).toEqual([
      ['long', '3', '103.3333333333', '100', '3'],
      ['short', '1', '120', '40', '2'],
    ]);
    expect(openLots).toEqual([]);
  });

  test('for any fill sequence that ends flat, realized gross P&L equals the net cash flow, and fees add up exactly', () => {
    fc.assert(
      fc.property(flatSequence, (fills) => {
        const { trades, openLots } = matchFifo(fills);
        return openLots.length === 0 && sum(trades.map((t) => t.grossPnl)).equals(cashFlow(fills)) && sum(trades.map((t) => t.fees)).equals(sum(fills.map((f) => f.fees)));
      }),
      { numRuns: 300 },
    );
  });

  test('splitting a fill into partial fills changes no totals', () => {
    fc.assert(
      fc.property(flatSequence, fc.nat(), (fills, pick) => {
        const i = pick % fills.length;
        const target = fills[i]!;
        fc.pre(target.quantity.greaterThan(1));
        const part = new Decimal(1);
        const split = [...fills.slice(0, i), { ...target, quantity: part, fees: new Decimal(0) }, { ...target, quantity: target.quantity.minus(part), fillKey: `${target.fillKey}b` }, ...fills.slice(i + 1)];
        const a = matchFifo(fills).trades;
        const b = matchFifo(split).trades;
        return sum(a.map((t) => t.grossPnl)).equals(sum(b.map((t) => t.grossPnl))) && sum(a.map((t) => t.fees)).equals(sum(b.map((t) => t.fees)));
      }),
      { numRuns: 300 },
    );
  });

  test('open lots carried into a later match close exactly as if both files were one', () => {
    fc.assert(
      fc.property(flatSequence, fc.nat(), (fills, cut) => {
        const at = cut % (fills.length + 1);
        const whole = matchFifo(fills).trades;
        const first = matchFifo(fills.slice(0, at));
        const second = matchFifo(fills.slice(at), first.openLots);
        return sum(whole.map((t) => t.netPnl)).equals(sum([...first.trades, ...second.trades].map((t) => t.netPnl))) && second.openLots.length === 0;
      }),
      { numRuns: 300 },
    );
  });
});
