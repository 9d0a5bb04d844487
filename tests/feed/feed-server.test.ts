import { Agent, request } from 'node:http';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { startFeedServer, type FeedServer } from '../../src-main/feed/feed-server.ts';
import { listSessionEvents } from '../../src-main/sessions/session-repository.ts';
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
  feed = await startFeedServer({
    trades: core.trades,
    imports: core.imports,
    ledger: { storage: core.storage, clock: core.clock, bus: core.bus },
    token: () => TOKEN,
    port: 0,
  });
});

afterEach(async () => {
  await feed.close();
  await core.close();
});

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the feed's JSON reply; each test asserts the fields it reads.
  body: any;
}

function post(body: string | Buffer, headers: Record<string, string> = {}, path = '/v1/trades', method = 'POST'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: feed.port,
        path,
        method,
        headers: { host: `127.0.0.1:${feed.port}`, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const trade = (externalId: string, pnl: string) => ({ externalId, closedAt: new Date(clock.now()).toISOString(), pnl });
const tradeCount = async () =>
  (
    await core.storage.read
      .selectFrom('trade')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('live feed', () => {
  test('a client that keeps its connection posts one trade after another on it; a refusal closes it', async () => {
    const agent = new Agent({ keepAlive: true });
    const postOn = (body: string, token = TOKEN) =>
      new Promise<{ status: number; reused: boolean; connection: string | undefined }>((resolve, reject) => {
        const req = request(
          {
            agent,
            host: '127.0.0.1',
            port: feed.port,
            path: '/v1/trades',
            method: 'POST',
            headers: { host: `127.0.0.1:${feed.port}`, 'content-type': 'application/json', authorization: `Bearer ${token}` },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, reused: req.reusedSocket, connection: res.headers.connection }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const first = await postOn(JSON.stringify({ trades: [trade('ka-1', '-5.00')] }));
      const second = await postOn(JSON.stringify({ trades: [trade('ka-2', '-5.00')] }));
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.reused).toBe(true);
      const refused = await postOn(JSON.stringify({ trades: [trade('ka-3', '-5.00')] }), 'wrong-token');
      expect(refused).toMatchObject({ status: 401, connection: 'close' });
      expect(await tradeCount()).toBe(2);
    } finally {
      agent.destroy();
    }
  });

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
    const fill = (externalId: string, side: 'buy' | 'sell', quantity: string, price: string, extra: Record<string, string> = {}) => ({
      externalId,
      time: new Date(clock.now()).toISOString(),
      symbol: 'MNQZ6',
      side,
      quantity,
      price,
      ...extra,
    });

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
      const body = JSON.stringify({
        fills: [fill('g1', 'sell', '3', '5000', { symbol: 'AAPL', pointValue: '1' }), fill('g2', 'buy', '3', '4990', { symbol: 'AAPL', pointValue: '1' })],
      });
      expect((await post(body)).body.recorded).toHaveLength(1);
      const again = await post(body);
      expect(again.status).toBe(200);
      expect(again.body.recorded).toEqual([]);
      expect(again.body.fills).toMatchObject({ received: 2, alreadyReceived: 2 });
      expect(await tradeCount()).toBe(1);
    });

    test('a symbol without a known point value is refused by name, and nothing of the request is recorded', async () => {
      const reply = await post(
        JSON.stringify({
          trades: [trade('t-1', '-5')],
          fills: [fill('h1', 'buy', '1', '10', { symbol: 'ZZZZ' }), fill('h2', 'sell', '1', '9', { symbol: 'ZZZZ' })],
        }),
      );
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toMatch(/ZZZZ.*pointValue/);
      expect(await tradeCount()).toBe(0);
    });

    test('a quantity of 0, negative fees or an unknown side is refused at its field', async () => {
      const reply = await post(
        JSON.stringify({
          fills: [fill('k1', 'buy', '0', '10'), { ...fill('k2', 'sell', '1', '10'), fees: '-1' }, { ...fill('k3', 'buy', '1', '10'), side: 'long' }],
        }),
      );
      expect(reply.status).toBe(400);
      expect(reply.body.error.fieldErrors.map((f: { field: string }) => f.field)).toEqual(
        expect.arrayContaining(['fills.0.quantity', 'fills.1.fees', 'fills.2.side']),
      );
      expect((await post(JSON.stringify({}))).status).toBe(400);
    });

    test('defect 6: an externalId repeated inside one request is refused with 400 naming the field, and nothing is recorded', async () => {
      for (const fills of [
        [
          fill('b1', 'buy', '2', '100', { symbol: 'AAPL', pointValue: '1' }),
          fill('s1', 'sell', '1', '90', { symbol: 'AAPL', pointValue: '1' }),
          fill('s1', 'sell', '1', '80', { symbol: 'AAPL', pointValue: '1' }),
        ],
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

    describe('amend and remove of a fill already received', () => {
      const send = (fills: unknown[]) => post(JSON.stringify({ fills }));
      const trades = () => core.storage.read.selectFrom('trade').select(['realizedPnl', 'voidedAt', 'voidReason']).orderBy('id').execute();
      const sessionPnl = async () =>
        await core.storage.read
          .selectFrom('TradingSession')
          .select(['status', 'terminationReason', 'realizedPnl', 'totalTrades', 'lockoutUntil'])
          .where('id', '=', 1)
          .executeTakeFirstOrThrow();

      test('an amend replaces the fill’s price, quantity and fees: the trade is voided and re-matched, the session P&L changes exactly', async () => {
        await send([fill('m1', 'buy', '2', '21000'), fill('m2', 'sell', '2', '21010', { fees: '1.24' })]);
        expect((await sessionPnl()).realizedPnl).toBe(38_760_000);
        // 5.50 points x 1 x MNQ 2, less the new 0.62 fee; the other contract stays open.
        const reply = await send([{ ...fill('m2', 'sell', '1', '21005.50', { fees: '0.62' }), event: 'amend' }]);
        expect(reply.status).toBe(200);
        expect(reply.body.fills).toEqual({
          received: 1,
          alreadyReceived: 0,
          openLots: 1,
          corrections: [{ externalId: 'm2', event: 'amend', status: 'amended' }],
        });
        expect(reply.body).toMatchObject({
          voided: 1,
          recorded: [expect.objectContaining({ pnl: '10.38', sessionId: 1 })],
          session: { realizedPnl: '10.38', totalTrades: 1 },
        });
        expect((await trades()).map((t) => [t.realizedPnl, t.voidedAt === null ? 'counts' : t.voidReason])).toEqual([
          [38_760_000, 'the live feed amended execution m2 (default MNQZ6); the position was re-matched'],
          [10_380_000, 'counts'],
        ]);
        expect((await core.history.detail(1)).stats).toMatchObject({ trades: 1, netPnl: '10.38' });
      });

      test('a remove voids the trade the fill closed and re-opens what it had closed; only the id is needed', async () => {
        await send([fill('r1', 'buy', '1', '21000'), fill('r2', 'sell', '1', '20990')]);
        const reply = await send([{ externalId: 'r2', event: 'remove' }]);
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({
          voided: 1,
          recorded: [],
          fills: { openLots: 1, corrections: [{ externalId: 'r2', event: 'remove', status: 'removed' }] },
          session: { realizedPnl: '0.00', totalTrades: 0 },
        });
        expect((await trades()).map((t) => t.voidedAt !== null)).toEqual([true]);
        expect(await core.storage.read.selectFrom('open_lot').select(['side', 'quantity', 'fillKey']).execute()).toEqual([
          { side: 'long', quantity: '1', fillKey: 'feed:r1' },
        ]);
      });

      test('removing the fill whose trade stopped the session keeps it stopped and the lockout running; the record says the stop’s trade was voided', async () => {
        const stop = await send([fill('s1', 'buy', '1', '21000'), fill('s2', 'sell', '1', '20890')]);
        expect(stop.body).toMatchObject({ breached: true, session: { status: 'stopped', terminationReason: 'loss_limit', realizedPnl: '-220.00' } });
        const lockout = (await sessionPnl()).lockoutUntil;
        const reply = await send([{ externalId: 's2', event: 'remove' }]);
        expect(reply.body).toMatchObject({ voided: 1, session: { status: 'stopped', terminationReason: 'loss_limit', realizedPnl: '0.00' } });
        expect(await sessionPnl()).toMatchObject({ status: 'stopped', realizedPnl: 0, lockoutUntil: lockout });
        expect((await core.sessions.canCreate()).reasons.map((r) => r.code)).toContain('lockout_active');
        const voided = (await listSessionEvents(core.storage.read, 1)).filter((e) => e.type === 'trade_voided');
        expect(voided.map((e) => e.payload)).toEqual([expect.objectContaining({ stopCausedByVoidedTrade: true, pnlBefore: '-220.00', pnlAfter: '0.00' })]);
      });

      test('a correction may follow its fill in the same request (a platform that queued both sends them together)', async () => {
        const reply = await send([
          fill('q1', 'buy', '2', '21000'),
          fill('q2', 'sell', '2', '21010', { fees: '1.24' }),
          { ...fill('q2', 'sell', '1', '21005.50', { fees: '0.62' }), event: 'amend' },
          fill('q3', 'buy', '1', '21100'),
          { ...fill('q3', 'buy', '1', '21101'), event: 'amend' },
          { externalId: 'q3', event: 'remove' },
        ]);
        expect(reply.status).toBe(200);
        expect(reply.body.fills).toEqual({
          received: 6,
          alreadyReceived: 0,
          // One MNQ contract of q1 is left open; q3 was withdrawn.
          openLots: 1,
          corrections: [
            { externalId: 'q2', event: 'amend', status: 'amended' },
            { externalId: 'q3', event: 'amend', status: 'amended' },
            { externalId: 'q3', event: 'remove', status: 'removed' },
          ],
        });
        expect(reply.body.session).toMatchObject({ realizedPnl: '10.38', totalTrades: 1 });
        expect(await core.storage.read.selectFrom('open_lot').select(['fillKey', 'quantity']).execute()).toEqual([{ fillKey: 'feed:q1', quantity: '1' }]);
      });

      test('a new fill repeating an id of the same request is still refused whole, whatever came between', async () => {
        const reply = await send([fill('w1', 'buy', '1', '21000'), { externalId: 'w1', event: 'remove' }, fill('w1', 'buy', '1', '21000')]);
        expect(reply.status).toBe(400);
        expect(reply.body.error.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['fills.2.externalId']);
        expect(await tradeCount()).toBe(0);
      });

      test('an amend or remove of an id never received is refused on that fill, with a code; the rest of the request is recorded', async () => {
        const reply = await send([
          fill('u1', 'buy', '1', '21000'),
          { externalId: 'ghost', event: 'remove' },
          { ...fill('ghost-2', 'sell', '1', '21001'), event: 'amend' },
          fill('u2', 'sell', '1', '21002'),
        ]);
        expect(reply.status).toBe(200);
        expect(reply.body.fills.corrections).toEqual([
          {
            externalId: 'ghost',
            event: 'remove',
            status: 'refused',
            code: 'unknown_fill',
            reason: 'Fill ghost was never received, so there is nothing to remove; send it as a new fill.',
          },
          {
            externalId: 'ghost-2',
            event: 'amend',
            status: 'refused',
            code: 'unknown_fill',
            reason: 'Fill ghost-2 was never received, so there is nothing to amend; send it as a new fill.',
          },
        ]);
        expect(reply.body).toMatchObject({ voided: 0, recorded: [expect.objectContaining({ pnl: '4.00' })], fills: { openLots: 0 } });
        expect(await core.storage.read.selectFrom('feed_execution').select('fillKey').orderBy('fillKey').execute()).toEqual([
          { fillKey: 'feed:u1' },
          { fillKey: 'feed:u2' },
        ]);
      });

      test('an amend that moves a fill to another account or symbol, or of a fill received before fills were kept, is refused with its code and changes nothing', async () => {
        await send([fill('v1', 'buy', '1', '21000'), fill('v2', 'sell', '1', '21010')]);
        await core.storage.write((tx) => tx.deleteFrom('feed_execution').where('fillKey', '=', 'feed:v1').execute());
        // An id appears once in a request: each correction goes in its own.
        for (const [correction, code] of [
          [{ ...fill('v2', 'sell', '1', '21011', { account: 'other' }), event: 'amend' }, 'moved'],
          [{ ...fill('v2', 'sell', '1', '21011', { symbol: 'MESZ6' }), event: 'amend' }, 'moved'],
          [{ externalId: 'v1', event: 'remove' }, 'not_kept'],
        ] as const) {
          const reply = await send([correction]);
          expect(reply.status).toBe(200);
          expect(reply.body).toMatchObject({ voided: 0, recorded: [], fills: { corrections: [{ status: 'refused', code }] } });
        }
        expect((await trades()).map((t) => t.voidedAt)).toEqual([null]);
      });

      test('the same amend or remove again changes nothing, and a late repeat of a removed fill is only a repeat', async () => {
        await send([fill('d1', 'buy', '1', '21000'), fill('d2', 'sell', '1', '21010'), fill('d3', 'buy', '1', '21000'), fill('d4', 'sell', '1', '21020')]);
        const amend = { ...fill('d2', 'sell', '1', '21012'), event: 'amend' };
        const first = await send([amend, { externalId: 'd4', event: 'remove' }]);
        expect(first.body.fills.corrections.map((c: { status: string }) => c.status)).toEqual(['amended', 'removed']);
        const pnlAfter = (await sessionPnl()).realizedPnl;
        const count = (await trades()).length;
        for (const again of [[amend, { externalId: 'd4', event: 'remove' }], [amend], [{ externalId: 'd4', event: 'remove' }]]) {
          const reply = await send(again);
          expect(reply.status).toBe(200);
          expect(reply.body).toMatchObject({ voided: 0, recorded: [] });
          expect(reply.body.fills.corrections.every((c: { status: string }) => c.status === 'unchanged')).toBe(true);
        }
        expect((await send([fill('d4', 'sell', '1', '21020')])).body.fills).toMatchObject({ alreadyReceived: 1 });
        expect(await sessionPnl()).toMatchObject({ realizedPnl: pnlAfter, totalTrades: 1 });
        expect(await trades()).toHaveLength(count);
      });

      test('a wrong event, or a remove with a field it does not take, is refused at its field and records nothing', async () => {
        const reply = await send([
          { ...fill('e1', 'buy', '1', '21000'), event: 'cancel' },
          { externalId: 'e2', event: 'remove', venue: 'x' },
          { externalId: 'e3', event: 'amend' },
        ]);
        expect(reply.status).toBe(400);
        const fields = reply.body.error.fieldErrors.map((f: { field: string; message: string }) => `${f.field}: ${f.message}`);
        expect(fields).toEqual(
          expect.arrayContaining(['fills.0.event: Fill 1 event must be one of "new", "amend", "remove".', 'fills.2.quantity: Fill 3 quantity is required.']),
        );
        expect(fields.some((f: string) => f.startsWith('fills.1: ') && f.includes('"venue"'))).toBe(true);
        expect(await tradeCount()).toBe(0);
      });
    });

    test('a fill that takes the session past its limit stops it before the reply', async () => {
      const reply = await post(JSON.stringify({ fills: [fill('b1', 'buy', '10', '21000'), fill('b2', 'sell', '10', '20989')] }));
      expect(reply.body).toMatchObject({ breached: true, session: { status: 'stopped', terminationReason: 'loss_limit' } });
      expect(events.map((e) => e.type)).toContain('breach');
    });
  });
});
