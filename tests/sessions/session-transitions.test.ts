import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { rowToSession } from '../../src-main/sessions/session-repository.ts';
import { HOUR_MS, MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

async function setup(balance = '1000.00') {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance, timeZone: 'UTC' });
  return { core, clock };
}
const create = (core: Core, start = true, percentage = '10', durationMinutes = 60) =>
  core.sessions.create({ durationMinutes, lossLimit: { kind: 'percentage', percentage }, acknowledgeRisk: true, start });
const row = (core: Core, id: number) => core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = async (core: Core, id: number) =>
  (await core.storage.read.selectFrom('session_event').select('type').where('sessionId', '=', id).orderBy('id').execute()).map((e) => e.type);
const counts = async (core: Core) => {
  const n = async (table: 'TradingSession' | 'trade' | 'session_event') =>
    (
      await core.storage.read
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return { sessions: await n('TradingSession'), trades: await n('trade'), events: await n('session_event') };
};
const loss = (clock: ManualClock, pnl: string) => ({ source: 'manual' as const, fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: clock.now() });

describe('status flow (PRODUCT.md section 3)', () => {
  test('pending -> active -> stopped (manual), with the computed duration, performance and events', async () => {
    const { core, clock } = await setup();
    const s = await create(core, false);
    expect(s.status).toBe('pending');
    expect((await core.sessions.start(s.id)).status).toBe('active');
    clock.advance(20 * MINUTE_MS);
    await core.trades.record([loss(clock, '25.50')]);
    const stopped = await core.sessions.stop(s.id);
    expect(stopped).toMatchObject({
      status: 'stopped',
      terminationReason: 'manual',
      actualDurationMinutes: 20,
      realizedPnl: '25.50',
      sessionPerformancePercentage: '2.55',
    });
    expect(await events(core, s.id)).toEqual(['created', 'started', 'trade_recorded', 'stopped', 'balance_applied']);
    expect((await core.profiles.current())?.balance).toBe('1025.50');
    await core.close();
  });

  test("the breach stops the session in the trade's own transaction, and starts the lockout until the planned end", async () => {
    const { core, clock } = await setup();
    const s = await create(core);
    clock.advance(10 * MINUTE_MS);
    const result = await core.trades.record([loss(clock, '-100.00')]);
    expect(result.breached).toBe(true);
    const r = await row(core, s.id);
    expect(r).toMatchObject({
      status: 'stopped',
      terminationReason: 'loss_limit',
      endTime: clock.now(),
      totalTrades: 1,
      losingTrades: 1,
      lockoutUntil: r.plannedEndTime,
    });
    expect(await events(core, s.id)).toEqual([
      'created',
      'started',
      'trade_recorded',
      'warning_raised',
      'warning_raised',
      'warning_raised',
      'limit_breached',
      'stopped',
      'balance_applied',
    ]);
    await expect(create(core)).rejects.toMatchObject({ code: 'lockout_active', details: { until: new Date(r.plannedEndTime!).toISOString() } });
    clock.set(r.plannedEndTime!);
    await expect(create(core)).resolves.toMatchObject({ status: 'active' });
    await core.close();
  });

  test("the profile's lockout length applies to the next stop, and changing it can't lift a running lockout", async () => {
    const { core, clock } = await setup();
    await core.profiles.update({ lockoutMinutes: 600 });
    const s = await create(core);
    await core.trades.record([loss(clock, '-100')]);
    expect((await row(core, s.id)).lockoutUntil).toBe(clock.now() + 600 * MINUTE_MS);
    await core.profiles.update({ lockoutMinutes: 0 });
    clock.advance(5 * HOUR_MS);
    await expect(create(core)).rejects.toMatchObject({ code: 'lockout_active' });
    clock.advance(5 * HOUR_MS);
    await expect(create(core)).resolves.toBeDefined();
    await core.close();
  });

  test('the session a create returns is the one stored, column for column, started at once or pending', async () => {
    const { core, clock } = await setup();
    await core.profiles.update({ dailyLossLimit: '50.00' });
    const active = await create(core);
    expect(active).toEqual(rowToSession(await row(core, active.id)));
    expect(active).toMatchObject({ status: 'active', totalTrades: 0, realizedPnl: '0.00', rules: { dailyLossLimit: { amount: '50.00' } } });
    await core.sessions.stop(active.id);
    clock.advance(MINUTE_MS);
    const pending = await create(core, false);
    expect(pending).toEqual(rowToSession(await row(core, pending.id)));
    expect((await row(core, pending.id)).balanceApplied).toBe(0);
    await core.close();
  });

  test('with several lockouts running (a restored file, a profile whose lockout was lengthened), the latest one blocks a create', async () => {
    const { core, clock } = await setup();
    const now = clock.now();
    const stoppedAt = (minutesAgo: number, lockoutHours: number) =>
      core.storage.sqlite
        .prepare(
          `INSERT INTO TradingSession (userId, durationMinutes, lossLimitAmount, lossLimitPercentage, balanceAtCreation, status, startTime, plannedEndTime, endTime, terminationReason, lockoutUntil, createdAt, updatedAt)
           VALUES (1, 60, 100000000, 1000, 1000000000, 'stopped', ?, ?, ?, 'loss_limit', ?, ?, ?)`,
        )
        .run(now - minutesAgo * MINUTE_MS, now + 60 * MINUTE_MS, now, now + lockoutHours * HOUR_MS, now - minutesAgo * MINUTE_MS, now).lastInsertRowid;
    stoppedAt(30, 2);
    const latest = Number(stoppedAt(20, 5));
    stoppedAt(10, 3);
    const until = new Date(now + 5 * HOUR_MS).toISOString();
    await expect(create(core)).rejects.toMatchObject({ code: 'lockout_active', details: { until, sessionId: latest } });
    expect((await core.sessions.canCreate()).reasons).toEqual([expect.objectContaining({ code: 'lockout_active', until, sessionId: latest })]);
    clock.advance(5 * HOUR_MS);
    await expect(create(core)).resolves.toMatchObject({ status: 'active' });
    await core.close();
  });

  test('a create after the planned end passed unnoticed (no tick yet) first closes that session, then creates the new one', async () => {
    const { core, clock } = await setup();
    const a = await create(core);
    clock.advance(61 * MINUTE_MS);
    const b = await create(core);
    expect(b.status).toBe('active');
    expect(await row(core, a.id)).toMatchObject({ status: 'expired', terminationReason: 'time_limit', endTime: (await row(core, a.id)).plannedEndTime });
    await expect(create(core)).rejects.toMatchObject({ code: 'session_open', details: { sessionId: b.id } });
    await core.close();
  });

  test('the timer completes a session on time with endTime = planned end; a late tick expires it', async () => {
    const { core, clock } = await setup();
    const a = await create(core);
    clock.advance(60 * MINUTE_MS + 3000);
    await core.sessions.tick();
    expect(await row(core, a.id)).toMatchObject({ status: 'completed', terminationReason: 'time_limit', actualDurationMinutes: 60 });
    expect((await row(core, a.id)).endTime).toBe((await row(core, a.id)).plannedEndTime);
    const b = await create(core);
    clock.advance(60 * MINUTE_MS + 30_000);
    await core.sessions.tick();
    expect(await row(core, b.id)).toMatchObject({ status: 'expired', terminationReason: 'time_limit' });
    expect((await row(core, b.id)).endTime).toBe((await row(core, b.id)).plannedEndTime);
    await core.close();
  });

  test('a pending session never started expires 24 h after creation as not_started', async () => {
    const { core, clock } = await setup();
    const s = await create(core, false);
    clock.advance(24 * HOUR_MS - 1);
    await core.sessions.checkExpiredSessions();
    expect((await row(core, s.id)).status).toBe('pending');
    clock.advance(5 * HOUR_MS);
    await core.sessions.checkExpiredSessions();
    expect(await row(core, s.id)).toMatchObject({
      status: 'expired',
      terminationReason: 'not_started',
      endTime: Date.parse('2026-03-03T14:00:00Z'),
      actualDurationMinutes: null,
    });
    await core.close();
  });

  test('restart: a deadline that passed while the app was closed is expired at start with endTime = planned end', async () => {
    const clock = new ManualClock('2026-03-02T14:00:00Z');
    const dataDir = tempDir();
    let core = await openCore({ dataDir, clock });
    await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
    const s = await create(core, true, '10', 240);
    await core.trades.record([loss(clock, '-12.34')]);
    await core.close();
    clock.advance(9 * HOUR_MS);
    core = await openCore({ dataDir, clock });
    const r = await row(core, s.id);
    expect(r).toMatchObject({ status: 'expired', terminationReason: 'time_limit', endTime: Date.parse('2026-03-02T18:00:00Z'), actualDurationMinutes: 240 });
    expect(await events(core, s.id)).toEqual(['created', 'started', 'trade_recorded', 'expired', 'balance_applied']);
    expect((await core.profiles.current())?.balance).toBe('987.66');
    await core.close();
  });

  test.each([
    ['start an active session', 'active', 'start'],
    ['stop a pending session', 'pending', 'stop'],
    ['start a completed session', 'completed', 'start'],
    ['stop a completed session', 'completed', 'stop'],
    ['stop a stopped session', 'stopped', 'stop'],
    ['stop an expired session', 'expired', 'stop'],
    ['start an expired session', 'expired', 'start'],
  ] as const)('forbidden: %s, a typed error and nothing written', async (_name, state, action) => {
    const { core, clock } = await setup();
    const s = await create(core, state !== 'pending');
    if (state === 'completed') {
      clock.advance(60 * MINUTE_MS);
      await core.sessions.tick();
    }
    if (state === 'stopped') await core.sessions.stop(s.id);
    if (state === 'expired') {
      clock.advance(3 * HOUR_MS);
      await core.sessions.checkExpiredSessions();
    }
    const before = await counts(core);
    await expect(action === 'start' ? core.sessions.start(s.id) : core.sessions.stop(s.id)).rejects.toMatchObject({ code: 'invalid_transition' });
    expect(await counts(core)).toEqual(before);
    await core.close();
  });

  test('forbidden: create while one is open, with a too-low balance, or an unacknowledged risky limit; nothing written', async () => {
    const { core } = await setup();
    await create(core, false);
    const before = await counts(core);
    await expect(create(core)).rejects.toMatchObject({ code: 'session_open' });
    expect(await counts(core)).toEqual(before);
    await core.close();

    const low = await setup('99.99');
    await expect(create(low.core)).rejects.toMatchObject({ code: 'validation', fieldErrors: [{ field: 'balance', code: 'balance_too_low' }] });
    expect((await counts(low.core)).sessions).toBe(0);
    await low.core.close();

    const risky = await setup();
    await expect(
      risky.core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '30' }, acknowledgeRisk: false, start: true }),
    ).rejects.toMatchObject({ code: 'validation', field: 'acknowledgeRisk' });
    expect((await counts(risky.core)).sessions).toBe(0);
    await risky.core.close();
  });

  test('the database itself refuses reopening an ended session and editing or deleting events', async () => {
    const { core } = await setup();
    const s = await create(core);
    await core.sessions.stop(s.id);
    const db = core.storage.sqlite;
    expect(() => db.prepare("UPDATE TradingSession SET status = 'active', endTime = NULL WHERE id = ?").run(s.id)).toThrow(/final/);
    expect(() => db.prepare("UPDATE session_event SET type = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM session_event').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO TradingSession (userId, durationMinutes, lossLimitAmount, lossLimitPercentage, balanceAtCreation, status, createdAt, updatedAt) VALUES (1, 60, 1, 1, 1, 'pending', 0, 0)",
        )
        .run(),
    ).not.toThrow();
    expect(() =>
      db
        .prepare(
          "INSERT INTO TradingSession (userId, durationMinutes, lossLimitAmount, lossLimitPercentage, balanceAtCreation, status, createdAt, updatedAt) VALUES (1, 60, 1, 1, 1, 'pending', 0, 0)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    await core.close();
  });
});

describe('warnings, late trades and where a trade belongs', () => {
  test('loss warnings fire once each, even when the P&L recovers and falls again', async () => {
    const { core, clock } = await setup();
    const s = await create(core);
    const kinds: string[] = [];
    for (const pnl of ['-55', '30', '-30', '-30', '50', '-50', '-12']) {
      clock.advance(1000);
      kinds.push(...(await core.trades.record([loss(clock, pnl)])).warnings);
    }
    expect(kinds).toEqual(['loss_50', 'loss_75', 'loss_90']);
    expect((await row(core, s.id)).status).toBe('active');
    await core.close();
  });

  test('a late trade for an ended session updates its statistics and the balance, never its status', async () => {
    const { core, clock } = await setup();
    const s = await create(core);
    clock.advance(10 * MINUTE_MS);
    const closedAt = clock.now();
    clock.advance(5 * MINUTE_MS);
    await core.sessions.stop(s.id);
    await core.trades.record([{ ...loss(clock, '-500'), closedAt }]);
    expect(await row(core, s.id)).toMatchObject({ status: 'stopped', terminationReason: 'manual', totalTrades: 1, realizedPnl: -500_000_000 });
    expect((await events(core, s.id)).slice(-2)).toEqual(['late_trade', 'balance_applied']);
    expect((await core.profiles.current())?.balance).toBe('500.00');
    await core.close();
  });

  test('a trade at the start belongs to the session, one at the end to none; duplicates by external id count once', async () => {
    const { core, clock } = await setup();
    const s = await create(core);
    const start = clock.now();
    clock.advance(30 * MINUTE_MS);
    await core.sessions.stop(s.id);
    const end = clock.now();
    const result = await core.trades.record([
      { ...loss(clock, '1'), closedAt: start, externalId: 'a' },
      { ...loss(clock, '2'), closedAt: end, externalId: 'b' },
      { ...loss(clock, '3'), closedAt: start - 1 },
      { ...loss(clock, '1'), closedAt: start, externalId: 'a' },
      { ...loss(clock, '4'), closedAt: start + 1 },
      { ...loss(clock, '4'), closedAt: start + 1 },
    ]);
    expect(result.duplicates).toBe(1);
    expect(result.trades.map((t) => [t.realizedPnl / 1e6, t.sessionId])).toEqual([
      [3, null],
      [1, s.id],
      [4, s.id],
      [4, s.id],
      [2, null],
    ]);
    await core.close();
  });

  test('the balance is not touched when the setting is off', async () => {
    const { core, clock } = await setup();
    await core.profiles.update({ applyPnlToBalance: false });
    const s = await create(core);
    await core.trades.record([loss(clock, '-40')]);
    await core.sessions.stop(s.id);
    expect((await core.profiles.current())?.balance).toBe('1000.00');
    expect(await events(core, s.id)).not.toContain('balance_applied');
    await core.close();
  });
});

test('defect 13: a small amount limit that validates also saves (balance 250,000.00)', async () => {
  const { core } = await setup('250000.00');
  const validation = await core.sessions.validate({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '10.00' } });
  expect(validation.valid).toBe(false);
  await expect(
    core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '10.00' }, acknowledgeRisk: false, start: false }),
  ).rejects.toMatchObject({ code: 'validation' });
  const ok = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '12.50' }, acknowledgeRisk: false, start: false });
  expect(ok).toMatchObject({ lossLimitAmount: '12.50', lossLimitPercentage: '0.01' });
  await core.close();
});
