import type { AppEvent } from '../contract/events.ts';
import type { ActiveSessionData, CanCreateReport, EarlyEndKind, EarlyEndView, SessionValidation, SessionView, WarningKind } from '../contract/views.ts';
import { AppError, isStorageFailure } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { ActiveProfileCache } from '../profiles/active-profile.ts';
import { findActiveProfile, findProfile, profileBalance, requireActiveProfile } from '../profiles/profile-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { EarlyEndRow, ProfileRow, ReadDb, SessionRow, WriteTx } from '../storage/tables.ts';
import { MINUTE_MS, toIso, type Clock } from '../time/clock.ts';
import { findOpenRequest, rowToEarlyEnd } from './early-end-repository.ts';
import { cancelEarlyEnd, confirmEarlyEnd, coolOffOf, lapseDueRequests, requestEarlyEnd, type EarlyEndChange } from './early-end.ts';
import { roomLeftOf, type RoomLeft } from './room-left.ts';
import { createSessionIn, creationBlockers, startSessionRow, type CreateSessionInput } from './session-creation.ts';
import { appendEvent, appendOnceEvent } from './session-events.ts';
import { endSession } from './session-ending.ts';
import {
  findDueSessions,
  findOpenSession,
  findOpenSessions,
  isDue,
  raisedOnceKeys,
  requireSessionOf,
  rowToSession,
  updateSession,
} from './session-repository.ts';
import { validateSessionConfig, type SessionConfigInput } from './session-rules.ts';

export type { CreateSessionInput } from './session-creation.ts';

/** How late the timer may close a session and still call it on time (PRODUCT.md section 3). */
export const ON_TIME_GRACE_MS = 5_000;
const TIME_WARNINGS: ReadonlyArray<{ kind: WarningKind; leftMs: number }> = [
  { kind: 'time_15', leftMs: 15 * MINUTE_MS },
  { kind: 'time_5', leftMs: 5 * MINUTE_MS },
];

/**
 * The trading-session domain: creation with validation, the status flow, the catch-up, and
 * the live figures of the open session. Every change is one write transaction; events go out
 * on the bus after it commits.
 */
export class SessionService {
  private readonly deps: { storage: Storage; clock: Clock; bus: EventBus };
  /** Sessions whose end the timer reached on time and announced, but could not save yet. */
  private readonly endsAnnouncedUnsaved = new Set<number>();
  private readonly profile: ActiveProfileCache;

  constructor(deps: { storage: Storage; clock: Clock; bus: EventBus }) {
    this.deps = deps;
    this.profile = new ActiveProfileCache(deps.storage);
  }

  async validate(input: SessionConfigInput): Promise<SessionValidation> {
    const profile = await requireActiveProfile(this.deps.storage.read);
    const { exact: _exact, rules: _rules, ...report } = validateSessionConfig(profileBalance(profile), input);
    return report;
  }

  async canCreate(): Promise<CanCreateReport> {
    const db = this.deps.storage.read;
    const profile = await findActiveProfile(db);
    if (!profile) return { allowed: false, reasons: [{ code: 'no_profile', message: 'Create a profile first.', until: null, sessionId: null }] };
    const reasons = await creationBlockers(db, profile, this.deps.clock.now());
    return { allowed: reasons.length === 0, reasons };
  }

  async create(input: CreateSessionInput): Promise<SessionView> {
    const { events, session } = await this.deps.storage.write(async (tx) => {
      const now = this.deps.clock.now();
      const due = await this.closeDueLeavingOpen(tx, now, 'timer');
      const created = await createSessionIn(tx, await this.profile.current(tx), input, now, { open: due.open });
      return { events: [...due.events, ...created.events], session: created.view };
    });
    this.deps.bus.emitAll(events);
    return session;
  }

  async start(sessionId: number): Promise<SessionView> {
    return this.transition(sessionId, async (tx, row, now) => {
      if (row.status !== 'pending') throw invalidTransition(row, 'start');
      return startSessionRow(tx, await requireProfileById(tx, row.userId), row, now);
    });
  }

  async stop(sessionId: number): Promise<SessionView> {
    const outcome = await this.deps.storage.write(async (tx) => {
      const now = this.deps.clock.now();
      const events = await this.closeDue(tx, now, 'timer');
      const row = await requireOwnSession(tx, sessionId);
      if (row.status !== 'active') throw invalidTransition(row, 'stop');
      const coolOff = coolOffOf(row);
      if (coolOff > 0) {
        throw new AppError(
          'cool_off_required',
          `You chose a cool-off of ${coolOff} minutes for ending this session early: ask to end it, wait it out, then confirm.`,
          { details: { coolOffMinutes: coolOff } },
        );
      }
      const profile = await requireProfileById(tx, row.userId);
      const ended = await endSession(tx, row, profile, { status: 'stopped', reason: 'manual', endTime: now, now });
      return { session: rowToSession(ended.session), events: [...events, ...ended.events] };
    });
    this.deps.bus.emitAll(outcome.events);
    return outcome.session;
  }

  /**
   * Cancels a session that was created but never started. It ends as expired with the reason
   * manual (nothing was traded in it, so there is nothing to stop), logged as a cancelled event.
   */
  async cancel(sessionId: number): Promise<SessionView> {
    const outcome = await this.deps.storage.write(async (tx) => {
      const now = this.deps.clock.now();
      const events = await this.closeDue(tx, now, 'timer');
      const row = await requireOwnSession(tx, sessionId);
      if (row.status !== 'pending') {
        throw new AppError(
          'invalid_transition',
          `Session ${row.id} ${row.status === 'active' ? 'is running: stop it instead' : 'has already ended'}; only a session that has not started can be cancelled.`,
          { details: { status: row.status } },
        );
      }
      const cancelled = rowToSession(await updateSession(tx, row.id, { status: 'expired', terminationReason: 'manual', endTime: now, updatedAt: now }));
      await appendEvent(tx, row.id, 'cancelled', now, { reason: 'manual' });
      events.push({ type: 'session_ended', session: cancelled, message: 'The session was cancelled before it started.' });
      return { session: cancelled, events };
    });
    this.deps.bus.emitAll(outcome.events);
    return outcome.session;
  }

  /** The open (pending or active) session of the current profile, with its live figures. */
  async getActiveData(): Promise<ActiveSessionData | null> {
    const db = this.deps.storage.read;
    const profile = await findActiveProfile(db);
    if (!profile) return null;
    const row = await findOpenSession(db, profile.id);
    if (!row) return null;
    const now = this.deps.clock.now();
    const room = row.status === 'active' ? await roomLeftOf(db, row, now) : { items: [], cooldownUntil: null };
    return activeData(row, now, await raisedOnceKeys(db, row.id), room, (await findOpenRequest(db, row.id, 'stop')) ?? null);
  }

  /** Asks to end the session early, or to shorten the lockout after it: the wait chosen at setup starts now. */
  async requestEarlyEnd(sessionId: number, kind: EarlyEndKind): Promise<EarlyEndView> {
    return this.earlyEnd(sessionId, (tx, profile, row, now) => requestEarlyEnd(tx, profile, row, kind, now));
  }

  async confirmEarlyEnd(requestId: number): Promise<EarlyEndView> {
    const sessionId = await this.sessionOfRequest(requestId);
    return this.earlyEnd(sessionId, (tx, profile, row, now) => confirmEarlyEnd(tx, profile, row, requestId, now));
  }

  async cancelEarlyEnd(requestId: number): Promise<EarlyEndView> {
    const sessionId = await this.sessionOfRequest(requestId);
    return this.earlyEnd(sessionId, (tx, _profile, row, now) => cancelEarlyEnd(tx, row, requestId, now));
  }

  /** The session's latest request still waiting for its outcome, if any. */
  async getEarlyEnd(sessionId: number): Promise<EarlyEndView | null> {
    const db = this.deps.storage.read;
    await requireOwnSession(db, sessionId);
    const row = await findOpenRequest(db, sessionId);
    return row ? rowToEarlyEnd(row) : null;
  }

  private async sessionOfRequest(requestId: number): Promise<number> {
    const row = await this.deps.storage.read.selectFrom('early_end_request').select('sessionId').where('id', '=', requestId).executeTakeFirst();
    if (!row) throw new AppError('not_found', `Request ${requestId} does not exist.`);
    return row.sessionId;
  }

  private async earlyEnd(
    sessionId: number,
    change: (tx: WriteTx, profile: ProfileRow, row: SessionRow, now: number) => Promise<EarlyEndChange>,
  ): Promise<EarlyEndView> {
    const outcome = await this.deps.storage.write(async (tx) => {
      const now = this.deps.clock.now();
      const events = await this.closeDue(tx, now, 'timer');
      const row = await requireOwnSession(tx, sessionId);
      const changed = await change(tx, await requireProfileById(tx, row.userId), row, now);
      return { request: changed.request, events: [...events, ...changed.events] };
    });
    this.deps.bus.emitAll(outcome.events);
    return outcome.request;
  }

  /**
   * The catch-up (`checkExpiredSessions`): run at start, on resume and periodically. Any
   * session whose planned end passed unattended is expired with the planned end as endTime;
   * a pending one unstarted for 24 h expires as not_started.
   */
  async checkExpiredSessions(): Promise<number> {
    return this.closeDueAndEmit('catch_up');
  }

  /** The timer's heartbeat: closes sessions that just reached their end, raises time warnings. */
  async tick(): Promise<number> {
    return this.closeDueAndEmit('timer');
  }

  /**
   * The wall clock moved by a different amount than time did (stepped back or forward, or the
   * machine slept): logged on the active session, so its record shows why times look odd.
   */
  async noteClockJump(jump: { wallDeltaMs: number; monotonicDeltaMs: number }): Promise<void> {
    await this.deps.storage.write(async (tx) => {
      const profile = await findActiveProfile(tx);
      const open = profile ? await findOpenSession(tx, profile.id) : undefined;
      if (open?.status !== 'active') return;
      const steppedMs = jump.wallDeltaMs - jump.monotonicDeltaMs;
      await appendEvent(tx, open.id, 'clock_changed', this.deps.clock.now(), {
        direction: steppedMs < 0 ? 'backward' : 'forward',
        steppedMs: Math.round(steppedMs),
        wallDeltaMs: Math.round(jump.wallDeltaMs),
        monotonicDeltaMs: Math.round(jump.monotonicDeltaMs),
      });
    });
  }

  /** The next moment something is due (an end, a time warning, a pending expiry), for the scheduler. */
  async nextDeadline(): Promise<number | null> {
    const rows = await findOpenSessions(this.deps.storage.read);
    const now = this.deps.clock.now();
    const moments = rows.flatMap((row) => {
      if (row.status === 'pending') return [row.createdAt + 24 * 60 * MINUTE_MS];
      const end = row.plannedEndTime!;
      return [end, ...TIME_WARNINGS.map((w) => end - w.leftMs).filter((t) => t > now)];
    });
    return moments.length === 0 ? null : Math.min(...moments);
  }

  private async closeDueAndEmit(mode: 'timer' | 'catch_up'): Promise<number> {
    let events: AppEvent[];
    try {
      events = await this.deps.storage.write((tx) => this.closeDue(tx, this.deps.clock.now(), mode));
    } catch (error) {
      if (mode === 'timer' && isStorageFailure(error)) await this.announceUnsavedEnds().catch(() => undefined);
      throw error;
    }
    // An end already announced while it could not be saved is not announced twice.
    const shown = events.map((event): AppEvent => {
      if (event.type !== 'session_ended' || !this.endsAnnouncedUnsaved.delete(event.session.id)) return event;
      return { type: 'session_changed', session: event.session };
    });
    this.deps.bus.emitAll(shown);
    return events.filter((e) => e.type === 'session_ended').length;
  }

  /**
   * The timer reached a session's end but the end can't be saved (a full disk): the trader is
   * told on time anyway, and the session is remembered as ended on time, so once saving works
   * again it is saved as completed at its planned end, not expired.
   */
  private async announceUnsavedEnds(): Promise<void> {
    const now = this.deps.clock.now();
    for (const row of await findDueSessions(this.deps.storage.read, now)) {
      if (row.status !== 'active' || this.endsAnnouncedUnsaved.has(row.id) || now - row.plannedEndTime! > ON_TIME_GRACE_MS) continue;
      this.endsAnnouncedUnsaved.add(row.id);
      const session = { ...rowToSession(row), status: 'completed' as const, terminationReason: 'time_limit' as const, endTime: toIso(row.plannedEndTime!) };
      this.deps.bus.emit({
        type: 'session_ended',
        session,
        message:
          'Time is up: the session is over. Sessionguard could not save that yet (see the storage alert); stop trading now, it will be saved as soon as it can write again.',
      });
    }
  }

  private async closeDue(tx: WriteTx, now: number, mode: 'timer' | 'catch_up'): Promise<AppEvent[]> {
    return (await this.closeDueLeavingOpen(tx, now, mode)).events;
  }

  /** `closeDue`, and the sessions still open after it. */
  private async closeDueLeavingOpen(tx: WriteTx, now: number, mode: 'timer' | 'catch_up'): Promise<{ events: AppEvent[]; open: SessionRow[] }> {
    const events: AppEvent[] = [];
    const open: SessionRow[] = [];
    for (const row of await findOpenSessions(tx)) {
      if (!isDue(row, now)) {
        open.push(row);
        continue;
      }
      const profile = await requireProfileById(tx, row.userId);
      if (row.status === 'pending') {
        const ending = await endSession(tx, row, profile, { status: 'expired', reason: 'not_started', endTime: row.createdAt + 24 * 60 * MINUTE_MS, now });
        events.push(...ending.events);
        continue;
      }
      const plannedEnd = row.plannedEndTime!;
      const onTime = (mode === 'timer' && now - plannedEnd <= ON_TIME_GRACE_MS) || this.endsAnnouncedUnsaved.has(row.id);
      const ending = await endSession(tx, row, profile, { status: onTime ? 'completed' : 'expired', reason: 'time_limit', endTime: plannedEnd, now });
      events.push(...ending.events);
    }
    if (mode === 'timer') events.push(...(await this.raiseTimeWarnings(tx, open, now)));
    events.push(...(await lapseDueRequests(tx, now)));
    return { events, open };
  }

  private async raiseTimeWarnings(tx: WriteTx, open: readonly SessionRow[], now: number): Promise<AppEvent[]> {
    const events: AppEvent[] = [];
    const active = open.filter((row) => row.status === 'active' && row.plannedEndTime! <= now + TIME_WARNINGS[0]!.leftMs);
    for (const row of active) {
      const left = row.plannedEndTime! - now;
      const fresh: WarningKind[] = [];
      for (const warning of TIME_WARNINGS) {
        if (left > warning.leftMs) continue;
        if (await appendOnceEvent(tx, row.id, 'warning_raised', warning.kind, now, { kind: warning.kind, minutesLeft: Math.ceil(left / MINUTE_MS) }))
          fresh.push(warning.kind);
      }
      const kind = fresh.at(-1);
      if (kind) events.push({ type: 'warning', kind, session: rowToSession(row), message: `${kind === 'time_15' ? 15 : 5} minutes left in the session.` });
    }
    return events;
  }

  private async transition(sessionId: number, change: (tx: WriteTx, row: SessionRow, now: number) => Promise<SessionRow>): Promise<SessionView> {
    const outcome = await this.deps.storage.write(async (tx) => {
      const now = this.deps.clock.now();
      const events = await this.closeDue(tx, now, 'timer');
      const row = await requireOwnSession(tx, sessionId);
      const changed = rowToSession(await change(tx, row, now));
      events.push({ type: 'session_changed', session: changed });
      return { session: changed, events };
    });
    this.deps.bus.emitAll(outcome.events);
    return outcome.session;
  }
}

/** Live figures of an open session at `now`. */
export function activeData(row: SessionRow, now: number, raisedKeys: readonly string[], room: RoomLeft, earlyEnd: EarlyEndRow | null): ActiveSessionData {
  const session = rowToSession(row);
  const elapsedMs = row.startTime === null ? 0 : Math.max(0, now - row.startTime);
  const durationMs = row.durationMinutes * MINUTE_MS;
  return {
    session,
    now: toIso(now),
    elapsedMs,
    remainingMs: row.plannedEndTime === null ? null : Math.max(0, row.plannedEndTime - now),
    timeProgress: row.startTime === null ? 0 : Math.min(1, elapsedMs / durationMs),
    lossLimitUsedPercentage: session.lossLimitUsedPercentage,
    lossLimitRemaining: session.lossLimitRemaining,
    winRate: session.winRate,
    // A repeated alert's key carries its count ("cooldown:2"); the kind is what was raised.
    warningsRaised: [...new Set(raisedKeys.map((key) => key.split(':')[0] as WarningKind))],
    roomLeft: room.items,
    cooldownUntil: room.cooldownUntil === null ? null : toIso(room.cooldownUntil),
    earlyEnd: earlyEnd === null ? null : rowToEarlyEnd(earlyEnd),
  };
}

async function requireProfileById(db: ReadDb, id: number): Promise<ProfileRow> {
  const profile = await findProfile(db, id);
  if (!profile) throw new AppError('not_found', `Profile ${id} does not exist.`);
  return profile;
}

/** A session of the current profile; another profile's session is as good as absent. */
async function requireOwnSession(db: ReadDb, id: number): Promise<SessionRow> {
  return requireSessionOf(db, (await requireActiveProfile(db)).id, id);
}

function invalidTransition(row: SessionRow, action: 'start' | 'stop'): AppError {
  const state = { pending: 'has not started', active: 'is already running', completed: 'is completed', stopped: 'was stopped', expired: 'has expired' }[
    row.status
  ];
  return new AppError('invalid_transition', `Session ${row.id} ${state}; it can't be ${action === 'start' ? 'started' : 'stopped'}.`, {
    details: { status: row.status },
  });
}
