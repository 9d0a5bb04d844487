import { WARNING_LABELS } from '../../src-main/contract/room-text.ts';
import type { AfterWarningView } from '../../src-main/contract/views.ts';
import { formatMoney, signOf } from '../format/money.ts';
import { formatInstant } from '../format/time.ts';

/** What the session did after each warning it raised. */
export function AfterWarningTable({ rows, currency, timeZone }: { rows: AfterWarningView[]; currency: string; timeZone: string }) {
  return (
    <div className="card" data-testid="after-warnings">
      <h2>After the warnings</h2>
      {rows.length === 0 ? (
        <p className="empty">This session raised no warning.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Warning</th>
              <th scope="col">At</th>
              <th scope="col" className="num">
                Trades after
              </th>
              <th scope="col" className="num">
                P&L after
              </th>
              <th scope="col" className="num">
                Minutes to the end
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}-${r.at}`}>
                <td>{WARNING_LABELS[r.kind]}</td>
                <td>{formatInstant(r.at, timeZone, 'time')}</td>
                <td className="num">{r.tradesAfter}</td>
                <td className={`num pnl pnl-${signOf(r.pnlAfter)}`}>{formatMoney(r.pnlAfter, currency, { sign: true })}</td>
                <td className="num">{r.minutesToEnd ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
