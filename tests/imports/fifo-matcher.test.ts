import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matchFifo } from '../../src-main/imports/fifo-matcher.ts';
import type { Fill, PositionEvent } from '../../src-main/imports/import-types.ts';
import { Decimal } from '../../src-main/money/money.ts';

const fill = (i: number, side: 'buy' | 'sell', quantity: number, price: string, fees = '0', account = 'A', symbol = 'MNQ'): Fill => ({
  line: i + 2,
  sequence: i,
  account,
  symbol,
  side,
  quantity: new Decimal(quantity),
  price: new Decimal(price),
  fees: new Decimal(fees),
  pointValue: new Decimal(2),
  time: 1000 * i,
  fillKey: `k${i}`,
  currency: null,
  effect: null,
  shortable: true,
  dateOnly: false,
});
/** A fill of shares: a sell with nothing open is not a short unless the file says so. */
const share = (i: number, side: 'buy' | 'sell', quantity: number | string, price: string, more: Partial<Fill> = {}): Fill => ({
  ...fill(i, side, 0, price),
  quantity: new Decimal(quantity),
  pointValue: new Decimal(1),
  symbol: 'AAPL',
  shortable: false,
  ...more,
});
const DAY = 86_400_000;

/** A sequence of fills that ends flat in every account and symbol. */
const flatSequence = fc
  .array(
    fc.record({
      quantity: fc.integer({ min: 1, max: 9 }),
      buy: fc.boolean(),
      price: fc.integer({ min: 1000, max: 1100 }),
      quarter: fc.integer({ min: 0, max: 3 }),
      fees: fc.integer({ min: 0, max: 300 }),
      book: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((steps) => {
    const fills: Fill[] = [];
    const position = [0, 0, 0];
    steps.forEach((s, i) => {
      fills.push(
        fill(i, s.buy ? 'buy' : 'sell', s.quantity, `${s.price}.${['00', '25', '50', '75'][s.quarter]}`, (s.fees / 100).toFixed(2), `acct${s.book}`, 'MNQ'),
      );
      position[s.book]! += s.buy ? s.quantity : -s.quantity;
    });
    position.forEach((open, book) => {
      if (open !== 0) fills.push(fill(fills.length, open > 0 ? 'sell' : 'buy', Math.abs(open), '1050.00', '0.37', `acct${book}`, 'MNQ'));
    });
    return fills;
  });

const cashFlow = (fills: Fill[]) =>
  fills.reduce(
    (sum, f) =>
      sum.plus(
        f.price
          .times(f.quantity)
          .times(f.pointValue)
          .times(f.side === 'buy' ? -1 : 1),
      ),
    new Decimal(0),
  );
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
        return (
          openLots.length === 0 &&
          sum(trades.map((t) => t.grossPnl)).equals(cashFlow(fills)) &&
          sum(trades.map((t) => t.fees)).equals(sum(fills.map((f) => f.fees)))
        );
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
        const split = [
          ...fills.slice(0, i),
          { ...target, quantity: part, fees: new Decimal(0) },
          { ...target, quantity: target.quantity.minus(part), fillKey: `${target.fillKey}b` },
          ...fills.slice(i + 1),
        ];
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

describe('positions the file does not open', () => {
  test('a sell of shares with nothing open is no known opening position, not a short; a later buy opens a long', () => {
    const { trades, openLots, unopened } = matchFifo([share(0, 'sell', 10, '150'), share(1, 'buy', 10, '140')]);
    expect(trades).toEqual([]);
    expect(unopened).toEqual([expect.objectContaining({ line: 2, side: 'sell', symbol: 'AAPL', wholeFill: true })]);
    expect(unopened[0]!.quantity.toString()).toBe('10');
    expect(openLots.map((l) => [l.side, l.quantity.toString(), l.price.toString()])).toEqual([['long', '10', '140']]);
  });

  test('a later file’s buy does not close anything the earlier file left unopened', () => {
    const first = matchFifo([share(0, 'sell', 5, '150')]);
    const second = matchFifo([share(1, 'buy', 5, '140')], first.openLots);
    expect(second.trades).toEqual([]);
    expect(second.openLots.map((l) => l.side)).toEqual(['long']);
  });

  test('futures, and a side the file calls a short sale, still open shorts that a buy closes', () => {
    const futures = matchFifo([fill(0, 'sell', 1, '100'), fill(1, 'buy', 1, '90')]);
    expect(futures.trades.map((t) => [t.side, t.grossPnl.toString()])).toEqual([['short', '20']]);
    const shares = matchFifo([
      share(0, 'sell', 100, '12.50', { effect: 'open' }),
      share(1, 'buy', 100, '10.075', { effect: 'close', fees: new Decimal('0.02') }),
    ]);
    expect(shares.trades.map((t) => [t.side, t.netPnl.toString()])).toEqual([['short', '242.48']]);
    expect(shares.unopened).toEqual([]);
  });

  test('a buy to close with no short open is no known opening, and opens nothing', () => {
    const { trades, openLots, unopened } = matchFifo([share(0, 'buy', 1, '6.00', { effect: 'close', pointValue: new Decimal(100) })]);
    expect([trades, openLots]).toEqual([[], []]);
    expect(unopened.map((u) => [u.line, u.side])).toEqual([[2, 'buy']]);
  });

  test('a sell larger than the position closes what is open and reports the rest', () => {
    const { trades, unopened } = matchFifo([share(0, 'buy', 4, '100'), share(1, 'sell', 10, '110', { fees: new Decimal('1.00') })]);
    expect(trades.map((t) => [t.quantity!.toString(), t.grossPnl.toString(), t.fees.toString()])).toEqual([['4', '40', '0.4']]);
    expect(unopened.map((u) => [u.quantity.toString(), u.wholeFill])).toEqual([['6', false]]);
  });

  test('an opening price the trader entered for the line makes it a trade', () => {
    const { trades, unopened } = matchFifo([share(0, 'sell', 10, '150', { fees: new Decimal('1') })], [], {
      openingPrices: new Map([[2, new Decimal('120.5')]]),
    });
    expect(unopened).toEqual([]);
    expect(trades.map((t) => [t.side, t.entryPrice!.toString(), t.netPnl.toString(), t.openedAt])).toEqual([['long', '120.5', '294', null]]);
  });

  test('a sale the trader says opened a short (a sale to open the file left unmarked) opens one, and a buy closes it', () => {
    const { trades, unopened, shortedLines } = matchFifo(
      [share(0, 'sell', 2, '12.97', { pointValue: new Decimal(100) }), share(1, 'buy', 2, '1.10', { pointValue: new Decimal(100) })],
      [],
      { shortLines: new Set([2]) },
    );
    expect(unopened).toEqual([]);
    expect(shortedLines).toEqual([2]);
    expect(trades.map((t) => [t.side, t.grossPnl.toString()])).toEqual([['short', '2374']]);
  });

  test('fractional shares are matched exactly', () => {
    const { trades, openLots } = matchFifo([share(0, 'buy', '1.6531', '420.10'), share(1, 'sell', '0.5', '430.00')]);
    expect(trades.map((t) => [t.quantity!.toString(), t.grossPnl.toString()])).toEqual([['0.5', '4.95']]);
    expect(openLots.map((l) => l.quantity.toString())).toEqual(['1.1531']);
  });

  test('a close matches only lots opened before it, whatever order the files came in', () => {
    const later = matchFifo([share(5, 'buy', 5, '130')]);
    const earlier = matchFifo([share(1, 'buy', 10, '100')], later.openLots);
    expect(earlier.openLots.map((l) => l.price.toString())).toEqual(['100', '130']);
    const again = matchFifo([share(3, 'sell', 10, '120')], earlier.openLots);
    expect(again.trades.map((t) => [t.entryPrice!.toString(), t.grossPnl.toString()])).toEqual([['100', '200']]);
    expect(again.openLots.map((l) => l.price.toString())).toEqual(['130']);
  });

  test('within a day known only by its date, opens are matched before closes', () => {
    const day = (i: number, side: 'buy' | 'sell', price: string, effect: Fill['effect']) =>
      share(i, side, 1, price, { time: 10 * DAY, dateOnly: true, effect, sequence: -i, symbol: 'SMCI 03/22/2024 1200.00 C', pointValue: new Decimal(100) });
    // Newest first, as Schwab writes it: the close is above the open.
    const { trades, unopened } = matchFifo([day(1, 'buy', '9.50', 'close'), day(2, 'sell', '41.50', 'open')]);
    expect(unopened).toEqual([]);
    expect(trades.map((t) => [t.side, t.grossPnl.toString()])).toEqual([['short', '3200']]);
  });

  test('a dated close closes a lot opened at a time later that day', () => {
    const { trades } = matchFifo([share(0, 'buy', 1, '100', { time: 10 * DAY + 3_600_000 }), share(1, 'sell', 1, '105', { time: 10 * DAY, dateOnly: true })]);
    expect(trades.map((t) => t.grossPnl.toString())).toEqual(['5']);
  });
});

describe('expirations and splits', () => {
  const expiry = (i: number, quantity: string | null, time = 1000 * i): PositionEvent => ({
    kind: 'expire',
    line: i + 2,
    sequence: i,
    time,
    dateOnly: false,
    account: 'A',
    symbol: 'AAPL',
    fillKey: `e${i}`,
    quantity: quantity === null ? null : new Decimal(quantity),
    pointValue: new Decimal(100),
    currency: null,
  });
  const option = (i: number, side: 'buy' | 'sell', price: string, effect: Fill['effect']) => share(i, side, 1, price, { pointValue: new Decimal(100), effect });

  test('an expiration closes a long at 0 and a short at 0, whichever is open', () => {
    const long = matchFifo([option(0, 'buy', '0.93', 'open')], [], { events: [expiry(1, '1')] });
    expect(long.trades.map((t) => [t.side, t.exitPrice!.toString(), t.grossPnl.toString()])).toEqual([['long', '0', '-93']]);
    const short = matchFifo([option(0, 'sell', '1.10', 'open')], [], { events: [expiry(1, null)] });
    expect(short.trades.map((t) => [t.side, t.grossPnl.toString()])).toEqual([['short', '110']]);
    expect([long.openLots, short.openLots]).toEqual([[], []]);
  });

  test('an expiration of something the file never opened is no known opening position', () => {
    const { unopened, trades } = matchFifo([], [], { events: [expiry(0, '2')] });
    expect(trades).toEqual([]);
    expect(unopened.map((u) => [u.line, u.side, u.quantity.toString()])).toEqual([[2, null, '2']]);
  });

  const split = (i: number, change: Extract<PositionEvent, { kind: 'split' }>['change'], toSymbol?: string): PositionEvent => ({
    kind: 'split',
    line: i + 2,
    sequence: i,
    time: 1000 * i,
    dateOnly: false,
    account: 'A',
    symbol: 'AAPL',
    fillKey: `s${i}`,
    change,
    ...(toSymbol && { toSymbol }),
  });

  test('a split scales the open lots at the same cost, so the later sale realises the true P&L', () => {
    const { trades, openLots } = matchFifo([share(0, 'buy', 1, '1680'), share(2, 'sell', 5, '180')], [], { events: [split(1, { added: new Decimal(9) })] });
    expect(trades.map((t) => [t.entryPrice!.toString(), t.grossPnl.toString()])).toEqual([['168', '60']]);
    expect(openLots.map((l) => [l.quantity.toString(), l.price.toString()])).toEqual([['5', '168']]);
  });

  test('a reverse split to a new total, under a new symbol, moves the position there', () => {
    const { trades, openLots, notes } = matchFifo([share(0, 'buy', 20, '2'), share(2, 'sell', 1, '50', { symbol: 'AAPL1' })], [], {
      events: [split(1, { total: new Decimal(1) }, 'AAPL1')],
    });
    expect(notes).toEqual([]);
    expect(trades.map((t) => [t.symbol, t.grossPnl.toString()])).toEqual([['AAPL1', '10']]);
    expect(openLots).toEqual([]);
  });

  test('a split with no open position changes nothing and says so', () => {
    expect(matchFifo([], [], { events: [split(0, { ratio: new Decimal(2) })] }).notes).toEqual([
      expect.stringMatching(/Line 2: a split of AAPL, but no open position/),
    ]);
  });
});

describe('never an invented short', () => {
  const shareSteps = fc.array(
    fc.record({
      quantity: fc.integer({ min: 1, max: 9 }),
      buy: fc.boolean(),
      price: fc.integer({ min: 90, max: 110 }),
      effect: fc.constantFrom<Fill['effect']>(null, 'open', 'close'),
    }),
    { minLength: 1, maxLength: 40 },
  );
  const toFills = (steps: Array<{ quantity: number; buy: boolean; price: number; effect: Fill['effect'] }>) =>
    steps.map((s, i) => share(i, s.buy ? 'buy' : 'sell', s.quantity, String(s.price), { effect: s.buy || s.effect !== 'open' ? s.effect : null }));

  test('shares sold without an opening (and no short sale in the file) never open or close a short, in one file or two', () => {
    fc.assert(
      fc.property(shareSteps, fc.nat(), (steps, cut) => {
        const fills = toFills(steps);
        const at = cut % (fills.length + 1);
        const first = matchFifo(fills.slice(0, at));
        const second = matchFifo(fills.slice(at), first.openLots);
        const all = [first, second];
        return all.every((r) => r.trades.every((t) => t.side === 'long') && r.openLots.every((l) => l.side === 'long'));
      }),
      { numRuns: 300 },
    );
  });

  test('every share sold is either matched against a buy or listed as having no known opening', () => {
    fc.assert(
      fc.property(shareSteps, (steps) => {
        const fills = toFills(steps);
        const { trades, unopened, openLots } = matchFifo(fills);
        const sold = sum(fills.filter((f) => f.side === 'sell').map((f) => f.quantity));
        const bought = sum(fills.filter((f) => f.side === 'buy' && f.effect !== 'close').map((f) => f.quantity));
        const closed = sum(trades.map((t) => t.quantity!));
        return (
          closed.plus(sum(unopened.filter((u) => u.side === 'sell').map((u) => u.quantity))).equals(sold) &&
          closed.plus(sum(openLots.map((l) => l.quantity))).equals(bought)
        );
      }),
      { numRuns: 300 },
    );
  });
});
