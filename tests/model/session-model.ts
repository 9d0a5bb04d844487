import fc from 'fast-check';
import { expect } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { RULE_REASONS, type SessionRulesInput } from '../../src-main/contract/views.ts';
import { AppError } from '../../src-main/errors/app-error.ts';
import { Decimal, fromMicros } from '../../src-main/money/money.ts';
import { ON_TIME_MS } from '../../src-main/schedules/schedule-service.ts';
import { readStoredRules, type StoredRules } from '../../src-main/sessions/stored-rules.ts';
import type { SessionRow } from '../../src-main/storage/tables.ts';
import { HOUR_MS, MINUTE_MS } from '../../src-main/time/clock.ts';
import { tradingDayAt } from '../../src-main/time/trading-day.ts';
import type { ManualClock } from '../support/manual-clock.ts';

/** What the test remembers of the real system, to check what must never change. */
export interface Model {
  ended: Map<number, { status: string; endTime: number; reason: string }>;
  /** The first lockout end seen for each stopped session: what the trader committed to. */
  lockouts: Map<number, number>;
}

/** The profile's day boundary and daily loss limit for a run, and where its clock starts (near a DST change). */
export interface ModelProfile {
  start: string;
  dailyLossLimit: string | null;
  dayBoundary: string;
  dayBoundaryZone: string;
}

/** Starts a few days before a DST change of the boundary's zone, so day boundaries cross it. */
export const modelProfiles: fc.Arbitrary<ModelProfile> = fc.record({
  start: fc.constantFrom('2026-03-06T20:00:00Z', '2026-10-30T20:00:00Z', '2026-03-27T20:00:00Z', '2026-03-02T14:00:00Z'),
  dailyLossLimit: fc.constantFrom(null, '400.00', '900.00'),
  dayBoundary: fc.constantFrom('17:00', '00:00'),
  dayBoundaryZone: fc.constantFrom('America/Chicago', 'Europe/Prague'),
});

export interface Real {
  core: Core;
  clock: ManualClock;
  dataDir: string;
}

type Command = fc.AsyncCommand<Model, Real>;

/** Refusals the rules allow; anything else thrown is a bug. */
const ALLOWED = new Set([
  'session_open',
  'lockout_active',
  'daily_limit_reached',
  'cool_off_required',
  'cool_off_running',
  'validation',
  'invalid_transition',
  'not_found',
  'balance_too_low',
]);

async function allowRefusal(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof AppError) || !ALLOWED.has(error.code)) throw error;
  }
}

async function openSessionId(core: Core): Promise<number | null> {
  return (await core.sessions.getActiveData())?.session.id ?? null;
}

const durations = fc.constantFrom(60, 240, 1440, 10080);
const pnl = fc.integer({ min: -40000, max: 25000 }).map((cents) => new Decimal(cents).dividedBy(100));

const simple = (name: string, run: (real: Real) => Promise<void>): Command => ({
  check: () => true,
  run: async (model, real) => {
    await run(real);
    await checkInvariants(model, real);
  },
  toString: () => name,
});

const createAndStart = fc
  .record({ duration: durations, preset: fc.constantFrom('10', '20', '30') })
  .map(({ duration, preset }) =>
    simple(`create ${duration}m ${preset}% and start`, (r) =>
      allowRefusal(
        r.core.sessions.create({ durationMinutes: duration, lossLimit: { kind: 'percentage', percentage: preset }, acknowledgeRisk: true, start: true }),
      ),
    ),
  );
/** Rules beyond the loss limit, each on or off, with amounts around what the trades move. */
const sessionRules: fc.Arbitrary<SessionRulesInput> = fc.record({
  trailingDrawdown: fc.option(
    fc.constantFrom('150.00', '300.00').map((amount) => ({ amount })),
    { nil: null },
  ),
  profitTarget: fc.option(fc.record({ amount: fc.constantFrom('200.00', '400.00'), lockGivebackPercent: fc.constantFrom(null, 30, 50) }), { nil: null }),
  tradeCap: fc.option(
    fc.integer({ min: 1, max: 6 }).map((trades) => ({ trades })),
    { nil: null },
  ),
  losingStreak: fc.option(fc.record({ losses: fc.integer({ min: 1, max: 3 }), cooldownMinutes: fc.constantFrom(5, 30), stop: fc.boolean() }), { nil: null }),
  largestLoss: fc.option(
    fc.constantFrom('100.00', '250.00').map((amount) => ({ amount })),
    { nil: null },
  ),
  coolOffMinutes: fc.constantFrom(0, 0, 10, 30),
});

const createWithRules = fc
  .record({ duration: durations, preset: fc.constantFrom('10', '20'), rules: sessionRules })
  .map(({ duration, preset, rules }) =>
    simple(`create ${duration}m ${preset}% with rules ${JSON.stringify(rules)} and start`, (r) =>
      allowRefusal(
        r.core.sessions.create({ durationMinutes: duration, lossLimit: { kind: 'percentage', percentage: preset }, rules, acknowledgeRisk: true, start: true }),
      ),
    ),
  );

const fromTemplate = fc.record({ rules: sessionRules, start: fc.boolean() }).map(({ rules, start }) =>
  simple(`template ${JSON.stringify(rules)}, then setup from it${start ? ' and start' : ''}`, async (r) => {
    const templates = await r.core.templates.save('Model', { durationMinutes: 240, lossLimit: { kind: 'percentage', percentage: '10' }, rules });
    await allowRefusal(r.core.sessions.create({ ...templates[0]!.config, acknowledgeRisk: true, start }));
  }),
);

/** A weekday schedule starting a few minutes from now in its zone, from a template. */
const schedule = fc
  .record({ inMinutes: fc.integer({ min: 1, max: 20 }), length: fc.constantFrom(30, 90), autoStart: fc.boolean(), rules: sessionRules })
  .map(({ inMinutes, length, autoStart, rules }) =>
    simple(`schedule in ${inMinutes} min for ${length} min${autoStart ? ', auto-start' : ''}`, async (r) => {
      const [template] = await r.core.templates.save('Planned', { durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, rules });
      const clock = (at: number) =>
        new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
      const at = r.clock.now() + inMinutes * MINUTE_MS;
      await r.core.schedules.save({
        templateId: template!.id,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        start: clock(at),
        end: clock(at + length * MINUTE_MS),
        timeZone: 'America/New_York',
        autoStart,
        enabled: true,
      });
    }),
  );

const requestEarly = fc.constantFrom('stop' as const, 'shorten_lockout' as const).map((kind) =>
  simple(`ask to ${kind === 'stop' ? 'end early' : 'shorten the lockout'}`, async (r) => {
    const id = kind === 'stop' ? await openSessionId(r.core) : await lockingSessionId(r);
    if (id !== null) await allowRefusal(r.core.sessions.requestEarlyEnd(id, kind));
  }),
);

const confirmEarly = fc.constant(
  simple('confirm the open early-end request', async (r) => {
    const open = await r.core.storage.read.selectFrom('early_end_request').select('id').where('outcome', 'is', null).orderBy('id', 'desc').executeTakeFirst();
    if (open) await allowRefusal(r.core.sessions.confirmEarlyEnd(open.id));
  }),
);

const crossDayBoundary = fc.constant(
  simple('run the timer past the next day boundary', async (r) => {
    const profile = (await r.core.profiles.current())!;
    const [hours, minutes] = profile.dayBoundary.split(':').map(Number);
    const end = tradingDayAt(r.clock.now(), { minutes: hours! * 60 + minutes!, timeZone: profile.dayBoundaryZone ?? profile.timeZone }).end;
    r.clock.set(end + 1000);
    await tick(r);
  }),
);

async function lockingSessionId(r: Real): Promise<number | null> {
  const row = await r.core.storage.read
    .selectFrom('TradingSession')
    .select('id')
    .where('lockoutUntil', '>', r.clock.now())
    .orderBy('lockoutUntil', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The timer's beat as the runtime runs it: sessions, then schedules. */
async function tick(r: Real): Promise<void> {
  await r.core.sessions.tick();
  await r.core.schedules.tick();
}

const liveTrade = fc.tuple(pnl, fc.constantFrom('manual', 'feed', 'import') as fc.Arbitrary<'manual' | 'feed' | 'import'>).map(([amount, source]) =>
  simple(`trade ${amount.toString()} via ${source}`, async (r) => {
    await allowRefusal(r.core.trades.record([{ source, fees: new Decimal(0), realizedPnl: amount, closedAt: r.clock.now() }]));
  }),
);

/** Weighted towards starting sessions and trading in them, so limits are reached often. */
export const commands = [
  createAndStart,
  createWithRules,
  createWithRules,
  fromTemplate,
  schedule,
  requestEarly,
  confirmEarly,
  crossDayBoundary,
  liveTrade,
  liveTrade,
  liveTrade,
  liveTrade,
  fc
    .record({ duration: durations, preset: fc.constantFrom('10', '20', '30'), start: fc.boolean() })
    .map(({ duration, preset, start }) =>
      simple(`create ${duration}m ${preset}% ${start ? 'and start' : ''}`, (r) =>
        allowRefusal(
          r.core.sessions.create({ durationMinutes: duration, lossLimit: { kind: 'percentage', percentage: preset }, acknowledgeRisk: true, start }),
        ),
      ),
    ),
  fc.constant(
    simple('start', async (r) => {
      const id = await openSessionId(r.core);
      if (id !== null) await allowRefusal(r.core.sessions.start(id));
    }),
  ),
  fc.constant(
    simple('stop', async (r) => {
      const id = await openSessionId(r.core);
      if (id !== null) await allowRefusal(r.core.sessions.stop(id));
    }),
  ),
  fc.tuple(pnl, fc.integer({ min: 1, max: 600 })).map(([amount, minutesBack]) =>
    simple(`late trade ${amount.toString()} ${minutesBack} min ago`, async (r) => {
      await allowRefusal(
        r.core.trades.record([{ source: 'import', fees: new Decimal(0), realizedPnl: amount, closedAt: r.clock.now() - minutesBack * MINUTE_MS }]),
      );
    }),
  ),
  fc.integer({ min: 1, max: 180 }).map((seconds) =>
    simple(`tick after ${seconds}s`, async (r) => {
      r.clock.advance(seconds * 1000);
      await tick(r);
    }),
  ),
  fc.integer({ min: 1, max: 120 }).map((minutes) =>
    simple(`run ${minutes} min with the timer`, async (r) => {
      for (let i = 0; i < minutes; i += 1) {
        r.clock.advance(MINUTE_MS);
        await tick(r);
      }
    }),
  ),
  fc.constantFrom(HOUR_MS, -HOUR_MS, 24 * HOUR_MS, -24 * HOUR_MS).map((jump) =>
    simple(`clock jump ${jump / HOUR_MS} h`, async (r) => {
      r.clock.advance(jump);
      await tick(r);
    }),
  ),
  fc.integer({ min: 1, max: 8 * 60 }).map((minutes) =>
    simple(`sleep ${minutes} min then resume`, async (r) => {
      r.clock.advance(minutes * MINUTE_MS);
      await r.core.sessions.checkExpiredSessions();
    }),
  ),
  fc.integer({ min: 0, max: 30 * 60 }).map((minutes) =>
    simple(`restart after ${minutes} min`, async (r) => {
      await r.core.close();
      r.clock.advance(minutes * MINUTE_MS);
      r.core = await openCore({ dataDir: r.dataDir, clock: r.clock });
    }),
  ),
];

/** The rules that must hold after every step, whatever happened before. */
export async function checkInvariants(model: Model, real: Real): Promise<void> {
  const db = real.core.storage.read;
  const sessions = await db.selectFrom('TradingSession').selectAll().orderBy('id').execute();
  expect(sessions.filter((s) => s.status === 'pending' || s.status === 'active').length).toBeLessThanOrEqual(1);

  for (const s of sessions) {
    const trades = await db.selectFrom('trade').select(['realizedPnl', 'closedAt']).where('sessionId', '=', s.id).orderBy('closedAt').orderBy('id').execute();
    let running = new Decimal(0);
    let lowest = new Decimal(0);
    for (const t of trades) {
      running = running.plus(fromMicros(t.realizedPnl));
      lowest = Decimal.min(lowest, running);
    }
    expect(fromMicros(s.realizedPnl).equals(running), `session ${s.id} P&L equals its trades`).toBe(true);
    expect(s.totalTrades).toBe(trades.length);

    const events = await db.selectFrom('session_event').select(['type', 'onceKey']).where('sessionId', '=', s.id).execute();
    const breaches = events.filter((e) => e.type === 'limit_breached').length;
    const ends = events.filter((e) => ['stopped', 'completed', 'expired'].includes(e.type)).length;
    const keys = events.map((e) => e.onceKey).filter((k) => k !== null);
    expect(new Set(keys).size, 'each warning at most once').toBe(keys.length);
    expect(ends, `session ${s.id} ended at most once`).toBe(s.endTime === null ? 0 : 1);
    expect(breaches).toBeLessThanOrEqual(1);
    const byRule = (RULE_REASONS as readonly string[]).includes(s.terminationReason ?? '');
    if (byRule) expect(breaches).toBe(1);
    else expect(breaches).toBe(0);

    if (s.status === 'active') expect(lowest.greaterThan(fromMicros(s.lossLimitAmount).negated()), `active session ${s.id} is within its limit`).toBe(true);
    await checkFirstRuleReached(real, s, byRule);
    await checkEarlyEnd(real, s);
    if (s.status === 'completed' || (s.status === 'expired' && s.terminationReason === 'time_limit')) {
      expect(s.endTime).toBe(s.plannedEndTime);
      expect(s.terminationReason).toBe('time_limit');
    }
    if (s.terminationReason === 'not_started') expect(s.endTime).toBe(s.createdAt + 24 * HOUR_MS);
    if (s.status === 'stopped') expect(['manual', ...RULE_REASONS]).toContain(s.terminationReason);

    const known = model.ended.get(s.id);
    if (known) expect({ status: s.status, endTime: s.endTime, reason: s.terminationReason }, `session ${s.id} never reopens`).toEqual(known);
    else if (s.endTime !== null) model.ended.set(s.id, { status: s.status, endTime: s.endTime, reason: s.terminationReason! });
  }

  const stops = sessions.filter((s) => s.lockoutUntil !== null);
  for (const stop of stops) await checkLockoutHeld(real, model, stop);
  for (const later of sessions) {
    for (const stop of stops) {
      if (later.id > stop.id) expect(later.createdAt >= stop.lockoutUntil!, `session ${later.id} was created after the lockout of ${stop.id} ended`).toBe(true);
    }
  }
  await checkSchedules(real);
}

/**
 * A session ended by a rule ended with the reason of the first rule reached: a reference
 * reading of the rules (written here, apart from the ledger), over the trades known when it
 * stopped (ids up to the stopping trade) and the day's other P&L as it stood at each trade, stops at
 * that trade with that reason. Trades outside it (outside any session, or late trades of an
 * ended one) that bring the day of the stop to the daily limit stop it too: then the breach
 * names them (`outsideTradeIds`) and points at the session's last trade (`tradeId`, null when
 * it has none). An active session has reached no rule by its own trades (its daily limit is
 * read on the day of the clock, which a jump back can move onto a day already lost).
 */
async function checkFirstRuleReached(real: Real, s: SessionRow, byRule: boolean): Promise<void> {
  if (!byRule && s.status !== 'active') return;
  const db = real.core.storage.read;
  let stopTradeId: number | null = 0;
  let knownUpTo = Number.MAX_SAFE_INTEGER;
  let outside = false;
  let stoppedAt = 0;
  if (byRule) {
    const breach = await db
      .selectFrom('session_event')
      .select(['id', 'at', 'payload'])
      .where('sessionId', '=', s.id)
      .where('type', '=', 'limit_breached')
      .executeTakeFirstOrThrow();
    const payload = JSON.parse(breach.payload) as { tradeId: number | null; outsideTradeIds?: number[] };
    stopTradeId = payload.tradeId;
    stoppedAt = breach.at;
    if (payload.outsideTradeIds) {
      outside = true;
      knownUpTo = Math.max(...payload.outsideTradeIds, stopTradeId ?? 0);
    } else {
      // The batch that stopped it is the last one recorded before the stop; trade ids rise in recording order.
      const batch = await db
        .selectFrom('session_event')
        .select('payload')
        .where('sessionId', '=', s.id)
        .where('type', '=', 'trade_recorded')
        .where('id', '<', breach.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      knownUpTo = Math.max(...(JSON.parse(batch.payload) as { tradeIds: number[] }).tradeIds);
    }
  }
  const known = await db
    .selectFrom('trade')
    .select(['id', 'sessionId', 'closedAt', 'realizedPnl'])
    .where('userId', '=', s.userId)
    .where('id', '<=', knownUpTo)
    .where('voidedAt', 'is', null)
    .execute();
  const trades = known.filter((t) => t.sessionId === s.id).sort((a, b) => a.closedAt - b.closedAt || a.id - b.id);
  const stored = readStoredRules(s);
  const daily = byRule ? stored.dailyLossLimit : null;
  // The rest of the day as it stood when the trade was recorded: trade ids rise in recording order.
  const others = (closedAt: number, id: number) => {
    const day = tradingDayAt(closedAt, { minutes: daily!.boundaryMinutes, timeZone: daily!.timeZone });
    return {
      start: day.start,
      others: known
        .filter((t) => t.sessionId !== s.id && t.id < id && t.closedAt >= day.start && t.closedAt < day.end)
        .reduce((sum, t) => sum + BigInt(t.realizedPnl), 0n),
    };
  };
  let stop = referenceStop({ ...stored, dailyLossLimit: daily }, BigInt(s.lossLimitAmount), trades, others);
  if (stop === null && outside && daily) {
    // The day of the clock when the trades came (the end time is never before the start, whatever the clock said).
    const day = tradingDayAt(stoppedAt, { minutes: daily.boundaryMinutes, timeZone: daily.timeZone });
    const total = known.filter((t) => t.closedAt >= day.start && t.closedAt < day.end).reduce((sum, t) => sum + BigInt(t.realizedPnl), 0n);
    if (total <= -BigInt(daily.amount)) stop = { id: trades.at(-1)?.id ?? null, reason: 'daily_loss_limit' };
  }
  if (byRule)
    expect(stop, `session ${s.id} ended at the first trade that reached a rule, with that rule's reason`).toEqual({
      id: stopTradeId,
      reason: s.terminationReason,
    });
  else expect(stop, `active session ${s.id} has reached no rule`).toBeNull();
}

/** The rules as the issue words them, one trade at a time; the first reached, in the session's order, ends it. */
function referenceStop(
  rules: StoredRules,
  lossLimit: bigint,
  trades: ReadonlyArray<{ id: number; closedAt: number; realizedPnl: number }>,
  dayOf: (closedAt: number, id: number) => { start: number; others: bigint },
): { id: number | null; reason: string } | null {
  let pnl = 0n;
  let peak = 0n;
  let streak = 0;
  let sinceCooldown = 0;
  let targetReached = false;
  let dayStart = Number.NaN;
  let dayOwn = 0n;
  for (const [index, trade] of trades.entries()) {
    const amount = BigInt(trade.realizedPnl);
    pnl += amount;
    if (pnl > peak) peak = pnl;
    streak = amount < 0n ? streak + 1 : 0;
    sinceCooldown = amount < 0n ? sinceCooldown + 1 : 0;
    const streakRule = rules.losingStreak;
    if (streakRule && !streakRule.stop && streakRule.cooldownMinutes > 0 && sinceCooldown >= streakRule.losses) sinceCooldown = 0;
    if (rules.profitTarget && pnl >= BigInt(rules.profitTarget.amount)) targetReached = true;
    let dayTotal = 0n;
    if (rules.dailyLossLimit) {
      const { start, others } = dayOf(trade.closedAt, trade.id);
      dayOwn = (start === dayStart ? dayOwn : 0n) + amount;
      dayStart = start;
      dayTotal = others + dayOwn;
    }
    const target = rules.profitTarget;
    const checks: Array<[string, boolean]> = [
      ['loss_limit', pnl <= -lossLimit],
      ['daily_loss_limit', rules.dailyLossLimit !== null && dayTotal <= -BigInt(rules.dailyLossLimit.amount)],
      ['trailing_drawdown', rules.trailingDrawdown !== null && pnl <= peak - BigInt(rules.trailingDrawdown.amount)],
      ['losing_streak', streakRule?.stop === true && streak >= streakRule.losses],
      ['trade_cap', rules.tradeCap !== null && index + 1 >= rules.tradeCap.trades],
      [
        'profit_target',
        target !== null &&
          (target.lockGivebackPercent === null ? pnl >= BigInt(target.amount) : targetReached && pnl * 100n <= peak * BigInt(100 - target.lockGivebackPercent)),
      ],
    ];
    const hit = checks.find(([, reached]) => reached);
    if (hit) return { id: trade.id, reason: hit[0] };
  }
  return null;
}

/** A session with a cool-off ended by hand only after a request waited it out. */
async function checkEarlyEnd(real: Real, s: SessionRow): Promise<void> {
  const coolOff = readStoredRules(s).coolOffMinutes;
  const requests = await real.core.storage.read.selectFrom('early_end_request').selectAll().where('sessionId', '=', s.id).execute();
  for (const request of requests) {
    expect(request.confirmableAt - request.requestedAt, `request ${request.id} waits the cool-off chosen at setup`).toBe(coolOff * MINUTE_MS);
    if (request.outcome === 'confirmed') expect(request.resolvedAt! >= request.confirmableAt && request.resolvedAt! < request.expiresAt).toBe(true);
  }
  if (s.terminationReason === 'manual' && coolOff > 0) {
    const confirmed = requests.find((request) => request.kind === 'stop' && request.outcome === 'confirmed');
    expect(confirmed, `session ${s.id} with a cool-off ended early only through a confirmed request`).toBeDefined();
    expect(confirmed!.resolvedAt).toBe(s.endTime);
  }
}

/** A lockout is never shorter than committed: it only ever ends earlier through a confirmed request that waited the cool-off. */
async function checkLockoutHeld(real: Real, model: Model, stop: SessionRow): Promise<void> {
  const committed = model.lockouts.get(stop.id);
  if (committed === undefined) {
    model.lockouts.set(stop.id, stop.lockoutUntil!);
    return;
  }
  if (stop.lockoutUntil! >= committed) {
    expect(stop.lockoutUntil, `the lockout of session ${stop.id} never moves`).toBe(committed);
    return;
  }
  const shortened = await real.core.storage.read
    .selectFrom('early_end_request')
    .selectAll()
    .where('sessionId', '=', stop.id)
    .where('kind', '=', 'shorten_lockout')
    .where('outcome', '=', 'confirmed')
    .executeTakeFirst();
  expect(shortened, `the lockout of session ${stop.id} was shortened only by a confirmed request`).toBeDefined();
  expect(stop.terminationReason).not.toBe('daily_loss_limit');
  expect(stop.lockoutUntil).toBe(shortened!.resolvedAt);
  expect(readStoredRules(stop).coolOffMinutes, 'a lockout is shortened only after a cool-off chosen in advance').toBeGreaterThan(0);
  expect(shortened!.resolvedAt! - shortened!.requestedAt).toBeGreaterThanOrEqual(readStoredRules(stop).coolOffMinutes * MINUTE_MS);
}

/** A schedule starts (or creates) a session only at its planned time, never late; a missed time has no session. */
async function checkSchedules(real: Real): Promise<void> {
  const occurrences = await real.core.storage.read.selectFrom('schedule_occurrence').selectAll().execute();
  for (const occurrence of occurrences) {
    if (occurrence.outcome === 'started' || occurrence.outcome === 'created') {
      expect(occurrence.at - occurrence.plannedStart, `occurrence ${occurrence.id} began on time`).toBeLessThanOrEqual(ON_TIME_MS);
      expect(occurrence.sessionId).not.toBeNull();
    } else {
      expect(occurrence.sessionId).toBeNull();
    }
  }
}
