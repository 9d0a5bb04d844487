import type { BreachNotice } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { formatMoney } from '../format/money-text.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { Clock } from '../time/clock.ts';
import { appendOnceEvent } from './session-events.ts';
import { findSession, rowToSession } from './session-repository.ts';

const ACKNOWLEDGED = 'breach_acknowledged';

/**
 * The breach notice stays until the trader acknowledges it, across reloads and windows: the
 * acknowledgement is an event of the stopped session, kept here in the main process. Only
 * the latest loss-limit stop has a notice; an older one is history.
 */
export class BreachNotices {
  private readonly deps: { storage: Storage; clock: Clock; bus: EventBus };

  constructor(deps: { storage: Storage; clock: Clock; bus: EventBus }) {
    this.deps = deps;
  }

  /** The latest loss-limit stop of the current profile, unless its notice was acknowledged. */
  async current(): Promise<BreachNotice | null> {
    const db = this.deps.storage.read;
    const profile = await findActiveProfile(db);
    if (!profile) return null;
    const latest = await db
      .selectFrom('TradingSession')
      .selectAll()
      .where('userId', '=', profile.id)
      .where('terminationReason', '=', 'loss_limit')
      .orderBy('endTime', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) return null;
    const acknowledged = await db
      .selectFrom('session_event')
      .select('id')
      .where('sessionId', '=', latest.id)
      .where('onceKey', '=', ACKNOWLEDGED)
      .executeTakeFirst();
    if (acknowledged) return null;
    const session = rowToSession(latest);
    return {
      session,
      message: `Session P&L ${formatMoney(session.realizedPnl, profile.currency)} against a loss limit of ${formatMoney(session.lossLimitAmount, profile.currency)}. The session is stopped: stop trading.`,
    };
  }

  /** Records that the trader saw the notice of a loss-limit stop; saying it twice changes nothing. */
  async acknowledge(sessionId: number): Promise<null> {
    const fresh = await this.deps.storage.write(async (tx) => {
      const profile = await findActiveProfile(tx);
      const session = await findSession(tx, sessionId);
      if (!profile || !session || session.userId !== profile.id) throw new AppError('not_found', `Session ${sessionId} does not exist.`);
      if (session.terminationReason !== 'loss_limit')
        throw new AppError('invalid_transition', `Session ${sessionId} was not stopped by the loss limit; it has no breach notice.`);
      return appendOnceEvent(tx, sessionId, ACKNOWLEDGED, ACKNOWLEDGED, this.deps.clock.now());
    });
    if (fresh) this.deps.bus.emit({ type: 'breach_acknowledged', sessionId });
    return null;
  }
}
