import type { ParsedRequestOf } from '../contract/channels.ts';
import type { AppEvent } from '../contract/events.ts';
import type { OccurrenceView, ScheduleView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { formatClock } from '../format/time-text.ts';
import { findProfile, requireActiveProfile } from '../profiles/profile-repository.ts';
import { createSessionIn } from '../sessions/session-creation.ts';
import { clockText } from '../sessions/stored-rules.ts';
import type { Storage } from '../storage/connection.ts';
import type { OccurrenceRow, ProfileRow, ReadDb, ScheduleRow, WriteTx } from '../storage/tables.ts';
import { configOf, findTemplate } from '../templates/template-repository.ts';
import { MINUTE_MS, toIso, type Clock } from '../time/clock.ts';
import { durationMinutesOf, nextOccurrence, occurrencesBetween, weekdayBits, weekdaysOf, type Occurrence, type ScheduleSpec } from './occurrences.ts';

/** A planned start noticed this late (the app was closed, the machine asleep) is missed, never started late. */
export const ON_TIME_MS = 60_000;
export const REMINDER_MS = 5 * MINUTE_MS;
const RECENT_SHOWN = 10;

export type ScheduleInput = ParsedRequestOf<'saveSchedule'>;

/**
 * Schedules plan sessions from a template on weekdays in a zone. The timer's beat asks `tick`:
 * 5 minutes before a planned start the trader is reminded; at the start the session is created
 * (and started, if the schedule says so) with the template's rules, lasting the planned window;
 * a start that passed while the app was closed is recorded as missed and shown, never started late.
 */
export class ScheduleService {
  private readonly deps: { storage: Storage; clock: Clock; bus: EventBus };

  constructor(deps: { storage: Storage; clock: Clock; bus: EventBus }) {
    this.deps = deps;
  }

  async list(): Promise<ScheduleView[]> {
    const db = this.deps.storage.read;
    const profile = await requireActiveProfile(db);
    return listViews(db, profile.id, this.deps.clock.now());
  }

  async save(input: ScheduleInput): Promise<ScheduleView[]> {
    const startMinutes = minutesOf(input.start);
    const endMinutes = minutesOf(input.end);
    if (startMinutes === endMinutes)
      throw new AppError('validation', 'A planned session must end at another time than it starts.', {
        field: 'end',
        fieldErrors: [{ field: 'end', code: 'empty_window', message: 'End at another time than the start.' }],
      });
    if (!isTimeZone(input.timeZone))
      throw new AppError('validation', 'Choose a time zone such as America/New_York.', {
        field: 'timeZone',
        fieldErrors: [{ field: 'timeZone', code: 'invalid_time_zone', message: 'Choose a time zone such as America/New_York.' }],
      });
    return this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      if (!(await findTemplate(tx, profile.id, input.templateId))) throw new AppError('not_found', `Template ${input.templateId} does not exist.`);
      const now = this.deps.clock.now();
      // Saving counts from now: times that passed before the schedule (or its change) existed are not missed.
      const values = {
        templateId: input.templateId,
        weekdays: weekdayBits(input.weekdays),
        startMinutes,
        endMinutes,
        timeZone: input.timeZone,
        autoStart: input.autoStart ? 1 : 0,
        enabled: input.enabled ? 1 : 0,
        handledUntil: now,
        updatedAt: now,
      } as const;
      if (input.scheduleId === undefined) {
        await tx
          .insertInto('session_schedule')
          .values({ ...values, userId: profile.id, remindedFor: null, createdAt: now })
          .execute();
      } else {
        const updated = await tx
          .updateTable('session_schedule')
          .set(values)
          .where('id', '=', input.scheduleId)
          .where('userId', '=', profile.id)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) throw new AppError('not_found', `Schedule ${input.scheduleId} does not exist.`);
      }
      return listViews(tx, profile.id, now);
    });
  }

  async remove(scheduleId: number): Promise<ScheduleView[]> {
    return this.deps.storage.write(async (tx) => {
      const profile = await requireActiveProfile(tx);
      const row = await tx.selectFrom('session_schedule').select('id').where('id', '=', scheduleId).where('userId', '=', profile.id).executeTakeFirst();
      if (!row) throw new AppError('not_found', `Schedule ${scheduleId} does not exist.`);
      await tx.deleteFrom('schedule_occurrence').where('scheduleId', '=', scheduleId).execute();
      await tx.deleteFrom('session_schedule').where('id', '=', scheduleId).execute();
      return listViews(tx, profile.id, this.deps.clock.now());
    });
  }

  /** The timer's beat: reminders, planned starts and misses. Reads only, unless something is due. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    const schedules = await this.deps.storage.read.selectFrom('session_schedule').selectAll().where('enabled', '=', 1).execute();
    const due = schedules.filter((s) => occurrencesBetween(specOf(s), s.handledUntil, now).length > 0 || reminderDue(s, now) !== null);
    if (due.length === 0) return;
    const events = await this.deps.storage.write(async (tx) => {
      const out: AppEvent[] = [];
      for (const schedule of due) {
        const fresh = await tx.selectFrom('session_schedule').selectAll().where('id', '=', schedule.id).executeTakeFirst();
        if (fresh && fresh.enabled === 1) out.push(...(await this.handle(tx, fresh, now)));
      }
      return out;
    });
    this.deps.bus.emitAll(events);
  }

  private async handle(tx: WriteTx, schedule: ScheduleRow, now: number): Promise<AppEvent[]> {
    const profile = await findProfile(tx, schedule.userId);
    const template = await findTemplate(tx, schedule.userId, schedule.templateId);
    if (!profile || !template) return [];
    const events: AppEvent[] = [];
    const passed = occurrencesBetween(specOf(schedule), schedule.handledUntil, now);
    let lastMissed: OccurrenceView | null = null;
    for (const [index, occurrence] of passed.entries()) {
      const onTime = index === passed.length - 1 && now - occurrence.start <= ON_TIME_MS && now < occurrence.end;
      const view = onTime
        ? await this.begin(tx, profile, schedule, template.name, configOf(template), occurrence, now)
        : await record(
            tx,
            schedule,
            occurrence,
            'missed',
            null,
            `Planned for ${formatClock(occurrence.start, schedule.timeZone)} (${schedule.timeZone}) while Sessionguard was not running; it was not started late.`,
            now,
          );
      if (view === null) continue;
      if (view.outcome === 'missed') lastMissed = view;
      else events.push({ type: 'schedule', kind: view.outcome, scheduleId: schedule.id, occurrence: view, message: view.message });
    }
    if (lastMissed)
      events.unshift({
        type: 'schedule',
        kind: 'missed',
        scheduleId: schedule.id,
        occurrence: lastMissed,
        message: `“${template.name}”: ${lastMissed.message}`,
      });
    const reminder = reminderDue(schedule, now);
    const changes: { handledUntil?: number; remindedFor?: number } = passed.length > 0 ? { handledUntil: passed.at(-1)!.start } : {};
    if (reminder) {
      changes.remindedFor = reminder.start;
      const what = schedule.autoStart === 1 ? 'starts' : 'is created for you to start';
      events.push({
        type: 'schedule',
        kind: 'reminder',
        scheduleId: schedule.id,
        occurrence: null,
        message: `“${template.name}” ${what} at ${formatClock(reminder.start, schedule.timeZone)} (${schedule.timeZone}), in ${Math.ceil((reminder.start - now) / MINUTE_MS)} minutes.`,
      });
    }
    await tx.updateTable('session_schedule').set(changes).where('id', '=', schedule.id).execute();
    return events;
  }

  /** The planned start itself: the template's session, lasting the window; or why it could not be. */
  private async begin(
    tx: WriteTx,
    profile: ProfileRow,
    schedule: ScheduleRow,
    templateName: string,
    config: ReturnType<typeof configOf>,
    occurrence: Occurrence,
    now: number,
  ): Promise<OccurrenceView | null> {
    const start = schedule.autoStart === 1;
    try {
      const created = await createSessionIn(
        tx,
        profile,
        { ...config, durationMinutes: durationMinutesOf({ start: now, end: occurrence.end }), acknowledgeRisk: true, start },
        now,
        { planned: { templateName } },
      );
      const message = start
        ? `“${templateName}” started as planned, until ${formatClock(occurrence.end, schedule.timeZone)}.`
        : `“${templateName}” is ready to start, as planned.`;
      return record(tx, schedule, occurrence, start ? 'started' : 'created', created.row.id, message, now);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return record(tx, schedule, occurrence, 'blocked', null, `“${templateName}” was not started: ${error.message}`, now);
    }
  }
}

async function record(
  tx: WriteTx,
  schedule: ScheduleRow,
  occurrence: Occurrence,
  outcome: OccurrenceRow['outcome'],
  sessionId: number | null,
  message: string,
  now: number,
): Promise<OccurrenceView | null> {
  const row = await tx
    .insertInto('schedule_occurrence')
    .values({ scheduleId: schedule.id, plannedStart: occurrence.start, plannedEnd: occurrence.end, outcome, sessionId, message, at: now })
    .onConflict((oc) => oc.columns(['scheduleId', 'plannedStart']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? rowToOccurrence(row) : null;
}

function reminderDue(schedule: ScheduleRow, now: number): Occurrence | null {
  const next = nextOccurrence(specOf(schedule), now);
  if (next === null || next.start - now > REMINDER_MS || schedule.remindedFor === next.start) return null;
  return next;
}

function specOf(row: Pick<ScheduleRow, 'weekdays' | 'startMinutes' | 'endMinutes' | 'timeZone'>): ScheduleSpec {
  return { weekdays: row.weekdays, startMinutes: row.startMinutes, endMinutes: row.endMinutes, timeZone: row.timeZone };
}

function rowToOccurrence(row: OccurrenceRow): OccurrenceView {
  return {
    id: row.id,
    scheduleId: row.scheduleId,
    plannedStart: toIso(row.plannedStart),
    plannedEnd: toIso(row.plannedEnd),
    outcome: row.outcome,
    sessionId: row.sessionId,
    message: row.message,
    at: toIso(row.at),
  };
}

async function listViews(db: ReadDb, userId: number, now: number): Promise<ScheduleView[]> {
  const rows = await db
    .selectFrom('session_schedule')
    .innerJoin('session_template', 'session_template.id', 'session_schedule.templateId')
    .selectAll('session_schedule')
    .select('session_template.name as templateName')
    .where('session_schedule.userId', '=', userId)
    .orderBy('session_schedule.id')
    .execute();
  return Promise.all(
    rows.map(async (row) => {
      const next = row.enabled === 1 ? nextOccurrence(specOf(row), now) : null;
      const recent = await db
        .selectFrom('schedule_occurrence')
        .selectAll()
        .where('scheduleId', '=', row.id)
        .orderBy('plannedStart', 'desc')
        .limit(RECENT_SHOWN)
        .execute();
      return {
        id: row.id,
        templateId: row.templateId,
        templateName: row.templateName,
        weekdays: weekdaysOf(row.weekdays),
        start: clockText(row.startMinutes),
        end: clockText(row.endMinutes),
        timeZone: row.timeZone,
        autoStart: row.autoStart === 1,
        enabled: row.enabled === 1,
        next: next && { start: toIso(next.start), end: toIso(next.end) },
        recent: recent.map(rowToOccurrence),
      };
    }),
  );
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
