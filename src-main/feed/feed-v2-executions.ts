import type { FieldError } from '../contract/errors.ts';
import { knownFillKeys } from '../imports/import-repository.ts';
import type { LiveFill } from '../imports/import-service.ts';
import { Decimal, fromMicros, toMoneyString } from '../money/money.ts';
import { rowToSession } from '../sessions/session-repository.ts';
import { inJsonList } from '../storage/json-list.ts';
import type { ReadDb, SessionRow, TradeRow } from '../storage/tables.ts';
import { amendedValues, correctExecutions, type CorrectionAnswer, type ExecutionCorrection } from './execution-corrections.ts';
import { keepExecutions } from './feed-execution-repository.ts';
import type { FeedV2Context } from './feed-v2-routes.ts';
import type { V2Execution, V2ExecutionsBody } from './feed-v2-schema.ts';

/**
 * Executions in the order sent. New ones (and an amend of one never received, which is then
 * new) go through the live-fill path, matched FIFO; amends and removes of recorded ones are
 * corrections through the ledger. Each run of new executions, and each run of corrections, is
 * one transaction. A correction Sessionguard can't apply is answered per execution, with why.
 */
export async function receiveExecutions(
  deps: FeedV2Context,
  body: V2ExecutionsBody,
): Promise<{ ok: true; reply: Record<string, unknown> } | { ok: false; fieldErrors: FieldError[] }> {
  const profile = await deps.profile.current(deps.storage.read);
  const problems: FieldError[] = [];
  body.executions.forEach((execution, index) => {
    if (execution.account.currency !== profile.currency) {
      problems.push({
        field: `executions.${index}.account.currency`,
        code: 'currency_mismatch',
        message: `Account ${execution.account.id} is in ${execution.account.currency}, but the Sessionguard profile is in ${profile.currency}; its executions can't join the profile's P&L.`,
      });
    }
  });
  if (problems.length > 0) return { ok: false, fieldErrors: problems };

  const keyed = body.executions.map((execution) => ({ execution, fillKey: `feed:${executionKey(body.source, execution)}` }));
  const known = await knownFillKeys(
    deps.storage.read,
    profile.id,
    keyed.map((k) => k.fillKey),
  );
  const statuses: Array<{ status: 'recorded' | 'duplicate' | 'unknown'; reason?: string } | CorrectionAnswer> = [];
  const totals = { recorded: [] as TradeRow[], voided: 0, sessions: [] as SessionRow[], warnings: [] as string[], breached: false };
  let run: typeof keyed = [];
  let runKind: 'new' | 'correction' = 'new';

  const flush = async () => {
    if (run.length === 0) return;
    if (runKind === 'new') {
      const fresh = run.filter((k) => !known.has(k.fillKey));
      const outcome = await deps.imports.recordLiveFills(
        fresh.map((k) => toLiveFill(body.source, k.execution)),
        [],
        keepExecutions(
          fresh.map((k) => ({
            fillKey: k.fillKey,
            account: k.execution.account.id,
            symbol: k.execution.instrument.symbol.toUpperCase(),
            ...amendedValues(k.execution),
          })),
          deps.clock,
        ),
      );
      for (const k of run) statuses.push({ status: known.has(k.fillKey) ? 'duplicate' : 'recorded' });
      for (const k of fresh) known.add(k.fillKey);
      totals.recorded.push(...outcome.recording.trades);
      totals.sessions.push(...outcome.recording.sessions);
      totals.warnings.push(...outcome.recording.warnings);
      totals.breached ||= outcome.recording.breached;
    } else {
      const outcome = await correctExecutions(
        deps,
        body.source,
        run.map(({ execution, fillKey }) => toCorrection(execution, fillKey)),
      );
      deps.bus.emitAll(outcome.events);
      statuses.push(...outcome.statuses);
      totals.recorded.push(...outcome.recorded);
      totals.voided += outcome.voided;
      totals.sessions.push(...outcome.sessions);
      totals.breached ||= outcome.breached;
    }
    run = [];
  };

  for (const k of keyed) {
    // Known: recorded before this request, or earlier in it.
    const pending = run.some((r) => r.fillKey === k.fillKey);
    const recorded = known.has(k.fillKey) || pending;
    if (k.execution.event === 'remove' && !recorded) {
      await flush();
      statuses.push({ status: 'unknown', reason: `Execution ${k.execution.executionId} was never recorded; there is nothing to remove.` });
      continue;
    }
    const kind = k.execution.event === 'new' || !recorded ? 'new' : 'correction';
    // A run holds each execution once: a repeat, or a correction of one still in the run, waits for the run before it.
    if (kind !== runKind || (kind === 'new' && pending)) {
      await flush();
      runKind = kind;
    }
    run.push(k);
  }
  await flush();
  deps.connectors.execution(body.source, deps.clock.now());

  const session = totals.sessions.at(-1);
  const openLots = await deps.storage.read
    .selectFrom('open_lot')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', profile.id)
    .executeTakeFirstOrThrow();
  return {
    ok: true,
    reply: {
      received: keyed.length,
      alreadyReceived: statuses.filter((s) => s.status === 'duplicate').length,
      executions: keyed.map((k, index) => ({
        executionId: k.execution.executionId,
        account: k.execution.account.id,
        event: k.execution.event,
        ...statuses[index]!,
      })),
      recorded: totals.recorded.map((t) => ({
        id: t.id,
        account: t.account,
        symbol: t.symbol,
        sessionId: t.sessionId,
        pnl: toMoneyString(fromMicros(t.realizedPnl)),
      })),
      voided: totals.voided,
      openLots: openLots.n,
      positions: await positions(deps.storage.read, profile.id, body.executions),
      warnings: [...new Set(totals.warnings)],
      breached: totals.breached,
      session: session ? rowToSession(session) : null,
    },
  };
}

/** The idempotency key: the same execution from the same account of the same connector is one fill. */
export function executionKey(source: string, execution: Pick<V2Execution, 'account' | 'executionId'>): string {
  return `${source}:${execution.account.id}:${execution.executionId}`;
}

function toCorrection(execution: V2Execution, fillKey: string): ExecutionCorrection {
  const named = { fillKey, executionId: execution.executionId };
  if (execution.event === 'remove') return { ...named, event: 'remove' };
  return { ...named, event: 'amend', account: execution.account.id, symbol: execution.instrument.symbol.toUpperCase(), values: amendedValues(execution) };
}

function toLiveFill(source: string, execution: V2Execution): LiveFill {
  return {
    key: executionKey(source, execution),
    account: execution.account.id,
    symbol: execution.instrument.symbol.toUpperCase(),
    side: execution.side,
    quantity: new Decimal(execution.quantity),
    price: new Decimal(execution.price),
    fees: new Decimal(execution.commission).plus(execution.fees ?? '0'),
    time: Date.parse(execution.time.utc),
    pointValue: new Decimal(execution.instrument.pointValue),
  };
}

/**
 * Sessionguard's position per account and instrument touched (what its FIFO still holds open)
 * beside the one the platform reported, so a connector or a person can see a missed execution.
 */
async function positions(
  db: ReadDb,
  userId: number,
  executions: readonly V2Execution[],
): Promise<Array<{ account: string; symbol: string; sessionguard: string; platform: string | null }>> {
  const latest = new Map<string, { account: string; symbol: string; platform: string | null }>();
  for (const e of executions) {
    const symbol = e.instrument.symbol.toUpperCase();
    latest.set(`${e.account.id}\u0000${symbol}`, {
      account: e.account.id,
      symbol,
      platform: e.positionAfter ?? latest.get(`${e.account.id}\u0000${symbol}`)?.platform ?? null,
    });
  }
  const symbols = [...new Set([...latest.values()].map((p) => p.symbol))];
  const lots = await db
    .selectFrom('open_lot')
    .select(['account', 'symbol', 'side', 'quantity'])
    .where('userId', '=', userId)
    .where('symbol', 'in', inJsonList(symbols))
    .execute();
  return [...latest.values()].map((p) => {
    const held = lots
      .filter((l) => l.account === p.account && l.symbol === p.symbol)
      .reduce((sum, l) => (l.side === 'long' ? sum.plus(l.quantity) : sum.minus(l.quantity)), new Decimal(0));
    return { account: p.account, symbol: p.symbol, sessionguard: held.toString(), platform: p.platform === null ? null : new Decimal(p.platform).toString() };
  });
}
