import { afterEach, beforeEach, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { ConnectorRegistry } from '../../src-main/feed/connector-status.ts';
import { checkConnectors } from '../../src-main/feed/connector-watch.ts';
import type { V2HeartbeatBody } from '../../src-main/feed/feed-v2-schema.ts';
import { listSessionEvents } from '../../src-main/sessions/session-repository.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

let core: Core;
let clock: ManualClock;
let registry: ConnectorRegistry;
let events: AppEvent[];

const beat: V2HeartbeatBody = {
  source: 'ninjatrader8',
  version: '1.0.0',
  platform: 'NinjaTrader 8',
  sentAt: '2026-03-02T14:00:00Z',
  accounts: [{ id: 'Sim101', kind: 'sim', currency: 'USD', realized: '0.00', unrealized: '0.00', equity: '50000.00', enforcement: false }],
};
const check = () => checkConnectors({ storage: core.storage, clock, bus: core.bus, registry });
const types = () => events.map((e) => e.type).filter((t) => t.startsWith('connector_'));

beforeEach(async () => {
  clock = new ManualClock('2026-03-02T14:00:00Z');
  core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '2000.00', timeZone: 'UTC' });
  registry = new ConnectorRegistry();
  events = [];
  core.bus.subscribe((e) => events.push(e));
});

afterEach(() => core.close());

test('a connector silent for more than 10 s while a session is active is reported lost once, and back when it beats again', async () => {
  const session = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  registry.heartbeat(beat, clock.now());
  clock.advance(10_000);
  await check();
  expect(types()).toEqual([]);

  clock.advance(1);
  await check();
  clock.advance(5_000);
  await check();
  expect(types()).toEqual(['connector_lost']);
  const lost = events.find((e) => e.type === 'connector_lost') as Extract<AppEvent, { type: 'connector_lost' }>;
  expect(lost.message).toMatch(/No heartbeat from NinjaTrader 8 \(ninjatrader8\) for 10 s/);
  expect(lost.connector).toMatchObject({ source: 'ninjatrader8', lost: true, lastHeartbeatAt: '2026-03-02T14:00:00.000Z' });

  registry.heartbeat(beat, clock.now());
  await check();
  expect(types()).toEqual(['connector_lost', 'connector_restored']);
  const timeline = (await listSessionEvents(core.storage.read, session.id)).filter((e) => e.type.startsWith('connector_'));
  expect(timeline.map((e) => [e.type, e.at])).toEqual([
    ['connector_lost', '2026-03-02T14:00:10.001Z'],
    ['connector_restored', '2026-03-02T14:00:15.001Z'],
  ]);
});

test('no alert without an active session; one when a session starts while the connector is still silent', async () => {
  registry.heartbeat(beat, clock.now());
  clock.advance(60_000);
  await check();
  expect(types()).toEqual([]);
  expect(registry.list(clock.now())[0]!.lost).toBe(true);

  await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  events.length = 0;
  await check();
  expect(types()).toEqual(['connector_lost']);
});

test('a pending (not started) session is not an active one', async () => {
  await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: false });
  registry.heartbeat(beat, clock.now());
  clock.advance(20_000);
  events.length = 0;
  await check();
  expect(types()).toEqual([]);
});

test('the registry keeps at most 16 connectors, forgetting the longest silent first', () => {
  for (let i = 0; i < 20; i += 1) {
    clock.advance(1);
    registry.heartbeat({ ...beat, source: `script-${String(i).padStart(2, '0')}` }, clock.now());
  }
  const sources = registry.list(clock.now()).map((c) => c.source);
  expect(sources).toHaveLength(16);
  expect(sources[0]).toBe('script-04');
});
