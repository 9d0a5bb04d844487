import { useEffect, useState } from 'react';
import type { AppErrorData } from '../../../src-main/contract/errors.ts';
import type { ProfileView, ScheduleView, TemplateView } from '../../../src-main/contract/views.ts';
import { call, errorData } from '../../api/window-api.ts';
import { errorFor, Field } from '../../components/Field.tsx';
import { formatInstant, timeZoneChoices } from '../../format/time.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const OUTCOMES = { started: 'Started', created: 'Created, ready to start', missed: 'Missed', blocked: 'Not started' } as const;

/**
 * Plans sessions from templates: weekdays and a window in a zone. At the planned time the app
 * creates the session (and starts it, if chosen) and reminds 5 minutes before; a time missed
 * while the app was closed is listed here, never started late.
 */
export function Schedules({ profile }: { profile: ProfileView }) {
  const [templates, setTemplates] = useState<TemplateView[]>([]);
  const [schedules, setSchedules] = useState<ScheduleView[]>([]);
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [start, setStart] = useState('09:30');
  const [end, setEnd] = useState('11:30');
  const [timeZone, setTimeZone] = useState(profile.timeZone);
  const [autoStart, setAutoStart] = useState(true);
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    void Promise.all([call('listTemplates', {}), call('listSchedules', {})])
      .then(([t, s]) => {
        setTemplates(t);
        setSchedules(s);
        setTemplateId((current) => current ?? t[0]?.id ?? null);
      })
      .catch((e: unknown) => setError(errorData(e)));
  }, []);

  const update = async (work: Promise<ScheduleView[]>) => {
    try {
      setSchedules(await work);
      setError(null);
    } catch (e) {
      setError(errorData(e));
    }
  };
  const toggleDay = (day: number) => setWeekdays(weekdays.includes(day) ? weekdays.filter((d) => d !== day) : [...weekdays, day].sort());
  const fe = error?.fieldErrors;

  return (
    <section className="schedules" aria-labelledby="schedules-title">
      <h1 id="schedules-title">Schedules</h1>
      {schedules.length === 0 ? (
        <p className="muted card">No schedule yet. Plan a template below.</p>
      ) : (
        schedules.map((s) => (
          <div key={s.id} className="card" data-testid={`schedule-${s.id}`}>
            <div className="card-head">
              <h2>
                {s.templateName}: {s.weekdays.map((d) => WEEKDAYS[d - 1]).join(', ')} {s.start}–{s.end} ({s.timeZone})
              </h2>
              <button
                type="button"
                onClick={() =>
                  void update(
                    call('saveSchedule', {
                      scheduleId: s.id,
                      templateId: s.templateId,
                      weekdays: s.weekdays,
                      start: s.start,
                      end: s.end,
                      timeZone: s.timeZone,
                      autoStart: s.autoStart,
                      enabled: !s.enabled,
                    }),
                  )
                }
              >
                {s.enabled ? 'Pause' : 'Resume'}
              </button>
              <button type="button" className="link" onClick={() => void update(call('deleteSchedule', { scheduleId: s.id }))}>
                Remove
              </button>
            </div>
            <p className="muted">
              {s.autoStart ? 'Starts by itself' : 'Created for you to start'} ·{' '}
              {s.next ? `next ${formatInstant(s.next.start, profile.timeZone)}` : s.enabled ? 'no time in the coming week' : 'paused'}
            </p>
            {s.recent.length > 0 && (
              <ul className="plain" aria-label="Recent planned times">
                {s.recent.map((o) => (
                  <li key={o.id} className={o.outcome === 'missed' || o.outcome === 'blocked' ? 'occurrence-missed' : undefined} data-outcome={o.outcome}>
                    {formatInstant(o.plannedStart, profile.timeZone)}: {OUTCOMES[o.outcome]} — {o.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))
      )}
      <form
        className="card narrow"
        aria-label="New schedule"
        onSubmit={(e) => {
          e.preventDefault();
          if (templateId !== null) void update(call('saveSchedule', { templateId, weekdays, start, end, timeZone, autoStart, enabled: true }));
        }}
      >
        <h2>Plan a template</h2>
        {templates.length === 0 ? (
          <p className="muted">Save a template in the session setup first.</p>
        ) : (
          <>
            <Field label="Template" error={errorFor(fe, 'templateId')}>
              {(p) => (
                <select {...p} value={templateId ?? ''} onChange={(e) => setTemplateId(Number(e.target.value))}>
                  {templates.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <fieldset className="weekdays" aria-label="Weekdays">
              {WEEKDAYS.map((label, i) => (
                <label key={label}>
                  <input type="checkbox" checked={weekdays.includes(i + 1)} onChange={() => toggleDay(i + 1)} />
                  {label}
                </label>
              ))}
            </fieldset>
            <div className="row">
              <Field label="From" error={errorFor(fe, 'start')}>
                {(p) => <input {...p} type="time" value={start} onChange={(e) => setStart(e.target.value)} />}
              </Field>
              <Field label="To" error={errorFor(fe, 'end')}>
                {(p) => <input {...p} type="time" value={end} onChange={(e) => setEnd(e.target.value)} />}
              </Field>
            </div>
            <Field label="Time zone of the window" error={errorFor(fe, 'timeZone')}>
              {(p) => (
                <select {...p} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
                  {timeZoneChoices(profile.timeZone).map((z) => (
                    <option key={z}>{z}</option>
                  ))}
                </select>
              )}
            </Field>
            <label className="check">
              <input type="checkbox" checked={autoStart} onChange={(e) => setAutoStart(e.target.checked)} />
              Start the session by itself at the planned time
            </label>
            <div className="actions">
              <button type="submit" className="primary" disabled={weekdays.length === 0}>
                Add schedule
              </button>
            </div>
          </>
        )}
        {error && !fe && (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        )}
      </form>
    </section>
  );
}
