import type { ZodError } from 'zod';
import type { FieldError } from '../contract/errors.ts';
import type { LockView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { ImportService, LiveFill } from '../imports/import-service.ts';
import { Decimal, fromMicros, toMoneyString } from '../money/money.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import { rowToSession } from '../sessions/session-repository.ts';
import type { Storage } from '../storage/connection.ts';
import { inJsonList } from '../storage/json-list.ts';
import type { ReadDb, SessionRow, TradeRow } from '../storage/tables.ts';
import type { Clock } from '../time/clock.ts';
import { knownFillKeys } from '../imports/import-repository.ts';
import { appendConnectorEvent } from './connector-timeline.ts';
import { amendedValues, correctExecutions, type CorrectionStatus } from './execution-corrections.ts';
import { rememberExecutions } from './feed-execution-repository.ts';
import { CONNECTOR_LOST_AFTER_MS, type ConnectorRegistry } from './connector-status.ts';
import { v2ExecutionsBody, v2HeartbeatBody, type V2Execution, type V2ExecutionsBody, type V2HeartbeatBody } from './feed-v2-schema.ts';
import { readLockState } from './lock-state.ts';

export interface FeedV2Deps {
  storage: Storage;
  clock: Clock;
  bus: Pick<EventBus, 'emitAll'>;
  imports: Pick<ImportService, 'recordLiveFills'>;
  connectors: ConnectorRegistry;
}

export interface V2Call {
  method: string;
  path: string;
  contentType: string;
  /** The body as text; null when it was over the size limit (not read further). */
  body: string | null;
  bodyLimitKiB: number;
}

export interface V2Reply {
  status: number;
  body: Record<string, unknown>;
}

const ROUTES: Record<string, string> = { '/v2/executions': 'POST', '/v2/heartbeat': 'POST', '/v2/lock': 'GET' };

/**
 * Feed v2, after the shared loopback and token checks passed: executions, heartbeats and the
 * lock. Every reply, refusals included, carries the lock as it is after the request, so a
 * connector can enforce it without asking again. Refusals record nothing.
 */
export async function answerV2(deps: FeedV2Deps, call: V2Call): Promise<V2Reply> {
  let reply: V2Reply;
  try {
    reply = await route(deps, call);
  } catch (error) {
    const appError = error instanceof AppError ? error : new AppError('internal', 'The feed could not handle this request.');
    reply = { status: statusOf(appError.code), body: { error: appError.toData() } };
  }
  return { status: reply.status, body: { ...reply.body, lock: await lockOrNull(deps) } };
}

async function route(deps: FeedV2Deps, call: V2Call): Promise<V2Reply> {
  const method = ROUTES[call.path];
  if (method === undefined) return refusal(404, 'not_found', 'Unknown path; feed v2 has POST /v2/executions, POST /v2/heartbeat and GET /v2/lock.');
  if (call.method !== method) return refusal(405, 'method_not_allowed', `Use ${method} for ${call.path}.`);
  if (call.path === '/v2/lock') return { status: 200, body: {} };

  const type = call.contentType.split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return refusal(415, 'unsupported_media_type', 'Send the body as application/json.');
  if (call.body === null) return refusal(413, 'payload_too_large', `The body is over ${call.bodyLimitKiB} KiB; send fewer executions per request.`);
  let json: unknown;
  try {
    json = JSON.parse(call.body);
  } catch {
    return refusal(400, 'bad_request', 'The body is not valid JSON.');
  }

  if (call.path === '/v2/heartbeat') {
    const parsed = v2HeartbeatBody.safeParse(json);
    return parsed.success ? heartbeat(deps, parsed.data) : invalid(parsed.error);
  }
  const parsed = v2ExecutionsBody.safeParse(json);
  return parsed.success ? executions(deps, parsed.data) : invalid(parsed.error);
}

async function heartbeat(deps: FeedV2Deps, body: V2HeartbeatBody): Promise<V2Reply> {
  const now = deps.clock.now();
  deps.connectors.heartbeat(body, now);
  const actions = body.actions ?? [];
  let recorded = 0;
  if (actions.length > 0) {
    // Enforcement happens after a loss-limit stop: its actions belong to that session's timeline.
    const lock = await readLockState(deps.storage.read, now);
    if (lock.sessionId !== null) {
      const sessionId = lock.sessionId;
      recorded = await deps.storage.write(async (tx) => {
        let count = 0;
        for (const action of actions) {
          const payload = { source: body.source, account: action.account, kind: action.kind, at: action.at, detail: action.detail };
          if (await appendConnectorEvent(tx, sessionId, 'connector_action', now, payload, `connector_action:${body.source}:${action.id}`)) count += 1;
        }
        return count;
      });
    }
  }
  return { status: 200, body: { received: true, lostAfterSeconds: CONNECTOR_LOST_AFTER_MS / 1000, actions: { received: actions.length, recorded } } };
}

type ExecutionStatus = 'recorded' | 'duplicate' | 'unknown' | CorrectionStatus;

/**
 * Executions in the order sent. New ones (and an amend of one never received, which is then
 * new) go through the live-fill path, matched FIFO; amends and removes of recorded ones are
 * corrections through the ledger. Each run of new executions, and each run of corrections, is
 * one transaction. A correction Sessionguard can't apply is answered per execution, with why.
 */
async function executions(deps: FeedV2Deps, body: V2ExecutionsBody): Promise<V2Reply> {
  const profile = await findActiveProfile(deps.storage.read);
  if (!profile) throw new AppError('no_profile', 'Create a profile in Sessionguard first.');
  const problems: FieldError[] = [];
  body.executions.forEach((execution, index) => {
    if (execution.account.currency !== profile.currency) {
      problems.push({ field: `executions.${index}.account.currency`, code: 'currency_mismatch', message: `Account ${execution.account.id} is in ${execution.account.currency}, but the Sessionguard profile is in ${profile.currency}; its executions can't join the profile's P&L.` });
    }
  });
  if (problems.length > 0) return { status: 400, body: { error: { code: 'validation', message: problems[0]!.message, fieldErrors: problems } } };

  const keyed = body.executions.map((execution) => ({ execution, fillKey: `feed:${executionKey(body.source, execution)}` }));
  const known = await knownFillKeys(deps.storage.read, profile.id, keyed.map((k) => k.fillKey));
  const statuses: Array<{ status: ExecutionStatus; reason?: string }> = [];
  const totals = { recorded: [] as TradeRow[], voided: 0, sessions: [] as SessionRow[], warnings: [] as string[], breached: false };
  let run: typeof keyed = [];
  let runKind: 'new' | 'correction' = 'new';

  const flush = async () => {
    if (run.length === 0) return;
    if (runKind === 'new') {
      const fresh = run.filter((k) => !known.has(k.fillKey));
      await deps.storage.write((tx) => rememberExecutions(tx, profile.id, fresh.map((k, sequence) => ({ fillKey: k.fillKey, account: k.execution.account.id, symbol: k.execution.instrument.symbol.toUpperCase(), sequence, ...amendedValues(k.execution) })), deps.clock.now()));
      const outcome = await deps.imports.recordLiveFills(fresh.map((k) => toLiveFill(body.source, k.execution)), []);
      for (const k of run) statuses.push({ status: known.has(k.fillKey) ? 'duplicate' : 'recorded' });
      for (const k of fresh) known.add(k.fillKey);
      totals.recorded.push(...outcome.recording.trades);
      totals.sessions.push(...outcome.recording.sessions);
      totals.warnings.push(...outcome.recording.warnings);
      totals.breached ||= outcome.recording.breached;
    } else {
      const outcome = await correctExecutions(deps, body.source, run);
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
  const openLots = await deps.storage.read.selectFrom('open_lot').select((eb) => eb.fn.countAll<number>().as('n')).where('userId', '=', profile.id).executeTakeFirstOrThrow();
  return {
    status: 200,
    body: {
      received: keyed.length,
      alreadyReceived: statuses.filter((s) => s.status === 'duplicate').length,
      executions: keyed.map((k, index) => ({ executionId: k.execution.executionId, account: k.execution.account.id, event: k.execution.event, ...statuses[index]! })),
      recorded: totals.recorded.map((t) => ({ id: t.id, account: t.account, symbol: t.symbol, sessionId: t.sessionId, pnl: toMoneyString(fromMicros(t.realizedPnl)) })),
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
async function positions(db: ReadDb, userId: number, executions: readonly V2Execution[]): Promise<Array<{ account: string; symbol: string; sessionguard: string; platform: string | null }>> {
  const latest = new Map<string, { account: string; symbol: string; platform: string | null }>();
  for (const e of executions) {
    const symbol = e.instrument.symbol.toUpperCase();
    latest.set(`${e.account.id}\u0000${symbol}`, { account: e.account.id, symbol, platform: e.positionAfter ?? latest.get(`${e.account.id}\u0000${symbol}`)?.platform ?? null });
  }
  const symbols = [...new Set([...latest.values()].map((p) => p.symbol))];
  const lots = await db.selectFrom('open_lot').select(['account', 'symbol', 'side', 'quantity']).where('userId', '=', userId).where('symbol', 'in', inJsonList(symbols)).execute();
  return [...latest.values()].map((p) => {
    const held = lots.filter((l) => l.account === p.account && l.symbol === p.symbol).reduce((sum, l) => (l.side === 'long' ? sum.plus(l.quantity) : sum.minus(l.quantity)), new Decimal(0));
    return { account: p.account, symbol: p.symbol, sessionguard: held.toString(), platform: p.platform === null ? null : new Decimal(p.platform).toString() };
  });
}

async function lockOrNull(deps: FeedV2Deps): Promise<LockView | null> {
  try {
    return await readLockState(deps.storage.read, deps.clock.now());
  } catch {
    // The database can't be read: say so rather than claim "unlocked"; a connector keeps the lock it knows.
    return null;
  }
}

function invalid(error: ZodError): V2Reply {
  const fieldErrors: FieldError[] = error.issues.slice(0, 20).map((i) => ({ field: i.path.map(String).join('.'), code: i.code, message: i.message }));
  return { status: 400, body: { error: { code: 'bad_request', message: `Invalid body: ${fieldErrors[0]?.field}: ${fieldErrors[0]?.message}`, fieldErrors } } };
}

function refusal(status: number, code: string, message: string): V2Reply {
  return { status, body: { error: { code, message } } };
}

function statusOf(code: string): number {
  if (code === 'validation' || code === 'bad_request') return 400;
  if (code === 'no_profile') return 409;
  if (code.startsWith('storage') || code === 'database_locked') return 503;
  return 500;
}
