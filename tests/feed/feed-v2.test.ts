import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { ConnectorRegistry } from '../../src-main/feed/connector-status.ts';
import { startFeedServer, type FeedServer } from '../../src-main/feed/feed-server.ts';
import { listSessionEvents } from '../../src-main/sessions/session-repository.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

const TOKEN = 'feed-v2-token-for-tests-0123456789abcdef';
let core: Core;
let feed: FeedServer;
let clock: ManualClock;
let connectors: ConnectorRegistry;
let events: AppEvent[];

beforeEach(async () => {
  clock = new ManualClock('2026-03-02T14:00:00Z');
  core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '2000.00', timeZone: 'UTC' });
  await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  events = [];
  core.bus.subscribe((e) => events.push(e));
  connectors = new ConnectorRegistry();
  feed = await startFeedServer({
    trades: core.trades,
    imports: core.imports,
    ledger: { storage: core.storage, clock: core.clock, bus: core.bus },
    token: () => TOKEN,
    port: 0,
    v2: { storage: core.storage, clock: core.clock, bus: core.bus, imports: core.imports, connectors },
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

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
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
    req.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  });
}

const at = (offsetMs = 0) => new Date(clock.now() + offsetMs).toISOString();

function execution(
  executionId: string,
  side: 'buy' | 'sell',
  quantity: string,
  price: string,
  extra: { account?: string; event?: 'new' | 'amend' | 'remove'; currency?: string; symbol?: string; offsetMs?: number; positionAfter?: string } = {},
) {
  return {
    executionId,
    orderId: `order-${executionId}`,
    account: { id: extra.account ?? 'Sim101', kind: 'sim', currency: extra.currency ?? 'USD' },
    instrument: { symbol: extra.symbol ?? 'MNQ 12-26', root: 'MNQ', pointValue: '2', tickSize: '0.25' },
    side,
    quantity,
    price,
    time: { utc: at(extra.offsetMs), platform: '2026-03-02 09:00:00', zone: 'Eastern Standard Time' },
    commission: '0.62',
    fees: '0',
    ...(extra.positionAfter !== undefined && { positionAfter: extra.positionAfter }),
    event: extra.event ?? 'new',
  };
}

const post = (executions: unknown[]) => call('POST', '/v2/executions', { source: 'ninjatrader8', executions });
const tradeCount = async () =>
  (
    await core.storage.read
      .selectFrom('trade')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

function heartbeat(extra: Record<string, unknown> = {}) {
  return {
    source: 'ninjatrader8',
    version: '1.0.0',
    platform: 'NinjaTrader 8',
    sentAt: at(),
    accounts: [
      { id: 'Sim101', kind: 'sim', currency: 'USD', realized: '-12.40', unrealized: '35.00', equity: '100022.60', enforcement: false },
      { id: 'APEX-1', kind: 'live', currency: 'USD', realized: '0.00', unrealized: null, equity: null, enforcement: true },
    ],
    ...extra,
  };
}

describe('POST /v2/executions', () => {
  test('partial fills of two accounts are matched FIFO per account into trades of the running session', async () => {
    const opened = await post([
      execution('e1', 'buy', '2', '21000.00', { positionAfter: '2' }),
      execution('e2', 'buy', '1', '21001.00', { offsetMs: 1, positionAfter: '3' }),
      execution('x1', 'sell', '1', '21050.00', { account: 'APEX-1', offsetMs: 2, positionAfter: '-1' }),
    ]);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ received: 3, alreadyReceived: 0, recorded: [], openLots: 3, breached: false });
    expect(opened.body.positions).toEqual([
      { account: 'Sim101', symbol: 'MNQ 12-26', sessionguard: '3', platform: '3' },
      { account: 'APEX-1', symbol: 'MNQ 12-26', sessionguard: '-1', platform: '-1' },
    ]);

    clock.advance(60_000);
    // One sell fills in two parts: the first part closes the first lot's 2, the second the last 1.
    const closed = await post([
      execution('e3', 'sell', '2', '21010.00', { positionAfter: '1' }),
      execution('e4', 'sell', '1', '20991.00', { offsetMs: 1, positionAfter: '0' }),
      execution('x2', 'buy', '1', '21040.00', { account: 'APEX-1', offsetMs: 2, positionAfter: '0' }),
    ]);
    expect(closed.status).toBe(200);
    // Each closing fill is one trade, net of its own commission and the part of the opening ones it closed:
    // Sim101 +10 points x 2 x MNQ 2 - 1.24, then -10 x 1 x 2 - 1.24; APEX-1 short +10 x 1 x 2 - 1.24.
    const trades = closed.body.recorded.map((t: { account: string; pnl: string }) => `${t.account} ${t.pnl}`);
    expect(trades.sort()).toEqual(['APEX-1 18.76', 'Sim101 -21.24', 'Sim101 38.76']);
    expect(closed.body.openLots).toBe(0);
    expect(closed.body.session).toMatchObject({ status: 'active', totalTrades: 3, realizedPnl: '36.28' });
    expect(closed.body.lock).toEqual({ active: false, reason: null, until: null, action: 'none', sessionId: null });
  });

  test('a replay of the same executions (an outbox sent again) records nothing more', async () => {
    const body = [execution('r1', 'buy', '1', '21000'), execution('r2', 'sell', '1', '21005', { offsetMs: 1 })];
    expect((await post(body)).body.recorded).toHaveLength(1);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: 2, alreadyReceived: 2, recorded: [] });
    expect(await tradeCount()).toBe(1);
  });

  test('the same execution id in another account is another execution', async () => {
    await post([execution('same', 'buy', '1', '21000', { account: 'A' }), execution('same', 'buy', '1', '21000', { account: 'B' })]);
    const reply = await post([
      execution('same-close', 'sell', '1', '21001', { account: 'A', offsetMs: 1 }),
      execution('same-close', 'sell', '1', '21001', { account: 'B', offsetMs: 1 }),
    ]);
    expect(reply.body).toMatchObject({ alreadyReceived: 0 });
    expect(reply.body.recorded).toHaveLength(2);
  });

  test('a breach answers with the session stopped and the lock active until the planned end', async () => {
    await post([execution('b1', 'buy', '1', '21000')]);
    const reply = await post([execution('b2', 'sell', '1', '20899.00', { offsetMs: 1 })]);
    expect(reply.body).toMatchObject({ breached: true, session: { status: 'stopped', terminationReason: 'loss_limit' } });
    expect(reply.body.lock).toEqual({ active: true, reason: 'loss_limit', until: '2026-03-02T15:00:00.000Z', action: 'flatten_and_block', sessionId: 1 });
    expect(events.map((e) => e.type)).toContain('breach');

    expect((await call('GET', '/v2/lock')).body).toEqual({ lock: reply.body.lock });
    clock.set('2026-03-02T15:00:00.001Z');
    expect((await call('GET', '/v2/lock')).body.lock.active).toBe(false);
  });

  describe('amend and remove', () => {
    const lots = () => core.storage.read.selectFrom('open_lot').select(['account', 'side', 'quantity', 'price', 'fillKey']).orderBy('id').execute();
    const liveTrades = () =>
      core.storage.read.selectFrom('trade').select(['id', 'realizedPnl', 'quantity', 'sessionId', 'voidedAt', 'voidReason']).orderBy('id').execute();

    test('removing an execution that only opened a lot takes the lot away, or shrinks the position it was part of', async () => {
      await post([execution('o1', 'buy', '1', '21000'), execution('o2', 'buy', '2', '21001', { offsetMs: 1 })]);
      const reply = await post([execution('o2', 'buy', '2', '21001', { offsetMs: 1, event: 'remove' })]);
      expect(reply.status).toBe(200);
      expect(reply.body.executions).toEqual([{ executionId: 'o2', account: 'Sim101', event: 'remove', status: 'removed' }]);
      expect(reply.body).toMatchObject({
        recorded: [],
        voided: 0,
        openLots: 1,
        positions: [{ account: 'Sim101', symbol: 'MNQ 12-26', sessionguard: '1', platform: null }],
      });
      expect(await lots()).toEqual([{ account: 'Sim101', side: 'long', quantity: '1', price: '21000', fillKey: 'feed:ninjatrader8:Sim101:o1' }]);
      // The same remove again, and a late repeat of the removed execution, change nothing.
      expect((await post([execution('o2', 'buy', '2', '21001', { offsetMs: 1, event: 'remove' })])).body.executions[0].status).toBe('unchanged');
      expect((await post([execution('o2', 'buy', '2', '21001', { offsetMs: 1 })])).body.executions[0].status).toBe('duplicate');
      expect(await lots()).toHaveLength(1);
    });

    test('removing the execution that closed a trade voids the trade with the reason and re-opens the position', async () => {
      await post([execution('a', 'buy', '1', '21000'), execution('b', 'sell', '1', '21010', { offsetMs: 1 })]);
      expect((await core.sessions.getActiveData())!.session.realizedPnl).toBe('18.76');
      const reply = await post([execution('b', 'sell', '1', '21010', { offsetMs: 1, event: 'remove' })]);
      expect(reply.body).toMatchObject({ voided: 1, recorded: [], openLots: 1, session: { realizedPnl: '0.00', totalTrades: 0 } });
      const [trade] = await liveTrades();
      expect(trade!.voidReason).toBe('ninjatrader8 removed execution b (Sim101 MNQ 12-26); the position was re-matched');
      expect(await lots()).toEqual([expect.objectContaining({ side: 'long', quantity: '1', fillKey: 'feed:ninjatrader8:Sim101:a' })]);
      const voided = (await listSessionEvents(core.storage.read, 1)).filter((e) => e.type === 'trade_voided');
      expect(voided).toHaveLength(1);
    });

    test('removing an opening execution a later fill closed re-matches FIFO: the trade is replaced by what is left', async () => {
      await post([
        execution('p1', 'buy', '1', '21000'),
        execution('p2', 'buy', '1', '21010', { offsetMs: 1 }),
        execution('p3', 'sell', '2', '21020', { offsetMs: 2 }),
      ]);
      expect((await liveTrades()).map((t) => [t.quantity, t.realizedPnl / 1e6])).toEqual([['2', 60 - 1.86]]);
      const reply = await post([execution('p2', 'buy', '1', '21010', { offsetMs: 1, event: 'remove' })]);
      expect(reply.body).toMatchObject({ voided: 1, openLots: 1 });
      // The sell of 2 now closes p1 only (20 points x 1 x MNQ 2, less p1's fees and half of p3's) and opens a short of 1.
      expect(reply.body.recorded).toEqual([expect.objectContaining({ account: 'Sim101', sessionId: 1, pnl: '39.07' })]);
      expect(await lots()).toEqual([expect.objectContaining({ side: 'short', quantity: '1', price: '21020', fillKey: 'feed:ninjatrader8:Sim101:p3' })]);
      expect(reply.body.positions).toEqual([{ account: 'Sim101', symbol: 'MNQ 12-26', sessionguard: '-1', platform: null }]);
    });

    test('an amend is the execution removed and sent again with the corrected values; the same amend again changes nothing', async () => {
      await post([execution('m1', 'buy', '1', '21000'), execution('m2', 'sell', '1', '21010', { offsetMs: 1 })]);
      const amend = execution('m2', 'sell', '1', '21005.25', { offsetMs: 1, event: 'amend' });
      const reply = await post([amend]);
      expect(reply.body.executions[0].status).toBe('amended');
      expect(reply.body).toMatchObject({
        voided: 1,
        recorded: [expect.objectContaining({ pnl: '9.26', sessionId: 1 })],
        session: { realizedPnl: '9.26', totalTrades: 1 },
      });
      expect((await liveTrades()).map((t) => [t.realizedPnl / 1e6, t.voidedAt === null ? 'counts' : 'voided'])).toEqual([
        [18.76, 'voided'],
        [9.26, 'counts'],
      ]);
      const again = await post([amend]);
      expect(again.body).toMatchObject({ executions: [expect.objectContaining({ status: 'unchanged' })], voided: 0, recorded: [] });
      expect(await liveTrades()).toHaveLength(2);
    });

    test('a new execution and its amend in one request are applied in order; an amend of an unknown one is recorded as new; a remove of an unknown one says so', async () => {
      const reply = await post([
        execution('q1', 'buy', '1', '21000'),
        execution('q1', 'buy', '1', '21002', { event: 'amend' }),
        execution('q9', 'sell', '1', '21004', { offsetMs: 1, event: 'amend' }),
        execution('zz', 'sell', '1', '1', { event: 'remove' }),
      ]);
      expect(reply.body.executions.map((e: { status: string }) => e.status)).toEqual(['recorded', 'amended', 'recorded', 'unknown']);
      expect(reply.body.executions[3].reason).toMatch(/never recorded/);
      expect((await core.sessions.getActiveData())!.session.realizedPnl).toBe('2.76');
    });

    test('a correction is refused, with why, when a broker file imported later matched the same position', async () => {
      await post([execution('r1', 'buy', '1', '21000')]);
      const csv = `Time,Account,Symbol,Side,Qty,Price\n2026-03-02 14:00:05,Sim101,MNQ 12-26,Sell,1,21010\n`;
      const mapping = {
        kind: 'fills' as const,
        columns: { time: 'Time', account: 'Account', symbol: 'Symbol', side: 'Side', quantity: 'Qty', price: 'Price' },
        dateFormat: 'auto',
        decimalStyle: 'dot' as const,
        pointValue: '2',
      };
      const preview = await core.imports.preview({
        fileName: 'fills.csv',
        bytes: new Uint8Array(Buffer.from(csv)),
        preset: 'generic',
        mapping,
        timeZone: 'UTC',
      });
      expect(preview.problems).toEqual([]);
      await core.imports.commit(preview.previewId);
      expect(await liveTrades()).toHaveLength(1);

      const reply = await post([execution('r1', 'buy', '1', '21000', { event: 'remove' })]);
      expect(reply.status).toBe(200);
      expect(reply.body.executions[0]).toMatchObject({ status: 'refused', reason: expect.stringMatching(/broker file fills\.csv.*undo that import first/) });
      expect((await liveTrades()).filter((t) => t.voidedAt !== null)).toEqual([]);
    });

    test('voiding the trade that breached keeps the stop and the lock: commitments hold', async () => {
      await post([execution('k1', 'buy', '1', '21000'), execution('k2', 'sell', '1', '20800', { offsetMs: 1 })]);
      const reply = await post([execution('k2', 'sell', '1', '20800', { offsetMs: 1, event: 'remove' })]);
      expect(reply.body).toMatchObject({
        voided: 1,
        session: { status: 'stopped', terminationReason: 'loss_limit', realizedPnl: '0.00' },
        lock: { active: true, reason: 'loss_limit' },
      });
    });
  });

  test('wrong fields are named, an account in another currency is refused, and refusals carry the lock', async () => {
    const wrong = await post([{ ...execution('w1', 'buy', '0', '21000'), side: 'long', commission: '-1', time: { utc: 'today' } }]);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fieldErrors.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['executions.0.quantity', 'executions.0.side', 'executions.0.commission', 'executions.0.time.utc']),
    );
    expect(wrong.body.lock).toMatchObject({ active: false });

    const euro = await post([execution('c1', 'buy', '1', '21000'), execution('c2', 'buy', '1', '21000', { currency: 'EUR' })]);
    expect(euro.status).toBe(400);
    expect(euro.body.error.fieldErrors).toEqual([expect.objectContaining({ field: 'executions.1.account.currency', code: 'currency_mismatch' })]);
    expect((await post([])).status).toBe(400);
    expect((await call('POST', '/v2/executions', '{"source":')).status).toBe(400);
    expect(await core.storage.read.selectFrom('open_lot').selectAll().execute()).toEqual([]);
  });

  test('unknown v2 paths, wrong methods and wrong media types are refused by status, with the lock', async () => {
    expect((await call('POST', '/v2/other', {})).status).toBe(404);
    expect((await call('GET', '/v2/executions')).status).toBe(405);
    expect((await call('POST', '/v2/lock', {})).status).toBe(405);
    const plain = await call('POST', '/v2/executions', 'x', { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(plain.body.lock).toMatchObject({ active: false });
  });
});

describe('POST /v2/heartbeat', () => {
  test('keeps each connector’s accounts and last heartbeat for Settings', async () => {
    const reply = await call('POST', '/v2/heartbeat', heartbeat());
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ received: true, lostAfterSeconds: 10, lock: { active: false } });
    const view = await (await call('POST', '/v2/heartbeat', heartbeat())).body;
    expect(view.received).toBe(true);
    expect(connectors.list(clock.now())).toEqual([
      expect.objectContaining({
        source: 'ninjatrader8',
        platform: 'NinjaTrader 8',
        lastHeartbeatAt: '2026-03-02T14:00:00.000Z',
        lost: false,
        accounts: [
          expect.objectContaining({ id: 'Sim101', unrealized: '35.00', enforcement: false }),
          expect.objectContaining({ id: 'APEX-1', kind: 'live', enforcement: true }),
        ],
      }),
    ]);
  });

  test('enforcement actions join the stopped session’s timeline once, however often the heartbeat is retried', async () => {
    await post([execution('b1', 'buy', '1', '21000')]);
    await post([execution('b2', 'sell', '1', '20800.00', { offsetMs: 1 })]);
    const actions = [
      { id: 'a-1', account: 'APEX-1', kind: 'cancel_orders', at: at(), detail: '2 working orders cancelled' },
      { id: 'a-2', account: 'APEX-1', kind: 'flatten', at: at(), detail: 'MNQ 12-26' },
    ];
    const first = await call('POST', '/v2/heartbeat', heartbeat({ actions }));
    expect(first.body.actions).toEqual({ received: 2, recorded: 2 });
    // Retried after the lock ended (Sessionguard was away): still the stopped session's, still once.
    clock.set('2026-03-02T16:00:00Z');
    const retried = await call(
      'POST',
      '/v2/heartbeat',
      heartbeat({ actions: [...actions, { id: 'a-3', account: 'APEX-1', kind: 'refuse_order', at: at(), detail: 'Buy 1 MNQ 12-26 refused' }] }),
    );
    expect(retried.body).toMatchObject({ actions: { received: 3, recorded: 1 }, lock: { active: false } });
    const timeline = (await listSessionEvents(core.storage.read, 1)).filter((e) => e.type === 'connector_action');
    expect(timeline.map((e) => e.payload)).toEqual([
      { source: 'ninjatrader8', account: 'APEX-1', kind: 'cancel_orders', at: '2026-03-02T14:00:00.000Z', detail: '2 working orders cancelled' },
      { source: 'ninjatrader8', account: 'APEX-1', kind: 'flatten', at: '2026-03-02T14:00:00.000Z', detail: 'MNQ 12-26' },
      { source: 'ninjatrader8', account: 'APEX-1', kind: 'refuse_order', at: '2026-03-02T16:00:00.000Z', detail: 'Buy 1 MNQ 12-26 refused' },
    ]);
  });

  test('a wrong heartbeat is refused at its fields and changes nothing', async () => {
    const reply = await call(
      'POST',
      '/v2/heartbeat',
      heartbeat({ accounts: [{ id: 'Sim101', kind: 'paper', currency: 'usd', realized: 1.5, unrealized: null, equity: null, enforcement: 'yes' }] }),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.fieldErrors.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['accounts.0.kind', 'accounts.0.currency', 'accounts.0.realized', 'accounts.0.enforcement']),
    );
    expect(connectors.list(clock.now())).toEqual([]);
  });
});
