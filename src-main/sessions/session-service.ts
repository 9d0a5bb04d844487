import type { AppEvent } from '../contract/events.ts';
import type { ActiveSessionData, CanCreateReport, SessionValidation, SessionView, WarningKind } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { toBasisPoints, toMicros, toMoneyString, toPercentString, type Decimal } from '../money/money.ts';
import { findActiveProfile, findProfile, profileBalance } from '../profiles/profile-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { ProfileRow, ReadDb, SessionRow, WriteTx } from '../storage/tables.ts';
import { MINUTE_MS, toIso, type Clock } from '../time/clock.ts';
import { appendEvent, appendOnceEvent } from './session-events.ts';
import { endSession } from './session-ending.ts';
import { findDueSessions, findOpenSession, findOpenSessions, findRunningLockout, findSession, raisedOnceKeys, rowToSession, updateSession } from './session-repository.ts';
import { validateSessionConfig, type SessionConfigInput } from './session-rules.ts';

/** How late the timer may close a session and still call it on time (PRODUCT.md section 3). */
export const ON_TIME_GRACE_MS = 5_000;
const TIME_WARNINGS: ReadonlyArray<{ kind: WarningKind; leftMs: number }> = [
  { kind: 'time_15', leftMs: 15 * MINUTE_MS },
  { kind: 'time_5', leftMs: 5 * MINUTE_MS },
];

export interface CreateSessionInput extends SessionConfigInput {
  acknowledgeRisk: boolean;
  start: boolean;
}

/**
 * The trading-session domain: creation with validation, the status flow, the catch-up, and
 * the live figures of the open session. Every change is one write transaction; events go out
 * on the bus after it commits.
 */
export class SessionService {
  private readonly deps: { storage: Storage; clock: Clock; bus: EventBus };

  constructor(deps: { storage: Storage; clock: Clock; bus: EventBus }) {
    this.deps = deps;
  }

  async validate(input: SessionConfigInput): Promise<SessionValidation> {
    const profile = await requireProfile(this.deps.storage.read);
    const { exact: _exact, ...report } = validateSessionConfig(profileBalance(profile), input);
    return report;
  }

  async canCreate(): Promise<CanCreateReport> {
    const db = this.deps.storage.read;
    const profile = await findActiveProfile(db);
    if (!profile) return { allowed: false, reasons: [{ code: 'no_profile', message: 'Create a profile first.', until: null, sessionId: null }] };
    const reasons = await this.blockers(db, profile, this.deps.clock.now());
    return { allowed: reasons.length === 0, reasons };
  }

  async create(input: CreateSessionInput): Promise<SessionView> {
    const { events, session } = await this.deps.storage.write(async (tx) => {
      const now = this.deps.clock.now();
      const events = await this.closeDue(tx, now, 'timer');
      const profile = await requireProfile(tx);
      const blockers = await this.blockers(tx, profile, now);
      const open = blockers.find((b) => b.code === 'session_open');
      if (open) throw new AppError('session_open', open.message, { details: { sessionId: open.sessionId } });
      const lockout = blockers.find((b) => b.code === 'lockout_active');
      if (lockout) throw new AppError('lockout_active', lockout.message, { details: { until: lockout.until } });

      const validation = validateSessionConfig(profileBalance(profile), input);
      if (!validation.valid || !validation.exact) {
        throw new AppError('validation', validation.errors.map((e) => e.message).join(' '), { field: validation.errors[0]?.field, fieldErrors: validation.errors });
      }
      if (validation.warnings.length > 0 && !input.acknowledgeRisk) {
        const warning = validation.warnings[0]!;
        throw new AppError('validation', warning.message, { field: 'acknowledgeRisk', fieldErrors: [{ field: 'acknowledgeRisk', code: 'risk_not_acknowledged', message: warning.message }] });
      }

      let row = await insertSession(tx, profile, input.durationMinutes, validation.exact, now);
      await appendEvent(tx, row.id, 'created', now, {
        durationMinutes: row.durationMinutes,
        lossLimitAmount: toMoneyString(validation.exact.amount),
        lossLimitPercentage: toPercentString(validation.exact.percentage),
        balance: toMoneyString(profileBalance(profile)),
      });
      if (input.start) row = await startRow(tx, row, now);
      events.push({ type: 'session_changed', session: rowToSession(row) });
      return { events, session: rowToSession(row) };
    });
    this.deps.bus.emitAll(events);
    return session;
  }

  async start(sessionId: number): Promise<SessionView> {
    return this.transition(sessionId, async (tx, row, now) => {
      if (row.status !== 'pending') throw invalidTransition(row, 'start');
      return startRow(tx, row, now);
    });
  }

  async stop(sessionId: number): Promise<SessionView> {
    const outcome = await this.deps.storage.write(async (tx) => {
      const now = this.deps.clock.now();
      const events = await this.closeDue(tx, now, 'timer');
      const row = await requireOwnSession(tx, sessionId);
      if (row.status !== 'active') throw invalidTransition(row, 'stop');
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
        throw new AppError('invalid_transition', `Session ${row.id} ${row.status === 'active' ? 'is running: stop it instead' : 'has already ended'}; only a session that has not started can be cancelled.`, { details: { status: row.status } });
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
    return activeData(row, this.deps.clock.now(), (await raisedOnceKeys(db, row.id)) as WarningKind[]);
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
    const events = await this.deps.storage.write((tx) => this.closeDue(tx, this.deps.clock.now(), mode));
    this.deps.bus.emitAll(events);
    return events.filter((e) => e.type === 'session_ended').length;
  }

  private async closeDue(tx: WriteTx, now: number, mode: 'timer' | 'catch_up'): Promise<AppEvent[]> {
    const events: AppEvent[] = [];
    for (const row of await findDueSessions(tx, now)) {
      const profile = await requireProfileById(tx, row.userId);
      if (row.status === 'pending') {
        const ending = await endSession(tx, row, profile, { status: 'expired', reason: 'not_started', endTime: row.createdAt + 24 * 60 * MINUTE_MS, now });
        events.push(...ending.events);
        continue;
      }
      const plannedEnd = row.plannedEndTime!;
      const onTime = mode === 'timer' && now - plannedEnd <= ON_TIME_GRACE_MS;
      const ending = await endSession(tx, row, profile, { status: onTime ? 'completed' : 'expired', reason: 'time_limit', endTime: plannedEnd, now });
      events.push(...ending.events);
    }
    if (mode === 'timer') events.push(...(await this.raiseTimeWarnings(tx, now)));
    return events;
  }

  private async raiseTimeWarnings(tx: WriteTx, now: number): Promise<AppEvent[]> {
    const events: AppEvent[] = [];
    const active = (await findOpenSessions(tx)).filter((row) => row.status === 'active' && row.plannedEndTime! <= now + TIME_WARNINGS[0]!.leftMs);
    for (const row of active) {
      const left = row.plannedEndTime! - now;
      const fresh: WarningKind[] = [];
      for (const warning of TIME_WARNINGS) {
        if (left > warning.leftMs) continue;
        if (await appendOnceEvent(tx, row.id, 'warning_raised', warning.kind, now, { kind: warning.kind, minutesLeft: Math.ceil(left / MINUTE_MS) })) fresh.push(warning.kind);
      }
      const kind = fresh.at(-1);
      if (kind) events.push({ type: 'warning', kind, session: rowToSession(row), message: `${kind === 'time_15' ? 15 : 5} minutes left in the session.` });
    }
    return events;
  }

  private async blockers(db: ReadDb, profile: ProfileRow, now: number): Promise<CanCreateReport['reasons']> {
    const reasons: CanCreateReport['reasons'] = [];
    const open = await findOpenSession(db, profile.id);
    if (open) {
      reasons.push({ code: 'session_open', message: `A session is already ${open.status === 'active' ? 'running' : 'waiting to start'}; it must end before another can be created.`, until: open.status === 'active' ? toIso(open.plannedEndTime!) : null, sessionId: open.id });
    }
    const lockout = await findRunningLockout(db, profile.id, now);
    if (lockout) {
      reasons.push({ code: 'lockout_active', message: 'The loss limit stopped your last session, so new sessions are locked for the time you committed to.', until: toIso(lockout.lockoutUntil!), sessionId: lockout.id });
    }
    if (profileBalance(profile).lessThan(100)) {
      reasons.push({ code: 'balance_too_low', message: 'A session needs an account balance of at least 100.00.', until: null, sessionId: null });
    }
    return reasons;
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
export function activeData(row: SessionRow, now: number, raised: WarningKind[]): ActiveSessionData {
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
    warningsRaised: raised,
  };
}

async function insertSession(tx: WriteTx, profile: ProfileRow, durationMinutes: number, limit: { amount: Decimal; percentage: Decimal }, now: number): Promise<SessionRow> {
  try {
    return await tx
      .insertInto('TradingSession')
      .values({
        userId: profile.id,
        durationMinutes,
        lossLimitAmount: toMicros(limit.amount),
        lossLimitPercentage: toBasisPoints(limit.percentage),
        balanceAtCreation: profile.balance,
        status: 'pending',
        startTime: null,
        plannedEndTime: null,
        endTime: null,
        actualDurationMinutes: null,
        sessionPerformancePercentage: null,
        terminationReason: null,
        lockoutUntil: null,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppError('session_open', 'A session is already open for this profile.', { cause: error });
    }
    throw error;
  }
}

async function startRow(tx: WriteTx, row: SessionRow, now: number): Promise<SessionRow> {
  const started = await updateSession(tx, row.id, { status: 'active', startTime: now, plannedEndTime: now + row.durationMinutes * MINUTE_MS, sessionPerformancePercentage: 0, updatedAt: now });
  await appendEvent(tx, row.id, 'started', now, { plannedEndTime: toIso(started.plannedEndTime!) });
  return started;
}

async function requireProfile(db: ReadDb): Promise<ProfileRow> {
  const profile = await findActiveProfile(db);
  if (!profile) throw new AppError('no_profile', 'Create a profile first.');
  return profile;
}

async function requireProfileById(db: ReadDb, id: number): Promise<ProfileRow> {
  const profile = await findProfile(db, id);
  if (!profile) throw new AppError('not_found', `Profile ${id} does not exist.`);
  return profile;
}

/** A session of the current profile; another profile's session is as good as absent. */
async function requireOwnSession(db: ReadDb, id: number): Promise<SessionRow> {
  const profile = await requireProfile(db);
  const row = await findSession(db, id);
  if (!row || row.userId !== profile.id) throw new AppError('not_found', `Session ${id} does not exist.`);
  return row;
}

function invalidTransition(row: SessionRow, action: 'start' | 'stop'): AppError {
  const state = { pending: 'has not started', active: 'is already running', completed: 'is completed', stopped: 'was stopped', expired: 'has expired' }[row.status];
  return new AppError('invalid_transition', `Session ${row.id} ${state}; it can't be ${action === 'start' ? 'started' : 'stopped'}.`, { details: { status: row.status } });
}

