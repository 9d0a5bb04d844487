import type { ImportPreview, ProfileView } from '../../../src-main/contract/views.ts';
import { count, formatMoney, signOf } from '../../format/money.ts';
import { formatInstant } from '../../format/time.ts';
import { PreviewNotices } from './PreviewNotices.tsx';
import { UnopenedPositions, type OpeningAnswers } from './UnopenedPositions.tsx';

interface Props {
  preview: ImportPreview;
  profile: ProfileView;
  busy: boolean;
  onCommit(): void;
  onCancel(): void;
  /** Opening prices the trader gave for positions the file does not open; the preview is made again with them. */
  onAnswers?(answers: OpeningAnswers): void;
}

/** What an import will do before anything is written: totals, sessions it touches, rows it can't use, the trades. */
export function ImportPreviewView({ preview, profile, busy, onCommit, onCancel, onAnswers }: Props) {
  const money = (v: string) => formatMoney(v, profile.currency, { sign: true });
  return (
    <div className="card" data-testid="import-preview-result">
      <div className="card-head">
        <h2>
          {preview.presetLabel}: {count(preview.newTradeCount, 'new trade')}, {money(preview.totalPnl)}
        </h2>
      </div>
      <p className="muted">
        {preview.fills > 0 && `${preview.fills} fills read${preview.skippedKnownFills > 0 ? `, ${preview.skippedKnownFills} imported before` : ''}. `}
        {preview.duplicateCount > 0 &&
          `${count(preview.duplicateCount, 'trade')} ${preview.duplicateCount === 1 ? 'is' : 'are'} already recorded and will be skipped. `}
        {preview.openLotsAfter > 0 && `${preview.openLotsAfter} positions stay open until a later file closes them. `}
        Times read in {preview.timeZone}.
      </p>
      <PreviewNotices preview={preview} />
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
            {preview.byAccount.map((a) => {
              // Trades in another currency than the account's are refused (listed under problems): shown as such, in their own currency.
              const refused = a.currency !== null && a.currency !== profile.currency;
              const inCurrency = (v: string, sign = false) => formatMoney(v, a.currency ?? profile.currency, { sign });
              return (
                <tr
                  key={`${a.account}-${a.currency}`}
                  className={refused ? 'refused' : undefined}
                  data-testid={refused ? 'account-refused' : 'account-imported'}
                >
                  <td>
                    {a.account} {refused && <span className="muted">({a.currency}, not imported)</span>}
                  </td>
                  <td className="num">{a.trades}</td>
                  <td className="num">{inCurrency(a.gross, true)}</td>
                  <td className="num">{inCurrency(a.fees)}</td>
                  <td className={refused ? 'num' : `num pnl pnl-${signOf(a.net)}`}>{inCurrency(a.net, true)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <ul className="plain">
          {preview.sessions.map((s) => (
            <li key={String(s.sessionId)}>
              {s.sessionId === null ? 'Outside any session' : `Session ${s.sessionId} (${s.status})`}: {count(s.trades, 'trade')}, {money(s.pnl)}
            </li>
          ))}
        </ul>
      </div>
      {preview.problems.length > 0 && (
        <div className="problems" data-testid="import-problems">
          <h3>{count(preview.problems.length, 'row')} can’t be imported</h3>
          <ul>
            {preview.problems.slice(0, 200).map((p) => (
              <li key={`${p.line}-${p.message}`}>
                <strong>Line {p.line}:</strong> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {onAnswers && <UnopenedPositions key={preview.previewId} preview={preview} timeZone={profile.timeZone} busy={busy} onApply={onAnswers} />}
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
            {/* A trade's lines (its closing fill's is the last) are its own. */}
            {preview.trades.map((t) => (
              <tr key={t.lines.join('-')} className={t.duplicate ? 'muted' : undefined}>
                <td>{formatInstant(t.closedAt, profile.timeZone)}</td>
                <td>{t.account}</td>
                <td>{t.symbol}</td>
                <td>{t.side ?? '—'}</td>
                <td className="num">{t.quantity ?? '—'}</td>
                <td className="num">{t.entryPrice ?? '—'}</td>
                <td className="num">{t.exitPrice ?? '—'}</td>
                <td className="num">{formatMoney(t.fees, profile.currency)}</td>
                <td className={`num pnl pnl-${signOf(t.netPnl)}`}>{money(t.netPnl)}</td>
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
          Import {count(preview.newTradeCount, 'trade')}
        </button>
      </div>
    </div>
  );
}
