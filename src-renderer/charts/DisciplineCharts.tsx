import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { REASON_LABELS, type DisciplineReport, type ProfileView } from '../../src-main/contract/views.ts';
import { WARNING_LABELS } from '../../src-main/contract/room-text.ts';
import { call } from '../api/window-api.ts';
import { compactMoney, formatMoney } from '../format/money.ts';
import { useStore } from '../state/store.ts';
import { ChartCard } from './ChartCard.tsx';

const ENDINGS = { time: 'Time ran out', rule: 'A rule', manual: 'You, early', not_started: 'Never started' } as const;

/** The discipline record and what followed each warning, over the same range as the history above. */
export function DisciplineCharts({ range, profile }: { range: { from?: string; to?: string }; profile: ProfileView }) {
  const showError = useStore((s) => s.showError);
  const [report, setReport] = useState<DisciplineReport | null>(null);
  // The range's bounds, not the object: a caller's new object with the same bounds reads nothing again.
  const { from, to } = range;
  useEffect(() => {
    let current = true;
    call('getDiscipline', { ...(from !== undefined && { from }), ...(to !== undefined && { to }) })
      .then((r) => current && setReport(r))
      .catch(showError);
    return () => {
      current = false;
    };
  }, [from, to, showError]);
  if (!report) return null;
  const money = (v: string) => formatMoney(v, profile.currency, { sign: true });
  const endings = report.sessions === 0 ? [] : report.endings.map((e) => ({ ...e, label: ENDINGS[e.ending] }));
  const warnings = report.afterWarnings.map((w) => ({ ...w, label: WARNING_LABELS[w.kind] }));
  const after90 = report.afterLoss90;
  return (
    <section className="discipline" aria-labelledby="discipline-title">
      <h2 id="discipline-title">Discipline record</h2>
      {after90.sessions > 0 && after90.averagePnlAfter !== null && (
        <p className="summary" data-testid="after-90-headline">
          Sessions where you kept trading after the 90 % warning {after90.averagePnlAfter.startsWith('-') ? 'lost' : 'made'}{' '}
          <strong>{formatMoney(after90.averagePnlAfter.replace(/^-/, ''), profile.currency)}</strong> on average after it ({after90.sessions}{' '}
          {after90.sessions === 1 ? 'session' : 'sessions'}).
        </p>
      )}
      <dl className="discipline-facts" data-testid="discipline-facts">
        <div>
          <dt>Sessions kept, in a row now</dt>
          <dd>
            {report.kept.currentStreak} (longest {report.kept.longestStreak})
          </dd>
        </div>
        <div>
          <dt>Cooldowns respected</dt>
          <dd>
            {report.cooldowns.respected} of {report.cooldowns.total}
            {report.cooldowns.tradesInCooldown > 0 && <span className="muted"> · {report.cooldowns.tradesInCooldown} trades taken in one</span>}
          </dd>
        </div>
        <div>
          <dt>Early-end requests</dt>
          <dd>
            {report.earlyEnds.requested} ({report.earlyEnds.confirmed} confirmed, {report.earlyEnds.cancelled} cancelled, {report.earlyEnds.lapsed} lapsed)
          </dd>
        </div>
        <div>
          <dt>P&L while waiting to end early</dt>
          <dd>{money(report.earlyEnds.pnlWhileWaiting)}</dd>
        </div>
        {report.byRule
          .filter((r) => r.count > 0)
          .map((r) => (
            <div key={r.reason}>
              <dt>Stopped by the {REASON_LABELS[r.reason].toLowerCase()}</dt>
              <dd>{r.count}</dd>
            </div>
          ))}
      </dl>
      <div className="charts">
        <ChartCard
          title="How sessions ended"
          rows={endings}
          empty="No ended sessions yet: each one adds to this record."
          columns={[
            { label: 'Ended by', value: (r) => r.label },
            { label: 'Sessions', value: (r) => String(r.count), numeric: true },
            { label: 'Share', value: (r) => `${r.share ?? '—'} %`, numeric: true },
          ]}
        >
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={endings} layout="vertical">
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="label" width={130} />
              <Tooltip />
              <Bar dataKey="count" isAnimationActive={false}>
                {endings.map((e) => (
                  <Cell key={e.ending} fill={e.ending === 'manual' ? 'var(--loss)' : e.ending === 'not_started' ? 'var(--muted)' : 'var(--gain)'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard
          title="After the warning"
          rows={warnings}
          empty="No warnings yet: what you do after one shows here."
          columns={[
            { label: 'Warning', value: (r) => r.label },
            { label: 'Sessions', value: (r) => String(r.sessions), numeric: true },
            { label: 'Kept trading', value: (r) => String(r.keptTrading), numeric: true },
            { label: 'Avg P&L after', value: (r) => (r.averagePnlAfter === null ? '—' : money(r.averagePnlAfter)), numeric: true },
            { label: 'Avg trades after', value: (r) => r.averageTradesAfter ?? '—', numeric: true },
            { label: 'Avg minutes to end', value: (r) => r.averageMinutesToEnd ?? '—', numeric: true },
          ]}
        >
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={warnings}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" interval={0} angle={-20} textAnchor="end" height={60} />
              <YAxis tickFormatter={(v: number) => compactMoney(v, profile.currency)} width={96} />
              <ReferenceLine y={0} stroke="var(--muted)" />
              <Tooltip
                formatter={(_v: unknown, _n: unknown, item: { payload?: { averagePnlAfter: string | null } }) =>
                  [
                    item.payload?.averagePnlAfter === null || item.payload?.averagePnlAfter === undefined ? '—' : money(item.payload.averagePnlAfter),
                    'Avg P&L after',
                  ] as [string, string]
                }
              />
              <Bar dataKey="value" isAnimationActive={false}>
                {warnings.map((w) => (
                  <Cell key={w.kind} fill={w.value < 0 ? 'var(--loss)' : 'var(--gain)'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      </div>
    </section>
  );
}
