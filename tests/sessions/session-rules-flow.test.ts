import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import type { SessionRulesInput } from '../../src-main/contract/views.ts';
import { trayState, trayTooltip } from '../../src-main/desktop/tray.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { NO_RULES_INPUT } from '../../src-main/sessions/session-rules.ts';
import { MINUTE_MS } from '../../src-main/time/clock.ts';
import type { TradeInput } from '../../src-main/trades/recording-plan.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

async function setup(start = '2026-03-02T14:00:00Z', timeZone = 'UTC') {
  const clock = new ManualClock(start);
  const core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '10000.00', timeZone });
  const events: AppEvent[] = [];
  core.bus.subscribe((e) => events.push(e));
  return { core, clock, events };
}

const rules = (overrides: Partial<SessionRulesInput>): SessionRulesInput => ({ ...NO_RULES_INPUT, ...overrides });
const begin = (core: Core, extra: Partial<SessionRulesInput> = {}, limit = '1000.00', durationMinutes = 240) =>
  core.sessions.create({ durationMinutes, lossLimit: { kind: 'amount', amount: limit }, rules: rules(extra), acknowledgeRisk: true, start: true });
const trade = (core: Core, pnl: string, source: TradeInput['source'] = 'manual', closedAt?: number) =>
  core.trades.record([{ source, fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: closedAt ?? core.clock.now() }]);
const row = (core: Core, id: number) => core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventTypes = async (core: Core, id: number) =>
  (await core.storage.read.selectFrom('session_event').select('type').where('sessionId', '=', id).orderBy('id').execute()).map((e) => e.type);

describe('a session carrying rules', () => {
  test('trailing drawdown stops at the floor with its own reason, message, lockout and history filter', async () => {
    const { core, clock, events } = await setup();
    const session = await begin(core, { trailingDrawdown: { amount: '250.00' }, tradeCap: { trades: 5 } });
    expect(session.rules).toMatchObject({ trailingDrawdown: { amount: '250.00' }, tradeCap: { trades: 5 } });
    clock.advance(MINUTE_MS);
    await trade(core, '300.00');
    const active = (await core.sessions.getActiveData())!;
    expect(active.roomLeft.map((r) => [r.rule, r.left, r.floor])).toEqual([
      ['trade_cap', '4', null],
      ['loss_limit', '1000.00', '-1000.00'],
      ['trailing_drawdown', '250.00', '50.00'],
    ]);
    clock.advance(MINUTE_MS);
    const stop = await trade(core, '-250.00');
    expect(stop.breached).toBe(true);
    const ended = await row(core, session.id);
    expect(ended).toMatchObject({ status: 'stopped', terminationReason: 'trailing_drawdown', lockoutUntil: ended.plannedEndTime });
    const breach = events.find((e) => e.type === 'breach');
    expect(breach).toMatchObject({ type: 'breach', reason: 'trailing_drawdown' });
    expect(breach?.type === 'breach' && breach.message).toMatch(/fell to the trailing floor of \$50\.00/);
    expect((await core.history.page({ reasons: ['trailing_drawdown'] })).total).toBe(1);
    expect((await core.history.overview({})).byOutcome.find((o) => o.outcome === 'stopped_other_rule')?.count).toBe(1);
    expect((await core.sessions.canCreate()).reasons[0]).toMatchObject({ code: 'lockout_active', message: expect.stringMatching(/trailing drawdown stopped/) });
    await core.close();
  });

  test('the trade cap closes the session on the N-th trade, and a voided trade never reopens it', async () => {
    const { core } = await setup();
    const session = await begin(core, { tradeCap: { trades: 2 } });
    await trade(core, '10.00');
    const second = await trade(core, '-5.00');
    expect(second.breached).toBe(true);
    expect((await row(core, session.id)).terminationReason).toBe('trade_cap');
    await core.trades.voidTrade(second.trades[0]!.id, 'entered twice');
    expect(await row(core, session.id)).toMatchObject({ status: 'stopped', terminationReason: 'trade_cap', totalTrades: 1 });
    await core.close();
  });

  test('a losing streak starts a cooldown: the screen says so first, trades in it are flagged, and the alert is raised each time', async () => {
    const { core, clock, events } = await setup();
    await begin(core, { losingStreak: { losses: 2, cooldownMinutes: 10, stop: false } });
    await trade(core, '-10.00');
    clock.advance(MINUTE_MS);
    await trade(core, '-10.00');
    const warning = events.find((e) => e.type === 'warning' && e.kind === 'cooldown');
    expect(warning?.type === 'warning' && warning.message).toMatch(/2 losing trades in a row: cooling down until 14:11/);
    const cooling = (await core.sessions.getActiveData())!;
    expect(cooling.cooldownUntil).toBe('2026-03-02T14:11:00.000Z');
    expect(cooling.roomLeft[0]).toMatchObject({ rule: 'cooldown', left: '10', until: '2026-03-02T14:11:00.000Z' });
    expect(cooling.session.roomLeft[0]).toMatchObject({ rule: 'cooldown', until: '2026-03-02T14:11:00.000Z' });
    expect(trayState(cooling, false)).toBe('warning');
    expect(trayTooltip(cooling, 'USD').split('\n')).toEqual([
      'Sessionguard: 3 h 59 min left',
      'P&L -$20.00',
      'Cooling down: 10 min left',
      '2.00 % of the loss limit used, $980.00 left',
      '2 more losses in a row reach the losing-streak rule',
    ]);
    clock.advance(5 * MINUTE_MS);
    const during = await trade(core, '5.00');
    expect(during.trades[0]!.inCooldown).toBe(1);
    clock.advance(5 * MINUTE_MS);
    const after = await trade(core, '5.00');
    expect(after.trades[0]!.inCooldown).toBe(0);
    expect((await core.sessions.getActiveData())!.cooldownUntil).toBeNull();
    await core.close();
  });

  test('a losing streak with stop ends the session after K losses in a row', async () => {
    const { core } = await setup();
    const session = await begin(core, { losingStreak: { losses: 3, cooldownMinutes: 0, stop: true } });
    for (const pnl of ['-1.00', '-1.00', '2.00', '-1.00', '-1.00']) await trade(core, pnl);
    expect((await row(core, session.id)).status).toBe('active');
    await trade(core, '-1.00');
    expect((await row(core, session.id)).terminationReason).toBe('losing_streak');
    await core.close();
  });

  test('the profit target takes the win; a largest-loss warning comes each time a trade loses more than allowed', async () => {
    const { core, events } = await setup();
    const session = await begin(core, { profitTarget: { amount: '200.00', lockGivebackPercent: null }, largestLoss: { amount: '50.00' } });
    await trade(core, '-50.00');
    await trade(core, '-50.01');
    await trade(core, '-60.00');
    expect(events.filter((e) => e.type === 'warning' && e.kind === 'large_loss')).toHaveLength(2);
    await trade(core, '360.01');
    expect(await row(core, session.id)).toMatchObject({ status: 'stopped', terminationReason: 'profit_target' });
    await core.close();
  });
});

describe('the daily loss limit across sessions', () => {
  test('with a 17:00 America/Chicago day, the second session of the day stops at the day’s limit and new sessions wait for 17:00, across the DST change; that lockout can’t be shortened', async () => {
    // 2026-03-08 is the US spring-forward day: that trading day runs 23:00Z on the 7th to 22:00Z on the 8th.
    const { core, clock, events } = await setup('2026-03-08T15:00:00Z', 'America/New_York');
    await core.profiles.update({ dailyLossLimit: '500.00', dayBoundary: '17:00', dayBoundaryZone: 'America/Chicago', lockoutMinutes: 0 });
    const first = await begin(core);
    expect(first.rules.dailyLossLimit).toEqual({ amount: '500.00', boundary: '17:00', timeZone: 'America/Chicago' });
    await core.sessions.stop(first.id);
    const second = await begin(core);
    await trade(core, '-300.00');
    expect((await core.sessions.getActiveData())!.roomLeft.find((r) => r.rule === 'daily_loss_limit')).toMatchObject({
      left: '200.00',
      usedPercentage: '60.00',
    });
    await core.sessions.stop(second.id);
    const third = await begin(core);
    clock.advance(MINUTE_MS);
    const stop = await trade(core, '-200.00');
    expect(stop.breached).toBe(true);
    const ended = await row(core, third.id);
    expect(ended.terminationReason).toBe('daily_loss_limit');
    expect(new Date(ended.lockoutUntil!).toISOString()).toBe('2026-03-08T22:00:00.000Z');
    expect(events.find((e) => e.type === 'breach')?.type).toBe('breach');
    await expect(core.sessions.requestEarlyEnd(third.id, 'shorten_lockout')).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringMatching(/next trading day/),
    });
    clock.set('2026-03-08T21:59:59Z');
    await expect(begin(core)).rejects.toMatchObject({ code: 'lockout_active' });
    clock.set('2026-03-08T22:00:00Z');
    expect((await core.sessions.canCreate()).allowed).toBe(true);
    await core.close();
  });

  test('a day lost by trades outside any session locks new sessions until the next day, and the limit can only be lowered meanwhile', async () => {
    const { core, clock } = await setup('2026-03-02T14:00:00Z');
    await core.profiles.update({ dailyLossLimit: '300.00' });
    await trade(core, '-300.00', 'import', clock.now() - 60_000);
    const report = await core.sessions.canCreate();
    expect(report.reasons).toEqual([expect.objectContaining({ code: 'daily_limit_reached', until: '2026-03-03T00:00:00.000Z' })]);
    await expect(begin(core)).rejects.toMatchObject({ code: 'daily_limit_reached' });
    await expect(core.profiles.update({ dailyLossLimit: '400.00' })).rejects.toMatchObject({ code: 'daily_limit_reached', field: 'dailyLossLimit' });
    await expect(core.profiles.update({ dailyLossLimit: null })).rejects.toMatchObject({ code: 'daily_limit_reached' });
    expect((await core.profiles.update({ dailyLossLimit: '250.00' })).dailyLossLimit).toBe('250.00');
    clock.set('2026-03-03T00:00:00Z');
    expect((await core.sessions.canCreate()).allowed).toBe(true);
    await core.close();
  });
  test('trades outside the running session that bring the day to its limit stop it in the same transaction, as its own trade would', async () => {
    // 2026-03-02 14:00Z is 08:00 in Chicago: the trading day runs 2026-03-01 23:00Z to 2026-03-02 23:00Z.
    const { core, clock, events } = await setup('2026-03-02T14:00:00Z', 'America/New_York');
    await core.profiles.update({ dailyLossLimit: '400.00', dayBoundary: '17:00', dayBoundaryZone: 'America/Chicago', lockoutMinutes: 0 });
    const session = await core.sessions.create({
      durationMinutes: 60,
      lossLimit: { kind: 'percentage', percentage: '10' },
      acknowledgeRisk: true,
      start: true,
    });
    const started = (await row(core, session.id)).startTime!;
    clock.advance(MINUTE_MS);
    const own = await trade(core, '0.00');
    clock.advance(MINUTE_MS);
    const before = started - MINUTE_MS;
    const batch = await core.trades.record([
      { source: 'import', externalId: 'a', fees: new Decimal(0), realizedPnl: new Decimal('-48.83'), closedAt: before },
      { source: 'import', externalId: 'b', fees: new Decimal(0), realizedPnl: new Decimal('-351.17'), closedAt: before },
    ]);
    expect(batch.trades.map((t) => t.sessionId)).toEqual([null, null]);
    expect(batch.breached).toBe(true);
    expect(batch.warnings).toEqual(['daily_50', 'daily_75', 'daily_90']);
    const ended = await row(core, session.id);
    expect(ended).toMatchObject({ status: 'stopped', terminationReason: 'daily_loss_limit', endTime: clock.now(), totalTrades: 1 });
    expect(new Date(ended.lockoutUntil!).toISOString()).toBe('2026-03-02T23:00:00.000Z');
    expect(await eventTypes(core, session.id)).toEqual([
      'created',
      'started',
      'trade_recorded',
      'warning_raised',
      'warning_raised',
      'warning_raised',
      'limit_breached',
      'stopped',
    ]);
    const breach = await core.storage.read
      .selectFrom('session_event')
      .select('payload')
      .where('sessionId', '=', session.id)
      .where('type', '=', 'limit_breached')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(breach.payload)).toMatchObject({
      reason: 'daily_loss_limit',
      tradeId: own.trades[0]!.id,
      outsideTradeIds: batch.trades.map((t) => t.id),
    });
    expect(events.find((e) => e.type === 'breach')).toMatchObject({
      reason: 'daily_loss_limit',
      message: expect.stringMatching(/-\$400\.00 reached the daily loss limit of \$400\.00/),
    });
    await expect(
      core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: true, start: true }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(lockout_active|daily_limit_reached)$/) });
    clock.set('2026-03-02T23:00:00Z');
    expect((await core.sessions.canCreate()).allowed).toBe(true);
    await core.close();
  });
  test('late trades into an ended session of the day warn the running session, then stop it at the limit, without a trade of its own', async () => {
    const { core, clock, events } = await setup('2026-03-02T14:00:00Z', 'America/New_York');
    await core.profiles.update({ dailyLossLimit: '400.00', dayBoundary: '17:00', dayBoundaryZone: 'America/Chicago', lockoutMinutes: 0 });
    const first = await begin(core);
    clock.advance(10 * MINUTE_MS);
    await core.sessions.stop(first.id);
    const during = clock.now() - 5 * MINUTE_MS;
    clock.advance(MINUTE_MS);
    const running = await begin(core);
    clock.advance(MINUTE_MS);
    const late = (id: string, pnl: string) =>
      core.trades.record([{ source: 'import', externalId: id, fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: during }]);
    const warned = await late('w', '-210.00');
    expect(warned.trades[0]!.sessionId).toBe(first.id);
    expect(warned).toMatchObject({ breached: false, warnings: ['daily_50'] });
    expect(events.filter((e) => e.type === 'warning')).toEqual([
      expect.objectContaining({ kind: 'daily_50', session: expect.objectContaining({ id: running.id }) }),
    ]);
    expect(await row(core, running.id)).toMatchObject({ status: 'active', totalTrades: 0 });
    const stop = await late('s', '-190.00');
    expect(stop).toMatchObject({ breached: true, warnings: ['daily_75', 'daily_90'] });
    const ended = await row(core, running.id);
    expect(ended).toMatchObject({ status: 'stopped', terminationReason: 'daily_loss_limit', totalTrades: 0 });
    expect(new Date(ended.lockoutUntil!).toISOString()).toBe('2026-03-02T23:00:00.000Z');
    const breach = await core.storage.read
      .selectFrom('session_event')
      .select('payload')
      .where('sessionId', '=', running.id)
      .where('type', '=', 'limit_breached')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(breach.payload)).toMatchObject({ tradeId: null, outsideTradeIds: [stop.trades[0]!.id] });
    await expect(begin(core)).rejects.toMatchObject({ code: expect.stringMatching(/^(lockout_active|daily_limit_reached)$/) });
    await core.close();
  });
});

describe('ending early has the price chosen in advance', () => {
  test('request, wait out the cool-off, confirm; too early is refused; every step is an event', async () => {
    const { core, clock } = await setup();
    const session = await begin(core, { coolOffMinutes: 30 });
    await expect(core.sessions.stop(session.id)).rejects.toMatchObject({ code: 'cool_off_required' });
    const request = await core.sessions.requestEarlyEnd(session.id, 'stop');
    expect(request).toMatchObject({ confirmableAt: '2026-03-02T14:30:00.000Z', expiresAt: '2026-03-02T14:40:00.000Z', outcome: null });
    expect((await core.sessions.getActiveData())!.earlyEnd?.id).toBe(request.id);
    clock.advance(29 * MINUTE_MS);
    await expect(core.sessions.confirmEarlyEnd(request.id)).rejects.toMatchObject({ code: 'cool_off_running' });
    clock.advance(MINUTE_MS);
    expect((await core.sessions.confirmEarlyEnd(request.id)).outcome).toBe('confirmed');
    expect(await row(core, session.id)).toMatchObject({ status: 'stopped', terminationReason: 'manual', lockoutUntil: null });
    expect(await eventTypes(core, session.id)).toEqual(expect.arrayContaining(['early_end_requested', 'early_end_confirmed', 'stopped']));
    await core.close();
  });

  test('a request not confirmed in time lapses; cancelling keeps the commitment; a session ending otherwise makes it moot', async () => {
    const { core, clock } = await setup();
    const session = await begin(core, { coolOffMinutes: 5 }, '100.00');
    const first = await core.sessions.requestEarlyEnd(session.id, 'stop');
    clock.advance(16 * MINUTE_MS);
    await core.sessions.tick();
    expect((await core.storage.read.selectFrom('early_end_request').select('outcome').where('id', '=', first.id).executeTakeFirstOrThrow()).outcome).toBe(
      'lapsed',
    );
    const second = await core.sessions.requestEarlyEnd(session.id, 'stop');
    expect((await core.sessions.cancelEarlyEnd(second.id)).outcome).toBe('cancelled');
    const third = await core.sessions.requestEarlyEnd(session.id, 'stop');
    await trade(core, '-100.00');
    expect((await core.storage.read.selectFrom('early_end_request').select('outcome').where('id', '=', third.id).executeTakeFirstOrThrow()).outcome).toBe(
      'moot',
    );
    expect(await eventTypes(core, session.id)).toEqual(expect.arrayContaining(['early_end_lapsed', 'early_end_cancelled', 'early_end_moot']));
    await core.close();
  });

  test('a running lockout is never lifted at once: shortening it waits out the cool-off', async () => {
    const { core, clock } = await setup();
    const session = await begin(core, { coolOffMinutes: 20 }, '100.00');
    await trade(core, '-100.00');
    const lockoutUntil = (await row(core, session.id)).lockoutUntil!;
    const request = await core.sessions.requestEarlyEnd(session.id, 'shorten_lockout');
    await expect(core.sessions.confirmEarlyEnd(request.id)).rejects.toMatchObject({ code: 'cool_off_running' });
    expect((await core.sessions.canCreate()).allowed).toBe(false);
    clock.advance(20 * MINUTE_MS);
    await core.sessions.confirmEarlyEnd(request.id);
    expect((await row(core, session.id)).lockoutUntil).toBe(clock.now());
    expect(clock.now()).toBeLessThan(lockoutUntil);
    expect((await core.sessions.canCreate()).allowed).toBe(true);
    expect(await eventTypes(core, session.id)).toContain('lockout_shortened');
    await core.close();
  });

  test('a session set up without a cool-off keeps its whole lockout', async () => {
    const { core } = await setup();
    const session = await begin(core, {}, '100.00');
    await trade(core, '-100.00');
    await expect(core.sessions.requestEarlyEnd(session.id, 'shorten_lockout')).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringMatching(/without a cool-off/),
    });
    expect((await core.sessions.canCreate()).allowed).toBe(false);
    await core.close();
  });
});
