import type { RoomLeftItem, WarningKind } from './views.ts';

/**
 * One line per rule in force, the same words in the tray tooltip, the tab title and the active
 * screen. Only words: the figures come computed from the core, and each shell formats money its way.
 */
export function roomText(item: RoomLeftItem, money: (amount: string) => string): string {
  switch (item.measure) {
    case 'loss_left':
      return `${item.usedPercentage} % of the loss limit used, ${money(item.left)} left`;
    case 'daily_loss_left':
      return `Daily loss limit: ${money(item.left)} left (${item.usedPercentage} % used)`;
    case 'above_floor':
      return item.rule === 'profit_target'
        ? `Locked floor ${money(item.floor ?? '0')}: ${money(item.left)} above it`
        : `Floor ${money(item.floor ?? '0')}: ${money(item.left)} above it`;
    case 'to_target':
      return `${money(item.left)} to the profit target`;
    case 'trades_left':
      return `${item.left} ${item.left === '1' ? 'trade' : 'trades'} left`;
    case 'losses_left':
      return `${item.left} more ${item.left === '1' ? 'loss' : 'losses'} in a row reach the losing-streak rule`;
    case 'per_trade':
      return `At most ${money(item.left)} lost on one trade`;
    case 'cooldown_left':
      return `Cooling down: ${item.left} min left`;
  }
}

/** What the rule is called, for the active screen's labels. */
export const ROOM_LABELS: Record<RoomLeftItem['rule'], string> = {
  loss_limit: 'Loss limit',
  daily_loss_limit: 'Daily loss limit',
  trailing_drawdown: 'Trailing drawdown',
  losing_streak: 'Losing streak',
  trade_cap: 'Trade cap',
  profit_target: 'Profit target',
  largest_loss: 'Largest single loss',
  cooldown: 'Cooldown',
};

/** How each warning reads in history and analytics. */
export const WARNING_LABELS: Record<WarningKind, string> = {
  loss_50: 'Loss limit 50 %',
  loss_75: 'Loss limit 75 %',
  loss_90: 'Loss limit 90 %',
  daily_50: 'Daily limit 50 %',
  daily_75: 'Daily limit 75 %',
  daily_90: 'Daily limit 90 %',
  drawdown_50: 'Drawdown 50 %',
  drawdown_75: 'Drawdown 75 %',
  drawdown_90: 'Drawdown 90 %',
  trades_50: 'Trade cap 50 %',
  trades_75: 'Trade cap 75 %',
  trades_90: 'Trade cap 90 %',
  giveback_50: 'Giveback 50 %',
  giveback_75: 'Giveback 75 %',
  giveback_90: 'Giveback 90 %',
  time_15: '15 minutes left',
  time_5: '5 minutes left',
  cooldown: 'Cooldown',
  large_loss: 'Large single loss',
};
