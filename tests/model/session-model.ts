import fc from 'fast-check';
import { expect } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { AppError } from '../../src-main/errors/app-error.ts';
import { Decimal, fromMicros } from '../../src-main/money/money.ts';
import { HOUR_MS, MINUTE_MS } from '../../src-main/time/clock.ts';
import type { ManualClock } from '../support/manual-clock.ts';

/** What the test remembers of the real system, to check what must never change. */
export interface Model {
  ended: Map<number, { status: string; endTime: number; reason: string }>;
}

export interface Real {
  core: Core;
  clock: ManualClock;
  dataDir: string;
}

type Command = fc.AsyncCommand<Model, Real>;

/** Refusals the rules allow; anything else thrown is a bug. */
const ALLOWED = new Set(['session_open', 'lockout_active', 'validation', 'invalid_transition', 'not_found', 'balance_too_low']);

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

const createAndStart = fc.record({ duration: durations, preset: fc.constantFrom('10', '20', '30') }).map(({ duration, preset }) =>
  simple(`create ${duration}m ${preset}% and start`, (r) => allowRefusal(r.core.sessions.create({ durationMinutes: duration, lossLimit: { kind: 'percentage', percentage: preset }, acknowledgeRisk: true, start: true }))),
);
const liveTrade = fc.tuple(pnl, fc.constantFrom('manual', 'feed', 'import') as fc.Arbitrary<'manual' | 'feed' | 'import'>).map(([amount, source]) =>
  simple(`trade ${amount.toString()} via ${source}`, async (r) => { await allowRefusal(r.core.trades.record([{ source, fees: new Decimal(0), realizedPnl: amount, closedAt: r.clock.now() }])); }),
);

/** Weighted towards starting sessions and trading in them, so limits are reached often. */
export const commands = [
  createAndStart,
  createAndStart,
  liveTrade,
  liveTrade,
  liveTrade,
  fc.record({ duration: durations, preset: fc.constantFrom('10', '20', '30'), start: fc.boolean() }).map(({ duration, preset, start }) =>
    simple(`create ${duration}m ${preset}% ${start ? 'and start' : ''}`, (r) => allowRefusal(r.core.sessions.create({ durationMinutes: duration, lossLimit: { kind: 'percentage', percentage: preset }, acknowledgeRisk: true, start }))),
  ),
  fc.constant(simple('start', async (r) => { const id = await openSessionId(r.core); if (id !== null) await allowRefusal(r.core.sessions.start(id)); })),
  fc.constant(simple('stop', async (r) => { const id = await openSessionId(r.core); if (id !== null) await allowRefusal(r.core.sessions.stop(id)); })),
  fc.tuple(pnl, fc.integer({ min: 1, max: 600 })).map(([amount, minutesBack]) =>
    simple(`late trade ${amount.toString()} ${minutesBack} min ago`, async (r) => { await allowRefusal(r.core.trades.record([{ source: 'import', fees: new Decimal(0), realizedPnl: amount, closedAt: r.clock.now() - minutesBack * MINUTE_MS }])); }),
  ),
  fc.integer({ min: 1, max: 180 }).map((seconds) => simple(`tick after ${seconds}s`, async (r) => { r.clock.advance(seconds * 1000); await r.core.sessions.tick(); })),
  fc.integer({ min: 1, max: 120 }).map((minutes) => simple(`run ${minutes} min with the timer`, async (r) => {
    for (let i = 0; i < minutes; i += 1) {
      r.clock.advance(MINUTE_MS);
      await r.core.sessions.tick();
    }
  })),
  fc.constantFrom(HOUR_MS, -HOUR_MS, 24 * HOUR_MS, -24 * HOUR_MS).map((jump) => simple(`clock jump ${jump / HOUR_MS} h`, async (r) => { r.clock.advance(jump); await r.core.sessions.tick(); })),
  fc.integer({ min: 1, max: 8 * 60 }).map((minutes) => simple(`sleep ${minutes} min then resume`, async (r) => { r.clock.advance(minutes * MINUTE_MS); await r.core.sessions.checkExpiredSessions(); })),
  fc.integer({ min: 0, max: 30 * 60 }).map((minutes) => simple(`restart after ${minutes} min`, async (r) => {
    await r.core.close();
    r.clock.advance(minutes * MINUTE_MS);
    r.core = await openCore({ dataDir: r.dataDir, clock: r.clock });
  })),
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
    if (s.terminationReason === 'loss_limit') expect(breaches).toBe(1);
    else expect(breaches).toBe(0);

    if (s.status === 'active') expect(lowest.greaterThan(fromMicros(s.lossLimitAmount).negated()), `active session ${s.id} is within its limit`).toBe(true);
    if (s.status === 'completed' || (s.status === 'expired' && s.terminationReason === 'time_limit')) {
      expect(s.endTime).toBe(s.plannedEndTime);
      expect(s.terminationReason).toBe('time_limit');
    }
    if (s.terminationReason === 'not_started') expect(s.endTime).toBe(s.createdAt + 24 * HOUR_MS);
    if (s.status === 'stopped') expect(['manual', 'loss_limit']).toContain(s.terminationReason);

    const known = model.ended.get(s.id);
    if (known) expect({ status: s.status, endTime: s.endTime, reason: s.terminationReason }, `session ${s.id} never reopens`).toEqual(known);
    else if (s.endTime !== null) model.ended.set(s.id, { status: s.status, endTime: s.endTime, reason: s.terminationReason! });
  }

  const stops = sessions.filter((s) => s.terminationReason === 'loss_limit');
  for (const later of sessions) {
    for (const stop of stops) {
      if (later.id > stop.id) expect(later.createdAt >= stop.lockoutUntil!, `session ${later.id} was created after the lockout of ${stop.id} ended`).toBe(true);
    }
  }
}
