import type { ReadDb, SessionRow } from '../storage/tables.ts';
import { tradingDayAt } from '../time/trading-day.ts';
import { ledgerTradesOfSession } from '../trades/trade-repository.ts';
import { dayPnlOf, ledgerContext } from './ledger-context.ts';
import { storedLedgerState } from './ledger-state.ts';
import { roomItems, type RoomItems } from './room-items.ts';
import { EMPTY_LEDGER, runLedger, type LedgerState } from './session-ledger.ts';
import { rulesOf } from './stored-rules.ts';

export type RoomLeft = RoomItems;

/**
 * The room each rule in force leaves a session now (what the tray and `getActiveSession`
 * show): as after its last trade, with the daily loss limit read for today's trading day,
 * which may have begun since, and with what other sessions made in it since.
 */
export async function roomLeftOf(db: ReadDb, session: SessionRow, now: number): Promise<RoomLeft> {
  const rules = rulesOf(session);
  let state = await currentState(db, session);
  const daily = rules.find((rule) => rule.kind === 'daily_loss_limit');
  if (daily) {
    const day = tradingDayAt(now, daily.boundary);
    const own = state.day !== null && state.day.start === day.start ? state.day.pnl : 0n;
    state = { ...state, day: { start: day.start, pnl: own, others: await dayPnlOf(db, session.userId, day, session.id) } };
  }
  return roomItems(rules, state, now);
}

/** The state after the session's last trade: stored, or rebuilt once for a session recorded before the ledger kept it. */
async function currentState(db: ReadDb, session: SessionRow): Promise<LedgerState> {
  const stored = storedLedgerState(session);
  if (stored !== null) return stored;
  const trades = await ledgerTradesOfSession(db, session.id);
  return runLedger({ ...(await ledgerContext(db, session, trades)), from: EMPTY_LEDGER, trades, raised: new Set(), canStop: true, record: 'none' }).state;
}
