import { DURATION_OPTIONS, type TradeSource } from '../contract/views.ts';
import { toMicros, type Decimal, type Micros } from '../money/money.ts';
import { dayPnlOf, ledgerContext } from '../sessions/ledger-context.ts';
import { rulesOf, storedLedgerState } from '../sessions/ledger-state.ts';
import {
  compareLedgerTrades,
  continuesFrom,
  EMPTY_LEDGER,
  runDayChange,
  runLedger,
  type LedgerOutcome,
  type LedgerState,
  type LedgerTrade,
} from '../sessions/session-ledger.ts';
import { findOpenSession, findRunningLockout, raisedOnceKeys, requireSessionOf } from '../sessions/session-repository.ts';
import { compiledOnce } from '../storage/compiled-once.ts';
import { inJsonList } from '../storage/json-list.ts';
import type { ProfileRow, ReadDb, SessionRow, TradeRow } from '../storage/tables.ts';
import { MINUTE_MS } from '../time/clock.ts';
import { tradingDayAt, type TradingDay } from '../time/trading-day.ts';
import { ledgerTradesOfSession } from './trade-repository.ts';

/** A closed trade on its way in, from any source. Amounts are exact decimals, already net of fees. */
export interface TradeInput {
  source: TradeSource;
  externalId?: string | null;
  account?: string | null;
  symbol?: string | null;
  side?: 'long' | 'short' | null;
  quantity?: string | null;
  entryPrice?: string | null;
  exitPrice?: string | null;
  pointValue?: string | null;
  fees: Decimal;
  realizedPnl: Decimal;
  openedAt?: number | null;
  closedAt: number;
  note?: string | null;
  /** The import the trade comes from, so the import can be undone as a whole. */
  batchId?: number | null;
  /** Set for a correction: the trade belongs where the one it replaces did, whatever the rules below say. */
  sessionId?: number | null;
}

/** What recording would do to one session. */
export interface SessionPlan {
  session: SessionRow;
  /**
   * Indexes into `RecordingPlan.rows` of this session's new trades, in close order. Empty for
   * the active session when only trades outside it move its daily loss limit (see `activeDayChange`).
   */
  rows: number[];
  outcome: LedgerOutcome;
}

/**
 * What recording a batch of trades does, computed without writing: which trades are new,
 * which session each belongs to, and what the ledger says each session becomes. Recording
 * writes exactly this plan; previews show it.
 */
export interface RecordingPlan {
  /** The new trades as rows, in close order; duplicates are left out. */
  rows: Array<Omit<TradeRow, 'id'>>;
  /** For each input (in the caller's order): the index of its row, or null for a duplicate. */
  rowOfInput: Array<number | null>;
  duplicates: number;
  sessions: SessionPlan[];
  /** The loss-limit stop whose lockout runs now, when a new trade belongs to no session. */
  lockout: SessionRow | null;
  /** The `now` it was made for. */
  plannedAt: number;
  /**
   * What the plan read of the clock holds until then (the trading day the active session's daily
   * loss limit was read in, the lockout it found): up to it, the same plan is made at a later
   * `now` as long as nothing was written meanwhile (see `replanned`).
   */
  heldUntil: number;
}

const LONGEST_SESSION_MS = Math.max(...DURATION_OPTIONS) * MINUTE_MS;
/** Past this many trades in one call, listeners get one session update instead of one event per trade (so no per-trade path is kept). */
export const PER_TRADE_EVENTS_UP_TO = 20;

/**
 * Plans the recording of trades of one profile at `now`. Where a trade belongs:
 * - entered by hand or received live while a session is active: that session, whatever its
 *   close time says (a clock stepped backwards must not let a loss escape the limit);
 * - otherwise (a file, or no active session): the session that was running at its close time,
 *   or none.
 * A trade whose external id is already recorded (or repeated in the batch) is a duplicate.
 */
export function planRecording(db: ReadDb, profile: ProfileRow, inputs: readonly TradeInput[], now: number): Promise<RecordingPlan> {
  // In two steps, the inputs held only by the first: they are rows once placed, and an import's
  // 50,000 inputs held while the ledger runs would be copied by the collector beside the rows.
  return placeTrades(db, profile, inputs, now).then((placed) => runPlaced(db, profile, placed, now));
}

/** A plan's rows placed in their sessions, before the ledger runs over each session. */
interface PlacedTrades {
  plan: RecordingPlan;
  /** The rows of each session, in close order. */
  bySession: Map<number, number[]>;
  active: SessionRow | undefined;
  /** The started sessions the close times fall in (none when every trade goes to the active one). */
  sessions: SessionRow[];
}

async function placeTrades(db: ReadDb, profile: ProfileRow, inputs: readonly TradeInput[], now: number): Promise<PlacedTrades> {
  const plan: RecordingPlan = {
    rows: [],
    rowOfInput: inputs.map(() => null),
    duplicates: 0,
    sessions: [],
    lockout: null,
    plannedAt: now,
    heldUntil: Number.POSITIVE_INFINITY,
  };
  if (inputs.length === 0) return { plan, bySession: new Map(), active: undefined, sessions: [] };

  const order = inputs.map((_, index) => index);
  // An import hands its trades over in close order already; the sort only when they are not.
  if (!inputs.every((input, i) => i === 0 || inputs[i - 1]!.closedAt <= input.closedAt))
    order.sort((a, b) => inputs[a]!.closedAt - inputs[b]!.closedAt || a - b);
  const known = await knownExternalIds(db, profile.id, inputs);
  const open = await findOpenSession(db, profile.id);
  const active = open?.status === 'active' ? open : undefined;
  const placed = (input: TradeInput) => input.sessionId !== undefined || (active !== undefined && isLive(input));
  // Trades that go to the active session (every live one while it runs) need no look at the
  // history: the lookup by close time is for files, and for trades while no session runs.
  const sessions = inputs.every(placed) ? [] : await sessionsCovering(db, profile.id, inputs[order[0]!]!.closedAt, inputs[order.at(-1)!]!.closedAt);

  const bySession = new Map<number, number[]>();
  for (const index of order) {
    const input = inputs[index]!;
    if (input.externalId) {
      let ids = known.get(input.source);
      if (!ids) {
        ids = new Set();
        known.set(input.source, ids);
      }
      if (ids.has(input.externalId)) {
        plan.duplicates += 1;
        continue;
      }
      ids.add(input.externalId);
    }
    const sessionId = input.sessionId !== undefined ? input.sessionId : isLive(input) && active ? active.id : sessionAt(sessions, input.closedAt);
    const row = plan.rows.push(toRow(input, profile.id, sessionId, now)) - 1;
    plan.rowOfInput[index] = row;
    if (sessionId === null) continue;
    const list = bySession.get(sessionId);
    if (list) list.push(row);
    else bySession.set(sessionId, [row]);
  }
  return { plan, bySession, active, sessions };
}

async function runPlaced(db: ReadDb, profile: ProfileRow, { plan, bySession, active, sessions }: PlacedTrades, now: number): Promise<RecordingPlan> {
  for (const [sessionId, rows] of bySession) {
    const session = sessionId === active?.id ? active : (sessions.find((s) => s.id === sessionId) ?? (await requireSessionOf(db, profile.id, sessionId)));
    const incoming = rows.map(
      (row, seq): LedgerTrade => ({
        id: null,
        seq,
        closedAt: plan.rows[row]!.closedAt,
        pnl: BigInt(plan.rows[row]!.realizedPnl),
        fees: BigInt(plan.rows[row]!.fees),
      }),
    );
    const outcome = await runForSession(db, session, incoming, plan.rows.length <= PER_TRADE_EVENTS_UP_TO ? 'new' : 'none');
    // A trade taken while a cooldown ran is recorded like any other, and carries the flag.
    for (const seq of outcome.inCooldown) plan.rows[rows[seq]!]!.inCooldown = 1;
    plan.sessions.push({ session, rows, outcome });
  }
  if (active) await activeDayChange(db, active, plan, now);
  if (plan.rows.some((row) => row.sessionId === null)) plan.lockout = (await findRunningLockout(db, profile.id, now)) ?? null;
  if (plan.lockout) plan.heldUntil = Math.min(plan.heldUntil, plan.lockout.lockoutUntil!);
  return plan;
}

/**
 * A plan made earlier, as `planRecording` would make it again at `now` with each trade in the
 * import `batchId`, for a caller that knows nothing was written since it was made (an import's
 * preview, committed unchanged: 50,000 trades are not planned twice). Null when `now` is past
 * what the plan read of the clock: it must be made again.
 */
export function replanned(plan: RecordingPlan, now: number, batchId: number | null): RecordingPlan | null {
  if (now < plan.plannedAt || now >= plan.heldUntil) return null;
  for (const row of plan.rows) {
    row.createdAt = now;
    row.batchId = batchId;
  }
  return plan;
}

/**
 * The ledger over a session with new trades. New trades that close after every recorded one
 * continue from the stored state, at the same cost however long the session is; one that
 * closes before recorded trades changes the path, so the session is replayed in close order.
 */
export async function runForSession(db: ReadDb, session: SessionRow, incoming: LedgerTrade[], record: 'new' | 'none'): Promise<LedgerOutcome> {
  const raised = new Set(await raisedOnceKeys(db, session.id));
  const canStop = session.status === 'active';
  const stored = storedLedgerState(session);
  if (stored !== null && continuesFrom(stored, incoming))
    return runLedger({ ...(await ledgerContext(db, session, incoming)), from: stored, trades: incoming, raised, canStop, record });
  const all = [...(await ledgerTradesOfSession(db, session.id)), ...incoming].sort(compareLedgerTrades);
  return runLedger({ ...(await ledgerContext(db, session, all)), from: EMPTY_LEDGER, trades: all, raised, canStop, record });
}

/**
 * Trades outside the active session (outside any session, or late trades of an ended one) move
 * the rest of its trading day, which its daily loss limit reads: the limit is read again on the
 * day as it is after the batch, so such trades warn and stop it as its own trade would, in the
 * same transaction. The day read is the trading day of `now`, the one the session trades in.
 */
async function activeDayChange(db: ReadDb, active: SessionRow, plan: RecordingPlan, now: number): Promise<void> {
  const rules = rulesOf(active);
  const daily = rules.find((rule) => rule.kind === 'daily_loss_limit');
  if (!daily) return;
  const day = tradingDayAt(now, daily.boundary);
  plan.heldUntil = Math.min(plan.heldUntil, day.end);
  const inDay = (row: Omit<TradeRow, 'id'>) => row.closedAt >= day.start && row.closedAt < day.end;
  const outside = plan.rows.filter((row) => row.sessionId !== active.id && inDay(row));
  if (outside.length === 0) return;
  const own = plan.sessions.find((p) => p.session.id === active.id);
  if (own?.outcome.stop) return;

  const state = own?.outcome.state ?? (await runForSession(db, active, [], 'none')).state;
  const ownPnl = await ownDayPnl(db, active, plan, state, day);
  const others = (await dayPnlOf(db, active.userId, day, active.id)) + outside.reduce((sum, row) => sum + BigInt(row.realizedPnl), 0n);
  const raised = new Set(await raisedOnceKeys(db, active.id));
  for (const warning of own?.outcome.warnings ?? []) raised.add(warning.key);
  const change = runDayChange({ rules, state: { ...state, day: { start: day.start, pnl: ownPnl, others } }, raised, canStop: true });
  if (change.warnings.length === 0 && change.stop === null) return;
  if (own) {
    own.outcome.warnings.push(...change.warnings);
    own.outcome.stop = change.stop;
  } else {
    plan.sessions.push({ session: active, rows: [], outcome: change });
  }
}

/** The session's own P&L in a trading day, after the batch: from its state when its last trade closed that day. */
async function ownDayPnl(db: ReadDb, session: SessionRow, plan: RecordingPlan, state: LedgerState, day: TradingDay): Promise<bigint> {
  if (state.last === null || state.last.closedAt < day.start) return 0n;
  if (state.day?.start === day.start) return state.day.pnl;
  // Its last trade closes after the day (a clock stepped backwards): its trades in the day are summed.
  const inDay = (closedAt: number) => closedAt >= day.start && closedAt < day.end;
  const stored = (await ledgerTradesOfSession(db, session.id)).filter((t) => inDay(t.closedAt)).reduce((sum, t) => sum + t.pnl, 0n);
  return plan.rows.filter((row) => row.sessionId === session.id && inDay(row.closedAt)).reduce((sum, row) => sum + BigInt(row.realizedPnl), stored);
}

const recordedExternalIds = compiledOnce(
  (db, userId: number, source: TradeSource, idsJson: string) =>
    db
      .selectFrom('trade')
      .select('externalId')
      .where('userId', '=', userId)
      .where('source', '=', source)
      .where('externalId', 'in', inJsonList(JSON.parse(idsJson) as string[])),
  (userId, source, idsJson) => [userId, source, idsJson],
);

/**
 * The external ids already recorded, by source: a set per source rather than one of joined
 * keys, so an import of 50,000 trades builds no key string per trade.
 */
async function knownExternalIds(db: ReadDb, userId: number, inputs: readonly TradeInput[]): Promise<Map<TradeSource, Set<string>>> {
  const known = new Map<TradeSource, Set<string>>();
  const bySource = new Map<TradeSource, string[]>();
  for (const input of inputs) {
    if (!input.externalId) continue;
    const list = bySource.get(input.source);
    if (list) list.push(input.externalId);
    else bySource.set(input.source, [input.externalId]);
  }
  for (const [source, ids] of bySource) {
    // A first import asks about 50,000 ids of a profile that has none from its source: one probe says so
    // (one trade, the hot path, skips the probe).
    if (ids.length > 100) {
      const any = await db
        .selectFrom('trade')
        .select('id')
        .where('userId', '=', userId)
        .where('source', '=', source)
        .where('externalId', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      if (!any) continue;
    }
    const rows = await recordedExternalIds(db, userId, source, JSON.stringify(ids));
    if (rows.length > 0) known.set(source, new Set(rows.map((row) => row.externalId!)));
  }
  return known;
}

/**
 * Started sessions of the profile whose time span touches [from, to], oldest first. A session
 * never runs longer than the longest duration, so only those started within that much before
 * `from` can cover it, which keeps the lookup an index range however long the history is.
 */
async function sessionsCovering(db: ReadDb, userId: number, from: number, to: number): Promise<SessionRow[]> {
  return db
    .selectFrom('TradingSession')
    .selectAll()
    .where('userId', '=', userId)
    .where('startTime', '>=', from - LONGEST_SESSION_MS)
    .where('startTime', '<=', to)
    .where((eb) => eb.or([eb('endTime', 'is', null), eb('endTime', '>', from)]))
    .orderBy('startTime')
    .execute();
}

/** Entered by hand or received live: such a trade belongs to the active session whatever its close time says. */
function isLive(input: TradeInput): boolean {
  return input.source === 'manual' || input.source === 'feed';
}

/** The session running at a close time: started at or before it, and not yet ended. */
function sessionAt(sessions: readonly SessionRow[], closedAt: number): number | null {
  for (let i = sessions.length - 1; i >= 0; i -= 1) {
    const s = sessions[i]!;
    if (s.startTime! <= closedAt) return s.endTime === null || closedAt < s.endTime ? s.id : null;
  }
  return null;
}

/** An import's trades share their amounts' instances (one per distinct value): each is converted once. */
const microsCache = new WeakMap<Decimal, Micros>();

function storedMicros(amount: Decimal): Micros {
  let micros = microsCache.get(amount);
  if (micros === undefined) {
    micros = toMicros(amount);
    microsCache.set(amount, micros);
  }
  return micros;
}

/**
 * A planned row. Its id is 0 until the insert gives it one: a field there from the start, so
 * setting it stores a number where adding it would give each of an import's 50,000 rows a
 * second block of properties, all of them kept.
 */
function toRow(input: TradeInput, userId: number, sessionId: number | null, now: number): TradeRow {
  return {
    id: 0,
    userId,
    sessionId,
    source: input.source,
    externalId: input.externalId ?? null,
    account: input.account ?? null,
    symbol: input.symbol ?? null,
    side: input.side ?? null,
    quantity: input.quantity ?? null,
    entryPrice: input.entryPrice ?? null,
    exitPrice: input.exitPrice ?? null,
    pointValue: input.pointValue ?? null,
    fees: storedMicros(input.fees),
    realizedPnl: storedMicros(input.realizedPnl),
    openedAt: input.openedAt ?? null,
    closedAt: input.closedAt,
    note: input.note ?? null,
    createdAt: now,
    voidedAt: null,
    voidReason: null,
    batchId: input.batchId ?? null,
    inCooldown: 0,
  };
}
