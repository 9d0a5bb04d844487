import { hash } from 'node:crypto';
import { Decimal, MONEY_DECIMALS } from '../money/money.ts';
import { roundTradeAmount } from '../money/rounding.ts';
import { differenceOf, grossOf, sumOf } from './exact-micros.ts';
import type { ClosedTrade, Fill, OpenLot, PositionEvent, UnopenedClose } from './import-types.ts';

/**
 * Matches fills into closed trades first-in first-out, per account and instrument: partial
 * fills, shorts, and fills that close a position and open the other way. Each fill that closes
 * something becomes one trade (what a journal shows per exit), its P&L the sum over the lots it
 * closed. Fees follow the quantity: a lot carries the unspent part of its opening fee, and the
 * last piece of any fee takes what is left, so the fees of the trades and of the lots still open
 * add up to the file's fees exactly.
 *
 * A closing fill only closes lots opened at or before it (a lot a later file opened, imported
 * first, is not its opening). What it can't close either opens the other way (a buy; a sell of
 * futures or one the file calls a short sale) or is reported as having no known opening
 * position: never an invented short that a later buy would "close".
 */
const ZERO = new Decimal(0);
const DAY_MS = 86_400_000;

export interface MatchOptions {
  /** Expirations and splits, applied in time order among the fills. */
  events?: readonly PositionEvent[];
  /** Opening prices the trader entered for closes with no known opening, by the closing fill's line. */
  openingPrices?: ReadonlyMap<number, Decimal>;
  /** Sales the trader says opened a short (a sale to open the file didn't mark as such), by line. */
  shortLines?: ReadonlySet<number>;
}

export interface MatchResult {
  trades: ClosedTrade[];
  openLots: OpenLot[];
  unopened: UnopenedClose[];
  /** Lines whose close was matched against an opening price the trader entered. */
  pricedLines: number[];
  /** Lines the trader said opened a short, that did. */
  shortedLines: number[];
  /** Events that changed nothing, each with its line and why. */
  notes: string[];
}

/** The open lots of one account and instrument, oldest first, with how many are on each side. */
interface Book {
  lots: OpenLot[];
  long: number;
  short: number;
}

type Step = Fill | PositionEvent;

export function matchFifo(fills: readonly Fill[], openLots: readonly OpenLot[] = [], options: MatchOptions = {}): MatchResult {
  const books: Books = { byAccount: new Map(), all: [] };
  for (const lot of openLots) insertLot(bookOf(books, lot.account, lot.symbol), { ...lot });
  const result: MatchResult = { trades: [], openLots: [], unopened: [], pricedLines: [], shortedLines: [], notes: [] };
  const steps: Step[] = options.events?.length ? [...fills, ...options.events] : [...fills];
  // Most files are already in time order: the sort (a million comparisons for 100,000 fills) only when they are not.
  if (!inOrder(steps)) steps.sort(compareSteps);
  const prices = options.openingPrices ?? new Map<number, Decimal>();
  const shorts = options.shortLines ?? new Set<number>();

  for (const step of steps) {
    if (!('kind' in step)) applyFill(step, bookOf(books, step.account, step.symbol), prices.get(step.line), shorts.has(step.line), result);
    else if (step.kind === 'expire') expire(step, bookOf(books, step.account, step.symbol), result);
    else split(step, books, result);
  }
  for (const book of books.all) result.openLots.push(...book.lots);
  return result;
}

function compareSteps(a: Step, b: Step): number {
  return sortTime(a) - sortTime(b) || rank(a) - rank(b) || a.sequence - b.sequence;
}

function inOrder(steps: readonly Step[]): boolean {
  for (let i = 1; i < steps.length; i += 1) if (compareSteps(steps[i - 1]!, steps[i]!) > 0) return false;
  return true;
}

/**
 * Order within one instant. A file that gives only dates puts a day's fills at the same time:
 * opening fills go first so a same-day round trip closes what it opened; a split applies before
 * the day's fills, an expiration after them. Dated closes sort at the end of their day, after
 * any timed fill of that day.
 */
function sortTime(step: Step): number {
  return step.dateOnly && rank(step) > 0 ? step.time + DAY_MS - 1 : step.time;
}

function rank(step: Step): number {
  if ('kind' in step) return step.kind === 'split' ? -1 : 2;
  if (!step.dateOnly) return 0;
  return step.effect === 'open' || (step.effect === null && step.side === 'buy') ? 0 : 1;
}

function applyFill(fill: Fill, book: Book, openingPrice: Decimal | undefined, declaredShort: boolean, result: MatchResult): void {
  const closing: 'long' | 'short' = fill.side === 'sell' ? 'long' : 'short';
  // A fill known only by its day may close anything opened that day.
  const horizon = fill.dateOnly ? fill.time + DAY_MS - 1 : fill.time;
  let left = fill.quantity;
  let feesLeft = fill.fees;
  let gross = ZERO;
  let entryFees = ZERO;
  let closedQuantity = ZERO;
  /** Price times quantity over the lots closed, needed only once a fill closes a second lot. */
  let entryValue: Decimal | null = null;
  let openedAt = Number.POSITIVE_INFINITY;
  /**
   * The lots closed so far, their lines and their keys as the trade's id reads them: no array
   * per fill (a fill closes one lot, mostly), and a trade's lines exactly as long as they are,
   * since a preview of 100,000 fills keeps 50,000 trades through the collector's copies.
   */
  let lots = 0;
  let firstLine = 0;
  let laterLines: number[] | null = null;
  let lotKeys = '';
  let lastLotPrice: Decimal | null = null;

  // Decimal arithmetic is most of an import's time: the common case (a lot closed whole)
  // skips the operations whose result is known.
  let at = eligible(book, closing, horizon, 0);
  while (at !== -1 && above0(left)) {
    const lot = book.lots[at]!;
    const whole = left === lot.quantity || !left.lessThan(lot.quantity);
    const matched = whole ? lot.quantity : left;
    const lotFees = whole ? lot.fees : roundTradeAmount(lot.fees.times(matched).dividedBy(lot.quantity));
    const exit = closing === 'long' ? fill.price : lot.price;
    const entry = closing === 'long' ? lot.price : fill.price;
    const lotGross = grossOf(exit, entry, matched, lot.pointValue) ?? times(times(exit.minus(entry), matched), lot.pointValue);
    if (lots === 0) {
      gross = lotGross;
      entryFees = lotFees;
      closedQuantity = matched;
    } else {
      entryValue = (entryValue ?? lastLotPrice!.times(closedQuantity)).plus(lot.price.times(matched));
      gross = sumOf(gross, lotGross) ?? gross.plus(lotGross);
      entryFees = plus(entryFees, lotFees);
      closedQuantity = closedQuantity.plus(matched);
    }
    openedAt = Math.min(openedAt, lot.openedAt);
    if (lots === 0) firstLine = lot.line;
    else if (laterLines === null) laterLines = [lot.line];
    else laterLines.push(lot.line);
    lots += 1;
    lotKeys += `\u0000${lot.fillKey}`;
    lastLotPrice = lot.price;
    if (whole) {
      left = left === matched || left.equals(matched) ? ZERO : left.minus(matched);
      removeLot(book, at);
      at = eligible(book, closing, horizon, at);
    } else {
      left = ZERO;
      lot.quantity = lot.quantity.minus(matched);
      lot.fees = lot.fees.minus(lotFees);
    }
  }

  const opensNew = fill.side === 'buy' ? fill.effect !== 'close' : fill.effect === 'open' || (fill.effect === null && fill.shortable) || declaredShort;
  const unopened = !opensNew && above0(left) ? left : ZERO;
  if (above0(unopened) && openingPrice !== undefined) {
    // The trader said what this position was opened at: a lot at that price, closed whole.
    const move = closing === 'long' ? fill.price.minus(openingPrice) : openingPrice.minus(fill.price);
    gross = gross.plus(move.times(unopened).times(fill.pointValue));
    if (lots > 0) entryValue = (entryValue ?? lastLotPrice!.times(closedQuantity)).plus(openingPrice.times(unopened));
    closedQuantity = closedQuantity.plus(unopened);
    lotKeys += `\u0000${fill.fillKey}:opening`;
    lastLotPrice = openingPrice;
    left = ZERO;
    result.pricedLines.push(fill.line);
  }

  if (above0(closedQuantity)) {
    const exitFees = left.isZero() ? feesLeft : roundTradeAmount(fill.fees.times(closedQuantity).dividedBy(fill.quantity));
    feesLeft = exitFees === feesLeft ? ZERO : (differenceOf(feesLeft, exitFees) ?? feesLeft.minus(exitFees));
    const fees = plus(entryFees, exitFees);
    const grossPnl = gross.decimalPlaces() > MONEY_DECIMALS ? roundTradeAmount(gross) : gross;
    result.trades.push({
      lines: lots === 0 ? [fill.line] : laterLines === null ? [firstLine, fill.line] : [firstLine, ...laterLines, fill.line],
      account: fill.account,
      symbol: fill.symbol,
      side: closing,
      quantity: closedQuantity,
      entryPrice: entryValue === null ? toPricePlaces(lastLotPrice!) : toPricePlaces(entryValue.dividedBy(closedQuantity)),
      exitPrice: fill.price,
      pointValue: fill.pointValue,
      openedAt: Number.isFinite(openedAt) ? openedAt : null,
      closedAt: fill.time,
      grossPnl,
      fees,
      netPnl: fees.isZero() ? grossPnl : (differenceOf(grossPnl, fees) ?? grossPnl.minus(fees)),
      currency: fill.currency,
      externalId: tradeId(fill, lotKeys),
    });
  }
  if (left.isZero()) return;
  if (opensNew) {
    if (declaredShort && fill.side === 'sell') result.shortedLines.push(fill.line);
    insertLot(book, {
      account: fill.account,
      symbol: fill.symbol,
      side: fill.side === 'buy' ? 'long' : 'short',
      quantity: left,
      price: fill.price,
      fees: feesLeft,
      pointValue: fill.pointValue,
      openedAt: fill.time,
      line: fill.line,
      fillKey: fill.fillKey,
      currency: fill.currency,
    });
  } else {
    result.unopened.push({
      line: fill.line,
      account: fill.account,
      symbol: fill.symbol,
      side: fill.side,
      quantity: left,
      price: fill.price,
      time: fill.time,
      fillKey: fill.fillKey,
      wholeFill: left.equals(fill.quantity),
    });
  }
}

/**
 * Decimal arithmetic is most of matching's time and its garbage: a factor of 1 (one lot, a
 * point value of 1) and a fee of 0 are common, and give their operand back unchanged.
 */
function times(a: Decimal, b: Decimal): Decimal {
  return isOne(b) ? a : isOne(a) ? b : a.times(b);
}

/** `value > 0` without the decimal that comparing with a number builds on every call. */
function above0(value: Decimal): boolean {
  return value.s === 1 && !value.isZero();
}

function isOne(value: Decimal): boolean {
  return value.e === 0 && value.s === 1 && value.d.length === 1 && value.d[0] === 1;
}

function plus(a: Decimal, b: Decimal): Decimal {
  return b.isZero() ? a : a.isZero() ? b : (sumOf(a, b) ?? a.plus(b));
}

/** An average entry price, to 10 decimals (a price already that exact is kept as it is). */
function toPricePlaces(price: Decimal): Decimal {
  return price.decimalPlaces() > 10 ? price.toDecimalPlaces(10) : price;
}

/** An expiration that doesn't say its direction closes what is open, at 0. */
function expire(event: Extract<PositionEvent, { kind: 'expire' }>, book: Book, result: MatchResult): void {
  const horizon = event.dateOnly ? event.time + DAY_MS - 1 : event.time;
  const first = book.lots.find((lot) => lot.openedAt <= horizon);
  if (!first) {
    result.unopened.push({
      line: event.line,
      account: event.account,
      symbol: event.symbol,
      side: null,
      quantity: event.quantity ?? ZERO,
      price: ZERO,
      time: event.time,
      fillKey: event.fillKey,
      wholeFill: true,
    });
    return;
  }
  const held = book.lots.filter((lot) => lot.side === first.side && lot.openedAt <= horizon).reduce((sum, lot) => sum.plus(lot.quantity), ZERO);
  const fill: Fill = {
    line: event.line,
    sequence: event.sequence,
    account: event.account,
    symbol: event.symbol,
    side: first.side === 'long' ? 'sell' : 'buy',
    quantity: event.quantity ?? held,
    price: ZERO,
    fees: ZERO,
    pointValue: event.pointValue,
    time: event.time,
    fillKey: event.fillKey,
    currency: event.currency,
    effect: 'close',
    shortable: false,
    dateOnly: event.dateOnly,
  };
  applyFill(fill, book, undefined, false, result);
}

/** A split scales the open lots (more shares, each at a lower price: the same cost) and may rename them. */
function split(event: Extract<PositionEvent, { kind: 'split' }>, books: Books, result: MatchResult): void {
  const book = bookOf(books, event.account, event.symbol);
  const horizon = event.dateOnly ? event.time + DAY_MS - 1 : event.time;
  const affected = book.lots.filter((lot) => lot.openedAt <= horizon);
  const held = affected.reduce((sum, lot) => sum.plus(lot.quantity), ZERO);
  if (held.isZero()) {
    result.notes.push(`Line ${event.line}: a split of ${event.symbol}, but no open position in it is known; nothing was adjusted.`);
    return;
  }
  const { change } = event;
  const ratio = 'ratio' in change ? change.ratio : 'total' in change ? change.total.dividedBy(held) : held.plus(change.added).dividedBy(held);
  if (!ratio.greaterThan(0)) {
    result.notes.push(`Line ${event.line}: a split of ${event.symbol} that would leave no shares; nothing was adjusted.`);
    return;
  }
  for (const lot of affected) {
    lot.quantity = lot.quantity.times(ratio);
    lot.price = lot.price.dividedBy(ratio);
  }
  if (event.toSymbol && event.toSymbol !== event.symbol) {
    for (const lot of affected) {
      removeLot(book, book.lots.indexOf(lot));
      lot.symbol = event.toSymbol;
      insertLot(bookOf(books, event.account, event.toSymbol), lot);
    }
  }
}

/** The first lot on the side being closed that was opened by the horizon; lots are oldest first. */
function eligible(book: Book, side: 'long' | 'short', horizon: number, from: number): number {
  if (book[side] === 0) return -1;
  for (let i = from; i < book.lots.length; i++) {
    const lot = book.lots[i]!;
    if (lot.openedAt > horizon) return -1;
    if (lot.side === side) return i;
  }
  return -1;
}

function insertLot(book: Book, lot: OpenLot): void {
  let at = book.lots.length;
  while (at > 0 && book.lots[at - 1]!.openedAt > lot.openedAt) at -= 1;
  if (at === book.lots.length) book.lots.push(lot);
  else book.lots.splice(at, 0, lot);
  book[lot.side] += 1;
}

function removeLot(book: Book, at: number): void {
  const [lot] = at === 0 ? [book.lots.shift()!] : book.lots.splice(at, 1);
  book[lot!.side] -= 1;
}

/** The books by account, then instrument (no key built per fill), and all of them in the order they were opened. */
interface Books {
  byAccount: Map<string, Map<string, Book>>;
  all: Book[];
}

function bookOf(books: Books, account: string, symbol: string): Book {
  let bySymbol = books.byAccount.get(account);
  if (!bySymbol) {
    bySymbol = new Map();
    books.byAccount.set(account, bySymbol);
  }
  let book = bySymbol.get(symbol);
  if (!book) {
    book = { lots: [], long: 0, short: 0 };
    bySymbol.set(symbol, book);
    books.all.push(book);
  }
  return book;
}

/**
 * The same closing fill against the same lots gives the same id, so re-imports add nothing.
 * `lotKeys` is each lot's key after a NUL: the id reads account, symbol, the fill's key and the
 * lots' keys, NUL-separated.
 */
function tradeId(fill: Fill, lotKeys: string): string {
  return hash('sha256', `${fill.account}\u0000${fill.symbol}\u0000${fill.fillKey}${lotKeys}`, 'base64url').slice(0, 32);
}
