import type { ImportPreview, ProfileView } from '../../src-main/contract/views.ts';
import { formatMoney, signOf } from '../format/money.ts';
import { formatInstant } from '../format/time.ts';

/** What an import will do before anything is written: totals, sessions it touches, rows it can't use, the trades. */
export function ImportPreviewView({ preview, profile, busy, onCommit, onCancel }: { preview: ImportPreview; profile: ProfileView; busy: boolean; onCommit(): void; onCancel(): void }) {
  const money = (v: string) => formatMoney(v, profile.currency, { sign: true });
  return (
    <div className="card" data-testid="import-preview-result">
      <div className="card-head">
        <h2>
          {preview.presetLabel}: {preview.newTradeCount} new trades, {money(preview.totalPnl)}
        </h2>
      </div>
      <p className="muted">
        {preview.fills > 0 && `${preview.fills} fills read${preview.skippedKnownFills > 0 ? `, ${preview.skippedKnownFills} imported before` : ''}. `}
        {preview.duplicateCount > 0 && `${preview.duplicateCount} trades are already recorded and will be skipped. `}
        {preview.openLotsAfter > 0 && `${preview.openLotsAfter} positions stay open until a later file closes them. `}
        Times read in {preview.timeZone}.
      </p>
      {preview.sessions.some((s) => s.wouldBreach) && (
        <div className="banner banner-breach" role="alert">
          These trades take the running session past its loss limit: importing them stops it.
        </div>
      )}
      <div className="grid">
        <table className="table">
          <caption className="sr-only">By account</caption>
          <thead>
            <tr>
              <th>Account</th>
              <th className="num">Trades</th>
              <th className="num">Gross</th>
              <th className="num">Fees</th>
              <th className="num">Net</th>
            </tr>
          </thead>
          <tbody>
            {preview.byAccount.map((a) => (
              <tr key={`${a.account}-${a.currency}`}>
                <td>
                  {a.account} {a.currency && a.currency !== profile.currency && <span className="muted">({a.currency})</span>}
                </td>
                <td className="num">{a.trades}</td>
                <td className="num">{a.gross}</td>
                <td className="num">{a.fees}</td>
                <td className={`num pnl pnl-${signOf(a.net)}`}>{a.net}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul className="plain">
          {preview.sessions.map((s) => (
            <li key={String(s.sessionId)}>
              {s.sessionId === null ? 'Outside any session' : `Session ${s.sessionId} (${s.status})`}: {s.trades} trades, {money(s.pnl)}
            </li>
          ))}
        </ul>
      </div>
      {preview.problems.length > 0 && (
        <div className="problems" data-testid="import-problems">
          <h3>{preview.problems.length} rows can’t be imported</h3>
          <ul>
            {preview.problems.slice(0, 200).map((p, i) => (
              <li key={i}>
                <strong>Line {p.line}:</strong> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      <div className="table-scroll">
        <table className="table">
          <caption className="sr-only">Trades found</caption>
          <thead>
            <tr>
              <th>Closed</th>
              <th>Account</th>
              <th>Symbol</th>
              <th>Side</th>
              <th className="num">Qty</th>
              <th className="num">Entry</th>
              <th className="num">Exit</th>
              <th className="num">Fees</th>
              <th className="num">Net P&L</th>
              <th>Session</th>
            </tr>
          </thead>
          <tbody>
            {preview.trades.map((t, i) => (
              <tr key={i} className={t.duplicate ? 'muted' : undefined}>
                <td>{formatInstant(t.closedAt, profile.timeZone)}</td>
                <td>{t.account}</td>
                <td>{t.symbol}</td>
                <td>{t.side ?? '—'}</td>
                <td className="num">{t.quantity ?? '—'}</td>
                <td className="num">{t.entryPrice ?? '—'}</td>
                <td className="num">{t.exitPrice ?? '—'}</td>
                <td className="num">{t.fees}</td>
                <td className={`num pnl pnl-${signOf(t.netPnl)}`}>{t.netPnl}</td>
                <td>{t.duplicate ? 'already recorded' : (t.sessionId ?? '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy || preview.newTradeCount === 0} onClick={onCommit} data-testid="import-commit">
          Import {preview.newTradeCount} trades
        </button>
      </div>
    </div>
  );
}
