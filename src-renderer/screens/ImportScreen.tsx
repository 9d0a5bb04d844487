import { useEffect, useState, type DragEvent } from 'react';
import type { GenericMapping } from '../../src-main/contract/import-schemas.ts';
import type { AppErrorData } from '../../src-main/contract/errors.ts';
import type { ImportFileHead, ImportFormatChoice, ImportPreview, ImportResult, ProfileView, SavedMapping } from '../../src-main/contract/views.ts';
import { ImportHistory } from './import/ImportHistory.tsx';
import { call, errorData } from '../api/window-api.ts';
import { count } from '../format/money.ts';
import { timeZoneChoices } from '../format/time.ts';
import { usePresetChoices } from '../imports/preset-choices.ts';
import { FormatChoice } from './import/FormatChoice.tsx';
import { EMPTY_MAPPING, MappingEditor } from './import/MappingEditor.tsx';
import { ImportPreviewView } from './import/ImportPreviewView.tsx';
import { NO_ANSWERS, type OpeningAnswers } from './import/UnopenedPositions.tsx';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The start of the file, enough for the core to find the header and recognise the format. */
async function headOf(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportScreen({ profile }: { profile: ProfileView }) {
  const [file, setFile] = useState<File | null>(null);
  const presetChoices = usePresetChoices();
  const [preset, setPreset] = useState('auto');
  const [choice, setChoice] = useState<ImportFormatChoice | null>(null);
  const [timeZone, setTimeZone] = useState(profile.timeZone);
  const [head, setHead] = useState<ImportFileHead | null>(null);
  const [mapping, setMapping] = useState<GenericMapping>(EMPTY_MAPPING);
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [mappingName, setMappingName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [answers, setAnswers] = useState<OpeningAnswers>(NO_ANSWERS);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    call('listMappings', {})
      .then(setSaved)
      .catch(() => undefined);
  }, []);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setChoice(null);
    setResult(null);
    setError(null);
    setHead(null);
    setAnswers(NO_ANSWERS);
    if (chosen) setHead(await call('inspectImport', { fileName: chosen.name, contentBase64: await headOf(chosen) }).catch(() => null));
  };

  const runPreview = async (as = preset, withMapping = mapping, given = answers) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setChoice(null);
    try {
      const answer = await call('previewImport', {
        fileName: file.name,
        contentBase64: await toBase64(file),
        preset: as,
        timeZone,
        ...(as === 'generic' && { mapping: withMapping }),
        ...(given.openingPrices.length > 0 && { openingPrices: given.openingPrices }),
        ...(given.shortLines.length > 0 && { shortLines: given.shortLines }),
      });
      if (answer.kind === 'choose') {
        setPreview(null);
        setChoice(answer);
      } else setPreview(answer);
    } catch (e) {
      setPreview(null);
      setError(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  const saveMapping = () =>
    void call('saveMapping', { name: mappingName.trim(), mapping: { ...mapping, ...(head && { header: head.columns }) } })
      .then(setSaved)
      .catch((e: unknown) => setError(errorData(e)));

  const commit = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      setResult(await call('commitImport', { previewId: preview.previewId }));
      setPreview(null);
    } catch (e) {
      setError(errorData(e));
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
        {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is the pointer's shortcut; the keyboard's way in is the file input inside. */}
        <div
          className={`dropzone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>{file ? <strong>{file.name}</strong> : 'Drop a broker export here, or'}</p>
          <label className="button">
            Choose a file
            <input
              type="file"
              accept=".csv,.txt,text/csv"
              className="sr-only"
              onChange={(e) => void choose(e.target.files?.[0] ?? null)}
              data-testid="import-file"
            />
          </label>
        </div>
        <div className="filters">
          <label>
            Format
            <select value={preset} onChange={(e) => setPreset(e.target.value)} data-testid="import-preset">
              {presetChoices.map((p) => (
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
          <MappingEditor
            head={head}
            mapping={mapping}
            onChange={setMapping}
            saved={saved}
            name={mappingName}
            onName={setMappingName}
            onSave={saveMapping}
            fieldErrors={error?.fieldErrors}
          />
        )}
        <div className="actions">
          <button type="button" className="primary" disabled={!file || busy} onClick={() => void runPreview()} data-testid="import-preview">
            Preview
          </button>
        </div>
      </div>
      {error && (
        <div className="errorbar" role="alert" data-testid="import-error">
          {error.message}
        </div>
      )}
      {result && (
        <div className="notice" role="status" data-testid="import-result">
          Imported {count(result.recorded, 'trade')}
          {result.duplicates > 0 && `, ${result.duplicates} already known`}.
          {result.openLots > 0 && ` ${count(result.openLots, 'position')} ${result.openLots === 1 ? 'stays' : 'stay'} open for a later import.`}
          {result.breached && ' The loss limit was reached: the session is stopped.'}
        </div>
      )}
      {choice && (
        <FormatChoice
          choice={choice}
          busy={busy}
          onChoose={(candidate) => {
            const chosen = candidate.mappingName ? saved.find((m) => m.name === candidate.mappingName) : undefined;
            setPreset(candidate.preset);
            if (chosen) {
              setMapping(chosen.mapping);
              setMappingName(chosen.name);
            }
            void runPreview(candidate.preset, chosen?.mapping ?? mapping);
          }}
          onMap={() => {
            setChoice(null);
            setPreset('generic');
          }}
        />
      )}
      {preview && (
        <ImportPreviewView
          preview={preview}
          profile={profile}
          busy={busy}
          onCommit={() => void commit()}
          onCancel={() => setPreview(null)}
          onAnswers={(given) => {
            setAnswers(given);
            void runPreview(preset, mapping, given);
          }}
        />
      )}
      <ImportHistory profile={profile} refreshKey={result?.batchId ?? 0} />
    </section>
  );
}
