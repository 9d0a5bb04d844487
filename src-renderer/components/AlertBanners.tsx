import { useStore } from '../state/store.ts';

const TITLES = {
  warning: 'Warning',
  breach: 'Loss limit reached',
  ended: 'Session ended',
  import: 'Not imported',
  lockout_trade: 'Trade during your lockout',
  connector: 'Connector lost',
  schedule: 'Planned session',
} as const;

/** Warnings and the breach stay on screen until the trader acknowledges them. */
export function AlertBanners() {
  const alerts = useStore((s) => s.alerts);
  const acknowledge = useStore((s) => s.acknowledge);
  if (alerts.length === 0) return null;
  return (
    <div className="banners">
      {alerts.map((alert) => (
        <div key={alert.id} className={`banner banner-${alert.kind}`} role="alert" data-testid={`banner-${alert.kind}`}>
          <div>
            <strong>{alert.title ?? TITLES[alert.kind]}</strong>
            <span>{alert.message}</span>
          </div>
          <button type="button" onClick={() => void acknowledge(alert.id)}>
            Acknowledge
          </button>
        </div>
      ))}
    </div>
  );
}
