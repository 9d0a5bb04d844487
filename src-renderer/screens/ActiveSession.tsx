import { useState } from 'react';
import type { ProfileView, SessionView } from '../../src-main/contract/views.ts';
import { call } from '../api/window-api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { LimitBar } from '../components/LimitBar.tsx';
import { EarlyEnd } from '../components/rules/EarlyEnd.tsx';
import { RoomLeftPanel } from '../components/rules/RoomLeftPanel.tsx';
import { useTabTitle } from '../components/rules/use-tab-title.ts';
import { TimeProgress } from '../components/TimeProgress.tsx';
import { useDeadlinePassed } from '../hooks/use-deadline.ts';
import { TradeEntry } from '../components/TradeEntry.tsx';
import { TradeTable } from '../components/TradeTable.tsx';
import { formatMoney, signOf } from '../format/money.ts';
import { formatDuration, formatInstant, spansDays } from '../format/time.ts';
import { usePnlSummary } from '../hooks/use-pnl-summary.ts';
import { useStore } from '../state/store.ts';

/** The screen a trader glances at all day: time left, loss limit used, P&L. */
export function ActiveSession({ session, profile }: { session: SessionView; profile: ProfileView }) {
  const trades = useStore((s) => s.trades);
  const offset = useStore((s) => s.clockOffsetMs);
  const applySession = useStore((s) => s.applySession);
  const showError = useStore((s) => s.showError);
  const [confirming, setConfirming] = useState(false);
  const summary = usePnlSummary();
  const currency = profile.currency;
  // The figures are as of the last trade; a cooldown that ran out since is dropped here, at its end.
  const cooledDown = useDeadlinePassed(session.cooldownUntil, offset);
  const cooling = session.cooldownUntil !== null && !cooledDown;
  const roomLeft = cooling ? session.roomLeft : session.roomLeft.filter((item) => item.rule !== 'cooldown');
  useTabTitle(roomLeft[0], currency);

  const act = async (work: () => Promise<SessionView>) => {
    try {
      applySession(await work());
    } catch (e) {
      showError(e);
    }
  };

  if (session.status === 'pending') {
    return (
      <section className="active" aria-labelledby="session-title">
        <h1 id="session-title">Session ready</h1>
        <div className="card hero">
          <p>
            {formatDuration(session.durationMinutes)}, loss limit {formatMoney(session.lossLimitAmount, currency)} ({session.lossLimitPercentage} %).
          </p>
          <p className="muted">It expires unstarted at {formatInstant(session.pendingExpiresAt, profile.timeZone)}.</p>
          <div className="row-actions">
            <button type="button" className="primary big" onClick={() => void act(() => call('startSession', { sessionId: session.id }))}>
              Start session
            </button>
            <button type="button" onClick={() => setConfirming(true)}>
              Cancel session
            </button>
          </div>
        </div>
        {confirming && (
          <ConfirmDialog
            title="Cancel this session?"
            message="It was never started, so nothing was traded in it. It ends now; you can set up another one."
            confirmLabel="Cancel session"
            cancelLabel="Keep it"
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              void act(() => call('cancelSession', { sessionId: session.id }));
            }}
          />
        )}
      </section>
    );
  }

  return (
    <section className="active" aria-labelledby="session-title">
      <div className="active-head">
        <h1 id="session-title">{cooling ? 'Cooling down' : 'Session running'}</h1>
        {session.rules.coolOffMinutes > 0 ? (
          <EarlyEnd sessionId={session.id} kind="stop" coolOffMinutes={session.rules.coolOffMinutes} timeZone={profile.timeZone} clockOffsetMs={offset} />
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Stop session
          </button>
        )}
      </div>
      <div className="grid">
        <div className="card hero">
          <div className="label">Time left</div>
          <Countdown deadline={session.plannedEndTime!} clockOffsetMs={offset} />
          <TimeProgress start={session.startTime!} end={session.plannedEndTime!} clockOffsetMs={offset} />
          <div className="meter-note">
            Ends {formatInstant(session.plannedEndTime, profile.timeZone)} · {formatDuration(session.durationMinutes)}
          </div>
        </div>
        <div className="card hero">
          <div className="label">Session P&L</div>
          <div className={`big-number pnl pnl-${signOf(session.realizedPnl)}`} data-testid="session-pnl">
            {formatMoney(session.realizedPnl, currency, { sign: true })}
          </div>
          <LimitBar
            usedPercentage={session.lossLimitUsedPercentage}
            remaining={session.lossLimitRemaining}
            limit={session.lossLimitAmount}
            currency={currency}
          />
        </div>
      </div>
      <RoomLeftPanel items={roomLeft} currency={currency} clockOffsetMs={offset} />
      <dl className="stats">
        <div>
          <dt>Performance</dt>
          <dd className={`pnl pnl-${signOf(session.sessionPerformancePercentage ?? '0')}`}>{session.sessionPerformancePercentage ?? '0.00'} %</dd>
        </div>
        <div>
          <dt>Trades</dt>
          <dd data-testid="trade-count">{session.totalTrades}</dd>
        </div>
        <div>
          <dt>Win rate</dt>
          <dd>{session.winRate === null ? '—' : `${session.winRate} %`}</dd>
        </div>
        <div>
          <dt>Wins / losses</dt>
          <dd>
            {session.winningTrades} / {session.losingTrades}
          </dd>
        </div>
        <div data-testid="pnl-today">
          <dt>Today</dt>
          <dd className={summary ? `pnl pnl-${signOf(summary.today.pnl)}` : undefined}>
            {summary ? formatMoney(summary.today.pnl, currency, { sign: true }) : '…'}
          </dd>
        </div>
        <div data-testid="pnl-week">
          <dt>This week</dt>
          <dd className={summary ? `pnl pnl-${signOf(summary.week.pnl)}` : undefined}>
            {summary ? formatMoney(summary.week.pnl, currency, { sign: true }) : '…'}
          </dd>
        </div>
      </dl>
      <TradeEntry currency={currency} />
      <div className="card">
        <h2>Trades</h2>
        <TradeTable
          trades={trades}
          currency={currency}
          timeZone={profile.timeZone}
          caption="Trades of this session, newest first"
          dates={spansDays(session.startTime, session.plannedEndTime, profile.timeZone, session.durationMinutes)}
        />
      </div>
      {confirming && (
        <ConfirmDialog
          title="Stop the session?"
          message={`The session ends now with a P&L of ${formatMoney(session.realizedPnl, currency, { sign: true })}. This can't be undone.`}
          confirmLabel="Stop session"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void act(() => call('stopSession', { sessionId: session.id }));
          }}
        />
      )}
    </section>
  );
}
