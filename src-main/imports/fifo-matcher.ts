import { hash } from 'node:crypto';
import { Decimal } from '../money/money.ts';
import { roundTradeAmount } from '../money/rounding.ts';
import type { ClosedTrade, Fill, OpenLot } from './import-types.ts';

/**
 * Matches fills into closed trades first-in first-out, per account and instrument: partial
 * fills, shorts, and fills that close a position and open the other way. Each fill that closes
 * something becomes one trade (what a journal shows per exit), its P&L the sum over the lots it
 * closed. Fees follow the quantity: a lot carries the unspent part of its opening fee, and the
 * last piece of any fee takes what is left, so the fees of the trades and of the lots still open
 * add up to the file's fees exactly.
 */
const ZERO = new Decimal(0);

export function matchFifo(fills: readonly Fill[], openLots: readonly OpenLot[] = []): { trades: ClosedTrade[]; openLots: OpenLot[] } {
  const books = new Map<string, OpenLot[]>();
  for (const lot of openLots) bookOf(books, lot.account, lot.symbol).push({ ...lot });
  const trades: ClosedTrade[] = [];
  const ordered = [...fills].sort((a, b) => a.time - b.time || a.sequence - b.sequence);

  for (const fill of ordered) {
    const book = bookOf(books, fill.account, fill.symbol);
    const closing: 'long' | 'short' = fill.side === 'sell' ? 'long' : 'short';
    let left = fill.quantity;
    let feesLeft = fill.fees;
    let gross = ZERO;
    let entryFees = ZERO;
    let closedQuantity = ZERO;
    let entryValue = ZERO;
    let openedAt = Number.POSITIVE_INFINITY;
    const lines: number[] = [];
    const keys: string[] = [];
    let lastLotPrice: Decimal | null = null;

    // Decimal arithmetic is most of an import's time: the common case (a lot closed whole)
    // skips the operations whose result is known.
    while (left.greaterThan(0) && book[0]?.side === closing) {
      const lot = book[0];
      const whole = !left.lessThan(lot.quantity);
      const matched = whole ? lot.quantity : left;
      const lotFees = whole ? lot.fees : roundTradeAmount(lot.fees.times(matched).dividedBy(lot.quantity));
      const move = closing === 'long' ? fill.price.minus(lot.price) : lot.price.minus(fill.price);
      gross = gross.plus(move.times(matched).times(lot.pointValue));
      entryFees = entryFees.plus(lotFees);
      entryValue = entryValue.plus(lot.price.times(matched));
      closedQuantity = closedQuantity.plus(matched);
      openedAt = Math.min(openedAt, lot.openedAt);
      lines.push(lot.line);
      keys.push(lot.fillKey);
      lastLotPrice = lot.price;
      left = whole ? left.minus(matched) : ZERO;
      if (whole) book.shift();
      else {
        lot.quantity = lot.quantity.minus(matched);
        lot.fees = lot.fees.minus(lotFees);
      }
    }

    if (closedQuantity.greaterThan(0)) {
      const exitFees = left.isZero() ? feesLeft : roundTradeAmount(fill.fees.times(closedQuantity).dividedBy(fill.quantity));
      feesLeft = feesLeft.minus(exitFees);
      const fees = entryFees.plus(exitFees);
      const grossPnl = roundTradeAmount(gross);
      trades.push({
        lines: [...lines, fill.line],
        account: fill.account,
        symbol: fill.symbol,
        side: closing,
        quantity: closedQuantity,
        entryPrice: keys.length === 1 ? lastLotPrice!.toDecimalPlaces(10) : entryValue.dividedBy(closedQuantity).toDecimalPlaces(10),
        exitPrice: fill.price,
        pointValue: fill.pointValue,
        openedAt,
        closedAt: fill.time,
        grossPnl,
        fees,
        netPnl: grossPnl.minus(fees),
        currency: fill.currency,
        externalId: tradeId(fill, keys),
      });
    }
    if (left.greaterThan(0)) {
      book.push({
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
    }
  }
  return { trades, openLots: [...books.values()].flat() };
}

function bookOf(books: Map<string, OpenLot[]>, account: string, symbol: string): OpenLot[] {
  const key = `${account}\u0000${symbol}`;
  let book = books.get(key);
  if (!book) {
    book = [];
    books.set(key, book);
  }
  return book;
}

/** The same closing fill against the same lots gives the same id, so re-imports add nothing. */
function tradeId(fill: Fill, lotKeys: string[]): string {
  return hash('sha256', [fill.account, fill.symbol, fill.fillKey, ...lotKeys].join('\u0000'), 'base64url').slice(0, 32);
}
