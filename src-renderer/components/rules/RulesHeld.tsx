import type { SessionRulesView } from '../../../src-main/contract/views.ts';
import { formatMoney } from '../../format/money.ts';

/** The rules beyond the loss limit a session was held to, as rows of a definition list. */
export function RulesHeld({ rules, currency }: { rules: SessionRulesView; currency: string }) {
  const money = (v: string) => formatMoney(v, currency);
  const rows: Array<[string, string]> = [];
  if (rules.dailyLossLimit)
    rows.push(['Daily loss limit', `${money(rules.dailyLossLimit.amount)}, the day from ${rules.dailyLossLimit.boundary} ${rules.dailyLossLimit.timeZone}`]);
  if (rules.trailingDrawdown) rows.push(['Trailing drawdown', `${money(rules.trailingDrawdown.amount)} below the peak`]);
  if (rules.profitTarget)
    rows.push([
      'Profit target',
      `${money(rules.profitTarget.amount)}, ${rules.profitTarget.lockGivebackPercent === null ? 'then stop' : `then keep ${100 - rules.profitTarget.lockGivebackPercent} % of the peak`}`,
    ]);
  if (rules.tradeCap) rows.push(['Trade cap', `${rules.tradeCap.trades} trades`]);
  if (rules.losingStreak)
    rows.push([
      'Losing streak',
      `${rules.losingStreak.losses} in a row: ${rules.losingStreak.stop ? 'stop' : `cool down ${rules.losingStreak.cooldownMinutes} min`}`,
    ]);
  if (rules.largestLoss) rows.push(['Largest single loss', `warn above ${money(rules.largestLoss.amount)}`]);
  if (rules.coolOffMinutes > 0) rows.push(['Ending early', `wait ${rules.coolOffMinutes} min, then confirm`]);
  if (rules.templateName) rows.push(['Template', rules.templateName]);
  return (
    <>
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </>
  );
}
