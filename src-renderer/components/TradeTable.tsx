import type { TradeView } from '../../src-main/contract/views.ts';
import { formatMoney, signOf } from '../format/money.ts';
import { formatInstant } from '../format/time.ts';

/** Trades newest first, money right-aligned in tabular figures; voided ones struck through with their reason. */
export function TradeTable({ trades, currency, timeZone, caption, onCorrect }: { trades: TradeView[]; currency: string; timeZone: string; caption: string; onCorrect?: (trade: TradeView) => void }) {
  if (trades.length === 0) return <p className="empty">No trades yet.</p>;
  return (
    <table className="table" data-testid="trade-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Closed</th>
          <th scope="col">Symbol</th>
          <th scope="col">Side</th>
          <th scope="col" className="num">Qty</th>
          <th scope="col" className="num">Fees</th>
          <th scope="col" className="num">P&L</th>
          <th scope="col">Source</th>
          {onCorrect && (
            <th scope="col">
              <span className="sr-only">Correct</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {trades.map((t) => (
          <tr key={t.id} className={t.voidedAt ? 'voided' : undefined} title={t.voidReason ? `Voided: ${t.voidReason}` : undefined}>
            <td>{formatInstant(t.closedAt, timeZone, 'time')}</td>
            <td>{t.symbol ?? '—'}</td>
            <td>{t.side ?? '—'}</td>
            <td className="num">{t.quantity ?? '—'}</td>
            <td className="num">{formatMoney(t.fees, currency)}</td>
            <td className={`num pnl pnl-${signOf(t.realizedPnl)}`}>{formatMoney(t.realizedPnl, currency, { sign: true })}</td>
            <td>
              {t.source}
              {t.voidReason && <span className="muted"> · voided: {t.voidReason}</span>}
            </td>
            {onCorrect && (
              <td>
                {!t.voidedAt && (
                  <button type="button" className="link" onClick={() => onCorrect(t)}>
                    Correct…
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
