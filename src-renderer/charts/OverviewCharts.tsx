import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Overview, ProfileView } from '../../src-main/contract/views.ts';
import { compactMoney, formatMoney } from '../format/money.ts';
import { formatInZone } from '../format/time.ts';
import { ChartCard } from './ChartCard.tsx';
import { CHART_MARGIN, niceTicks } from './nice-ticks.ts';

const GAIN = 'var(--gain)';
const LOSS = 'var(--loss)';
/** Axis props for round ticks over the values, zero among them, so the zero line is labelled $0. */
function roundAxis(values: number[]) {
  const ticks = niceTicks(values);
  return { ticks, domain: [ticks[0]!, ticks.at(-1)!] as [number, number], interval: 0 as const };
}
const OUTCOME_LABELS = {
  completed: 'Completed',
  stopped_manual: 'Stopped by you',
  stopped_loss_limit: 'Stopped by the limit',
  stopped_other_rule: 'Stopped by another rule',
  expired: 'Expired',
  open: 'Open',
} as const;

/** Charts of the whole record; numbers come exact from the main process, `value` is only for drawing. */
export function OverviewCharts({ overview, profile }: { overview: Overview; profile: ProfileView }) {
  const money = (v: string) => formatMoney(v, profile.currency, { sign: true });
  const axisMoney = (v: number) => compactMoney(v, profile.currency);
  const perSession = overview.perSession.map((p) => ({ ...p, label: formatInZone(p.start, profile.timeZone, 'date') }));
  // The running total starts from zero, so even one session draws a line.
  const cumulative = perSession.length === 0 ? [] : [{ label: 'Start', cumulativeValue: 0, cumulative: '0.00' }, ...perSession];
  const outcomes = overview.byOutcome.filter((o) => o.count > 0).map((o) => ({ ...o, label: OUTCOME_LABELS[o.outcome] }));
  const weekdays = overview.byWeekday;
  const hours = overview.byHour.filter((h) => h.sessions > 0);
  const hourRows = overview.byHour;
  const countTicks = niceTicks(
    outcomes.map((o) => o.count),
    { integers: true },
  );
  const tooltipMoney = (value: unknown, _name: unknown, item: { payload?: { pnl?: string; cumulative?: string } }) =>
    [money(item.payload?.cumulative ?? item.payload?.pnl ?? String(value)), 'P&L'] as [string, string];

  return (
    <div className="charts">
      <ChartCard
        title="P&L per session"
        rows={perSession}
        empty="No ended sessions yet: each one adds a bar here."
        columns={[
          { label: 'Session start', value: (r) => r.label },
          { label: 'P&L', value: (r) => money(r.pnl), numeric: true },
        ]}
      >
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={perSession} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={24} />
            <YAxis tickFormatter={axisMoney} width={96} {...roundAxis(perSession.map((p) => p.value))} />
            <ReferenceLine y={0} stroke="var(--muted)" />
            <Tooltip formatter={tooltipMoney} />
            <Bar dataKey="value" isAnimationActive={false}>
              {perSession.map((p) => (
                <Cell key={p.sessionId} fill={p.value < 0 ? LOSS : GAIN} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title="Cumulative P&L"
        rows={perSession}
        empty="The running total appears after your first ended session."
        columns={[
          { label: 'Session start', value: (r) => r.label },
          { label: 'Cumulative P&L', value: (r) => money(r.cumulative), numeric: true },
        ]}
      >
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={cumulative} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={24} />
            <YAxis tickFormatter={axisMoney} width={96} {...roundAxis(perSession.map((p) => p.cumulativeValue))} />
            <ReferenceLine y={0} stroke="var(--muted)" />
            <Tooltip formatter={tooltipMoney} />
            <Line dataKey="cumulativeValue" stroke="var(--accent)" dot={false} strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title="Sessions by outcome"
        rows={outcomes}
        empty="No sessions yet."
        columns={[
          { label: 'Outcome', value: (r) => r.label },
          { label: 'Sessions', value: (r) => String(r.count), numeric: true },
        ]}
      >
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={outcomes} layout="vertical" margin={CHART_MARGIN}>
            <XAxis type="number" allowDecimals={false} ticks={countTicks} domain={[0, countTicks.at(-1)!]} interval={0} />
            <YAxis type="category" dataKey="label" width={150} />
            <Tooltip />
            <Bar dataKey="count" isAnimationActive={false}>
              {outcomes.map((o) => (
                <Cell
                  key={o.outcome}
                  fill={o.outcome === 'stopped_loss_limit' || o.outcome === 'stopped_other_rule' ? LOSS : o.outcome === 'completed' ? GAIN : 'var(--accent)'}
                />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title="P&L by weekday"
        rows={weekdays.some((d) => d.sessions > 0) ? weekdays : []}
        empty="Weekdays fill in as sessions end."
        columns={[
          { label: 'Weekday', value: (r) => r.label },
          { label: 'Sessions', value: (r) => String(r.sessions), numeric: true },
          { label: 'P&L', value: (r) => money(r.pnl), numeric: true },
        ]}
      >
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={weekdays} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" />
            <YAxis tickFormatter={axisMoney} width={96} {...roundAxis(weekdays.map((d) => d.value))} />
            <ReferenceLine y={0} stroke="var(--muted)" />
            <Tooltip formatter={tooltipMoney} />
            <Bar dataKey="value" isAnimationActive={false}>
              {weekdays.map((d) => (
                <Cell key={d.weekday} fill={d.value < 0 ? LOSS : GAIN} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title="P&L by hour of start"
        rows={hours}
        empty="Hours fill in as sessions end."
        columns={[
          { label: 'Hour', value: (r) => `${String(r.hour).padStart(2, '0')}:00` },
          { label: 'Sessions', value: (r) => String(r.sessions), numeric: true },
          { label: 'P&L', value: (r) => money(r.pnl), numeric: true },
        ]}
      >
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={overview.byHour} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="hour" tickFormatter={(h: number) => `${h}h`} interval={2} />
            <YAxis tickFormatter={axisMoney} width={96} {...roundAxis(hourRows.map((h) => h.value))} />
            <ReferenceLine y={0} stroke="var(--muted)" />
            <Tooltip formatter={tooltipMoney} labelFormatter={(h) => `${h}:00`} />
            <Bar dataKey="value" isAnimationActive={false}>
              {overview.byHour.map((h) => (
                <Cell key={h.hour} fill={h.value < 0 ? LOSS : GAIN} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}
