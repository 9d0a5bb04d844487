import { expect, test } from 'vitest';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

/** Every row of every table: equal before and after a failed write means nothing was half-written. */
function snapshot(core: Core): string {
  const tables = core.storage.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
  return JSON.stringify(
    tables.map(({ name }) => [
      name,
      core.storage.sqlite
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}

async function setup(): Promise<{ core: Core; clock: ManualClock; events: AppEvent[] }> {
  const clock = new ManualClock();
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  const events: AppEvent[] = [];
  core.bus.subscribe((e) => events.push(e));
  return { core, clock, events };
}

const trade = (clock: ManualClock, pnl: string) => ({ source: 'manual' as const, fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: clock.now() });

/** Each write the app makes, from a state where it would succeed. */
const WRITES: Array<{ name: string; prepare(core: Core, clock: ManualClock): Promise<void>; run(core: Core, clock: ManualClock): Promise<unknown> }> = [
  {
    name: 'create a profile',
    prepare: async () => {},
    run: (core) => core.profiles.create({ name: 'Bob', currency: 'EUR', balance: '500.00', timeZone: 'Europe/Berlin' }),
  },
  { name: 'update the profile', prepare: async () => {}, run: (core) => core.profiles.update({ balance: '1200.00' }) },
  {
    name: 'create a session',
    prepare: async () => {},
    run: (core) => core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: false }),
  },
  {
    name: 'start a session',
    prepare: async (core) =>
      void (await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: false })),
    run: async (core) => core.sessions.start((await core.sessions.getActiveData())!.session.id),
  },
  {
    name: 'record a trade',
    prepare: async (core) =>
      void (await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true })),
    run: (core, clock) => core.trades.record([trade(clock, '-12.50')]),
  },
  {
    name: 'stop a session',
    prepare: async (core) =>
      void (await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true })),
    run: async (core) => core.sessions.stop((await core.sessions.getActiveData())!.session.id),
  },
  {
    name: 'complete a session on time',
    prepare: async (core, clock) => {
      await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
      clock.advance(60 * MINUTE_MS);
    },
    run: (core) => core.sessions.tick(),
  },
  { name: 'turn the feed on', prepare: async () => {}, run: (core) => core.feed.regenerateToken() },
];

for (const write of WRITES) {
  test(`read-only database: "${write.name}" fails with a typed error, writes nothing, tells the trader, and works once writable again`, async () => {
    const { core, clock, events } = await setup();
    await write.prepare(core, clock);
    const before = snapshot(core);
    core.storage.sqlite.pragma('query_only = ON');
    await expect(write.run(core, clock)).rejects.toMatchObject({ code: 'storage_read_only' });
    expect(snapshot(core)).toBe(before);
    expect(events.filter((e) => e.type === 'storage_failed')).toHaveLength(1);
    core.storage.sqlite.pragma('query_only = OFF');
    await expect(write.run(core, clock)).resolves.toBeDefined();
    await core.close();
  });
}

test('disk full while recording: the failing trade leaves no trace, the app keeps running, and a breach is still alerted', async () => {
  const { core, clock, events } = await setup();
  await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '100.00' }, acknowledgeRisk: false, start: true });
  const pages = core.storage.sqlite.pragma('page_count', { simple: true }) as number;
  core.storage.sqlite.pragma(`max_page_count = ${pages}`);

  let failure: unknown = null;
  let before = '';
  for (let i = 0; i < 5000 && failure === null; i += 1) {
    before = snapshot(core);
    clock.advance(1000);
    await core.trades.record([{ ...trade(clock, '0.01'), note: 'x'.repeat(200) }]).catch((error: unknown) => (failure = error));
  }
  expect(failure).toMatchObject({ code: 'storage_full' });
  expect(snapshot(core)).toBe(before);
  expect(events.some((e) => e.type === 'storage_failed')).toBe(true);

  // A trade with a long note needs new pages, so it can't fit either.
  await expect(core.trades.record([{ ...trade(clock, '-150'), note: 'y'.repeat(5000) }])).rejects.toMatchObject({ code: 'storage_full' });
  const breach = events.find((e) => e.type === 'breach');
  expect(breach?.type === 'breach' && breach.message).toMatch(/could not save/);

  core.storage.sqlite.pragma('max_page_count = 1073741823');
  const saved = await core.trades.record([trade(clock, '-150')]);
  expect(saved.breached).toBe(true);
  await core.close();
});

test('defect 8: a session reaching its end on a full disk is announced on time, failures collapse into one alert, and it is saved as completed at the planned end once space is back', async () => {
  const { core, clock, events } = await setup();
  const session = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '100.00' }, acknowledgeRisk: false, start: true });
  const pages = core.storage.sqlite.pragma('page_count', { simple: true }) as number;
  core.storage.sqlite.pragma(`max_page_count = ${pages}`);
  // Fill the audit trail to the last byte of its last page, so ending the session can't be written.
  const filler = core.storage.sqlite.prepare(`INSERT INTO session_event (sessionId, type, at, payload) VALUES (?, 'filler', 0, '{}')`);
  let full = false;
  for (let i = 0; i < 100_000 && !full; i += 1) {
    try {
      filler.run(session.id);
    } catch (error) {
      expect((error as { code?: string }).code).toBe('SQLITE_FULL');
      full = true;
    }
  }
  expect(full).toBe(true);
  const failuresBefore = events.filter((e) => e.type === 'storage_failed').length;

  clock.set(Date.parse(session.startTime!) + 60 * MINUTE_MS);
  for (let beat = 0; beat < 30; beat += 1) {
    await core.sessions.tick().catch(() => undefined);
    clock.advance(500);
  }
  const ended = events.filter((e) => e.type === 'session_ended');
  expect(ended).toHaveLength(1);
  expect(ended[0]?.type === 'session_ended' && ended[0].message).toMatch(/Time is up.*could not save/);
  expect(events.filter((e) => e.type === 'storage_failed').length - failuresBefore).toBeLessThanOrEqual(1);

  core.storage.sqlite.pragma('max_page_count = 1073741823');
  clock.advance(10 * MINUTE_MS);
  await core.sessions.tick();
  const row = await core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ status: 'completed', terminationReason: 'time_limit', endTime: row.plannedEndTime });
  expect(events.filter((e) => e.type === 'session_ended')).toHaveLength(1);
  await core.close();
});
