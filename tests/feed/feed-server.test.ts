import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { openCore, type Core } from '../../src-main/core/core.ts';
import { startFeedServer, type FeedServer } from '../../src-main/feed/feed-server.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const TOKEN = 'feed-token-for-tests-0123456789abcdef';
let core: Core;
let feed: FeedServer;
let clock: ManualClock;
let events: AppEvent[];

beforeEach(async () => {
  clock = new ManualClock('2026-03-02T14:00:00Z');
  core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '2000.00', timeZone: 'UTC' });
  await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  events = [];
  core.bus.subscribe((e) => events.push(e));
  feed = await startFeedServer({ trades: core.trades, token: () => TOKEN, port: 0 });
});

afterEach(async () => {
  await feed.close();
  await core.close();
});

interface Reply {
  status: number;
  body: any;
}

function post(body: string | Buffer, headers: Record<string, string> = {}, path = '/v1/trades', method = 'POST'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: feed.port, path, method, headers: { host: `127.0.0.1:${feed.port}`, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const trade = (externalId: string, pnl: string) => ({ externalId, closedAt: new Date(clock.now()).toISOString(), pnl });
const tradeCount = async () => (await core.storage.read.selectFrom('trade').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('live feed', () => {
  test('records a closed trade into the running session and answers with its state', async () => {
    const reply = await post(JSON.stringify({ trades: [trade('nt-1', '-50.25')] }));
    expect(reply.status).toBe(200);
    expect(reply.body.recorded).toHaveLength(1);
    expect(reply.body.session.realizedPnl).toBe('-50.25');
    expect(events.some((e) => e.type === 'trade_recorded')).toBe(true);
  });

  test('a duplicate delivery (same external id) is recorded once', async () => {
    await post(JSON.stringify({ trades: [trade('nt-1', '-10')] }));
    const again = await post(JSON.stringify({ trades: [trade('nt-1', '-10')] }));
    expect(again.status).toBe(200);
    expect(again.body.duplicates).toBe(1);
    expect(await tradeCount()).toBe(1);
  });

  test('a breach through the feed stops the session and emits the breach before the reply', async () => {
    const reply = await post(JSON.stringify({ trades: [trade('a', '-120'), trade('b', '-90')] }));
    expect(reply.body.breached).toBe(true);
    expect(reply.body.session.status).toBe('stopped');
    expect(reply.body.session.terminationReason).toBe('loss_limit');
    expect(events.map((e) => e.type)).toContain('breach');
  });

  test('refuses bad JSON and a wrong schema with 400, naming each wrong field', async () => {
    expect((await post('{"trades": [')).status).toBe(400);
    const wrong = await post(JSON.stringify({ trades: [{ externalId: 'y', closedAt: 'yesterday', pnl: 12.5 }] }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fieldErrors.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['trades.0.closedAt', 'trades.0.pnl']));
    expect(await tradeCount()).toBe(0);
  });
});
