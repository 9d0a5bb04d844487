import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type WebSocket from 'ws';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import type { BridgeReply } from '../../src-main/contract/bridge-protocol.ts';
import { startFeedServer, type FeedServer } from '../../src-main/feed/feed-server.ts';
import { BRIDGE_LIMITS } from '../../src-main/web/ws-bridge.ts';
import { startWebServer, type WebServer } from '../../src-main/web/web-server.ts';
import { onBridgeMessage, openBridge, signIn, type SignedIn } from '../support/browser-mode-client.ts';
import { seedTrades } from '../support/seed-trades.ts';
import { tempDir } from '../support/temp-storage.ts';

const FEED_TOKEN = 'bridge-flood-feed-token-0123456789abcdef';
let core: Core;
let web: WebServer;
let feed: FeedServer;
let signedIn: SignedIn;

/** Everything a socket is sent, sorted as it arrives. */
function listen(ws: WebSocket): { replies: Map<number, BridgeReply>; events: string[] } {
  const seen = { replies: new Map<number, BridgeReply>(), events: [] as string[] };
  onBridgeMessage(ws, (message) => {
    if (message.type === 'reply') seen.replies.set(message.id, message);
    else seen.events.push(message.event.type);
  });
  return seen;
}

function flood(ws: WebSocket, count: number, firstId = 1): void {
  for (let i = 0; i < count; i += 1) ws.send(JSON.stringify({ id: firstId + i, channel: 'exportCsv', payload: { kind: 'trades' } }));
}

beforeEach(async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Sessionguard</title>');
  core = await openCore({ dataDir: join(dir, 'data') });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '100000.00', timeZone: 'UTC' });
  seedTrades(core, 1_000);
  await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '1000.00' }, acknowledgeRisk: true, start: true });
  web = await startWebServer({
    dispatch: createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false }),
    bus: core.bus,
    rendererDir: join(dir, 'renderer'),
    port: 0,
  });
  feed = await startFeedServer({
    trades: core.trades,
    imports: core.imports,
    ledger: { storage: core.storage, clock: core.clock, bus: core.bus },
    token: () => FEED_TOKEN,
    port: 0,
  });
  signedIn = await signIn(web.port, web.token);
});

afterEach(async () => {
  await web.close();
  await feed.close();
  await core.close();
});

describe('a socket flooded with exports', () => {
  test('does not hold up the feed: a breaching POST is recorded and its breach reaches the pages', async () => {
    const flooding = await openBridge(web.port, signedIn);
    const watching = await openBridge(web.port, signedIn);
    const flooded = listen(flooding);
    const watched = listen(watching);
    flood(flooding, 300);

    const response = await fetch(`http://127.0.0.1:${feed.port}/v1/trades`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FEED_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ trades: [{ externalId: 'breach-1', closedAt: new Date().toISOString(), pnl: '-2000.00' }] }),
    });
    const body = (await response.json()) as { breached: boolean; session: { status: string; terminationReason: string } };
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ breached: true, session: { status: 'stopped', terminationReason: 'loss_limit' } });
    await expect.poll(() => watched.events).toContain('breach');
    // Exports are still being answered on the flooded socket when the breach is already out.
    expect(flooded.replies.size).toBeLessThan(300);
    await expect.poll(() => flooded.events, { timeout: 15_000 }).toContain('breach');
    flooding.close();
    watching.close();
  });

  test('sends a breach ahead of the export replies a page has not taken yet: behind the one being written at most', async () => {
    // Exports of megabytes each: more than the system's socket buffers take of a page not reading.
    seedTrades(core, 40_000, Date.parse('2025-06-02T14:00:00Z'), 'more');
    const flooding = await openBridge(web.port, signedIn);
    const watching = await openBridge(web.port, signedIn);
    const watched = listen(watching);
    const arrived: string[] = [];
    onBridgeMessage(flooding, (message) => arrived.push(message.type === 'event' ? message.event.type : 'reply'));
    flooding.pause();
    flood(flooding, BRIDGE_LIMITS.running);
    // Every running export answered by the worker while the page reads nothing.
    await expect.poll(() => core.reads.pending, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => core.reads.pending, { timeout: 60_000, interval: 20 }).toBe(0);

    const response = await fetch(`http://127.0.0.1:${feed.port}/v1/trades`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FEED_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ trades: [{ externalId: 'breach-2', closedAt: new Date().toISOString(), pnl: '-2000.00' }] }),
    });
    expect(response.status).toBe(200);
    await expect.poll(() => watched.events).toContain('breach');
    flooding.resume();
    await expect.poll(() => arrived.filter((type) => type === 'reply').length, { timeout: 60_000 }).toBe(BRIDGE_LIMITS.running);
    expect(arrived.indexOf('breach')).toBeLessThanOrEqual(1);
    flooding.close();
    watching.close();
  }, 90_000);

  test('gets a few exports answered at a time and the rest refused as busy; closing it drops what waits', async () => {
    const flooding = await openBridge(web.port, signedIn);
    const seen = listen(flooding);
    let mostReadsAtOnce = 0;
    const sampler = setInterval(() => (mostReadsAtOnce = Math.max(mostReadsAtOnce, core.reads.pending)), 2);
    flood(flooding, 300);
    await expect.poll(() => seen.replies.size, { timeout: 60_000, interval: 50 }).toBe(300);
    clearInterval(sampler);

    const results = [...seen.replies.values()].map((reply) => reply.result);
    const answered = results.filter((result) => result.ok);
    const busy = results.filter((result) => !result.ok && result.error.code === 'busy');
    expect(answered.length + busy.length).toBe(300);
    expect(answered.length).toBeGreaterThanOrEqual(BRIDGE_LIMITS.running + BRIDGE_LIMITS.queued);
    expect(busy.length).toBeGreaterThan(0);
    expect((answered[0] as { value: { content: string } }).value.content).toContain('seed-999');
    expect(mostReadsAtOnce).toBeLessThanOrEqual(BRIDGE_LIMITS.running);

    flood(flooding, 100, 1000);
    await expect.poll(() => core.reads.pending).toBeGreaterThan(1);
    flooding.close();
    // The export already running finishes; nothing that waited behind it runs.
    await expect.poll(() => core.reads.pending, { timeout: 10_000 }).toBeLessThanOrEqual(1);
    await expect.poll(() => core.reads.pending, { timeout: 10_000 }).toBe(0);
  }, 90_000);
});
