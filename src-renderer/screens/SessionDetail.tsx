import { useEffect, useState } from 'react';
import { WARNING_LABELS } from '../../src-main/contract/room-text.ts';
import { REASON_LABELS, WARNING_KINDS, type ProfileView, type SessionDetail as Detail, type TradeView, type WarningKind } from '../../src-main/contract/views.ts';
import { call } from '../api/window-api.ts';
import { AfterWarningTable } from '../charts/AfterWarningTable.tsx';
import { EquityCurve } from '../charts/EquityCurve.tsx';
import { TradeCorrection } from '../components/TradeCorrection.tsx';
import { TradeTable } from '../components/TradeTable.tsx';
import { formatMoney, signOf } from '../format/money.ts';
import { formatDuration, formatInstant } from '../format/time.ts';
import { useStore } from '../state/store.ts';

const EVENT_LABELS: Record<string, string> = {
  created: 'Created',
  started: 'Started',
  trade_recorded: 'Trades recorded',
  late_trade: 'Late trades recorded',
  warning_raised: 'Warning',
  early_end_requested: 'Asked to end early',
  early_end_confirmed: 'Early end confirmed',
  early_end_cancelled: 'Early end cancelled',
  early_end_lapsed: 'Early end lapsed',
  early_end_moot: 'Early end no longer needed',
  lockout_shortened: 'Lockout shortened',
  stopped: 'Stopped',
  completed: 'Completed',
  expired: 'Expired',
  balance_applied: 'Balance updated',
  trade_voided: 'Trade voided',
  trade_during_lockout: 'Trade during the lockout',
  clock_changed: 'Clock changed',
  connector_lost: 'Platform connector lost',
  connector_restored: 'Platform connector back',
  connector_action: 'Lock enforced in the platform',
};

export function SessionDetail({ sessionId, profile }: { sessionId: number; profile: ProfileView }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [correcting, setCorrecting] = useState<TradeView | null>(null);
  const go = useStore((s) => s.go);
  const showError = useStore((s) => s.showError);
  const load = () => call('getSessionDetail', { sessionId }).then(setDetail).catch(showError);
  useEffect(() => void load(), [sessionId]);
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
        {formatDuration(session.durationMinutes)} · limit {formatMoney(session.lossLimitAmount, profile.currency)} ({session.lossLimitPercentage} %) · <span className={`status status-${session.status}`}>{session.status}</span>
        {session.terminationReason && ` (${REASON_LABELS[session.terminationReason].toLowerCase()})`}
        {session.rules.templateName && ` · from “${session.rules.templateName}”`}
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
      <EquityCurve points={detail.equityCurve} lossLimitAmount={session.lossLimitAmount} currency={profile.currency} timeZone={profile.timeZone} />
      <AfterWarningTable rows={detail.afterWarnings} currency={profile.currency} timeZone={profile.timeZone} />
      <div className="card">
        <h2>Trades</h2>
        <TradeTable trades={detail.trades} currency={profile.currency} timeZone={profile.timeZone} caption="Trades of this session, newest first" onCorrect={setCorrecting} />
        {correcting && (
          <TradeCorrection
            trade={correcting}
            currency={profile.currency}
            onCancel={() => setCorrecting(null)}
            onDone={() => {
              setCorrecting(null);
              void load();
            }}
          />
        )}
      </div>
      <div className="card">
        <h2>Timeline</h2>
        <ol className="timeline" data-testid="timeline">
          {detail.events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatInstant(e.at, profile.timeZone)}</time>
              <span>{e.type === 'limit_breached' ? breachLabel(e.payload) : (EVENT_LABELS[e.type] ?? e.type)}</span>
              <span className="muted">{describe(e.payload, profile.currency, profile.timeZone)}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/** Which rule stopped the session; a stop recorded before the other rules existed was the loss limit's. */
function breachLabel(payload: Record<string, unknown>): string {
  const reason = typeof payload.reason === 'string' && payload.reason in REASON_LABELS ? (payload.reason as keyof typeof REASON_LABELS) : 'loss_limit';
  return reason === 'loss_limit' ? 'Loss limit breached' : `${REASON_LABELS[reason]} reached`;
}

function describe(payload: Record<string, unknown>, currency: string, timeZone: string): string {
  const money = (v: unknown) => (typeof v === 'string' ? formatMoney(v, currency) : '');
  if (typeof payload.source === 'string' && typeof payload.detail === 'string') return `${String(payload.account)}: ${payload.detail}`;
  if (typeof payload.source === 'string' && typeof payload.lastHeartbeatAt === 'string') return `${payload.source}, last heartbeat ${formatInstant(payload.lastHeartbeatAt, timeZone, 'time')}`;
  if (typeof payload.pnlAtStop === 'string') return `P&L ${money(payload.pnlAtStop)}`;
  if (typeof payload.kind === 'string' && (WARNING_KINDS as readonly string[]).includes(payload.kind)) return `${WARNING_LABELS[payload.kind as WarningKind]}${typeof payload.used === 'string' && !payload.kind.startsWith('time_') ? ` (${payload.used} % used)` : ''}`;
  if (typeof payload.kind === 'string') return payload.kind === 'stop' ? 'end the session' : 'shorten the lockout';
  if (typeof payload.reason === 'string' && payload.reason in REASON_LABELS) return REASON_LABELS[payload.reason as keyof typeof REASON_LABELS];
  if (typeof payload.reason === 'string') return payload.reason;
  if (typeof payload.count === 'number') return `${payload.count} trade${payload.count === 1 ? '' : 's'}, ${money(payload.pnl)}`;
  if (typeof payload.after === 'string') return `balance ${money(payload.before)} → ${money(payload.after)}`;
  if (typeof payload.lossLimitAmount === 'string') return `P&L ${money(payload.realizedPnl)}, limit ${money(payload.lossLimitAmount)}`;
  return '';
}
