import { useEffect, useState } from 'react';
import type { SavedMapping } from '../../../src-main/contract/views.ts';
import { call } from '../../api/window-api.ts';
import { errorFor, Field } from '../../components/Field.tsx';
import { formatInstant } from '../../format/time.ts';
import { usePresetChoices } from '../../imports/preset-choices.ts';
import { useCardData } from './use-card-data.ts';

/** The folder a platform saves exports into, how its files are read, and what became of the latest ones. */
export function WatchedFolderSettings({ timeZone }: { timeZone: string }) {
  const { data: watch, setData: setWatch, error, update } = useCardData(() => call('getWatchedFolder', {}));
  const [mappings, setMappings] = useState<SavedMapping[]>([]);
  const [folder, setFolder] = useState('');
  const presetChoices = usePresetChoices();
  const [preset, setPreset] = useState('auto');
  const [mappingName, setMappingName] = useState('');
  // The form starts from what is saved, and again after each save that changes it.
  const savedFolder = watch?.folder;
  const savedPreset = watch?.preset;
  const savedMapping = watch?.mappingName;
  useEffect(() => {
    if (savedPreset === undefined) return;
    setFolder(savedFolder ?? '');
    setPreset(savedPreset);
    setMappingName(savedMapping ?? '');
  }, [savedFolder, savedPreset, savedMapping]);
  useEffect(() => {
    call('listMappings', {})
      .then(setMappings)
      .catch(() => undefined);
    // Files are handled in the main process; the list of recent ones follows its events.
    return window.api.onEvent((event) => {
      if (event.type === 'folder_import')
        call('getWatchedFolder', {})
          .then(setWatch)
          .catch(() => undefined);
    });
  }, [setWatch]);
  const save = (enabled: boolean) =>
    update(() =>
      call('updateWatchedFolder', { enabled, folder: folder.trim() || null, preset, mappingName: preset === 'generic' ? mappingName || null : null }),
    );
  if (!watch) return error ? <p className="field-error">{error.message}</p> : null;
  const fe = error?.fieldErrors;
  return (
    <form
      className="card narrow"
      aria-labelledby="watch-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save(true);
      }}
    >
      <h2 id="watch-title">Watched folder</h2>
      <p className="muted">
        Files your platform saves into this folder (.csv, .txt, .tsv) are imported once they stop changing. An imported file moves to <code>imported/</code>; a
        file that can’t be imported stays where it is and you are told why.
      </p>
      <Field label="Folder" error={errorFor(fe, 'folder')} hint="The full path, for example C:\Users\you\Documents\NinjaTrader 8\exports">
        {(p) => <input {...p} className="mono" value={folder} placeholder="/home/you/exports" onChange={(e) => setFolder(e.target.value)} />}
      </Field>
      <div className="row">
        <Field label="Read files as" error={errorFor(fe, 'preset')}>
          {(p) => (
            <select {...p} value={preset} onChange={(e) => setPreset(e.target.value)}>
              {presetChoices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.value === 'generic' ? 'A saved column mapping' : c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {preset === 'generic' && (
          <Field label="Mapping" error={errorFor(fe, 'mappingName')}>
            {(p) => (
              <select {...p} value={mappingName} onChange={(e) => setMappingName(e.target.value)}>
                <option value="">Choose…</option>
                {mappings.map((m) => (
                  <option key={m.name}>{m.name}</option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      {error && !fe && <p className="field-error">{error.message}</p>}
      {watch.error && (
        <p className="field-error" role="alert">
          {watch.error}
        </p>
      )}
      <div className="actions">
        {watch.running && <span className="status status-active">watching</span>}
        {watch.enabled && (
          <button type="button" onClick={() => void save(false)}>
            Stop watching
          </button>
        )}
        <button type="submit" className="primary">
          {watch.enabled ? 'Save' : 'Watch this folder'}
        </button>
      </div>
      {watch.recent.length > 0 && (
        <div className="table-scroll">
          <table className="table" aria-label="Files from the watched folder">
            <thead>
              <tr>
                <th>When</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {watch.recent.map((f) => (
                <tr key={`${f.at}-${f.fileName}`}>
                  <td>{formatInstant(f.at, timeZone)}</td>
                  <td className={f.ok ? undefined : 'field-error'}>{f.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </form>
  );
}
