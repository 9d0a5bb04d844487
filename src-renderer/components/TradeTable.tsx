import type { TradeSource, TradeView } from '../../src-main/contract/views.ts';
import { formatMoney, signOf } from '../format/money.ts';
import { formatInstant } from '../format/time.ts';

export const SOURCE_LABELS: Record<TradeSource, string> = { manual: 'by hand', import: 'import', feed: 'live feed' };

interface Props {
  trades: TradeView[];
  currency: string;
  timeZone: string;
  caption: string;
  /** Show each trade's date as well as its time (trades of several days). */
  dates?: boolean;
  /** Adds a session column whose entries open that session. */
  onOpenSession?: (sessionId: number) => void;
  /** Adds a Correct… action to each trade that still counts. */
  onCorrect?: (trade: TradeView) => void;
}

/** Trades newest first, money right-aligned in tabular figures; voided ones struck through with their reason, ones taken in a cooldown marked. */
export function TradeTable({ trades, currency, timeZone, caption, dates = false, onOpenSession, onCorrect }: Props) {
  if (trades.length === 0) return <p className="empty">No trades yet.</p>;
  return (
    <table className="table" data-testid="trade-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Closed</th>
          <th scope="col">Symbol</th>
          <th scope="col">Side</th>
          <th scope="col" className="num">
            Qty
          </th>
          <th scope="col" className="num">
            Fees
          </th>
          <th scope="col" className="num">
            P&L
          </th>
          <th scope="col">Source</th>
          {onOpenSession && <th scope="col">Session</th>}
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
            <td className="nowrap">{formatInstant(t.closedAt, timeZone, dates ? 'datetime' : 'time')}</td>
            <td>{t.symbol ?? '—'}</td>
            <td>{t.side ?? '—'}</td>
            <td className="num">{t.quantity ?? '—'}</td>
            <td className="num">{formatMoney(t.fees, currency)}</td>
            <td className={`num pnl pnl-${signOf(t.realizedPnl)}`}>{formatMoney(t.realizedPnl, currency, { sign: true })}</td>
            <td>
              {SOURCE_LABELS[t.source]}
              {t.inCooldown && <span className="muted"> · in a cooldown</span>}
              {t.voidReason && <span className="muted"> · voided: {t.voidReason}</span>}
            </td>
            {onOpenSession && (
              <td>
                {t.sessionId === null ? (
                  <span className="muted">no session</span>
                ) : (
                  <button type="button" className="link" onClick={() => onOpenSession(t.sessionId!)}>
                    Session {t.sessionId}
                  </button>
                )}
              </td>
            )}
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
