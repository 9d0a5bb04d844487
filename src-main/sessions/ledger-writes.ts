import type { AppEvent } from '../contract/events.ts';
import type { WarningKind } from '../contract/views.ts';
import { formatMoney } from '../format/money-text.ts';
import { bigToDecimal, microsToMoneyString, toMoneyString } from '../money/money.ts';
import type { ProfileRow, SessionRow, WriteTx } from '../storage/tables.ts';
import { ledgerColumns } from './ledger-state.ts';
import { performanceOf, ruleUsedPercent } from './ledger-view.ts';
import type { LedgerOutcome, LedgerTrade } from './session-ledger.ts';

type TradeRef = Pick<LedgerTrade, 'id' | 'seq'>;
import { appendOnceEvent, appendEvent } from './session-events.ts';
import { endSession } from './session-ending.ts';
import { rowToSession, updateSession } from './session-repository.ts';

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
 * a trade took. `idOf` gives the stored id of a ledger trade (new trades have none yet in the outcome).
 */
export async function writeLedgerOutcome(tx: WriteTx, profile: ProfileRow, session: SessionRow, outcome: LedgerOutcome, idOf: (trade: TradeRef) => number, now: number): Promise<WrittenOutcome> {
  const lastId = outcome.state.last === null ? null : idOf(outcome.state.last);
  let updated = await updateSession(tx, session.id, {
    ...ledgerColumns(outcome.state, lastId),
    sessionPerformancePercentage: performanceOf(session, outcome.state),
    updatedAt: now,
  });
  const written: WrittenOutcome = { session: updated, warnings: [], breached: false, events: [] };
  if (session.status !== 'active') return written;

  for (const warning of outcome.warnings) {
    const used = ruleUsedPercent(warning.rule, warning.at.state);
    if (await appendOnceEvent(tx, session.id, 'warning_raised', warning.kind, now, { kind: warning.kind, used, tradeId: idOf(warning.at.trade) })) written.warnings.push(warning.kind);
  }
  if (outcome.stop) {
    const stop = outcome.stop;
    await appendEvent(tx, session.id, 'limit_breached', now, {
      rule: stop.rule.kind,
      tradeId: idOf(stop.at.trade),
      realizedPnl: microsToMoneyString(updated.realizedPnl),
      pnlAtStop: toMoneyString(bigToDecimal(stop.at.state.pnl)),
      lossLimitAmount: microsToMoneyString(session.lossLimitAmount),
    });
    const ending = await endSession(tx, updated, profile, { status: 'stopped', reason: stop.reason, endTime: now, now });
    updated = ending.session;
    const view = rowToSession(updated);
    written.session = updated;
    written.breached = true;
    written.events.push({ type: 'breach', session: view, message: `Session P&L ${formatMoney(view.realizedPnl, profile.currency)} against a loss limit of ${formatMoney(view.lossLimitAmount, profile.currency)}. The session is stopped: stop trading.` });
    written.events.push(...ending.events);
  } else if (written.warnings.length > 0) {
    // Several thresholds crossed at once: all are logged, the trader is told the most urgent.
    const kind = written.warnings.at(-1)!;
    const view = rowToSession(updated);
    written.events.push({ type: 'warning', kind, session: view, message: lossWarningMessage(kind, view.realizedPnl, view.lossLimitAmount, profile.currency) });
  }
  return written;
}

function lossWarningMessage(kind: WarningKind, pnl: string, limit: string, currency: string): string {
  const share = kind === 'loss_50' ? '50' : kind === 'loss_75' ? '75' : '90';
  return `${share} % of the loss limit used: session P&L ${formatMoney(pnl, currency)} against a limit of ${formatMoney(limit, currency)}.`;
}
