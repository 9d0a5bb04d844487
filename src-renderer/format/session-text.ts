import { REASON_LABELS, RULE_REASONS, type SessionView } from '../../src-main/contract/views.ts';
import { formatMoney } from './money.ts';
import { formatDuration } from './time.ts';

/** The heading of a session that ended, by how it ended. */
export function endedTitle(session: SessionView): string {
  if (session.status === 'expired' && session.terminationReason === 'manual') return 'Session cancelled';
  const reason = session.terminationReason;
  if (reason !== null && (RULE_REASONS as readonly string[]).includes(reason)) return `The ${REASON_LABELS[reason].toLowerCase()} stopped the session`;
  if (session.status === 'stopped') return 'Session stopped';
  if (session.status === 'completed') return 'Session complete';
  return 'Session expired';
}

/** The sentence beside the termination reason, for the reasons sessions have today. */
export function endedBecause(session: SessionView, currency: string): string {
  const pnl = formatMoney(session.realizedPnl, currency, { sign: true });
  switch (session.terminationReason) {
    case 'loss_limit':
      return `Session P&L ${pnl} reached the loss limit of ${formatMoney(session.lossLimitAmount, currency)}.`;
    case 'manual':
      return `You ended it${session.actualDurationMinutes === null ? '' : ` after ${session.actualDurationMinutes} min`} of the ${formatDuration(session.durationMinutes)} planned.`;
    case 'not_started':
      return 'It expired 24 hours after it was created.';
    case 'trailing_drawdown':
      return `Session P&L ${pnl} fell to the floor, ${formatMoney(session.rules.trailingDrawdown?.amount ?? '0', currency)} below its peak.`;
    case 'profit_target':
      return session.rules.profitTarget?.lockGivebackPercent == null
        ? `Session P&L ${pnl} reached the profit target: you took the win.`
        : `Session P&L ${pnl} gave back ${session.rules.profitTarget.lockGivebackPercent} % of its peak after the target.`;
    case 'trade_cap':
      return `Trade ${session.totalTrades} was the last of the ${session.rules.tradeCap?.trades ?? session.totalTrades} you allowed.`;
    case 'losing_streak':
      return `${session.rules.losingStreak?.losses ?? ''} losing trades in a row ended it.`;
    case 'daily_loss_limit':
      return `The day's P&L reached the daily loss limit of ${formatMoney(session.rules.dailyLossLimit?.amount ?? '0', currency)}; new sessions wait for the next trading day.`;
    default:
      return session.status === 'completed'
        ? `The ${formatDuration(session.durationMinutes)} you planned are over.`
        : 'Its planned end passed while Sessionguard was not running.';
  }
}

/** The "session ended" notice: how it ended and its P&L with its sign, as the rest of the page shows P&L. */
export function endedNotice(session: SessionView, currency: string): string {
  if (session.terminationReason === 'not_started') return 'The session was never started and expired after 24 hours.';
  if (session.startTime === null) return `${endedTitle(session)} before it started.`;
  return `${endedTitle(session)}: P&L ${formatMoney(session.realizedPnl, currency, { sign: true })}.`;
}

/** How a session stands or ended, in one or two words (a history row's badge). */
export function outcomeLabel(session: Pick<SessionView, 'status' | 'terminationReason'>): string {
  switch (session.status) {
    case 'pending':
      return 'Ready';
    case 'active':
      return 'Running';
    case 'completed':
      return 'Completed';
    case 'stopped':
      return session.terminationReason === null ? 'Stopped' : REASON_LABELS[session.terminationReason];
    default:
      return session.terminationReason === 'manual' ? 'Cancelled' : session.terminationReason === 'not_started' ? 'Never started' : 'Expired';
  }
}
