import { useEffect, useState, type DragEvent } from 'react';
import type { GenericMapping, WatchPreset } from '../../src-main/contract/import-schemas.ts';
import type { ImportPreview, ImportResult, ProfileView, SavedMapping } from '../../src-main/contract/views.ts';
import { ImportHistory } from './import/ImportHistory.tsx';
import { call, errorData } from '../api/window-api.ts';
import { formatMoney, signOf } from '../format/money.ts';
import { formatInstant, timeZoneChoices } from '../format/time.ts';
import { PRESET_CHOICES } from '../imports/preset-choices.ts';

const DATE_FORMATS = ['auto', 'MM/DD/YYYY HH:mm:ss', 'M/D/YYYY h:mm:ss A', 'YYYY-MM-DD HH:mm:ss', 'DD.MM.YYYY HH:mm:ss', 'DD/MM/YYYY HH:mm:ss', 'ISO'];
const EMPTY_MAPPING: GenericMapping = { kind: 'fills', columns: { time: '', symbol: '' }, dateFormat: 'auto', decimalStyle: 'auto', pointValue: '1' };

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The header row of a CSV, read in the page only to offer its columns for a mapping. */
async function headerOf(file: File): Promise<string[]> {
  const text = await file.slice(0, 64 * 1024).text();
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = (line.match(/;/g)?.length ?? 0) > (line.match(/,/g)?.length ?? 0) ? ';' : ',';
  return line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, '')).filter((c) => c !== '');
}

export function ImportScreen({ profile }: { profile: ProfileView }) {
  const [file, setFile] = useState<File | null>(null);
  const [preset, setPreset] = useState<WatchPreset>('auto');
  const [timeZone, setTimeZone] = useState(profile.timeZone);
  const [columns, setColumns] = useState<string[]>([]);
  const [mapping, setMapping] = useState<GenericMapping>(EMPTY_MAPPING);
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [mappingName, setMappingName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    call('listMappings', {}).then(setSaved).catch(() => undefined);
  }, []);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setResult(null);
    setError(null);
    if (chosen) setColumns(await headerOf(chosen));
  };

  const runPreview = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setPreview(await call('previewImport', { fileName: file.name, contentBase64: await toBase64(file), preset, timeZone, ...(preset === 'generic' && { mapping }) }));
    } catch (e) {
      setPreview(null);
      setError(errorData(e).message);
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      setResult(await call('commitImport', { previewId: preview.previewId }));
      setPreview(null);
    } catch (e) {
      setError(errorData(e).message);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void choose(event.dataTransfer.files[0] ?? null);
  };
  const setColumn = (key: keyof GenericMapping['columns']) => (value: string) => setMapping((m) => ({ ...m, columns: { ...m.columns, [key]: value || undefined } as GenericMapping['columns'] }));
  const columnSelect = (key: keyof GenericMapping['columns'], label: string) => (
    <label key={key}>
      {label}
      <select value={mapping.columns[key] ?? ''} onChange={(e) => setColumn(key)(e.target.value)} data-testid={`map-${key}`}>
        <option value="">—</option>
        {columns.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="import" aria-labelledby="import-title">
      <h1 id="import-title">Import trades</h1>
      <div className="card">
        <div className={`dropzone${dragging ? ' dragging' : ''}`} onDragOver={(e) => (e.preventDefault(), setDragging(true))} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
          <p>{file ? <strong>{file.name}</strong> : 'Drop a broker export here, or'}</p>
          <label className="button">
            Choose a file
            <input type="file" accept=".csv,.txt,text/csv" className="sr-only" onChange={(e) => void choose(e.target.files?.[0] ?? null)} data-testid="import-file" />
          </label>
        </div>
        <div className="filters">
          <label>
            Format
            <select value={preset} onChange={(e) => setPreset(e.target.value as WatchPreset)} data-testid="import-preset">
              {PRESET_CHOICES.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Times in the file are in
            <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
              {timeZoneChoices(timeZone).map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          </label>
        </div>
        {preset === 'generic' && (
          <fieldset className="mapping">
            <legend>Columns</legend>
            {saved.length > 0 && (
              <label>
                Saved mapping
                <select onChange={(e) => { const m = saved.find((s) => s.name === e.target.value); if (m) { setMapping(m.mapping); setMappingName(m.name); } }} defaultValue="">
                  <option value="">—</option>
                  {saved.map((s) => (
                    <option key={s.name}>{s.name}</option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Each row is
              <select value={mapping.kind} onChange={(e) => setMapping((m) => ({ ...m, kind: e.target.value as GenericMapping['kind'] }))}>
                <option value="fills">a fill (matched first in, first out)</option>
                <option value="trades">a closed trade with its P&L</option>
              </select>
            </label>
            <div className="filters">
              {columnSelect('time', 'Time')}
              {columnSelect('symbol', 'Symbol')}
              {mapping.kind === 'fills' ? (
                <>
                  {columnSelect('side', 'Side (or leave empty for signed quantity)')}
                  {columnSelect('quantity', 'Quantity')}
                  {columnSelect('price', 'Price')}
                </>
              ) : (
                columnSelect('pnl', 'P&L (net of fees)')
              )}
              {columnSelect('fees', 'Fees')}
              {columnSelect('account', 'Account')}
              {columnSelect('id', 'Execution id')}
            </div>
            <div className="filters">
              <label>
                Date format
                <select value={mapping.dateFormat} onChange={(e) => setMapping((m) => ({ ...m, dateFormat: e.target.value }))}>
                  {DATE_FORMATS.map((f) => (
                    <option key={f}>{f}</option>
                  ))}
                </select>
              </label>
              <label>
                Decimal mark
                <select value={mapping.decimalStyle} onChange={(e) => setMapping((m) => ({ ...m, decimalStyle: e.target.value as GenericMapping['decimalStyle'] }))}>
                  <option value="auto">Recognise</option>
                  <option value="dot">1,234.56</option>
                  <option value="comma">1.234,56</option>
                </select>
              </label>
              <label>
                Point value
                <input value={mapping.pointValue} onChange={(e) => setMapping((m) => ({ ...m, pointValue: e.target.value }))} placeholder="1, or futures" />
              </label>
              <label>
                Save as
                <input value={mappingName} onChange={(e) => setMappingName(e.target.value)} placeholder="My broker" />
              </label>
              <button type="button" disabled={!mappingName.trim()} onClick={() => void call('saveMapping', { name: mappingName.trim(), mapping }).then(setSaved).catch((e: unknown) => setError(errorData(e).message))}>
                Save mapping
              </button>
            </div>
          </fieldset>
        )}
        <div className="actions">
          <button type="button" className="primary" disabled={!file || busy} onClick={() => void runPreview()} data-testid="import-preview">
            Preview
          </button>
        </div>
      </div>
      {error && (
        <div className="errorbar" role="alert" data-testid="import-error">
          {error}
        </div>
      )}
      {result && (
        <div className="notice" role="status" data-testid="import-result">
          Imported {result.recorded} trades{result.duplicates > 0 && `, ${result.duplicates} already known`}.{result.openLots > 0 && ` ${result.openLots} positions stay open for a later import.`}
          {result.breached && ' The loss limit was reached: the session is stopped.'}
        </div>
      )}
      {preview && <PreviewView preview={preview} profile={profile} busy={busy} onCommit={() => void commit()} onCancel={() => setPreview(null)} />}
      <ImportHistory profile={profile} refreshKey={result?.batchId ?? 0} />
    </section>
  );
}

function PreviewView({ preview, profile, busy, onCommit, onCancel }: { preview: ImportPreview; profile: ProfileView; busy: boolean; onCommit(): void; onCancel(): void }) {
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
