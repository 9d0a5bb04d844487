import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { ConnectorRegistry } from '../../src-main/feed/connector-status.ts';
import { startFeedServer, type FeedServer } from '../../src-main/feed/feed-server.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import { startWebServer, type WebServer } from '../../src-main/web/web-server.ts';
import { signIn } from '../support/browser-mode-client.ts';
import { reportSoak } from '../support/soak-report.ts';
import { suiteTempDir } from '../support/temp-storage.ts';
import { REFUSAL_CASES, type Targets } from './refusal-cases.ts';

const FEED_TOKEN = 'feed-token-for-refusal-tests-0123456789';
let core: Core;
let web: WebServer;
let feed: FeedServer;
let targets: Targets;
let changesBefore: number;
const outcomes: boolean[] = [];

const totalChanges = () => core.storage.sqlite.prepare('select total_changes()').pluck().get() as number;

beforeAll(async () => {
  const dir = suiteTempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Sessionguard</title>');
  core = await openCore({ dataDir: join(dir, 'data') });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '2000.00', timeZone: 'UTC' });
  await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  web = await startWebServer({
    dispatch: createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false }),
    bus: core.bus,
    rendererDir,
    port: 0,
  });
  feed = await startFeedServer({
    trades: core.trades,
    imports: core.imports,
    ledger: { storage: core.storage, clock: core.clock, bus: core.bus },
    token: () => FEED_TOKEN,
    port: 0,
    v2: { storage: core.storage, clock: core.clock, bus: core.bus, imports: core.imports, connectors: new ConnectorRegistry() },
  });
  targets = { webPort: web.port, feedPort: feed.port, ...(await signIn(web.port, web.token)), feedToken: FEED_TOKEN };
  changesBefore = totalChanges();
});

afterAll(async () => {
  const refused = outcomes.filter(Boolean).length;
  reportSoak({
    runs: REFUSAL_CASES.length,
    metric: `loopback refusal cases (${REFUSAL_CASES.length}, both servers): refused`,
    value: refused,
    unit: `of ${REFUSAL_CASES.length}`,
    target: `${REFUSAL_CASES.length}`,
    ok: refused === REFUSAL_CASES.length,
  });
  await web.close();
  await feed.close();
  await core.close();
});

describe.each(['browser mode', 'feed'] as const)('%s on 127.0.0.1 refuses', (server) => {
  test.each(REFUSAL_CASES.filter((c) => c.server === server).map((c) => [c.name, c] as const))('%s', async (_name, refusal) => {
    const outcome = await refusal.run(targets);
    outcomes.push(outcome === refusal.expected);
    expect(outcome).toBe(refusal.expected);
    // Nothing reached the database: not the trade that would breach, not a session change.
    expect(totalChanges()).toBe(changesBefore);
  });
});

test('the session is untouched after every refusal', async () => {
  const active = await core.sessions.getActiveData();
  expect(active?.session).toMatchObject({ status: 'active', totalTrades: 0 });
});
