import { useEffect, useState } from 'react';
import type { DailyPnlView, ProfileView } from '../../src-main/contract/views.ts';
import { call } from '../api/window-api.ts';
import { count, formatMoney, signOf } from '../format/money.ts';
import { useStore } from '../state/store.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "2026-03" of the month an instant falls in, in the zone. */
function monthOf(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(ms);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Monday-first weekday (0 to 6) of a yyyy-mm-dd date, as a calendar date (no zone involved). */
function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** Realized P&L by day, a month at a time, in the profile's zone (all trades, in a session or not). */
export function PnlCalendar({ profile }: { profile: ProfileView }) {
  const showError = useStore((s) => s.showError);
  const offset = useStore((s) => s.clockOffsetMs);
  const [month, setMonth] = useState(() => monthOf(Date.now() - offset, profile.timeZone));
  const [view, setView] = useState<DailyPnlView | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the main process buckets the days in the profile's zone, so a change of zone reads the month again.
  useEffect(() => {
    let current = true;
    call('getDailyPnl', { month })
      .then((v) => current && setView(v))
      .catch(showError);
    return () => {
      current = false;
    };
  }, [month, profile.timeZone, showError]);

  const title = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  // A blank cell is keyed by its place before the first day or after the last one, a day by its date.
  const lead = view ? weekdayOf(view.days[0]!.date) : 0;
  const cells: Array<{ key: string; day: DailyPnlView['days'][number] | null }> = view
    ? [...Array.from({ length: lead }, (_, n) => ({ key: `before-${n}`, day: null })), ...view.days.map((day) => ({ key: day.date, day }))]
    : [];
  for (let n = 0; cells.length % 7 !== 0; n++) cells.push({ key: `after-${n}`, day: null });
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));

  return (
    <figure className="card chart calendar" aria-labelledby="calendar-title" data-testid="pnl-calendar">
      <div className="card-head">
        <figcaption id="calendar-title">Daily P&L · {title}</figcaption>
        <button type="button" className="link" onClick={() => setMonth(shiftMonth(month, -1))} aria-label="Previous month">
          ← Previous
        </button>
        <button type="button" className="link" onClick={() => setMonth(shiftMonth(month, 1))} aria-label="Next month">
          Next →
        </button>
      </div>
      {view && (
        <>
          <table className="calendar-grid">
            <thead>
              <tr>
                {WEEKDAYS.map((d) => (
                  <th key={d} scope="col">
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week[0]!.key}>
                  {week.map(({ key, day }) =>
                    day === null ? (
                      <td key={key} className="calendar-empty" />
                    ) : (
                      <td
                        key={key}
                        className={day.trades > 0 ? `calendar-day pnl-day-${signOf(day.pnl)}` : 'calendar-day'}
                        data-date={day.date}
                        aria-label={
                          day.trades > 0
                            ? `${day.date}: ${formatMoney(day.pnl, profile.currency, { sign: true })}, ${count(day.trades, 'trade')}`
                            : `${day.date}: no trades`
                        }
                      >
                        <span className="calendar-date">{Number(day.date.slice(8))}</span>
                        {day.trades > 0 && (
                          <>
                            <span className={`calendar-pnl pnl pnl-${signOf(day.pnl)}`}>{formatMoney(day.pnl, profile.currency, { sign: true })}</span>
                            <span className="calendar-trades">{count(day.trades, 'trade')}</span>
                          </>
                        )}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="meter-note">
            {title}: {formatMoney(view.total, profile.currency, { sign: true })} over {count(view.trades, 'trade')}, days in {profile.timeZone}.
          </p>
        </>
      )}
    </figure>
  );
}
