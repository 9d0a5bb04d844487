import type { AppEvent } from '../contract/events.ts';
import { matchFifo } from '../imports/fifo-matcher.ts';
import { toInput } from '../imports/import-service.ts';
import type { ClosedTrade, OpenLot } from '../imports/import-types.ts';
import { Decimal, toMicros } from '../money/money.ts';
import { requireActiveProfile } from '../profiles/profile-repository.ts';
import type { Storage } from '../storage/connection.ts';
import { inJsonList } from '../storage/json-list.ts';
import type { ProfileRow, SessionRow, TradeRow, WriteTx } from '../storage/tables.ts';
import type { Clock } from '../time/clock.ts';
import { recordTrades, type TradeInput } from '../trades/trade-recording.ts';
import { voidTrades } from '../trades/trade-voiding.ts';
import {
  currentLotsJson,
  executionsOfBook,
  findRecordedExecution,
  lotsOfBook,
  markAmended,
  markRemoved,
  replaceBookLots,
  rowToFill,
  type FeedExecutionRow,
} from './feed-execution-repository.ts';
import type { V2Execution } from './feed-v2-schema.ts';

export type CorrectionStatus = 'amended' | 'removed' | 'unchanged' | 'refused';

/**
 * Why a correction was refused, for programs: the fill was never received (`unknown_fill`), was
 * received before Sessionguard kept what fills were (`not_kept`), was removed already
 * (`removed`), would move to another account or instrument (`moved`), or a broker file imported
 * after it matched the same position (`imported_after`).
 */
export type CorrectionRefusal = 'unknown_fill' | 'not_kept' | 'removed' | 'moved' | 'imported_after';

export interface CorrectionAnswer {
  status: CorrectionStatus;
  code?: CorrectionRefusal;
  reason?: string;
}

/** What a stored execution holds that an amend may change. */
export type ExecutionValues = Pick<FeedExecutionRow, 'side' | 'quantity' | 'price' | 'fees' | 'pointValue' | 'time'>;

/** An amend or a remove of an execution, whichever feed route it came by. */
export type ExecutionCorrection = {
  /** The stored fill's key (`feed:...`). */
  fillKey: string;
  /** The sender's id for it, as the reasons name it. */
  executionId: string;
} & ({ event: 'remove' } | { event: 'amend'; account: string; symbol: string; values: ExecutionValues });

export interface CorrectionOutcome {
  statuses: CorrectionAnswer[];
  /** Trades voided and trades recorded by re-matching, and every session they changed, as it ended up. */
  voided: number;
  recorded: TradeRow[];
  sessions: SessionRow[];
  breached: boolean;
  events: AppEvent[];
}

/** What an amend would make of a stored execution. */
export function amendedValues(execution: V2Execution): ExecutionValues {
  return {
    side: execution.side,
    quantity: new Decimal(execution.quantity).toString(),
    price: new Decimal(execution.price).toString(),
    fees: toMicros(new Decimal(execution.commission).plus(execution.fees ?? '0')),
    pointValue: new Decimal(execution.instrument.pointValue).toString(),
    time: Date.parse(execution.time.utc),
  };
}

/**
 * Amends and removes of executions already recorded, in one transaction, through the ledger.
 * The execution's book (its account and instrument) is re-matched FIFO from the delivery the
 * execution came in, with the execution withdrawn (remove) or corrected (amend): a lot it
 * opened and that is still open shrinks or goes; a trade it took part in, and every later
 * trade of the book that the change moves, is voided with the reason and replaced by the
 * re-matched one in the same session; trades the change does not touch stay as they are.
 * Sessions are recomputed by the ledger (a stop stays a stop; a running lockout stays).
 */
export async function correctExecutions(
  deps: { storage: Storage; clock: Clock },
  source: string,
  corrections: readonly ExecutionCorrection[],
): Promise<CorrectionOutcome> {
  return deps.storage.write(async (tx) => {
    const profile = await requireActiveProfile(tx);
    const now = deps.clock.now();
    const outcome: CorrectionOutcome = { statuses: [], voided: 0, recorded: [], sessions: [], breached: false, events: [] };
    const sessions = new Map<number, SessionRow>();
    for (const correction of corrections) {
      const status = await correctOne(tx, profile, source, correction, now, outcome);
      outcome.statuses.push(status);
    }
    for (const session of outcome.sessions) sessions.set(session.id, session);
    outcome.sessions = [...sessions.values()];
    return outcome;
  });
}

async function correctOne(
  tx: WriteTx,
  profile: ProfileRow,
  source: string,
  correction: ExecutionCorrection,
  now: number,
  outcome: CorrectionOutcome,
): Promise<CorrectionAnswer> {
  const { fillKey, executionId } = correction;
  const stored = await findRecordedExecution(tx, profile.id, fillKey);
  const amend = correction.event === 'amend' ? correction : null;
  const remove = amend === null;
  if (!stored)
    return {
      status: 'refused',
      code: 'not_kept',
      reason: `Sessionguard has this execution's fill (${executionId}) but not what it was, so it can't re-match it; correct the trade by hand.`,
    };
  if (stored.removedAt !== null)
    return remove
      ? { status: 'unchanged' }
      : { status: 'refused', code: 'removed', reason: `Execution ${executionId} was removed; it can't be amended. Send it as a new execution with a new id.` };
  if (amend && amend.symbol !== stored.symbol)
    return {
      status: 'refused',
      code: 'moved',
      reason: `An amend can't move execution ${executionId} from ${stored.symbol} to ${amend.symbol}; remove it and send a new execution.`,
    };
  if (amend && amend.account !== stored.account)
    return {
      status: 'refused',
      code: 'moved',
      reason: `An amend can't move execution ${executionId} from account ${stored.account} to ${amend.account}; remove it and send a new execution.`,
    };
  const values = amend?.values;
  if (values && Object.entries(values).every(([key, value]) => stored[key as keyof ExecutionValues] === value)) return { status: 'unchanged' };

  const batches = await tx
    .selectFrom('import_batch')
    .selectAll()
    .where('userId', '=', profile.id)
    .where('id', '>=', stored.batchId)
    .where('undoneAt', 'is', null)
    .orderBy('id')
    .execute();
  const lotsNow = await currentLotsJson(tx, profile.id);
  const book = (json: string | null) => JSON.stringify(lotsOfBook(json, stored.account, stored.symbol));
  for (const [index, batch] of batches.entries()) {
    if (batch.preset === 'live_feed') continue;
    const after = batches[index + 1]?.openLotsBefore ?? lotsNow;
    const traded = await tx
      .selectFrom('trade')
      .select('id')
      .where('batchId', '=', batch.id)
      .where('account', '=', stored.account)
      .where('symbol', '=', stored.symbol)
      .limit(1)
      .executeTakeFirst();
    if (traded || book(batch.openLotsBefore) !== book(after)) {
      return {
        status: 'refused',
        code: 'imported_after',
        reason: `The broker file ${batch.fileName}, imported after execution ${executionId}, also matched ${stored.account} ${stored.symbol}: undo that import first, then send the correction again.`,
      };
    }
  }

  // The book as it was before the execution's delivery, then every live delivery since, in order.
  const fills = (await executionsOfBook(tx, profile.id, stored.account, stored.symbol, stored.batchId))
    .filter((row) => !(remove && row.fillKey === fillKey))
    .map((row) => (row.fillKey === fillKey && values ? { ...row, ...values } : row));
  let lots: OpenLot[] = lotsOfBook(batches[0]!.openLotsBefore, stored.account, stored.symbol);
  const matched: Array<{ trade: ClosedTrade; batchId: number }> = [];
  for (const batch of batches) {
    if (batch.preset !== 'live_feed') continue;
    const delivered = fills.filter((row) => row.batchId === batch.id).map((row, index) => rowToFill(row, index + 1));
    if (delivered.length === 0) continue;
    const result = matchFifo(delivered, lots);
    matched.push(...result.trades.map((trade) => ({ trade, batchId: batch.id })));
    lots = result.openLots;
  }

  const old = await tx
    .selectFrom('trade')
    .selectAll()
    .where('userId', '=', profile.id)
    .where('source', '=', 'feed')
    .where('account', '=', stored.account)
    .where('symbol', '=', stored.symbol)
    .where('voidedAt', 'is', null)
    .where('batchId', 'in', inJsonList(batches.map((b) => b.id)))
    .execute();
  const kept = new Set<number>();
  const fresh: typeof matched = [];
  for (const m of matched) {
    const same = old.find((o) => !kept.has(o.id) && sameTrade(o, m.trade));
    if (same) kept.add(same.id);
    else fresh.push(m);
  }
  const stale = old.filter((o) => !kept.has(o.id));
  const reason = `${source} ${remove ? 'removed' : 'amended'} execution ${executionId} (${stored.account} ${stored.symbol}); the position was re-matched`;
  const voided = await voidTrades(
    tx,
    profile,
    stale.map((o) => o.id),
    reason,
    now,
  );

  // Each re-matched trade gets a new id (the replaced ones keep theirs, voided) and the session
  // of the trade its closing execution made before; one never closed before goes where a live trade goes.
  const revision =
    (
      await tx
        .selectFrom('trade')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst()
    )?.id ?? 0;
  const inputs: TradeInput[] = fresh.map(({ trade, batchId }) => {
    const before = stale.find((o) => o.closedAt === trade.closedAt);
    return { ...toInput(trade), source: 'feed', externalId: `${trade.externalId}~${revision}`, batchId, ...(before && { sessionId: before.sessionId }) };
  });
  const recording = await recordTrades(tx, profile, inputs, now);
  await replaceBookLots(tx, profile.id, stored.account, stored.symbol, lots);
  if (values) await markAmended(tx, profile.id, fillKey, values, now);
  else await markRemoved(tx, profile.id, fillKey, now);

  outcome.voided += voided.voided.length;
  outcome.recorded.push(...recording.trades);
  outcome.sessions.push(...voided.sessions, ...recording.sessions);
  outcome.breached ||= voided.breached || recording.breached;
  outcome.events.push(...voided.events, ...recording.events);
  return { status: remove ? 'removed' : 'amended' };
}

/** The same trade as before the correction: the same matching (id before any revision) and the same figures. */
function sameTrade(row: TradeRow, trade: ClosedTrade): boolean {
  return (
    row.externalId?.split('~')[0] === trade.externalId &&
    row.realizedPnl === toMicros(trade.netPnl) &&
    row.fees === toMicros(trade.fees) &&
    row.quantity === (trade.quantity?.toString() ?? null) &&
    row.entryPrice === (trade.entryPrice?.toString() ?? null) &&
    row.exitPrice === (trade.exitPrice?.toString() ?? null) &&
    row.closedAt === trade.closedAt &&
    row.openedAt === trade.openedAt
  );
}
