import type { Decimal } from '../money/money.ts';

/** A preset's id from the registry, or `generic` for the trader's own column mapping. */
export type PresetId = string;

/** One execution from a broker file. Quantities are positive; `side` says the direction. */
export interface Fill {
  line: number;
  /** Order among fills at the same time: the file's order (newest-first files count down). */
  sequence: number;
  account: string;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: Decimal;
  price: Decimal;
  fees: Decimal;
  pointValue: Decimal;
  time: number;
  /** The broker's id of the execution, or a key built from its content and its occurrence in the file. */
  fillKey: string;
  currency: string | null;
  /** What the file says the fill does (BUY_TO_OPEN, Sell to Close, Sell Short…); null when it only says buy or sell. */
  effect: 'open' | 'close' | null;
  /**
   * Whether a plain sell with nothing to close opens a short. True for futures, where selling
   * first is ordinary; false for shares and options, where such a sell closes a position the
   * file doesn't show (opened before the export window) and is reported as such.
   */
  shortable: boolean;
  /** The file gives the day but not the time: within a day, opens are matched before closes. */
  dateOnly: boolean;
}

/**
 * Something that changes a position without a trade price: an option expiring (or assigned)
 * whose direction the file doesn't say closes whatever is open at 0; a split scales open lots.
 */
export type PositionEvent = {
  line: number;
  sequence: number;
  time: number;
  dateOnly: boolean;
  account: string;
  symbol: string;
  fillKey: string;
} & (
  | { kind: 'expire'; quantity: Decimal | null; pointValue: Decimal; currency: string | null }
  | {
      kind: 'split';
      /** Shares added (a 10-for-1 split of 5 adds 45; negative for a reverse split), or the new total. */
      change: { added: Decimal } | { total: Decimal } | { ratio: Decimal };
      /** Where the position moves to when the split also renames it (tastytrade's `USO` to `USO1`). */
      toSymbol?: string;
    }
);

/**
 * A closing fill (or the part of one) with no opening fill in the file or in what earlier
 * imports left open: not a short, and not in any P&L until the trader imports the earlier
 * history or enters the opening price for its line.
 */
export interface UnopenedClose {
  line: number;
  account: string;
  symbol: string;
  /** The closing side; null for an expiration that doesn't say whether it was long or short. */
  side: 'buy' | 'sell' | null;
  quantity: Decimal;
  price: Decimal;
  time: number;
  fillKey: string;
  /** None of the fill was matched: it can be read again once earlier history is imported. */
  wholeFill: boolean;
}

/** A round trip, or a closed trade a broker reported as such. Money in the file's currency. */
export interface ClosedTrade {
  lines: number[];
  account: string;
  symbol: string;
  side: 'long' | 'short' | null;
  quantity: Decimal | null;
  entryPrice: Decimal | null;
  exitPrice: Decimal | null;
  pointValue: Decimal | null;
  openedAt: number | null;
  closedAt: number;
  grossPnl: Decimal;
  fees: Decimal;
  netPnl: Decimal;
  currency: string | null;
  externalId: string;
}

/** What is still open after a file, kept so a later import can close it. */
export interface OpenLot {
  account: string;
  symbol: string;
  side: 'long' | 'short';
  quantity: Decimal;
  price: Decimal;
  /** The part of the opening fill's fees not yet charged to a closed trade. */
  fees: Decimal;
  pointValue: Decimal;
  openedAt: number;
  line: number;
  fillKey: string;
  currency: string | null;
}

export interface RowProblem {
  line: number;
  message: string;
}

/** A position a report of closed trades lists as still open: shown, never a trade. */
export interface OpenPosition {
  line: number;
  account: string;
  symbol: string;
  /** Signed: positive long, negative short. */
  quantity: Decimal;
  price: Decimal | null;
  /** The platform's id of the position, where it has one. */
  id: string | null;
}

/**
 * A total the platform itself wrote into its export (NinjaTrader's running `Cum. net profit`,
 * MetaTrader's `Closed Trade P/L`, a Tradovate cash history's day), to set beside what
 * Sessionguard computed for the same account and day.
 */
export interface PlatformTotal {
  /** Where in the file it comes from, in the platform's words. */
  label: string;
  /** Null: every account the file holds. */
  account: string | null;
  /** The calendar day (YYYY-MM-DD, in the file's zone); null: the whole file. */
  day: string | null;
  /** Whether the platform's figure is net of fees or before them. */
  basis: 'net' | 'gross';
  amount: Decimal;
}

/** What a preset read from a file, before matching. */
export interface PresetOutput {
  fills: Fill[];
  /** Expirations without a side, splits: matched in time order with the fills. */
  events?: PositionEvent[];
  trades: ClosedTrade[];
  problems: RowProblem[];
  notes: string[];
  /** Positions a closed-trade report lists as open (fills files leave open lots instead). */
  openPositions?: OpenPosition[];
  /** What the trader should look at before importing. */
  warnings?: string[];
  /** The platform's own totals, to compare with what the trades read add up to. */
  platformTotals?: PlatformTotal[];
}
