import { z } from 'zod';
import { bigToMicros, type Micros } from '../money/money.ts';
import type { SessionRow, SessionUpdate } from '../storage/tables.ts';
import { EMPTY_LEDGER, type LedgerState } from './session-ledger.ts';

export { rulesOf } from './stored-rules.ts';

/**
 * The ledger's state as stored with the session: the counts and sums the history queries
 * sort and filter by are columns of their own; the rest (low, peak, drawdown, streaks,
 * largest win and loss, cooldowns, the profit target's lock, the trading day, the last trade)
 * is one JSON column in integer micros. What the rules of migration 5 added is optional, so a
 * state written before reads as it would have been computed: no cooldown ever started, so the
 * streak a cooldown would answer is the loss streak itself.
 */
const micros = z.number().int().refine(Number.isSafeInteger);
const storedState = z.object({
  fees: micros,
  peak: micros,
  low: micros,
  maxDrawdown: micros,
  lossStreak: z.number().int().min(0),
  longestLossStreak: z.number().int().min(0),
  largestWin: micros.nullable(),
  largestLoss: micros.nullable(),
  last: z.object({ closedAt: z.number().int(), id: z.number().int() }).nullable(),
  coolStreak: z.number().int().min(0).optional(),
  cooldowns: z.number().int().min(0).default(0),
  cooldownUntil: z.number().int().nullable().default(null),
  cooldownTrades: z.number().int().min(0).default(0),
  largeLosses: z.number().int().min(0).default(0),
  targetReached: z.boolean().default(false),
  day: z
    .object({ start: z.number().int(), pnl: z.number().int().refine(Number.isSafeInteger), others: z.number().int().refine(Number.isSafeInteger) })
    .nullable()
    .default(null),
});

/** The part of a state the JSON column holds, as the ledger reads it. */
type StoredPart = Omit<LedgerState, 'trades' | 'wins' | 'losses' | 'pnl' | 'grossProfit' | 'grossLoss'>;

/**
 * States by the JSON just written for them: the next trade (and every view of the row) reads
 * back what this process wrote a moment ago, so it is taken as written instead of parsed again.
 */
const written = new Map<string, StoredPart>();
const WRITTEN_KEPT = 32;

/**
 * The state after the session's last trade, or null when it must be rebuilt by a replay
 * (recorded before the ledger kept its state, or the stored JSON is not what it should be).
 */
export function storedLedgerState(session: SessionRow): LedgerState | null {
  if (session.totalTrades === 0) return EMPTY_LEDGER;
  if (session.ledgerState === null) return null;
  const part = written.get(session.ledgerState) ?? parsePart(session.ledgerState);
  if (part === null) return null;
  return {
    trades: session.totalTrades,
    wins: session.winningTrades,
    losses: session.losingTrades,
    pnl: BigInt(session.realizedPnl),
    grossProfit: BigInt(session.grossProfit),
    grossLoss: BigInt(session.grossLoss),
    ...part,
  };
}

function parsePart(text: string): StoredPart | null {
  const parsed = storedState.safeParse(safeJson(text));
  if (!parsed.success) return null;
  const s = parsed.data;
  return {
    fees: BigInt(s.fees),
    peak: BigInt(s.peak),
    low: BigInt(s.low),
    maxDrawdown: BigInt(s.maxDrawdown),
    lossStreak: s.lossStreak,
    longestLossStreak: s.longestLossStreak,
    largestWin: s.largestWin === null ? null : BigInt(s.largestWin),
    largestLoss: s.largestLoss === null ? null : BigInt(s.largestLoss),
    coolStreak: s.coolStreak ?? s.lossStreak,
    cooldowns: s.cooldowns,
    cooldownUntil: s.cooldownUntil,
    cooldownTrades: s.cooldownTrades,
    largeLosses: s.largeLosses,
    targetReached: s.targetReached,
    day: s.day === null ? null : { start: s.day.start, pnl: BigInt(s.day.pnl), others: BigInt(s.day.others) },
    last: s.last === null ? null : { closedAt: s.last.closedAt, id: s.last.id, seq: 0 },
  };
}

/**
 * The columns a state writes. `lastId` is the stored id of the last trade in close order
 * (known only once trades are inserted).
 */
export function ledgerColumns(
  state: LedgerState,
  lastId: number | null,
): Required<Pick<SessionUpdate, 'totalTrades' | 'winningTrades' | 'losingTrades' | 'realizedPnl' | 'grossProfit' | 'grossLoss' | 'ledgerState'>> {
  const toMicros = (value: bigint): Micros => bigToMicros(value);
  const last = state.last === null || lastId === null ? null : { closedAt: state.last.closedAt, id: lastId };
  const text = JSON.stringify({
    fees: toMicros(state.fees),
    peak: toMicros(state.peak),
    low: toMicros(state.low),
    maxDrawdown: toMicros(state.maxDrawdown),
    lossStreak: state.lossStreak,
    longestLossStreak: state.longestLossStreak,
    largestWin: state.largestWin === null ? null : toMicros(state.largestWin),
    largestLoss: state.largestLoss === null ? null : toMicros(state.largestLoss),
    last,
    coolStreak: state.coolStreak,
    cooldowns: state.cooldowns,
    cooldownUntil: state.cooldownUntil,
    cooldownTrades: state.cooldownTrades,
    largeLosses: state.largeLosses,
    targetReached: state.targetReached,
    day: state.day === null ? null : { start: state.day.start, pnl: toMicros(state.day.pnl), others: toMicros(state.day.others) },
  });
  const { trades: _t, wins: _w, losses: _l, pnl: _p, grossProfit: _gp, grossLoss: _gl, ...part } = state;
  if (written.size >= WRITTEN_KEPT) written.delete(written.keys().next().value!);
  written.set(text, Object.freeze({ ...part, last: last && { ...last, seq: 0 } }));
  return {
    totalTrades: state.trades,
    winningTrades: state.wins,
    losingTrades: state.losses,
    realizedPnl: toMicros(state.pnl),
    grossProfit: toMicros(state.grossProfit),
    grossLoss: toMicros(state.grossLoss),
    ledgerState: text,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
