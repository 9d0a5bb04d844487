import { describe, expect, test } from 'vitest';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { SessionScheduler } from '../../src-main/scheduler/session-scheduler.ts';
import { HOUR_MS, MINUTE_MS } from '../../src-main/time/clock.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tempDir } from '../support/temp-storage.ts';

/** Wall clock and monotonic time moved by hand; interval callbacks captured, never real. */
async function harness() {
  const clock = new ManualClock('2026-03-02T14:00:00Z');
  let mono = 0;
  const core: Core = await openCore({ dataDir: tempDir(), clock });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
  const events: AppEvent[] = [];
  core.bus.subscribe((e) => events.push(e));
  const intervals: Array<() => void> = [];
  const scheduler = new SessionScheduler({
    sessions: core.sessions,
    clock,
    monotonic: () => mono,
    timers: { setInterval: (cb) => intervals.push(cb), clearInterval: () => undefined },
  });
  scheduler.start();
  /** Runs the process for `ms` of real time, one beat per second. */
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      clock.advance(1000);
      mono += 1000;
      await scheduler.beat();
    }
  };
  const session = () => core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  const row = async (id: number) => core.storage.read.selectFrom('TradingSession').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    clock,
    core,
    events,
    scheduler,
    run,
    session,
    row,
    intervals,
    suspend: (ms: number, monotonicAdvances: boolean) => {
      clock.advance(ms);
      if (monotonicAdvances) mono += ms;
    },
  };
}

describe('session scheduler', () => {
  test('defect 1: a backward step of the wall clock is detected and logged on the active session', async () => {
    const h = await harness();
    const s = await h.session();
    await h.run(5000);
    h.clock.advance(-120_000);
    await h.run(1000);
    const logged = await h.core.storage.read
      .selectFrom('session_event')
      .select(['type', 'payload'])
      .where('sessionId', '=', s.id)
      .where('type', '=', 'clock_changed')
      .execute();
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!.payload)).toMatchObject({ direction: 'backward', steppedMs: -120_000 });
    expect((await h.row(s.id)).status).toBe('active');
    await h.scheduler.stop();
    await h.core.close();
  });

  test('starts one interval and closes a session on time as completed', async () => {
    const h = await harness();
    expect(h.intervals).toHaveLength(1);
    const s = await h.session();
    await h.run(60 * MINUTE_MS);
    const ended = await h.row(s.id);
    expect(ended.status).toBe('completed');
    expect(ended.endTime).toBe(ended.plannedEndTime);
    await h.scheduler.stop();
    await h.core.close();
  });

  test.each([true, false])(
    'an 8-hour sleep (monotonic clock advancing during sleep: %s) gives expired with endTime = planned end',
    async (monotonicAdvances) => {
      const h = await harness();
      const s = await h.session();
      await h.run(10 * MINUTE_MS);
      h.suspend(8 * HOUR_MS, monotonicAdvances);
      await h.run(1000);
      const ended = await h.row(s.id);
      expect(ended.status).toBe('expired');
      expect(ended.endTime).toBe(ended.plannedEndTime);
      await h.core.close();
    },
  );

  test('the OS resume notice runs the catch-up at once', async () => {
    const h = await harness();
    const s = await h.session();
    h.suspend(2 * HOUR_MS, false);
    await h.scheduler.notifyResume();
    expect((await h.row(s.id)).status).toBe('expired');
    await h.core.close();
  });

  test('a forward jump of the wall clock past the end is noticed within a second; a backward jump ends nothing early', async () => {
    const h = await harness();
    const s = await h.session();
    h.clock.advance(-HOUR_MS);
    await h.run(50 * MINUTE_MS);
    expect((await h.row(s.id)).status).toBe('active');
    h.clock.advance(2 * HOUR_MS);
    await h.run(1000);
    const ended = await h.row(s.id);
    expect(ended.status).toBe('expired');
    expect(ended.endTime).toBe(ended.plannedEndTime);
    await h.core.close();
  });

  test('time warnings at 15 and 5 minutes left fire once each', async () => {
    const h = await harness();
    await h.session();
    await h.run(59 * MINUTE_MS);
    const warnings = h.events.filter((e) => e.type === 'warning').map((e) => (e.type === 'warning' ? e.kind : ''));
    expect(warnings).toEqual(['time_15', 'time_5']);
    await h.core.close();
  });

  test('a failing check is reported and the timer keeps going', async () => {
    const h = await harness();
    const logged: string[] = [];
    let calls = 0;
    const flaky = new SessionScheduler({
      sessions: {
        tick: async () => {
          calls += 1;
          if (calls === 1) throw new Error('disk gone');
          return 0;
        },
        checkExpiredSessions: async () => 0,
        noteClockJump: async () => undefined,
      },
      clock: h.clock,
      monotonic: () => 0,
      timers: { setInterval: () => 1, clearInterval: () => undefined },
      log: (message) => logged.push(message),
    });
    flaky.start();
    await flaky.beat();
    await flaky.beat();
    expect(calls).toBe(2);
    expect(logged.some((m) => m.includes('failed'))).toBe(true);
    await h.core.close();
  });
});
