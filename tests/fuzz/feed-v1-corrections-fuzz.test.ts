import fc from 'fast-check';
import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { startFeedServer } from '../../src-main/feed/feed-server.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { reportSoak } from '../support/soak-report.ts';
import { tempDir } from '../support/temp-storage.ts';
import { mutationsOf } from './ipc-payloads.ts';

const RUNS = Number(process.env.SESSIONGUARD_FEED_FUZZ_PAYLOADS ?? 400);
const TOKEN = 'feed-v1-fuzz-token-0123456789abcdef';
const STATUSES = new Set([200, 400, 413]);
const CORRECTION_STATUSES = new Set(['amended', 'removed', 'unchanged', 'refused']);

const fill = (externalId: string, side: 'buy' | 'sell', price: string) => ({
  externalId,
  time: '2026-03-02T14:00:00.000Z',
  symbol: 'MNQZ6',
  side,
  quantity: '1',
  price,
  fees: '0.62',
});
const received = [fill('f1', 'buy', '21000'), fill('f2', 'buy', '21002'), fill('f3', 'sell', '21010'), fill('f4', 'sell', '20990')];

/** Corrections of fills already received, mutated one field at a time, alone or beside a new fill. */
const bodies = fc.oneof(
  mutationsOf({ ...fill('f3', 'sell', '21011.25'), event: 'amend' }).map((c) => ({ fills: [c] })),
  mutationsOf({ externalId: 'f2', event: 'remove' }).map((c) => ({ fills: [c] })),
  mutationsOf({ externalId: 'f4', event: 'remove' }).map((c) => ({ fills: [fill('n1', 'buy', '21003'), c] })),
  mutationsOf({
    fills: [
      { ...fill('f1', 'buy', '20999.75'), event: 'amend' },
      { externalId: 'f3', event: 'remove' },
    ],
  }),
);

async function post(port: number, body: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/trades`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body,
  });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) };
  } catch {
    return { status: response.status, json: text };
  }
}

function text(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return Object.prototype.toString.call(value);
  }
}

test(`${RUNS} generated amend and remove bodies on feed v1: a typed answer, no crash, no row changed by a refusal, the session's P&L always its live trades`, {
  timeout: 1_800_000,
}, async () => {
  const clock = new ManualClock();
  const core = await openCore({ dataDir: tempDir(), clock });
  const feed = await startFeedServer({
    trades: core.trades,
    imports: core.imports,
    ledger: { storage: core.storage, clock: core.clock, bus: core.bus },
    token: () => TOKEN,
    port: 0,
  });
  const sqlite = core.storage.sqlite;
  const changes = sqlite.prepare('select total_changes() as n').pluck();
  const sessionPnl = sqlite.prepare("select realizedPnl, totalTrades from TradingSession where status = 'active'");
  const livePnl = sqlite.prepare(
    "select coalesce(sum(realizedPnl), 0) as pnl, count(*) as n from trade where sessionId = (select id from TradingSession where status = 'active') and voidedAt is null",
  );
  const problems: string[] = [];
  let accepted = 0;
  const seen = new Set<string>();
  try {
    await core.profiles.create({ name: 'Fuzz', currency: 'USD', balance: '1000000.00', timeZone: 'UTC' });
    await core.sessions.create({ durationMinutes: 10080, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    expect((await post(feed.port, JSON.stringify({ fills: received }))).status).toBe(200);

    for (const body of fc.sample(bodies, { numRuns: RUNS, seed: 20261202 })) {
      clock.advance(1_000);
      const before = changes.get() as number;
      const sent = text(body);
      const reply = await post(feed.port, sent);
      const json = reply.json as { error?: { code?: unknown; message?: unknown }; fills?: { corrections?: Array<{ status?: unknown }> } };
      if (typeof json !== 'object' || json === null) {
        problems.push(`${sent.slice(0, 120)}: answered ${reply.status} without JSON`);
        continue;
      }
      if (!STATUSES.has(reply.status)) problems.push(`${sent.slice(0, 120)}: status ${reply.status}`);
      if (reply.status === 200) {
        accepted += 1;
        for (const c of json.fills?.corrections ?? []) {
          seen.add(String(c.status));
          if (!CORRECTION_STATUSES.has(String(c.status))) problems.push(`${sent.slice(0, 120)}: correction status ${String(c.status)}`);
        }
      } else {
        if (typeof json.error?.code !== 'string' || typeof json.error.message !== 'string' || json.error.message.length === 0)
          problems.push(`${sent.slice(0, 120)}: untyped refusal ${text(json).slice(0, 200)}`);
        if ((changes.get() as number) !== before) problems.push(`${sent.slice(0, 120)}: refused (${reply.status}) but the database changed`);
      }
      const session = sessionPnl.get() as { realizedPnl: number; totalTrades: number };
      const live = livePnl.get() as { pnl: number; n: number };
      if (session.realizedPnl !== live.pnl || session.totalTrades !== live.n)
        problems.push(`${sent.slice(0, 120)}: the session says ${session.realizedPnl}/${session.totalTrades}, its live trades ${live.pnl}/${live.n}`);
    }
    reportSoak({
      runs: RUNS,
      metric: 'feed v1 amend/remove bodies: crashes, untyped refusals, writes on refusal, session P&L apart from its trades',
      value: problems.length,
      unit: `of ${RUNS}`,
      target: '0',
      ok: problems.length === 0,
    });
    expect(problems).toEqual([]);
    // The bodies reach the corrections themselves, not only the schema's refusals.
    expect([...seen].sort()).toEqual(['amended', 'refused', 'removed', 'unchanged']);
    expect(accepted).toBeLessThan(RUNS);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    await feed.close();
    await core.close();
  }
});
