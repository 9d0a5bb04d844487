import { formatMoney } from '../format/money-text.ts';
import { formatClock } from '../format/time-text.ts';
import { bigToMoneyString } from '../money/money.ts';
import { dayPnl, ruleRoom, type LedgerStop, type LedgerWarning } from './session-ledger.ts';

/** The sentences the trader reads when a rule warns or stops a session (banner, tray notification, OS notification). */
type Money = (micros: bigint) => string;

function moneyIn(currency: string): Money {
  return (micros) => formatMoney(bigToMoneyString(micros), currency);
}

export function warningMessage(warning: LedgerWarning, currency: string, timeZone: string): string {
  const money = moneyIn(currency);
  const { rule, at } = warning;
  const state = at.state;
  const share = warning.kind.split('_')[1];
  switch (rule.kind) {
    case 'loss_limit':
      return `${share} % of the loss limit used: session P&L ${money(state.pnl)} against a limit of ${money(rule.amount)}.`;
    case 'daily_loss_limit':
      return `${share} % of the daily loss limit used: the day's P&L ${money(dayPnl(state))} against a limit of ${money(rule.amount)}.`;
    case 'trailing_drawdown':
      return `${share} % of the trailing drawdown used: P&L ${money(state.pnl)}, floor ${money(state.peak - rule.amount)} (${money(rule.amount)} below the peak of ${money(state.peak)}).`;
    case 'trade_cap':
      return `${share} % of the trade cap used: ${state.trades} of ${rule.trades} trades.`;
    case 'profit_target':
      return `${share} % of the giveback you allowed is used: P&L ${money(state.pnl)}, locked floor ${money(ruleRoom(rule, state).floor ?? 0n)} (peak ${money(state.peak)}).`;
    case 'losing_streak':
      return `${rule.losses} losing trades in a row: cooling down until ${formatClock(state.cooldownUntil ?? at.trade.closedAt, timeZone)}. Trades taken before then are recorded and flagged.`;
    case 'largest_loss':
      return `One trade lost ${money(-at.trade.pnl)}, more than the ${money(rule.amount)} you allow for a single trade.`;
  }
}

export function stopMessage(stop: LedgerStop, currency: string): string {
  const money = moneyIn(currency);
  const { rule } = stop;
  const state = stop.at.state;
  switch (rule.kind) {
    case 'loss_limit':
      return `Session P&L ${money(state.pnl)} against a loss limit of ${money(rule.amount)}. The session is stopped: stop trading.`;
    case 'daily_loss_limit':
      return `The day's P&L ${money(dayPnl(state))} reached the daily loss limit of ${money(rule.amount)}. The session is stopped and new sessions are locked until the next trading day.`;
    case 'trailing_drawdown':
      return `P&L ${money(state.pnl)} fell to the trailing floor of ${money(state.peak - rule.amount)}, ${money(rule.amount)} below the peak of ${money(state.peak)}. The session is stopped: stop trading.`;
    case 'trade_cap':
      return `Trade ${state.trades} of ${rule.trades}: the trade cap stopped the session. Stop trading.`;
    case 'profit_target':
      return rule.lockGivebackPercent === null
        ? `Profit target of ${money(rule.amount)} reached (P&L ${money(state.pnl)}). The session is stopped: take the win.`
        : `P&L ${money(state.pnl)} gave back ${rule.lockGivebackPercent} % of its peak of ${money(state.peak)}: the floor locked by the profit target stopped the session.`;
    case 'losing_streak':
      return `${rule.losses} losing trades in a row: the session is stopped. Stop trading.`;
    case 'largest_loss':
      return `One trade lost more than ${money(rule.amount)}.`;
  }
}
