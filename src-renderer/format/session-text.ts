import type { SessionView } from '../../src-main/contract/views.ts';
import { formatMoney } from './money.ts';
import { formatDuration } from './time.ts';

/** The heading of a session that ended, by how it ended. */
export function endedTitle(session: SessionView): string {
  if (session.status === 'expired' && session.terminationReason === 'manual') return 'Session cancelled';
  if (session.terminationReason === 'loss_limit') return 'The loss limit stopped the session';
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
    default:
      return session.status === 'completed' ? `The ${formatDuration(session.durationMinutes)} you planned are over.` : 'Its planned end passed while Sessionguard was not running.';
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
      return session.terminationReason === 'loss_limit' ? 'Loss limit' : 'Stopped by you';
    default:
      return session.terminationReason === 'manual' ? 'Cancelled' : session.terminationReason === 'not_started' ? 'Never started' : 'Expired';
  }
}
