import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { RequestOf } from '../../src-main/contract/channels.ts';
import type { AppErrorData } from '../../src-main/contract/errors.ts';
import type { ManualTradePreview, PointValuesView, PointValueUsed } from '../../src-main/contract/views.ts';
import { call, errorData } from '../api/window-api.ts';
import { formatMoney, signOf } from '../format/money.ts';
import { useStore } from '../state/store.ts';
import { errorFor, Field } from './Field.tsx';
import { radioEnds } from './radio-keys.ts';

type Entry = RequestOf<'recordTrade'>;
const MODES = ['pnl', 'prices'] as const;
const EMPTY = { pnl: '', symbol: '', side: 'long' as 'long' | 'short', quantity: '1', entryPrice: '', exitPrice: '', fees: '', pointValue: '' };

/**
 * Turns what is on screen into a request; empty optional fields are left out. P&L mode shows
 * no fees field (its amount is already net), so fees typed in prices mode stay behind.
 */
export function toEntry(mode: 'pnl' | 'prices', f: typeof EMPTY): Entry | null {
  if (mode === 'pnl') return f.pnl.trim() === '' ? null : { kind: 'pnl', pnl: f.pnl.trim(), ...(f.symbol.trim() && { symbol: f.symbol.trim() }) };
  const fees = f.fees.trim() === '' ? {} : { fees: f.fees.trim() };
  if (!f.symbol.trim() || !f.entryPrice.trim() || !f.exitPrice.trim() || !f.quantity.trim()) return null;
  return {
    kind: 'prices',
    symbol: f.symbol.trim(),
    side: f.side,
    quantity: f.quantity.trim(),
    entryPrice: f.entryPrice.trim(),
    exitPrice: f.exitPrice.trim(),
    ...fees,
    ...(f.pointValue.trim() && { pointValue: f.pointValue.trim() }),
  };
}

/**
 * Quick trade entry, two keystrokes away: T focuses it, Enter saves. The P&L it will record
 * is computed by the main process and shown before saving.
 */
export function TradeEntry({ currency }: { currency: string }) {
  const [mode, setMode] = useState<'pnl' | 'prices'>('pnl');
  const [fields, setFields] = useState(EMPTY);
  const [preview, setPreview] = useState<ManualTradePreview | null>(null);
  const [pointValues, setPointValues] = useState<PointValuesView | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saving, setSaving] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const symbolsId = useId();
  const modeName = useId();
  const applyTrade = useStore((s) => s.applyTrade);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLElement && (e.target.closest('textarea, select, input:not([type="radio"], [type="checkbox"])') || e.target.isContentEditable);
      if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === 't' || e.key === 'T')) {
        e.preventDefault();
        first.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (mode === 'prices' && !pointValues)
      call('getPointValues', {})
        .then(setPointValues)
        .catch(() => undefined);
  }, [mode, pointValues]);

  const entry = toEntry(mode, fields);
  const entryKey = JSON.stringify(entry);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the entry's content, so a re-render with an equal entry does not preview again.
  useEffect(() => {
    if (!entry) {
      setPreview(null);
      setError(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      call('previewTrade', entry)
        .then((p) => {
          if (!current) return;
          setPreview(p);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!current) return;
          setPreview(null);
          setError(errorData(e));
        });
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [entryKey]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!entry || saving) return;
    setSaving(true);
    try {
      const outcome = await call('recordTrade', entry);
      applyTrade(outcome.trade, outcome.session);
      setFields({ ...EMPTY, symbol: mode === 'prices' ? fields.symbol : '', pointValue: fields.pointValue, side: fields.side });
      setPreview(null);
      setError(null);
      first.current?.focus();
    } catch (e) {
      setError(errorData(e));
    } finally {
      setSaving(false);
    }
  };

  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));
  const fe = error?.fieldErrors;
  const fieldMessage = (...names: string[]) => errorFor(fe, ...names);

  return (
    <form className="card trade-entry" onSubmit={submit} aria-labelledby="trade-entry-title">
      <div className="card-head">
        <h2 id="trade-entry-title">Record a trade</h2>
        <div className="segmented" role="radiogroup" aria-label="Entry mode" onKeyDown={radioEnds(MODES, setMode)}>
          {MODES.map((m) => (
            <label key={m} className={mode === m ? 'selected' : ''}>
              <input type="radio" name={modeName} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'pnl' ? 'P&L' : 'Prices'}
            </label>
          ))}
        </div>
        <kbd title="Press T to jump here">T</kbd>
      </div>
      {mode === 'pnl' ? (
        <div className="row">
          <Field label="Net P&L" error={fieldMessage('pnl')}>
            {(p) => (
              <input
                {...p}
                ref={first}
                inputMode="decimal"
                placeholder="-125.50"
                value={fields.pnl}
                onChange={set('pnl')}
                data-testid="trade-pnl"
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="Symbol (optional)" error={fieldMessage('symbol')}>
            {(p) => <input {...p} value={fields.symbol} onChange={set('symbol')} autoComplete="off" />}
          </Field>
        </div>
      ) : (
        <div className="row wrap">
          <Field label="Symbol" error={fieldMessage('symbol')}>
            {(p) => <input {...p} ref={first} value={fields.symbol} onChange={set('symbol')} placeholder="MNQ" autoComplete="off" list={symbolsId} />}
          </Field>
          <SymbolSuggestions id={symbolsId} pointValues={pointValues} />
          <Field label="Side" error={fieldMessage('side')}>
            {(p) => (
              <select {...p} value={fields.side} onChange={set('side')}>
                <option value="long">Long</option>
                <option value="short">Short</option>
              </select>
            )}
          </Field>
          <Field label="Quantity" error={fieldMessage('quantity')}>
            {(p) => <input {...p} inputMode="decimal" value={fields.quantity} onChange={set('quantity')} />}
          </Field>
          <Field label="Entry" error={fieldMessage('entryPrice')}>
            {(p) => <input {...p} inputMode="decimal" value={fields.entryPrice} onChange={set('entryPrice')} />}
          </Field>
          <Field label="Exit" error={fieldMessage('exitPrice')}>
            {(p) => <input {...p} inputMode="decimal" value={fields.exitPrice} onChange={set('exitPrice')} />}
          </Field>
          <Field label="Point value" error={fieldMessage('pointValue')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                placeholder={preview?.pointValue && preview.pointValue.from !== 'entry' ? `${preview.pointValue.value} (table)` : 'from the table'}
                value={fields.pointValue}
                onChange={set('pointValue')}
                data-testid="trade-point-value"
              />
            )}
          </Field>
          <Field label="Fees" error={fieldMessage('fees')}>
            {(p) => <input {...p} inputMode="decimal" placeholder="0.00" value={fields.fees} onChange={set('fees')} />}
          </Field>
        </div>
      )}
      <div className="trade-preview" aria-live="polite" data-testid="trade-preview">
        {preview ? (
          <>
            <span>
              Records <strong className={`pnl pnl-${signOf(preview.realizedPnl)}`}>{formatMoney(preview.realizedPnl, currency, { sign: true })}</strong>
              {preview.fees !== '0.00' && <> after {formatMoney(preview.fees, currency)} fees</>}
            </span>
            {preview.pointValue && <span data-testid="trade-point-value-used">{describePointValue(preview.pointValue)}</span>}
            {preview.sessionPnlAfter !== null && (
              <span>
                Session P&L becomes {formatMoney(preview.sessionPnlAfter, currency, { sign: true })} ({preview.lossLimitUsedAfter} % of the limit)
              </span>
            )}
            {preview.wouldBreach && <span className="would-breach">This trade reaches the loss limit: the session will stop.</span>}
          </>
        ) : (
          <span className="muted">{error && !fe ? error.message : 'Type the trade; its P&L shows here before you save.'}</span>
        )}
      </div>
      <button type="submit" className="primary" disabled={!entry || saving || fe !== undefined}>
        Save trade <kbd>Enter</kbd>
      </button>
    </form>
  );
}

/** "2 per point (MNQ, built-in table)": what the price move is multiplied by. */
export function describePointValue(used: PointValueUsed): string {
  if (used.from === 'entry') return `${used.value} per point (typed)`;
  return `${used.value} per point (${used.root}, ${used.from === 'yours' ? 'your table' : 'built-in table'})`;
}

/** Roots of the point-value table, offered as the symbol is typed. */
function SymbolSuggestions({ id, pointValues }: { id: string; pointValues: PointValuesView | null }) {
  if (!pointValues) return null;
  const table = { ...pointValues.builtIn, ...pointValues.overrides };
  return (
    <datalist id={id} data-testid="symbol-suggestions">
      {Object.keys(table)
        .sort()
        .map((root) => (
          <option key={root} value={root} label={`${table[root]} per point`} />
        ))}
    </datalist>
  );
}
