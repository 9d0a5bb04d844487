import { useEffect, useState } from 'react';
import type { ConnectorsView, ConnectorView } from '../../../src-main/contract/views.ts';
import { call, errorData } from '../../api/window-api.ts';
import { formatMoney } from '../../format/money.ts';
import { formatInstant } from '../../format/time.ts';

/** Connectors beat every 1-2 s; looking twice as often keeps "last heartbeat" honest without a stream of events. */
const REFRESH_MS = 2_000;

/**
 * Settings → Platform connectors: which trading-platform add-ons report to Sessionguard, when
 * each last did, the accounts each reports with their P&L, and where the trader let the lock
 * act in the platform.
 */
export function ConnectorsCard({ timeZone }: { timeZone: string }) {
  const [view, setView] = useState<ConnectorsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      call('getConnectors', {})
        .then((v) => {
          if (!live) return;
          setView(v);
          setError(null);
        })
        .catch((e: unknown) => live && setError(errorData(e).message));
    void refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  return (
    <section className="card narrow" aria-labelledby="connectors-title">
      <h2 id="connectors-title">Platform connectors</h2>
      <p className="muted">
        A platform add-on (the NinjaTrader 8 connector, see the README) sends each execution and each account’s P&L to the live feed as it happens. Turn the
        live feed on above and give the add-on its token.
      </p>
      {error && <p className="field-error">{error}</p>}
      {view?.lock.active && (
        <p role="status">
          Trading is locked until {formatInstant(view.lock.until, timeZone)}: the loss limit stopped your session. Connectors with enforcement on keep the
          platform flat until then.
        </p>
      )}
      {view && view.connectors.length === 0 && <p>No connector has reported yet.</p>}
      {view?.connectors.map((c) => (
        <Connector key={c.source} connector={c} now={Date.parse(view.now)} lostAfterSeconds={view.lostAfterSeconds} timeZone={timeZone} />
      ))}
      <p className="muted">
        Enforcement is off unless you list an account after <code>enforce =</code> in the add-on’s settings file. For those accounts only, when the loss limit
        stops a session the add-on flattens their positions, cancels their working orders and cancels every new order that would open or add to a position until
        the lockout ends; closing a position stays possible. Each action appears in the session’s timeline.
      </p>
    </section>
  );
}

function Connector({ connector, now, lostAfterSeconds, timeZone }: { connector: ConnectorView; now: number; lostAfterSeconds: number; timeZone: string }) {
  const ago = Math.max(0, Math.round((now - Date.parse(connector.lastHeartbeatAt)) / 1000));
  return (
    <section aria-label={`${connector.platform} connector`}>
      <h3>
        {connector.platform}{' '}
        <span className="muted">
          ({connector.source} {connector.version})
        </span>{' '}
        <span className={`status ${connector.lost ? 'status-stopped' : 'status-active'}`}>{connector.lost ? 'lost' : 'reporting'}</span>
      </h3>
      <p>
        Last heartbeat {ago} s ago ({formatInstant(connector.lastHeartbeatAt, timeZone, 'time')})
        {connector.lost && `: nothing for more than ${lostAfterSeconds} s. Check that the platform and the add-on are running.`}
        {connector.lastExecutionAt && <> · last execution {formatInstant(connector.lastExecutionAt, timeZone, 'time')}</>}
      </p>
      <div className="table-scroll">
        <table className="table" aria-label={`Accounts reported by ${connector.source}`}>
          <thead>
            <tr>
              <th>Account</th>
              <th>Kind</th>
              <th className="num">Realized</th>
              <th className="num">Open P&L</th>
              <th className="num">Equity</th>
              <th>Enforcement</th>
            </tr>
          </thead>
          <tbody>
            {connector.accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.id}</td>
                <td>{a.kind}</td>
                <td className="num">{money(a.realized, a.currency)}</td>
                <td className="num">{money(a.unrealized, a.currency)}</td>
                <td className="num">{money(a.equity, a.currency)}</td>
                <td>{a.enforcement ? 'on' : 'off'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function money(amount: string | null, currency: string): string {
  return amount === null ? '—' : formatMoney(amount, currency);
}
