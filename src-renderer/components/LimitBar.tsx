import { formatMoney } from '../format/money.ts';

/** The bar's colour by share of the limit used: calm below half, then amber, orange, red. */
export function limitLevel(usedPercentage: string): 'ok' | 'amber' | 'orange' | 'red' {
  const used = Number(usedPercentage);
  if (used >= 90) return 'red';
  if (used >= 75) return 'orange';
  if (used >= 50) return 'amber';
  return 'ok';
}

interface Props {
  usedPercentage: string;
  remaining: string;
  limit: string;
  currency: string;
}

export function LimitBar({ usedPercentage, remaining, limit, currency }: Props) {
  const level = limitLevel(usedPercentage);
  const width = Math.min(100, Number(usedPercentage));
  return (
    <div className="meter">
      <div className="meter-label">
        <span>Loss limit used</span>
        <strong data-testid="limit-used">{usedPercentage} %</strong>
      </div>
      <div
        className={`bar bar-${level}`}
        role="progressbar"
        aria-label="Loss limit used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={width}
        aria-valuetext={`${usedPercentage} % of ${formatMoney(limit, currency)} used`}
        data-level={level}
        data-testid="limit-bar"
      >
        <div className="bar-fill" style={{ width: `${width}%` }} />
      </div>
      <div className="meter-note">
        {formatMoney(remaining, currency)} left of {formatMoney(limit, currency)}
      </div>
    </div>
  );
}
