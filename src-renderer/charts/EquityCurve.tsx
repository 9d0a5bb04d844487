import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EquityPoint } from '../../src-main/contract/views.ts';
import { compactMoney, formatMoney } from '../format/money.ts';
import { formatInstant, formatInZone } from '../format/time.ts';
import { ChartCard } from './ChartCard.tsx';
import { CHART_MARGIN, niceTicks } from './nice-ticks.ts';

/** The session's P&L trade by trade, with the loss limit as a dashed line below. */
export function EquityCurve({
  points,
  lossLimitAmount,
  currency,
  timeZone,
  dates = false,
}: {
  points: EquityPoint[];
  lossLimitAmount: string;
  currency: string;
  timeZone: string;
  dates?: boolean;
}) {
  const data = points.map((p) => ({
    ...p,
    label: formatInZone(p.at, timeZone, dates ? 'datetime' : 'time'),
    when: formatInstant(p.at, timeZone, dates ? 'datetime-seconds' : 'time'),
  }));
  const limit = -Number(lossLimitAmount);
  // Round ticks over the curve and the limit line, zero on one of them.
  const ticks = niceTicks([...points.map((p) => p.value), limit]);
  return (
    <ChartCard
      title="Equity curve"
      rows={data.filter((p) => p.tradeId !== null)}
      empty="No trades in this session, so there is no curve to draw."
      columns={[
        { label: 'Time', value: (r) => r.when },
        { label: 'Cumulative P&L', value: (r) => formatMoney(r.pnl, currency, { sign: true }), numeric: true },
      ]}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" minTickGap={24} />
          <YAxis tickFormatter={(v: number) => compactMoney(v, currency)} width={96} ticks={ticks} domain={[ticks[0]!, ticks.at(-1)!]} interval={0} />
          <ReferenceLine y={0} stroke="var(--muted)" />
          <ReferenceLine
            y={limit}
            stroke="var(--loss)"
            strokeDasharray="6 4"
            label={{ value: `Loss limit ${formatMoney(`-${lossLimitAmount}`, currency)}`, position: 'insideBottomLeft', fill: 'var(--loss)' }}
          />
          <Tooltip
            formatter={(_v: unknown, _n: unknown, item: { payload?: EquityPoint }) =>
              [formatMoney(item.payload?.pnl ?? '0', currency, { sign: true }), 'P&L'] as [string, string]
            }
          />
          <Line dataKey="value" stroke="var(--accent)" strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
