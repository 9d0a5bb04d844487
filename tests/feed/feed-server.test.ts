import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { openCore, type Core } from '../../src-main/app/core.ts';
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
  feed = await startFeedServer({ trades: core.trades, imports: core.imports, token: () => TOKEN, port: 0 });
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

  describe('fills', () => {
    const fill = (externalId: string, side: 'buy' | 'sell', quantity: string, price: string, extra: Record<string, string> = {}) => ({ externalId, time: new Date(clock.now()).toISOString(), symbol: 'MNQZ6', side, quantity, price, ...extra });

    test('are matched FIFO with what is still open, across deliveries, into trades of the running session', async () => {
      const first = await post(JSON.stringify({ fills: [fill('f1', 'buy', '2', '21000'), fill('f2', 'sell', '1', '21010', { fees: '1.24' })] }));
      expect(first.status).toBe(200);
      expect(first.body.recorded.map((t: { pnl: string }) => t.pnl)).toEqual(['18.76']);
      expect(first.body.fills).toEqual({ received: 2, alreadyReceived: 0, openLots: 1 });

      clock.advance(60_000);
      const second = await post(JSON.stringify({ fills: [fill('f3', 'sell', '1', '20990')] }));
      expect(second.body.recorded.map((t: { pnl: string }) => t.pnl)).toEqual(['-20.00']);
      expect(second.body.fills.openLots).toBe(0);
      expect(second.body.session.realizedPnl).toBe('-1.24');
    });

    test('a repeated delivery of the same fills records nothing more', async () => {
      const body = JSON.stringify({ fills: [fill('g1', 'sell', '3', '5000', { symbol: 'AAPL', pointValue: '1' }), fill('g2', 'buy', '3', '4990', { symbol: 'AAPL', pointValue: '1' })] });
      expect((await post(body)).body.recorded).toHaveLength(1);
      const again = await post(body);
      expect(again.status).toBe(200);
      expect(again.body.recorded).toEqual([]);
      expect(again.body.fills).toMatchObject({ received: 2, alreadyReceived: 2 });
      expect(await tradeCount()).toBe(1);
    });

    test('a symbol without a known point value is refused by name, and nothing of the request is recorded', async () => {
      const reply = await post(JSON.stringify({ trades: [trade('t-1', '-5')], fills: [fill('h1', 'buy', '1', '10', { symbol: 'ZZZZ' }), fill('h2', 'sell', '1', '9', { symbol: 'ZZZZ' })] }));
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toMatch(/ZZZZ.*pointValue/);
      expect(await tradeCount()).toBe(0);
    });

    test('a quantity of 0, negative fees or an unknown side is refused at its field', async () => {
      const reply = await post(JSON.stringify({ fills: [fill('k1', 'buy', '0', '10'), { ...fill('k2', 'sell', '1', '10'), fees: '-1' }, { ...fill('k3', 'buy', '1', '10'), side: 'long' }] }));
      expect(reply.status).toBe(400);
      expect(reply.body.error.fieldErrors.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['fills.0.quantity', 'fills.1.fees', 'fills.2.side']));
      expect((await post(JSON.stringify({}))).status).toBe(400);
    });

    test('defect 6: an externalId repeated inside one request is refused with 400 naming the field, and nothing is recorded', async () => {
      for (const fills of [
        [fill('b1', 'buy', '2', '100', { symbol: 'AAPL', pointValue: '1' }), fill('s1', 'sell', '1', '90', { symbol: 'AAPL', pointValue: '1' }), fill('s1', 'sell', '1', '80', { symbol: 'AAPL', pointValue: '1' })],
        [fill('d1', 'sell', '1', '90', { symbol: 'AAPL', pointValue: '1' }), fill('d1', 'sell', '1', '90', { symbol: 'AAPL', pointValue: '1' })],
      ]) {
        const reply = await post(JSON.stringify({ fills }));
        expect(reply.status).toBe(400);
        expect(reply.body.error.fieldErrors.map((f: { field: string }) => f.field)).toContain(`fills.${fills.length - 1}.externalId`);
      }
      expect(await tradeCount()).toBe(0);
      expect(await core.storage.read.selectFrom('open_lot').select('id').execute()).toEqual([]);
      const trades = await post(JSON.stringify({ trades: [trade('t-9', '-5'), trade('t-9', '-6')] }));
      expect(trades.status).toBe(400);
      expect(await tradeCount()).toBe(0);
    });

    test('a fill that takes the session past its limit stops it before the reply', async () => {
      const reply = await post(JSON.stringify({ fills: [fill('b1', 'buy', '10', '21000'), fill('b2', 'sell', '10', '20989')] }));
      expect(reply.body).toMatchObject({ breached: true, session: { status: 'stopped', terminationReason: 'loss_limit' } });
      expect(events.map((e) => e.type)).toContain('breach');
    });
  });
});
