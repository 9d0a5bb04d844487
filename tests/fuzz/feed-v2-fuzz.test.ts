import fc from 'fast-check';
import { request } from 'node:http';
import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { ConnectorRegistry } from '../../src-main/feed/connector-status.ts';
import { startFeedServer } from '../../src-main/feed/feed-server.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { reportSoak } from '../support/soak-report.ts';
import { tempDir } from '../support/temp-storage.ts';
import { seedFuzzData } from './ipc-fuzz.ts';
import { mutationsOf } from './ipc-payloads.ts';

const PER_ROUTE = Number(process.env.SESSIONGUARD_FEED_FUZZ_PAYLOADS ?? 400);
const TOKEN = 'feed-v2-fuzz-token-0123456789abcdef';
const STATUSES = new Set([200, 400, 409, 413, 501]);

const execution = {
  executionId: 'fz-1',
  orderId: 'o-1',
  account: { id: 'Sim101', kind: 'sim', currency: 'USD' },
  instrument: { symbol: 'MNQ 12-26', root: 'MNQ', pointValue: '2', tickSize: '0.25' },
  side: 'buy',
  quantity: '1',
  price: '21000.25',
  time: { utc: '2026-03-02T14:00:00Z', platform: '2026-03-02 09:00:00.000', zone: 'Eastern Standard Time' },
  commission: '0.62',
  fees: '0',
  positionAfter: '1',
  event: 'new',
};
const account = { id: 'Sim101', kind: 'sim', currency: 'USD', realized: '0.00', unrealized: '12.50', equity: '50012.50', enforcement: true };
const action = { id: 'a-1', account: 'Sim101', kind: 'flatten', at: '2026-03-02T14:00:00Z', detail: 'MNQ 12-26' };
const heartbeat = {
  source: 'ninjatrader8',
  version: '1.0.0',
  platform: 'NinjaTrader 8',
  sentAt: '2026-03-02T14:00:00Z',
  accounts: [account],
  actions: [action],
};

/** Bodies for each route: the whole body mutated, or one nested execution (a new one, or an amend after it), account or action mutated inside a valid body. */
const bodies: Record<string, fc.Arbitrary<unknown>> = {
  '/v2/executions': fc.oneof(
    mutationsOf({ source: 'ninjatrader8', executions: [execution] }),
    mutationsOf(execution).map((e) => ({ source: 'ninjatrader8', executions: [e] })),
    mutationsOf(execution.instrument).map((instrument) => ({ source: 'ninjatrader8', executions: [{ ...execution, instrument }] })),
    mutationsOf({ ...execution, event: 'amend', price: '21001.00' }).map((e) => ({ source: 'ninjatrader8', executions: [execution, e] })),
  ),
  '/v2/heartbeat': fc.oneof(
    mutationsOf(heartbeat),
    mutationsOf(account).map((a) => ({ ...heartbeat, accounts: [a] })),
    mutationsOf(action).map((a) => ({ ...heartbeat, actions: [a] })),
  ),
};

function text(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)) ?? 'undefined';
  } catch {
    // Not serialisable (a cycle, a null-prototype object): what a careless script might send instead.
    return Object.prototype.toString.call(value);
  }
}

function post(port: number, path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      },
      (res) => {
        let reply = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (reply += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: reply }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test(`${PER_ROUTE} generated bodies on each feed v2 route: a typed answer with the lock, no crash, no row changed by a refusal`, {
  timeout: 1_800_000,
}, async () => {
  const core = await openCore({ dataDir: tempDir(), clock: new ManualClock() });
  const feed = await startFeedServer({
    trades: core.trades,
    imports: core.imports,
    ledger: { storage: core.storage, clock: core.clock, bus: core.bus },
    token: () => TOKEN,
    port: 0,
    v2: { storage: core.storage, clock: core.clock, bus: core.bus, imports: core.imports, connectors: new ConnectorRegistry() },
  });
  const changes = core.storage.sqlite.prepare('select total_changes() as n').pluck();
  const problems: string[] = [];
  let sent = 0;
  let accepted = 0;
  try {
    await seedFuzzData(core);
    for (const [index, [path, arbitrary]] of Object.entries(bodies).entries()) {
      for (const body of fc.sample(arbitrary, { numRuns: PER_ROUTE, seed: 20261125 + index })) {
        sent += 1;
        const before = changes.get() as number;
        const reply = await post(feed.port, path, text(body));
        let json: { lock?: unknown; error?: { code?: unknown; message?: unknown } };
        try {
          json = JSON.parse(reply.body);
        } catch {
          problems.push(`${path} ${text(body).slice(0, 120)}: answered ${reply.status} without JSON`);
          continue;
        }
        if (!STATUSES.has(reply.status)) problems.push(`${path} ${text(body).slice(0, 120)}: status ${reply.status} ${reply.body.slice(0, 200)}`);
        if (!('lock' in json)) problems.push(`${path}: a reply without the lock`);
        if (reply.status === 200) {
          accepted += 1;
          continue;
        }
        if (typeof json.error?.code !== 'string' || typeof json.error.message !== 'string' || json.error.message.length === 0)
          problems.push(`${path}: untyped refusal ${reply.body.slice(0, 200)}`);
        if ((changes.get() as number) !== before) problems.push(`${path} ${text(body).slice(0, 120)}: refused (${reply.status}) but the database changed`);
      }
    }
    reportSoak({
      runs: sent,
      metric: `feed v2 bodies (${PER_ROUTE} per route × 2): crashes, untyped refusals or writes`,
      value: problems.length,
      unit: `of ${sent}`,
      target: '0',
      ok: problems.length === 0,
    });
    expect(problems).toEqual([]);
    expect(accepted).toBeLessThan(sent / 2);
    expect(core.storage.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    await feed.close();
    await core.close();
  }
});
