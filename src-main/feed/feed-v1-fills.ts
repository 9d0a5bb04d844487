import type { FieldError } from '../contract/errors.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { knownFillKeys, pointValueOverrides } from '../imports/import-repository.ts';
import type { ImportService, LiveFill } from '../imports/import-service.ts';
import { pointValueOf } from '../imports/point-values.ts';
import { Decimal, fromMicros, toMicros, toMoneyString } from '../money/money.ts';
import type { ActiveProfileCache } from '../profiles/active-profile.ts';
import { rowToSession } from '../sessions/session-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { SessionRow, TradeRow } from '../storage/tables.ts';
import type { Clock } from '../time/clock.ts';
import type { TradeInput } from '../trades/trade-recording.ts';
import { correctExecutions, type CorrectionAnswer, type ExecutionCorrection, type ExecutionValues } from './execution-corrections.ts';
import { keepExecutions } from './feed-execution-repository.ts';
import type { FeedFill, NewFeedFill } from './feed-schema.ts';

/** What a correction of a live fill needs: it re-matches and voids through the ledger. */
export interface FeedLedgerDeps {
  storage: Storage;
  clock: Clock;
  bus: Pick<EventBus, 'emitAll'>;
}

/** Who the void reasons say corrected a fill delivered on v1. */
const V1_SOURCE = 'the live feed';

/** A fill of the request, with its key and, unless it is a remove, its point value resolved. */
type Keyed = { index: number; fillKey: string } & (
  | { fill: NewFeedFill; pointValue: Decimal }
  | { fill: Extract<FeedFill, { event: 'remove' }>; pointValue: null }
);

/**
 * The fills of one v1 request, in the order sent. New ones are matched FIFO through the
 * live-fill path (with the request's closed trades, recorded first); an `amend` or `remove` of
 * a fill already received is a correction through the ledger, as on v2: the position is
 * re-matched, the trades it changes are voided with the reason and replaced, the sessions
 * recomputed (a stop stays a stop; a running lockout keeps running). A correction of an id
 * never received is refused on that fill with a code; nothing else of the request is held up.
 * A point value that can't be found refuses the whole request before anything is written.
 */
export async function receiveFills(
  deps: FeedLedgerDeps & { imports: Pick<ImportService, 'recordLiveFills'>; profile: Pick<ActiveProfileCache, 'current'> },
  fills: readonly FeedFill[],
  trades: readonly TradeInput[],
): Promise<Record<string, unknown>> {
  const profile = await deps.profile.current(deps.storage.read);
  const overrides = await pointValueOverrides(deps.storage.read, profile.id);
  const problems: FieldError[] = [];
  const keyed: Keyed[] = fills.map((fill, index) => {
    const key = { index, fillKey: `feed:${fill.externalId}` };
    if (fill.event === 'remove') return { ...key, fill, pointValue: null };
    if (fill.pointValue !== undefined) return { ...key, fill, pointValue: new Decimal(fill.pointValue) };
    const lookup = pointValueOf(fill.symbol, overrides);
    if (!lookup.ok) {
      const message = `Fill ${index + 1} (${fill.externalId}): ${lookup.reason}, or send its pointValue (1 for shares).`;
      problems.push({ field: `fills.${index}.pointValue`, code: 'unknown_point_value', message });
    }
    return { ...key, fill, pointValue: new Decimal(lookup.ok ? lookup.value : 0) };
  });
  if (problems.length > 0) throw new AppError('validation', problems[0]!.message, { field: problems[0]!.field, fieldErrors: problems });

  const known = await knownFillKeys(
    deps.storage.read,
    profile.id,
    keyed.map((k) => k.fillKey),
  );
  const answers = new Map<number, CorrectionAnswer>();
  const totals = {
    recorded: [] as TradeRow[],
    duplicates: 0,
    alreadyReceived: 0,
    voided: 0,
    sessions: [] as SessionRow[],
    warnings: [] as string[],
    breached: false,
  };
  let pendingTrades = trades;
  let run: Keyed[] = [];
  let runKind: 'new' | 'correction' = 'new';

  const recordNew = async (fresh: ReadonlyArray<Extract<Keyed, { pointValue: Decimal }>>) => {
    if (fresh.length === 0 && pendingTrades.length === 0) return;
    const outcome = await deps.imports.recordLiveFills(
      fresh.map((k) => toLiveFill(k.fill, k.pointValue)),
      pendingTrades,
      keepExecutions(
        fresh.map((k) => ({ fillKey: k.fillKey, account: accountOf(k.fill), symbol: k.fill.symbol.toUpperCase(), ...valuesOf(k.fill, k.pointValue) })),
        deps.clock,
      ),
    );
    pendingTrades = [];
    for (const k of fresh) known.add(k.fillKey);
    totals.recorded.push(...outcome.recording.trades);
    totals.duplicates += outcome.recording.duplicates;
    totals.sessions.push(...outcome.recording.sessions);
    totals.warnings.push(...outcome.recording.warnings);
    totals.breached ||= outcome.recording.breached;
  };

  const flush = async () => {
    if (run.length === 0) return;
    if (runKind === 'new') {
      const fresh = run.filter((k): k is Extract<Keyed, { pointValue: Decimal }> => k.pointValue !== null && !known.has(k.fillKey));
      totals.alreadyReceived += run.length - fresh.length;
      await recordNew(fresh);
    } else {
      // The request's closed trades come first, as they do before its new fills.
      await recordNew([]);
      const outcome = await correctExecutions(deps, V1_SOURCE, run.map(toCorrection));
      deps.bus.emitAll(outcome.events);
      for (const [i, k] of run.entries()) answers.set(k.index, outcome.statuses[i]!);
      totals.recorded.push(...outcome.recorded);
      totals.voided += outcome.voided;
      totals.sessions.push(...outcome.sessions);
      totals.breached ||= outcome.breached;
    }
    run = [];
  };

  // Known to a correction: received before this request, or earlier in it.
  const sentBefore = new Set<string>();
  for (const k of keyed) {
    const kind = k.fill.event === 'amend' || k.fill.event === 'remove' ? 'correction' : 'new';
    if (kind === 'new') sentBefore.add(k.fillKey);
    if (kind === 'correction' && !known.has(k.fillKey) && !sentBefore.has(k.fillKey)) {
      answers.set(k.index, {
        status: 'refused',
        code: 'unknown_fill',
        reason: `Fill ${k.fill.externalId} was never received, so there is nothing to ${k.fill.event}; send it as a new fill.`,
      });
      continue;
    }
    // A run corrects each fill once: a second correction of the same one waits for the first.
    if (kind !== runKind || (kind === 'correction' && run.some((r) => r.fillKey === k.fillKey))) {
      await flush();
      runKind = kind;
    }
    run.push(k);
  }
  await flush();
  await recordNew([]);

  const session = totals.sessions.at(-1);
  const openLots = await deps.storage.read
    .selectFrom('open_lot')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', profile.id)
    .executeTakeFirstOrThrow();
  const corrections = keyed.filter((k) => answers.has(k.index)).map((k) => ({ externalId: k.fill.externalId, event: k.fill.event, ...answers.get(k.index)! }));
  return {
    recorded: totals.recorded.map((t) => ({ id: t.id, externalId: t.externalId, sessionId: t.sessionId, pnl: toMoneyString(fromMicros(t.realizedPnl)) })),
    duplicates: totals.duplicates,
    fills: { received: fills.length, alreadyReceived: totals.alreadyReceived, openLots: openLots.n, ...(corrections.length > 0 && { corrections }) },
    ...(corrections.length > 0 && { voided: totals.voided }),
    warnings: [...new Set(totals.warnings)],
    breached: totals.breached,
    session: session ? rowToSession(session) : null,
  };
}

function accountOf(fill: FeedFill): string {
  return fill.account ?? 'default';
}

/** The fill as the execution store keeps it (and as an amend compares with what is kept). */
function valuesOf(fill: NewFeedFill, pointValue: Decimal): ExecutionValues {
  return {
    side: fill.side,
    quantity: new Decimal(fill.quantity).toString(),
    price: new Decimal(fill.price).toString(),
    fees: toMicros(new Decimal(fill.fees ?? '0')),
    pointValue: pointValue.toString(),
    time: Date.parse(fill.time),
  };
}

function toCorrection(k: Keyed): ExecutionCorrection {
  const named = { fillKey: k.fillKey, executionId: k.fill.externalId };
  if (k.pointValue === null) return { ...named, event: 'remove' };
  return { ...named, event: 'amend', account: accountOf(k.fill), symbol: k.fill.symbol.toUpperCase(), values: valuesOf(k.fill, k.pointValue) };
}

function toLiveFill(fill: NewFeedFill, pointValue: Decimal): LiveFill {
  return {
    key: fill.externalId,
    account: accountOf(fill),
    symbol: fill.symbol.toUpperCase(),
    side: fill.side,
    quantity: new Decimal(fill.quantity),
    price: new Decimal(fill.price),
    fees: new Decimal(fill.fees ?? '0'),
    time: Date.parse(fill.time),
    pointValue,
  };
}
