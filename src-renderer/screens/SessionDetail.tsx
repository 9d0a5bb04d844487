import { useEffect, useState } from 'react';
import type { ProfileView, SessionDetail as Detail, SessionEventView } from '../../src-main/contract/views.ts';
import { call } from '../api/window-api.ts';
import { EquityCurve } from '../charts/EquityCurve.tsx';
import { TradeTable } from '../components/TradeTable.tsx';
import { formatMoney, signOf } from '../format/money.ts';
import { outcomeLabel } from '../format/session-text.ts';
import { formatDuration, formatInstant, spansDays } from '../format/time.ts';
import { useStore } from '../state/store.ts';

const EVENT_LABELS: Record<string, string> = {
  created: 'Created',
  started: 'Started',
  trade_recorded: 'Trades recorded',
  late_trade: 'Late trades recorded',
  warning_raised: 'Warning',
  limit_breached: 'Loss limit breached',
  stopped: 'Stopped',
  completed: 'Completed',
  expired: 'Expired',
  balance_applied: 'Balance updated',
  breach_acknowledged: 'Breach notice acknowledged',
  cancelled: 'Cancelled',
};

export function SessionDetail({ sessionId, profile }: { sessionId: number; profile: ProfileView }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const go = useStore((s) => s.go);
  const showError = useStore((s) => s.showError);
  useEffect(() => {
    call('getSessionDetail', { sessionId }).then(setDetail).catch(showError);
  }, [sessionId]);
  if (!detail) return <p className="muted">Loading…</p>;
  const { session, stats } = detail;
  const money = (v: string | null) => (v === null ? '—' : formatMoney(v, profile.currency, { sign: true }));
  const rows: Array<[string, string]> = [
    ['Trades', String(stats.trades)],
    ['Wins / losses / even', `${stats.wins} / ${stats.losses} / ${stats.breakeven}`],
    ['Win rate', stats.winRate === null ? '—' : `${stats.winRate} %`],
    ['Gross profit', money(stats.grossProfit)],
    ['Gross loss', money(stats.grossLoss)],
    ['Fees', formatMoney(stats.fees, profile.currency)],
    ['Profit factor', stats.profitFactor ?? '—'],
    ['Average win', money(stats.averageWin)],
    ['Average loss', money(stats.averageLoss)],
    ['Largest win', money(stats.largestWin)],
    ['Largest loss', money(stats.largestLoss)],
    ['Max drawdown', formatMoney(stats.maxDrawdown, profile.currency)],
    ['Expectancy per trade', money(stats.expectancy)],
  ];
  return (
    <section className="detail" aria-labelledby="detail-title">
      <button type="button" className="link" onClick={() => go({ name: 'history' })}>
        ← History
      </button>
      <h1 id="detail-title">
        Session of {formatInstant(session.startTime ?? session.createdAt, profile.timeZone)}
      </h1>
      <p className="muted">
        {formatDuration(session.durationMinutes)} · limit {formatMoney(session.lossLimitAmount, profile.currency)} ({session.lossLimitPercentage} %) · <span className={`status status-${session.status}`}>{outcomeLabel(session)}</span>
        {session.actualDurationMinutes !== null && ` after ${session.actualDurationMinutes} min`}
      </p>
      <div className="grid">
        <div className="card hero">
          <div className="label">Net P&L</div>
          <div className={`big-number pnl pnl-${signOf(session.realizedPnl)}`}>{money(session.realizedPnl)}</div>
          <div className="meter-note">{session.sessionPerformancePercentage ?? '0.00'} % of the balance at start</div>
        </div>
        <dl className="card stat-list" data-testid="detail-stats">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <EquityCurve points={detail.equityCurve} lossLimitAmount={session.lossLimitAmount} currency={profile.currency} timeZone={profile.timeZone} dates={spansDays(session.startTime, session.endTime ?? session.plannedEndTime, profile.timeZone, session.durationMinutes)} />
      <div className="card">
        <h2>Trades</h2>
        <TradeTable trades={detail.trades} currency={profile.currency} timeZone={profile.timeZone} caption="Trades of this session, newest first" dates={spansDays(session.startTime, session.endTime ?? session.plannedEndTime, profile.timeZone, session.durationMinutes)} />
      </div>
      <div className="card">
        <h2>Timeline</h2>
        <ol className="timeline" data-testid="timeline">
          {detail.events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatInstant(e.at, profile.timeZone, 'datetime-seconds')}</time>
              <span>{EVENT_LABELS[e.type] ?? e.type}</span>
              <span className="muted">{describe(e, profile.currency, profile.timeZone)}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

const REASON_WORDS: Record<string, string> = { manual: 'by you', loss_limit: 'by the loss limit', time_limit: 'time ran out', not_started: 'never started' };

/** One line about an event, from its type and payload (older payloads may lack a field: it is left out). */
function describe(event: SessionEventView, currency: string, timeZone: string): string {
  const p = event.payload;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const money = (v: unknown) => (typeof v === 'string' ? formatMoney(v, currency) : '');
  const pnl = (v: unknown) => (typeof v === 'string' ? formatMoney(v, currency, { sign: true }) : '');
  switch (event.type) {
    case 'created':
      return [typeof p.durationMinutes === 'number' && formatDuration(p.durationMinutes), text(p.lossLimitAmount) && `loss limit ${money(p.lossLimitAmount)}${text(p.lossLimitPercentage) ? ` (${String(p.lossLimitPercentage)} %)` : ''}`, text(p.balance) && `balance ${money(p.balance)}`].filter(Boolean).join(' · ');
    case 'started':
      return text(p.plannedEndTime) ? `planned end ${formatInstant(String(p.plannedEndTime), timeZone)}` : '';
    case 'trade_recorded':
    case 'late_trade':
      return typeof p.count === 'number' ? `${p.count} ${p.count === 1 ? 'trade' : 'trades'}, ${pnl(p.pnl)}` : '';
    case 'warning_raised': {
      const kind = text(p.kind) ?? '';
      if (kind.startsWith('time_')) return `${kind.slice(5)} minutes left`;
      return `${kind.slice(5)} % of the limit reached${text(p.used) ? ` (${String(p.used)} % used)` : ''}`;
    }
    case 'limit_breached':
      return `P&L ${pnl(p.realizedPnl)} against a limit of ${money(p.lossLimitAmount)}`;
    case 'balance_applied':
      return `balance ${money(p.before)} → ${money(p.after)}`;
    default:
      return [text(p.reason) && (REASON_WORDS[String(p.reason)] ?? String(p.reason).replaceAll('_', ' ')), text(p.realizedPnl) && `P&L ${pnl(p.realizedPnl)}`].filter(Boolean).join(' · ');
  }
}
