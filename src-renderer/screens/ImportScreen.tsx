import { useState, type DragEvent } from 'react';
import type { GenericMapping, WatchPreset } from '../../src-main/contract/import-schemas.ts';
import type { ImportPreview, ImportResult, ProfileView } from '../../src-main/contract/views.ts';
import { call, errorData } from '../api/window-api.ts';
import { count } from '../format/money.ts';
import { timeZoneChoices } from '../format/time.ts';
import { ColumnMapping, EMPTY_MAPPING } from '../imports/ColumnMapping.tsx';
import { ImportPreviewView } from '../imports/ImportPreviewView.tsx';
import { PRESET_CHOICES } from '../imports/preset-choices.ts';

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
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

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
        {preset === 'generic' && <ColumnMapping columns={columns} mapping={mapping} onChange={setMapping} onError={setError} />}
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
          Imported {count(result.recorded, 'trade')}{result.duplicates > 0 && `, ${result.duplicates} already known`}.{result.openLots > 0 && ` ${count(result.openLots, 'position')} ${result.openLots === 1 ? 'stays' : 'stay'} open for a later import.`}
          {result.breached && ' The loss limit was reached: the session is stopped.'}
        </div>
      )}
      {preview && <ImportPreviewView preview={preview} profile={profile} busy={busy} onCommit={() => void commit()} onCancel={() => setPreview(null)} />}
    </section>
  );
}
