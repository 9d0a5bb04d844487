import type { ScheduleService } from '../schedules/schedule-service.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { Clock } from '../time/clock.ts';

export interface SchedulerTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface SchedulerOptions {
  sessions: Pick<SessionService, 'tick' | 'checkExpiredSessions' | 'noteClockJump'>;
  /** Planned sessions: reminders, starts and misses, looked at on the same beat after the sessions. */
  schedules?: Pick<ScheduleService, 'tick'>;
  clock: Clock;
  /** Milliseconds that only move forward while the process runs (performance.now()). */
  monotonic?: () => number;
  timers?: SchedulerTimers;
  /**
   * How often deadlines are checked. Half a second: an end is noticed within a second even
   * when a timer fires late, as timers do under load.
   */
  beatMs?: number;
  /** How often the catch-up runs regardless. */
  catchUpMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** A gap between wall clock and monotonic time larger than this means sleep or a clock change. */
export const DISCONTINUITY_MS = 2_000;

/**
 * The session timer. Deadlines are absolute instants stored with the session; this only
 * decides when to look at them: twice a second (so an end, a jump of the wall clock or a
 * sleep is noticed within a second), at once when the OS reports a resume, and once a minute
 * as a catch-up. It never relies on one long timeout (those drift and stop during sleep), and
 * a failing check never stops it.
 */
export class SessionScheduler {
  private readonly options: Required<Omit<SchedulerOptions, 'log' | 'schedules'>> & Pick<SchedulerOptions, 'log' | 'schedules'>;
  private handle: unknown = null;
  private lastWall = 0;
  private lastMono = 0;
  private lastCatchUp = 0;
  private running: Promise<void> | null = null;

  constructor(options: SchedulerOptions) {
    this.options = {
      monotonic: () => performance.now(),
      timers: { setInterval: (cb, ms) => setInterval(cb, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) },
      beatMs: 500,
      catchUpMs: 60_000,
      ...options,
    };
  }

  start(): void {
    if (this.handle !== null) return;
    this.lastWall = this.options.clock.now();
    this.lastMono = this.options.monotonic();
    this.lastCatchUp = this.lastMono;
    this.handle = this.options.timers.setInterval(() => void this.beat(), this.options.beatMs);
  }

  async stop(): Promise<void> {
    if (this.handle !== null) this.options.timers.clearInterval(this.handle);
    this.handle = null;
    await this.running;
  }

  /** The machine woke up (or the screen was unlocked): anything that ended meanwhile expired. */
  notifyResume(): Promise<void> {
    return this.run('resume', async () => {
      await this.options.sessions.checkExpiredSessions();
      await this.options.sessions.tick();
      await this.options.schedules?.tick();
    });
  }

  /** The wall clock was changed: deadlines are instants, so look again now. */
  notifyClockChanged(): Promise<void> {
    return this.run('clock change', () => this.options.sessions.tick().then(() => undefined));
  }

  /** One heartbeat; public so tests and the benchmark can drive time by hand. */
  beat(): Promise<void> {
    const wall = this.options.clock.now();
    const mono = this.options.monotonic();
    const wallDelta = wall - this.lastWall;
    const monoDelta = mono - this.lastMono;
    this.lastWall = wall;
    this.lastMono = mono;
    const jumped = Math.abs(wallDelta - monoDelta) > DISCONTINUITY_MS;
    if (jumped || monoDelta > this.options.beatMs + DISCONTINUITY_MS) {
      this.options.log?.(
        `session timer: time jumped (wall ${Math.round(wallDelta / 1000)} s, monotonic ${Math.round(monoDelta / 1000)} s); checking deadlines now`,
      );
    }
    const catchUp = mono - this.lastCatchUp >= this.options.catchUpMs;
    if (catchUp) this.lastCatchUp = mono;
    // The tick comes first: a deadline reached just now is completed on time; only what the
    // tick leaves (nothing, normally) is for the catch-up. A deadline noticed late, after a
    // sleep or a jump of the wall clock, is expired by the tick itself.
    return this.run('tick', async () => {
      // Logged on the running session: a clock stepped back is how a loss could look older than its session.
      if (jumped) await this.options.sessions.noteClockJump({ wallDeltaMs: wallDelta, monotonicDeltaMs: monoDelta });
      await this.options.sessions.tick();
      if (catchUp) await this.options.sessions.checkExpiredSessions();
      await this.options.schedules?.tick();
    });
  }

  private run(what: string, work: () => Promise<void>): Promise<void> {
    // A check that outlasts a beat is not started twice over itself.
    if (this.running) return this.running;
    this.running = work()
      .catch((error: unknown) => this.options.log?.(`session timer: ${what} failed`, error))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
