import { useEffect, useRef, useState } from 'react';
import type { CorrectionResult, TradeView } from '../../src-main/contract/views.ts';
import { call, errorData } from '../api/window-api.ts';
import { formatMoney } from '../format/money.ts';

interface Props {
  trade: TradeView;
  currency: string;
  onDone(result: CorrectionResult): void;
  onCancel(): void;
}

/**
 * Takes a wrong trade back: void it with a reason, or correct its net P&L (a void plus a new
 * trade in the same session). Nothing is deleted; the history shows both.
 */
export function TradeCorrection({ trade, currency, onDone, onCancel }: Props) {
  const [reason, setReason] = useState('');
  const [pnl, setPnl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  const submit = async (kind: 'void' | 'correct') => {
    setBusy(true);
    setError(null);
    try {
      const result =
        kind === 'void'
          ? await call('voidTrade', { tradeId: trade.id, reason })
          : await call('correctTrade', { tradeId: trade.id, reason, entry: { kind: 'pnl', pnl: pnl.trim() } });
      onDone(result);
    } catch (failure) {
      const data = errorData(failure);
      setError(data.fieldErrors?.[0]?.message ?? data.message);
    } finally {
      setBusy(false);
    }
  };
  const hasReason = reason.trim().length > 0;
  const pnlValid = /^-?\d{1,12}(\.\d{1,2})?$/.test(pnl.trim());

  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="correction-title">
        <h2 id="correction-title">Correct a trade</h2>
        <p className="muted">
          {trade.symbol ?? 'Trade'} closed {trade.closedAt.slice(0, 16).replace('T', ' ')} UTC, {formatMoney(trade.realizedPnl, currency, { sign: true })}. It
          stays in the record as voided; the session is recomputed, and a stop or a lockout already running stays.
        </p>
        <label>
          Why
          <input ref={first} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="entered twice, wrong account…" />
        </label>
        <label>
          Corrected net P&L (leave empty to only void)
          <input
            value={pnl}
            inputMode="decimal"
            onChange={(e) => setPnl(e.target.value)}
            placeholder="an amount like -42.50"
            aria-invalid={pnl !== '' && !pnlValid}
          />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={!hasReason || busy} onClick={() => void submit('void')}>
            Void
          </button>
          <button type="button" className="primary" disabled={!hasReason || !pnlValid || busy} onClick={() => void submit('correct')}>
            Save correction
          </button>
        </div>
      </div>
    </div>
  );
}
