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

/** What a preset read from a file, before matching. */
export interface PresetOutput {
  fills: Fill[];
  trades: ClosedTrade[];
  problems: RowProblem[];
  notes: string[];
  /** Positions a closed-trade report lists as open (fills files leave open lots instead). */
  openPositions?: OpenPosition[];
  /** What the trader should look at before importing. */
  warnings?: string[];
}
