import { useCallback, useEffect, useState } from 'react';
import { WARNING_LABELS } from '../../src-main/contract/room-text.ts';
import {
  REASON_LABELS,
  WARNING_KINDS,
  type ProfileView,
  type SessionDetail as Detail,
  type SessionEventView,
  type TradeView,
  type WarningKind,
} from '../../src-main/contract/views.ts';
import { call } from '../api/window-api.ts';
import { AfterWarningTable } from '../charts/AfterWarningTable.tsx';
import { EquityCurve } from '../charts/EquityCurve.tsx';
import { TradeCorrection } from '../components/TradeCorrection.tsx';
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
  breach_acknowledged: 'Breach notice acknowledged',
  cancelled: 'Cancelled',
};

export function SessionDetail({ sessionId, profile }: { sessionId: number; profile: ProfileView }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [correcting, setCorrecting] = useState<TradeView | null>(null);
  const go = useStore((s) => s.go);
  const showError = useStore((s) => s.showError);
  const load = useCallback(() => call('getSessionDetail', { sessionId }).then(setDetail).catch(showError), [sessionId, showError]);
  useEffect(() => void load(), [load]);
  if (!detail) return <p className="muted">Loading…</p>;
  const { session, stats } = detail;
  const dates = spansDays(session.startTime, session.endTime ?? session.plannedEndTime, profile.timeZone, session.durationMinutes);
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
      <h1 id="detail-title">Session of {formatInstant(session.startTime ?? session.createdAt, profile.timeZone)}</h1>
      <p className="muted">
        {formatDuration(session.durationMinutes)} · limit {formatMoney(session.lossLimitAmount, profile.currency)} ({session.lossLimitPercentage} %) ·{' '}
        <span className={`status status-${session.status}`}>{outcomeLabel(session)}</span>
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
      <EquityCurve
        points={detail.equityCurve}
        lossLimitAmount={session.lossLimitAmount}
        currency={profile.currency}
        timeZone={profile.timeZone}
        dates={dates}
      />
      <AfterWarningTable rows={detail.afterWarnings} currency={profile.currency} timeZone={profile.timeZone} />
      <div className="card">
        <h2>Trades</h2>
        <TradeTable
          trades={detail.trades}
          currency={profile.currency}
          timeZone={profile.timeZone}
          caption="Trades of this session, newest first"
          dates={dates}
          onCorrect={setCorrecting}
        />
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
              <time dateTime={e.at}>{formatInstant(e.at, profile.timeZone, 'datetime-seconds')}</time>
              <span>{e.type === 'limit_breached' ? breachLabel(e.payload) : (EVENT_LABELS[e.type] ?? e.type)}</span>
              <span className="muted">{describe(e, profile.currency, profile.timeZone)}</span>
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

const REASON_WORDS: Record<string, string> = { manual: 'by you', loss_limit: 'by the loss limit', time_limit: 'time ran out', not_started: 'never started' };

/** One line about an event, from its type and payload (older payloads may lack a field: it is left out). */
function describe(event: SessionEventView, currency: string, timeZone: string): string {
  const p = event.payload;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const money = (v: unknown) => (typeof v === 'string' ? formatMoney(v, currency) : '');
  const pnl = (v: unknown) => (typeof v === 'string' ? formatMoney(v, currency, { sign: true }) : '');
  switch (event.type) {
    case 'created':
      return [
        typeof p.durationMinutes === 'number' && formatDuration(p.durationMinutes),
        text(p.lossLimitAmount) && `loss limit ${money(p.lossLimitAmount)}${text(p.lossLimitPercentage) ? ` (${String(p.lossLimitPercentage)} %)` : ''}`,
        text(p.balance) && `balance ${money(p.balance)}`,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'started':
      return text(p.plannedEndTime) ? `planned end ${formatInstant(String(p.plannedEndTime), timeZone)}` : '';
    case 'trade_recorded':
    case 'late_trade':
    case 'trade_during_lockout':
      return typeof p.count === 'number' ? `${p.count} ${p.count === 1 ? 'trade' : 'trades'}, ${pnl(p.pnl)}` : '';
    case 'warning_raised': {
      const kind = text(p.kind) ?? '';
      if (!(WARNING_KINDS as readonly string[]).includes(kind)) return kind;
      return `${WARNING_LABELS[kind as WarningKind]}${text(p.used) && !kind.startsWith('time_') ? ` (${String(p.used)} % used)` : ''}`;
    }
    case 'limit_breached':
      if (text(p.reason) && p.reason !== 'loss_limit') return text(p.pnlAtStop) ? `P&L ${pnl(p.pnlAtStop)}` : '';
      return `P&L ${pnl(p.pnlAtStop ?? p.realizedPnl)} against a limit of ${money(p.lossLimitAmount)}`;
    case 'balance_applied':
      return `balance ${money(p.before)} → ${money(p.after)}`;
    case 'trade_voided':
      return [
        typeof p.count === 'number' && `${p.count} ${p.count === 1 ? 'trade' : 'trades'}`,
        text(p.reason),
        text(p.pnlAfter) && `P&L ${pnl(p.pnlBefore)} → ${pnl(p.pnlAfter)}`,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'connector_lost':
    case 'connector_restored':
      return text(p.lastHeartbeatAt) ? `${String(p.source)}, last heartbeat ${formatInstant(String(p.lastHeartbeatAt), timeZone, 'time')}` : '';
    case 'connector_action':
      return `${String(p.account)}: ${String(p.detail ?? '')}`;
    case 'early_end_requested':
    case 'early_end_confirmed':
    case 'early_end_cancelled':
    case 'early_end_lapsed':
    case 'early_end_moot':
      return p.kind === 'stop' ? 'end the session' : 'shorten the lockout';
    default:
      return [
        text(p.reason) &&
          (REASON_WORDS[String(p.reason)] ??
            (String(p.reason) in REASON_LABELS ? REASON_LABELS[String(p.reason) as keyof typeof REASON_LABELS] : String(p.reason).replaceAll('_', ' '))),
        text(p.realizedPnl) && `P&L ${pnl(p.realizedPnl)}`,
      ]
        .filter(Boolean)
        .join(' · ');
  }
}
