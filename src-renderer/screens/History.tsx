import { lazy, Suspense, startTransition, useEffect, useMemo, useState } from 'react';
import type { RequestOf } from '../../src-main/contract/channels.ts';
import {
  REASON_LABELS,
  TERMINATION_REASONS,
  type HistoryPage,
  type Overview,
  type ProfileView,
  type SessionStatus,
  type TerminationReason,
} from '../../src-main/contract/views.ts';
import { call } from '../api/window-api.ts';
import { DisciplineCharts } from '../charts/DisciplineCharts.tsx';
import { PnlCalendar } from '../charts/PnlCalendar.tsx';
import { Pager } from '../components/Pager.tsx';
import { formatMoney, signOf } from '../format/money.ts';
import { outcomeLabel } from '../format/session-text.ts';
import { formatDuration, formatInstant } from '../format/time.ts';
import { useStore } from '../state/store.ts';

// The charts (recharts) load after the table, which shows as soon as its page arrives.
const OverviewCharts = lazy(() => import('../charts/OverviewCharts.tsx').then((m) => ({ default: m.OverviewCharts })));

type Filters = RequestOf<'getHistory'>;
const STATUSES: SessionStatus[] = ['active', 'pending', 'completed', 'stopped', 'expired'];
const REASONS: Array<{ value: TerminationReason; label: string }> = TERMINATION_REASONS.map((value) => ({ value, label: REASON_LABELS[value] }));
const PAGE_SIZE = 25;

/** Local midnight of a yyyy-mm-dd date in the profile's zone, as an instant. */
function zonedMidnight(date: string, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess - (shown - guess)).toISOString();
}

export function History({ profile }: { profile: ProfileView }) {
  const go = useStore((s) => s.go);
  const showError = useStore((s) => s.showError);
  const [status, setStatus] = useState<SessionStatus | ''>('');
  const [reason, setReason] = useState<TerminationReason | ''>('');
  const [duration, setDuration] = useState<number | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sort, setSort] = useState<NonNullable<Filters['sort']>>('start');
  const [direction, setDirection] = useState<'asc' | 'desc'>('desc');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<HistoryPage | null>(null);
  const [overview, setOverview] = useState<Overview | null>(null);

  // Built from the filters' values, so that they change (and the lists reload) only when a filter does.
  const range = useMemo(
    () => ({
      ...(from && { from: zonedMidnight(from, profile.timeZone) }),
      ...(to && { to: zonedMidnight(new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), profile.timeZone) }),
    }),
    [from, to, profile.timeZone],
  );
  // The list, the totals and the charts all describe exactly the sessions these select.
  const selection = useMemo<RequestOf<'getOverview'>>(
    () => ({
      ...(status && { statuses: [status] }),
      ...(reason && { reasons: [reason] }),
      ...(duration !== '' && { durations: [duration] }),
      ...range,
    }),
    [status, reason, duration, range],
  );
  const request = useMemo<Filters>(() => ({ ...selection, sort, direction, page, pageSize: PAGE_SIZE }), [selection, sort, direction, page]);
  useEffect(() => {
    let current = true;
    call('getHistory', request)
      .then((r) => current && setResult(r))
      .catch(showError);
    // The charts are the heavy render (recharts: most of this screen's main-thread time in a
    // Chromium profile); as a transition they yield to the table's first page.
    call('getOverview', selection)
      .then((o) => current && startTransition(() => setOverview(o)))
      .catch(showError);
    return () => {
      current = false;
    };
  }, [request, selection, showError]);

  const change =
    <T,>(setter: (v: T) => void) =>
    (value: T) => {
      setter(value);
      setPage(1);
    };

  return (
    <section className="history" aria-labelledby="history-title">
      <h1 id="history-title">History</h1>
      {overview && (
        <dl className="stats" data-testid="history-totals">
          <div>
            <dt>Sessions</dt>
            <dd>{overview.sessions}</dd>
          </div>
          <div>
            <dt>Total P&L</dt>
            <dd className={`pnl pnl-${signOf(overview.totalPnl)}`}>{formatMoney(overview.totalPnl, profile.currency, { sign: true })}</dd>
          </div>
          <div>
            <dt>Stopped by the limit</dt>
            <dd>
              {overview.lossLimitStops} {overview.lossLimitStopRate !== null && <span className="muted">({overview.lossLimitStopRate} %)</span>}
            </dd>
          </div>
        </dl>
      )}
      <form className="filters card" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={status} onChange={(e) => change(setStatus)(e.target.value as SessionStatus | '')} data-testid="filter-status">
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Ended by
          <select value={reason} onChange={(e) => change(setReason)(e.target.value as TerminationReason | '')} data-testid="filter-reason">
            <option value="">Anything</option>
            {REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Duration
          <select value={duration} onChange={(e) => change(setDuration)(e.target.value === '' ? '' : Number(e.target.value))} data-testid="filter-duration">
            <option value="">Any</option>
            {[60, 240, 1440, 10080].map((d) => (
              <option key={d} value={d}>
                {formatDuration(d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={from} onChange={(e) => change(setFrom)(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => change(setTo)(e.target.value)} />
        </label>
        <label>
          Sort by
          <select value={sort} onChange={(e) => change(setSort)(e.target.value as typeof sort)} data-testid="sort">
            <option value="start">Start</option>
            <option value="pnl">P&L</option>
            <option value="performance">Performance</option>
          </select>
        </label>
        <button
          type="button"
          onClick={() => change(setDirection)(direction === 'desc' ? 'asc' : 'desc')}
          aria-label={direction === 'desc' ? 'Descending; switch to ascending' : 'Ascending; switch to descending'}
        >
          {direction === 'desc' ? '↓ Newest / highest first' : '↑ Oldest / lowest first'}
        </button>
      </form>
      <div className="card">
        {result === null ? (
          <p className="muted">Loading…</p>
        ) : result.items.length === 0 ? (
          <p className="empty">No sessions match these filters.</p>
        ) : (
          <table className="table clickable" data-testid="history-table">
            <caption className="sr-only">Sessions</caption>
            <thead>
              <tr>
                <th scope="col">Start</th>
                <th scope="col">Duration</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Trades
                </th>
                <th scope="col" className="num hide-narrow">
                  Limit
                </th>
                <th scope="col" className="num">
                  P&L
                </th>
                <th scope="col" className="num">
                  Perf.
                </th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((s) => (
                <tr
                  key={s.id}
                  tabIndex={0}
                  onClick={() => go({ name: 'detail', sessionId: s.id })}
                  onKeyDown={(e) => e.key === 'Enter' && go({ name: 'detail', sessionId: s.id })}
                  aria-label={`Open session ${s.id}`}
                >
                  <td className="nowrap">
                    <time dateTime={s.startTime ?? s.createdAt}>{formatInstant(s.startTime ?? s.createdAt, profile.timeZone)}</time>
                  </td>
                  <td className="nowrap">{formatDuration(s.durationMinutes)}</td>
                  <td className="nowrap">
                    <span className={`status status-${s.status}`}>{outcomeLabel(s)}</span>
                  </td>
                  <td className="num">{s.totalTrades}</td>
                  <td className="num hide-narrow">{formatMoney(s.lossLimitAmount, profile.currency)}</td>
                  <td className={`num pnl pnl-${signOf(s.realizedPnl)}`}>{formatMoney(s.realizedPnl, profile.currency, { sign: true })}</td>
                  <td className="num">{s.sessionPerformancePercentage ?? '—'} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {result && <Pager page={page} total={result.total} pageSize={result.pageSize} noun="session" onPage={setPage} />}
      </div>
      <PnlCalendar profile={profile} />
      <Suspense fallback={null}>{overview && <OverviewCharts overview={overview} profile={profile} />}</Suspense>
      <DisciplineCharts range={range} profile={profile} />
    </section>
  );
}
