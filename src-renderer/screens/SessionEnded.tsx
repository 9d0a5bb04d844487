import type { ProfileView, SessionView } from '../../src-main/contract/views.ts';
import { Countdown } from '../components/Countdown.tsx';
import { EarlyEnd } from '../components/rules/EarlyEnd.tsx';
import { RulesHeld } from '../components/rules/RulesHeld.tsx';
import { StopReason } from '../components/StopReason.tsx';
import { TradeTable } from '../components/TradeTable.tsx';
import { formatMoney, signOf } from '../format/money.ts';
import { endedBecause, endedTitle } from '../format/session-text.ts';
import { formatDuration, formatInstant } from '../format/time.ts';
import { useStore, type Lockout } from '../state/store.ts';

interface Props {
  /** The session that ended; null while a reload is still fetching it. */
  session: SessionView | null;
  /** The lockout its stop started, if any; `running` follows the main process's clock. */
  lockout: Lockout | null;
  running: boolean;
  profile: ProfileView;
}

/**
 * After a session ends: its result, what ended it and the rules it was held to, then the
 * lockout as a countdown to when trading may resume. When the lockout is over (or there was
 * none) the screen says so and offers the next session's setup.
 */
export function SessionEnded({ session, lockout, running, profile }: Props) {
  const offset = useStore((s) => s.clockOffsetMs);
  const dismiss = useStore((s) => s.dismissEnded);
  const lockoutTrades = useStore((s) => s.lockoutTrades);
  const currency = profile.currency;
  const money = (v: string) => formatMoney(v, currency);
  const ownLockout = lockout !== null && session !== null && lockout.sessionId === session.id ? lockout : null;
  const lockoutShown = running ? lockout : ownLockout;

  return (
    <section className="ended" aria-labelledby="ended-title">
      <h1 id="ended-title">{session ? endedTitle(session) : 'Sessions are locked'}</h1>
      <div className="grid">
        {session && (
          <div className="card hero" data-testid="ended-result">
            <div className="label">Result</div>
            <div className={`big-number pnl pnl-${signOf(session.realizedPnl)}`} data-testid="ended-pnl">
              {formatMoney(session.realizedPnl, currency, { sign: true })}
            </div>
            <div className="meter-note">
              {session.sessionPerformancePercentage ?? '0.00'} % of the balance · {session.totalTrades} {session.totalTrades === 1 ? 'trade' : 'trades'} ·{' '}
              {session.winningTrades} won, {session.losingTrades} lost
            </div>
            {session.terminationReason && <StopReason reason={session.terminationReason} message={endedBecause(session, currency)} />}
          </div>
        )}
        <div className={`card hero lockout${running ? ' lockout-running' : ''}`} data-testid="lockout">
          {running && lockoutShown ? (
            <>
              <div className="label">Trading may resume in</div>
              <Countdown deadline={lockoutShown.until} clockOffsetMs={offset} />
              <div className="meter-note">
                At {formatInstant(lockoutShown.until, profile.timeZone)}. You committed to stop for this long; a running lockout is never lifted at once.
              </div>
              {session?.id === lockoutShown.sessionId && session.terminationReason !== 'daily_loss_limit' && session.rules.coolOffMinutes > 0 && (
                <EarlyEnd
                  sessionId={session.id}
                  kind="shorten_lockout"
                  coolOffMinutes={session.rules.coolOffMinutes}
                  timeZone={profile.timeZone}
                  clockOffsetMs={offset}
                />
              )}
            </>
          ) : (
            <>
              <div className="label">{lockoutShown ? 'Lockout over' : 'Next session'}</div>
              <p className="resume" data-testid="lockout-over">
                {lockoutShown
                  ? `The lockout ended at ${formatInstant(lockoutShown.until, profile.timeZone)}. You may trade again.`
                  : 'When you are ready, commit to the next session.'}
              </p>
              <div>
                <button type="button" className="primary big" onClick={dismiss}>
                  Set up the next session
                </button>
              </div>
            </>
          )}
        </div>
      </div>
      {lockoutShown && lockoutTrades.length > 0 && (
        <div className="card" data-testid="lockout-trades">
          <h2>Recorded during the lockout</h2>
          <TradeTable trades={lockoutTrades} currency={currency} timeZone={profile.timeZone} caption="Trades recorded during the lockout" dates />
        </div>
      )}
      {session && (
        <div className="card" data-testid="ended-rules">
          <h2>The rules you committed to</h2>
          <dl className="stat-list">
            <div>
              <dt>Duration</dt>
              <dd>{formatDuration(session.durationMinutes)}</dd>
            </div>
            <div>
              <dt>Loss limit</dt>
              <dd>
                {money(session.lossLimitAmount)} ({session.lossLimitPercentage} % of {money(session.balanceAtCreation)})
              </dd>
            </div>
            <div>
              <dt>Started</dt>
              <dd>{formatInstant(session.startTime, profile.timeZone)}</dd>
            </div>
            <div>
              <dt>Ended</dt>
              <dd>
                {formatInstant(session.endTime, profile.timeZone)}
                {session.actualDurationMinutes !== null && ` (${session.actualDurationMinutes} min)`}
              </dd>
            </div>
            <RulesHeld rules={session.rules} currency={currency} />
          </dl>
        </div>
      )}
    </section>
  );
}
