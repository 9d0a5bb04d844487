import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fieldErrorsOf, summaryOf } from '../contract/field-errors.ts';
import { AppError } from '../errors/app-error.ts';
import {
  bearerToken,
  hostIsMalformed,
  hostIsOurs,
  isLoopbackPeer,
  MALFORMED_HOST_MESSAGE,
  originIsOursOrAbsent,
  secretsEqual,
} from '../loopback/request-guard.ts';
import type { ImportService } from '../imports/import-service.ts';
import { ActiveProfileCache } from '../profiles/active-profile.ts';
import { Decimal, fromMicros, toMoneyString } from '../money/money.ts';
import { rowToSession } from '../sessions/session-repository.ts';
import type { TradeInput } from '../trades/trade-recording.ts';
import type { TradeService } from '../trades/trade-service.ts';
import { feedBody, type FeedTrade } from './feed-schema.ts';
import { receiveFills, type FeedLedgerDeps } from './feed-v1-fills.ts';
import { answerV2, type FeedV2Context, type FeedV2Deps } from './feed-v2-routes.ts';

export const FEED_BODY_LIMIT = 256 * 1024;

export interface FeedServer {
  port: number;
  close(): Promise<void>;
}

export interface FeedServerOptions {
  trades: Pick<TradeService, 'record'>;
  imports: Pick<ImportService, 'recordLiveFills'>;
  token: () => string;
  port: number;
  /** Storage, clock and bus for amends and removes of fills, re-matched through the ledger. */
  ledger: FeedLedgerDeps;
  /** Feed v2 (executions, heartbeats, the lock); without it, only v1 answers. */
  v2?: FeedV2Deps;
}

/**
 * The live feed: closed trades or fills POSTed by a trading platform or a script on this
 * machine go through the same recording path as manual entry (fills matched FIFO first, like a
 * broker file), so a breach stops the session (and reaches
 * the tray) before the response is sent. Bound to 127.0.0.1 only; every request needs the
 * bearer token; anything else is refused with a status and a readable message, and nothing
 * is recorded.
 */
export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  let port = options.port;
  const routes: Routes = {
    fills: { ...options.ledger, imports: options.imports, profile: new ActiveProfileCache(options.ledger.storage) },
    v2: options.v2 && { ...options.v2, profile: new ActiveProfileCache(options.v2.storage) },
  };
  const server: Server = createServer((request, response) => {
    handle(request, response, options, routes, port).catch((error: unknown) => {
      const appError = error instanceof AppError ? error : new AppError('internal', 'The feed could not record this request.');
      send(response, statusOf(appError.code), { error: appError.toData() });
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What the routes past the checks run with, made once per server: the active profile is read again only when it changes. */
interface Routes {
  fills: Parameters<typeof receiveFills>[0];
  v2: FeedV2Context | undefined;
}

async function handle(request: IncomingMessage, response: ServerResponse, options: FeedServerOptions, routes: Routes, port: number): Promise<void> {
  if (hostIsMalformed(request)) return refuse(response, 400, 'bad_request', MALFORMED_HOST_MESSAGE);
  if (!isLoopbackPeer(request) || !hostIsOurs(request, port) || !originIsOursOrAbsent(request, port)) {
    return refuse(response, 403, 'forbidden', 'The feed only answers programs on this machine (Host 127.0.0.1 or localhost, no web pages).');
  }
  const token = bearerToken(request);
  if (token === null || !secretsEqual(token, options.token())) {
    return refuse(response, 401, 'unauthorized', 'Missing or wrong bearer token. Copy the token from Settings → Live feed.');
  }
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (path.startsWith('/v2/') && routes.v2) {
    const body = request.method === 'POST' ? await readBody(request, FEED_BODY_LIMIT) : '';
    const reply = await answerV2(routes.v2, {
      method: request.method ?? '',
      path,
      contentType: request.headers['content-type'] ?? '',
      body,
      bodyLimitKiB: FEED_BODY_LIMIT / 1024,
    });
    return send(response, reply.status, reply.body);
  }
  if (path !== '/v1/trades') return refuse(response, 404, 'not_found', 'Unknown path; POST closed trades or fills to /v1/trades.');
  if (request.method !== 'POST') return refuse(response, 405, 'method_not_allowed', 'Use POST.');
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return refuse(response, 415, 'unsupported_media_type', 'Send the body as application/json.');

  const text = await readBody(request, FEED_BODY_LIMIT);
  if (text === null) return refuse(response, 413, 'payload_too_large', `The body is over ${FEED_BODY_LIMIT / 1024} KiB; send fewer trades per request.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(response, 400, 'bad_request', 'The body is not valid JSON.');
  }
  const parsed = feedBody.safeParse(json);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error, json, 'body');
    return send(response, 400, { error: { code: 'bad_request', message: summaryOf(fieldErrors), fieldErrors } });
  }

  const trades = (parsed.data.trades ?? []).map(toInput);
  const fills = parsed.data.fills ?? [];
  if (fills.length > 0) return send(response, 200, await receiveFills(routes.fills, fills, trades));
  const result = await options.trades.record(trades);
  const session = result.sessions.at(-1);
  send(response, 200, {
    recorded: result.trades.map((t) => ({ id: t.id, externalId: t.externalId, sessionId: t.sessionId, pnl: toMoneyString(fromMicros(t.realizedPnl)) })),
    duplicates: result.duplicates,
    warnings: result.warnings,
    breached: result.breached,
    session: session ? rowToSession(session) : null,
  });
}

function toInput(trade: FeedTrade): TradeInput {
  return {
    source: 'feed',
    externalId: trade.externalId,
    account: trade.account ?? null,
    symbol: trade.symbol?.toUpperCase() ?? null,
    side: trade.side ?? null,
    quantity: trade.quantity ?? null,
    entryPrice: trade.entryPrice ?? null,
    exitPrice: trade.exitPrice ?? null,
    fees: new Decimal(trade.fees ?? '0'),
    realizedPnl: new Decimal(trade.pnl),
    openedAt: trade.openedAt === undefined ? null : Date.parse(trade.openedAt),
    closedAt: Date.parse(trade.closedAt),
    note: trade.note ?? null,
  };
}

/** The body as text, or null once it passes `limit` bytes (the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The HTTP status a platform's script can act on: fix the request, create a profile, or retry later. */
function statusOf(code: string): number {
  if (code === 'validation' || code === 'bad_request') return 400;
  if (code === 'no_profile') return 409;
  if (code.startsWith('storage') || code === 'database_locked') return 503;
  return 500;
}

function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  send(response, status, { error: { code, message } });
}

/**
 * A request answered keeps its connection for the next one, if the client keeps it (a platform
 * script posting each fill as it happens skips a TCP handshake and accept on the way to a
 * breach); a refused one closes it, whatever of its body was left unread.
 */
function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(status !== 200 && { connection: 'close' }),
  });
  response.end(text);
}
