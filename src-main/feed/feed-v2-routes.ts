import type { ZodError } from 'zod';
import type { FieldError } from '../contract/errors.ts';
import type { LockView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { ImportService } from '../imports/import-service.ts';
import type { ActiveProfileCache } from '../profiles/active-profile.ts';
import type { Storage } from '../storage/connection.ts';
import type { Clock } from '../time/clock.ts';
import type { ConnectorRegistry } from './connector-status.ts';
import { receiveExecutions } from './feed-v2-executions.ts';
import { receiveHeartbeat } from './feed-v2-heartbeat.ts';
import { v2ExecutionsBody, v2HeartbeatBody } from './feed-v2-schema.ts';
import { readLockState } from './lock-state.ts';

export interface FeedV2Deps {
  storage: Storage;
  clock: Clock;
  bus: Pick<EventBus, 'emitAll'>;
  imports: Pick<ImportService, 'recordLiveFills'>;
  connectors: ConnectorRegistry;
}

/** The routes' dependencies, with the active profile as last read: every execution needs it first. */
export interface FeedV2Context extends FeedV2Deps {
  profile: Pick<ActiveProfileCache, 'current'>;
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
export async function answerV2(deps: FeedV2Context, call: V2Call): Promise<V2Reply> {
  let reply: V2Reply;
  try {
    reply = await route(deps, call);
  } catch (error) {
    const appError = error instanceof AppError ? error : new AppError('internal', 'The feed could not handle this request.');
    reply = { status: statusOf(appError.code), body: { error: appError.toData() } };
  }
  return { status: reply.status, body: { ...reply.body, lock: await lockOrNull(deps) } };
}

async function route(deps: FeedV2Context, call: V2Call): Promise<V2Reply> {
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
    return parsed.success ? { status: 200, body: await receiveHeartbeat(deps, parsed.data) } : invalid(parsed.error);
  }
  const parsed = v2ExecutionsBody.safeParse(json);
  if (!parsed.success) return invalid(parsed.error);
  const received = await receiveExecutions(deps, parsed.data);
  return received.ok
    ? { status: 200, body: received.reply }
    : { status: 400, body: { error: { code: 'validation', message: received.fieldErrors[0]!.message, fieldErrors: received.fieldErrors } } };
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
