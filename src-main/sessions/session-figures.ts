import { bigBasisPointsToPercentString, Decimal, fromMicros, microsToMoneyString, toMoneyString, toPercentString } from '../money/money.ts';
import { roundPercentage, shareInBasisPoints } from '../money/rounding.ts';
import type { RoomLeftItem } from '../contract/views.ts';
import type { SessionRow } from '../storage/tables.ts';
import { toIso } from '../time/clock.ts';
import { storedLedgerState } from './ledger-state.ts';
import { roomItems } from './room-items.ts';
import { EMPTY_LEDGER, type LedgerState } from './session-ledger.ts';
import { rulesOf } from './stored-rules.ts';

export interface SessionFigures {
  lossLimitUsedPercentage: string;
  lossLimitRemaining: string;
  winRate: string | null;
}

/**
 * The figures the session screen shows beside the statistics: share of the loss limit used,
 * what may still be lost, and the win rate. Every session view carries them, so the page can
 * show a session from an event's payload without asking again.
 */
export function sessionFigures(row: Pick<SessionRow, 'realizedPnl' | 'lossLimitAmount' | 'totalTrades' | 'winningTrades'>): SessionFigures {
  // Integers (the same half-up rounding as `roundPercentage`, see rounding.ts): every view of every trade carries these.
  const limit = row.lossLimitAmount;
  if (!(limit > 0) || !Number.isSafeInteger(limit) || !Number.isSafeInteger(row.realizedPnl)) return decimalFigures(row);
  const loss = row.realizedPnl < 0 ? -row.realizedPnl : 0;
  return {
    lossLimitUsedPercentage: bigBasisPointsToPercentString(shareInBasisPoints(BigInt(loss), BigInt(limit))),
    lossLimitRemaining: microsToMoneyString(Math.max(0, limit - loss)),
    winRate: row.totalTrades === 0 ? null : bigBasisPointsToPercentString(shareInBasisPoints(BigInt(row.winningTrades), BigInt(row.totalTrades))),
  };
}

/** The same figures in decimals, for a row the integer form does not cover (a limit of zero). */
export function decimalFigures(row: Pick<SessionRow, 'realizedPnl' | 'lossLimitAmount' | 'totalTrades' | 'winningTrades'>): SessionFigures {
  const pnl = fromMicros(row.realizedPnl);
  const limit = fromMicros(row.lossLimitAmount);
  const loss = pnl.isNegative() ? pnl.negated() : new Decimal(0);
  return {
    lossLimitUsedPercentage: toPercentString(roundPercentage(loss.dividedBy(limit).times(100))),
    lossLimitRemaining: toMoneyString(Decimal.max(0, limit.minus(loss))),
    winRate: row.totalTrades === 0 ? null : toPercentString(roundPercentage(new Decimal(row.winningTrades).dividedBy(row.totalTrades).times(100))),
  };
}

/**
 * The room each rule in force left the session when its row last changed (after its last
 * trade), so every session view carries it and the page shows it from an event's payload.
 * A loss limit alone needs only the P&L; other rules read the stored ledger state.
 */
export function roomFigures(row: SessionRow): RoomFigures {
  // One computation per row version: a recording builds several views of the same row. The
  // version is told by its fields, not by a key joined from them: a history page views 50
  // different rows, and the key was most of what each of those views left to collect.
  if (
    latest !== null &&
    latest.id === row.id &&
    latest.updatedAt === row.updatedAt &&
    latest.totalTrades === row.totalTrades &&
    latest.realizedPnl === row.realizedPnl &&
    latest.ledgerState === row.ledgerState
  )
    return latest.figures;
  const rules = rulesOf(row);
  const state: LedgerState | null = rules.length === 1 ? { ...EMPTY_LEDGER, trades: row.totalTrades, pnl: BigInt(row.realizedPnl) } : storedLedgerState(row);
  const room = state === null ? null : roomItems(rules, state, row.updatedAt);
  const figures = { roomLeft: room?.items ?? [], cooldownUntil: room?.cooldownUntil == null ? null : toIso(room.cooldownUntil) };
  latest = { id: row.id, updatedAt: row.updatedAt, totalTrades: row.totalTrades, realizedPnl: row.realizedPnl, ledgerState: row.ledgerState, figures };
  return figures;
}

interface RoomFigures {
  roomLeft: RoomLeftItem[];
  cooldownUntil: string | null;
}

let latest: (Pick<SessionRow, 'id' | 'updatedAt' | 'totalTrades' | 'realizedPnl' | 'ledgerState'> & { figures: RoomFigures }) | null = null;
