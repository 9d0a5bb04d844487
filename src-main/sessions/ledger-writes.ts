import type { AppEvent } from '../contract/events.ts';
import type { WarningKind } from '../contract/views.ts';
import { bigToMoneyString, microsToMoneyString } from '../money/money.ts';
import type { ProfileRow, SessionRow, WriteTx } from '../storage/tables.ts';
import { ledgerColumns } from './ledger-state.ts';
import { performanceOf, ruleUsedPercent } from './ledger-view.ts';
import { stopMessage, warningMessage } from './rule-messages.ts';
import type { LedgerOutcome, LedgerTrade, LedgerWarning } from './session-ledger.ts';
import { appendOnceEvent, appendEvent } from './session-events.ts';
import { endSession } from './session-ending.ts';
import { rowToSession, updateSessionFigures } from './session-repository.ts';

type TradeRef = Pick<LedgerTrade, 'id' | 'seq'>;

export interface WrittenOutcome {
  session: SessionRow;
  /** Warnings raised now (each once per session). */
  warnings: WarningKind[];
  breached: boolean;
  /** To emit after the transaction commits. */
  events: AppEvent[];
}

/**
 * Writes what the ledger said about a session, in the caller's transaction: the statistics
 * and the ledger state, then for an active session the warnings (once each) and the stop
 * with its alert. Recording and corrections both end here, so a rule holds whatever path
 * a trade took. `idOf` gives the stored id of a ledger trade (new trades have none yet in the
 * outcome; null for the stand-in of a session with no trade, see `runDayChange`). A stop by trades
 * outside the session names them (`outsideTradeIds`, the first 50) beside its last trade (`tradeId`).
 */
export async function writeLedgerOutcome(
  tx: WriteTx,
  profile: ProfileRow,
  session: SessionRow,
  outcome: LedgerOutcome,
  idOf: (trade: TradeRef) => number | null,
  now: number,
  outsideTradeIds: readonly number[] = [],
): Promise<WrittenOutcome> {
  const lastId = outcome.state.last === null ? null : idOf(outcome.state.last);
  let updated = await updateSessionFigures(tx, session.id, {
    ...ledgerColumns(outcome.state, lastId),
    sessionPerformancePercentage: performanceOf(session, outcome.state),
    updatedAt: now,
  });
  const written: WrittenOutcome = { session: updated, warnings: [], breached: false, events: [] };
  if (session.status !== 'active') return written;

  const fresh: LedgerWarning[] = [];
  for (const warning of outcome.warnings) {
    const used = ruleUsedPercent(warning.rule, warning.at.state);
    const extra =
      warning.kind === 'cooldown'
        ? { until: new Date(warning.at.state.cooldownUntil!).toISOString() }
        : warning.kind === 'large_loss'
          ? { pnl: bigToMoneyString(warning.at.trade.pnl) }
          : {};
    if (
      await appendOnceEvent(tx, session.id, 'warning_raised', warning.key, now, {
        kind: warning.kind,
        rule: warning.rule.kind,
        used,
        tradeId: idOf(warning.at.trade),
        ...extra,
      })
    ) {
      written.warnings.push(warning.kind);
      fresh.push(warning);
    }
  }
  if (outcome.stop) {
    const stop = outcome.stop;
    await appendEvent(tx, session.id, 'limit_breached', now, {
      rule: stop.rule.kind,
      reason: stop.reason,
      tradeId: idOf(stop.at.trade),
      ...(stop.outside && { outsideTradeIds: outsideTradeIds.slice(0, 50) }),
      realizedPnl: microsToMoneyString(updated.realizedPnl),
      pnlAtStop: bigToMoneyString(stop.at.state.pnl),
      lossLimitAmount: microsToMoneyString(session.lossLimitAmount),
    });
    const ending = await endSession(tx, updated, profile, { status: 'stopped', reason: stop.reason, endTime: now, now });
    updated = ending.session;
    const view = rowToSession(updated);
    written.session = updated;
    written.breached = true;
    written.events.push({ type: 'breach', reason: stop.reason, session: view, message: stopMessage(stop, profile.currency) });
    written.events.push(...ending.events);
  } else if (fresh.length > 0) {
    const view = rowToSession(updated);
    for (const warning of mostUrgentPerRule(fresh))
      written.events.push({ type: 'warning', kind: warning.kind, session: view, message: warningMessage(warning, profile.currency, profile.timeZone) });
  }
  return written;
}

/**
 * Several thresholds of one rule crossed at once are all logged; the trader is told the most
 * urgent of each rule. A cooldown or a large loss is told every time it happens.
 */
function mostUrgentPerRule(warnings: readonly LedgerWarning[]): LedgerWarning[] {
  const told = new Map<string, LedgerWarning>();
  for (const warning of warnings) told.set(warning.kind === 'cooldown' || warning.kind === 'large_loss' ? warning.key : warning.rule.kind, warning);
  return [...told.values()];
}
