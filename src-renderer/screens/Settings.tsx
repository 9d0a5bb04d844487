import { useEffect, useState, type FormEvent } from 'react';
import type { RequestOf } from '../../src-main/contract/channels.ts';
import type { AppErrorData } from '../../src-main/contract/errors.ts';
import type { BackupView, FeedSettingsView, PointValuesView, ProfileView, SavedMapping, WatchedFolderView } from '../../src-main/contract/views.ts';
import { formatInstant, timeZoneChoices } from '../format/time.ts';
import { call, errorData } from '../api/window-api.ts';
import { DamagedDataNotice } from '../components/DamagedDataNotice.tsx';
import { errorFor, Field } from '../components/Field.tsx';
import { usePresetChoices } from '../imports/preset-choices.ts';
import { ConnectorsCard } from './settings/ConnectorsCard.tsx';
import { useStore } from '../state/store.ts';
import { DailyLimitCard } from './settings/DailyLimitCard.tsx';

const LOCKOUTS: Array<{ value: string; label: string }> = [
  { value: 'planned', label: 'Until the stopped session’s planned end' },
  { value: '60', label: '1 hour' },
  { value: '240', label: '4 hours' },
  { value: '1440', label: '1 day' },
  { value: '0', label: 'No lockout' },
];

type ProfileEdits = RequestOf<'updateProfile'>;

export function Settings({ profile }: { profile: ProfileView }) {
  const setProfile = useStore((s) => s.setProfile);
  // Only what the trader changed is held here; everything else shows the store's profile, so a
  // balance the main process moved meanwhile is shown, and never written back by a save.
  const [edits, setEdits] = useState<ProfileEdits>({});
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saved, setSaved] = useState(false);
  const edit = (changes: ProfileEdits) => {
    setEdits((e) => ({ ...e, ...changes }));
    setSaved(false);
  };
  const name = edits.name ?? profile.name;
  const currency = edits.currency ?? profile.currency;
  const timeZone = edits.timeZone ?? profile.timeZone;
  const balance = edits.balance ?? profile.balance;
  const apply = edits.applyPnlToBalance ?? profile.applyPnlToBalance;
  const lockoutMinutes = edits.lockoutMinutes === undefined ? profile.lockoutMinutes : edits.lockoutMinutes;
  const lockout = lockoutMinutes === null ? 'planned' : String(lockoutMinutes);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      const changes = { ...edits, ...(edits.balance !== undefined && { balance: edits.balance.trim().replace(/,/g, '') }) };
      setProfile(await call('updateProfile', changes));
      setEdits({});
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(errorData(err));
    }
  };
  const fe = error?.fieldErrors;
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <form className="card narrow" onSubmit={save} aria-label="Profile">
        <h2>Profile</h2>
        <Field label="Name" error={errorFor(fe, 'name')}>
          {(p) => <input {...p} value={name} onChange={(e) => edit({ name: e.target.value })} />}
        </Field>
        <div className="row">
          <Field label="Balance" error={errorFor(fe, 'balance')}>
            {(p) => <input {...p} inputMode="decimal" value={balance} onChange={(e) => edit({ balance: e.target.value })} />}
          </Field>
          <Field label="Currency" error={errorFor(fe, 'currency')}>
            {(p) => <input {...p} value={currency} maxLength={3} onChange={(e) => edit({ currency: e.target.value.toUpperCase() })} />}
          </Field>
        </div>
        <Field label="Time zone" error={errorFor(fe, 'timeZone')}>
          {(p) => (
            <select {...p} value={timeZone} onChange={(e) => edit({ timeZone: e.target.value })}>
              {timeZoneChoices(profile.timeZone).map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={apply} onChange={(e) => edit({ applyPnlToBalance: e.target.checked })} />
          Add each ended session’s P&L to the balance
        </label>
        <Field label="After the loss limit stops a session, lock new sessions" error={errorFor(fe, 'lockoutMinutes')} hint="A lockout that is already running keeps its end.">
          {(p) => (
            <select {...p} value={lockout} onChange={(e) => edit({ lockoutMinutes: e.target.value === 'planned' ? null : Number(e.target.value) })}>
              {LOCKOUTS.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {error && !fe && <p className="field-error">{error.message}</p>}
        <div className="actions">
          {saved && <span role="status">Saved.</span>}
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
      <DailyLimitCard profile={profile} />
      <FeedSettings />
      <ConnectorsCard timeZone={profile.timeZone} />
      <WatchedFolderSettings timeZone={profile.timeZone} />
      <PointValues />
      <DataSettings timeZone={profile.timeZone} />
    </section>
  );
}

function FeedSettings() {
  const [feed, setFeed] = useState<FeedSettingsView | null>(null);
  // Asked for only when the trader shows or copies it: the normal view never carries the token.
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('getFeedSettings', {}).then(setFeed).catch((e: unknown) => setError(errorData(e).message));
  }, []);
  const update = async (work: Promise<FeedSettingsView>) => {
    try {
      setFeed(await work);
      setToken(null);
      setError(null);
    } catch (e) {
      setError(errorData(e).message);
    }
  };
  const reveal = async (): Promise<string | null> => {
    try {
      const shown = (await call('revealFeedToken', {})).token;
      setToken(shown);
      return shown;
    } catch (e) {
      setError(errorData(e).message);
      return null;
    }
  };
  const copy = async () => {
    const shown = token ?? (await reveal());
    if (shown !== null) await navigator.clipboard?.writeText(shown).catch(() => setError('The browser refused the clipboard; select the token and copy it.'));
  };
  if (!feed) return null;
  return (
    <div className="card narrow" aria-labelledby="feed-title">
      <h2 id="feed-title">Live feed</h2>
      <p className="muted">Trading platforms and scripts on this computer can send closed trades to Sessionguard as they happen.</p>
      <label className="check">
        <input type="checkbox" checked={feed.enabled} onChange={(e) => void update(call('updateFeedSettings', { enabled: e.target.checked }))} />
        Accept trades at <code>{feed.url}</code> {feed.running && <span className="status status-active">running</span>}
      </label>
      <Field label="Bearer token">
        {(p) => <input {...p} readOnly value={token ?? '••••••••••••••••'} className="mono" onFocus={(e) => e.target.select()} />}
      </Field>
      <button type="button" onClick={() => (token === null ? void reveal() : setToken(null))}>
        {token === null ? 'Show token' : 'Hide token'}
      </button>
      <button type="button" onClick={() => void copy()}>
        Copy token
      </button>
      <button type="button" onClick={() => void update(call('regenerateFeedToken', {}))}>
        New token
      </button>
      <pre className="code">{`curl -X POST ${feed.url} \\
  -H "Authorization: Bearer ${token ?? '$SESSIONGUARD_TOKEN'}" \\
  -H "Content-Type: application/json" \\
  -d '{"trades":[{"externalId":"order-1","closedAt":"${new Date().toISOString()}","pnl":"-42.50"}]}'`}</pre>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function WatchedFolderSettings({ timeZone }: { timeZone: string }) {
  const [watch, setWatch] = useState<WatchedFolderView | null>(null);
  const [mappings, setMappings] = useState<SavedMapping[]>([]);
  const [folder, setFolder] = useState('');
  const presetChoices = usePresetChoices();
  const [preset, setPreset] = useState('auto');
  const [mappingName, setMappingName] = useState('');
  const [error, setError] = useState<AppErrorData | null>(null);
  const show = (view: WatchedFolderView) => {
    setWatch(view);
    setFolder(view.folder ?? '');
    setPreset(view.preset);
    setMappingName(view.mappingName ?? '');
  };
  useEffect(() => {
    call('getWatchedFolder', {}).then(show).catch((e: unknown) => setError(errorData(e)));
    call('listMappings', {}).then(setMappings).catch(() => undefined);
    // Files are handled in the main process; the list of recent ones follows its events.
    return window.api.onEvent((event) => {
      if (event.type === 'folder_import') call('getWatchedFolder', {}).then(setWatch).catch(() => undefined);
    });
  }, []);
  const save = async (enabled: boolean) => {
    try {
      show(await call('updateWatchedFolder', { enabled, folder: folder.trim() || null, preset, mappingName: preset === 'generic' ? mappingName || null : null }));
      setError(null);
    } catch (e) {
      setError(errorData(e));
    }
  };
  if (!watch) return error ? <p className="field-error">{error.message}</p> : null;
  const fe = error?.fieldErrors;
  return (
    <form className="card narrow" aria-labelledby="watch-title" onSubmit={(e) => { e.preventDefault(); void save(true); }}>
      <h2 id="watch-title">Watched folder</h2>
      <p className="muted">
        Files your platform saves into this folder (.csv, .txt, .tsv) are imported once they stop changing. An imported file moves to <code>imported/</code>; a file that can’t be imported stays where it is and you are told why.
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
      {watch.error && <p className="field-error" role="alert">{watch.error}</p>}
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

function PointValues() {
  const [values, setValues] = useState<PointValuesView | null>(null);
  const [root, setRoot] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('getPointValues', {}).then(setValues).catch((e: unknown) => setError(errorData(e).message));
  }, []);
  const save = async (r: string, v: string | null) => {
    try {
      setValues(await call('setPointValue', { root: r, value: v }));
      setRoot('');
      setValue('');
      setError(null);
    } catch (e) {
      setError(errorData(e).message);
    }
  };
  if (!values) return null;
  const roots = [...new Set([...Object.keys(values.overrides), ...Object.keys(values.builtIn)])].sort();
  return (
    <div className="card narrow" aria-labelledby="points-title">
      <h2 id="points-title">Futures point values</h2>
      <p className="muted">Dollars per point, by root symbol (MNQM6 and MNQ MAR25 both use MNQ). Imports refuse a contract whose root is not here.</p>
      <div className="row">
        <input aria-label="Root symbol" placeholder="MNQ" value={root} onChange={(e) => setRoot(e.target.value.toUpperCase())} />
        <input aria-label="Point value" placeholder="2" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="button" disabled={!root || !value} onClick={() => void save(root, value)}>
          Set
        </button>
      </div>
      {error && <p className="field-error">{error}</p>}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th>Root</th>
              <th className="num">Point value</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {roots.map((r) => (
              <tr key={r}>
                <td>{r}</td>
                <td className="num">
                  {values.overrides[r] ?? values.builtIn[r]} {values.overrides[r] !== undefined && <span className="muted">(yours)</span>}
                </td>
                <td>
                  {values.overrides[r] !== undefined && (
                    <button type="button" className="link" onClick={() => void save(r, null)}>
                      Reset
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function download(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

function DataSettings({ timeZone }: { timeZone: string }) {
  const load = useStore((s) => s.load);
  const [backups, setBackups] = useState<BackupView[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => call('listBackups', {}).then(setBackups).catch((e: unknown) => setError(errorData(e).message));
  useEffect(() => {
    void refresh();
  }, []);
  const run = async (work: () => Promise<string>) => {
    try {
      setMessage(await work());
      setError(null);
    } catch (e) {
      setError(errorData(e).message);
    }
    await refresh();
  };
  const restoreFile = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const result = await call('restoreFromFile', { fileName: file.name, contentBase64: btoa(binary) });
    await load();
    return `Restored ${result.sessions} sessions and ${result.trades} trades from ${file.name}. ${result.safetyBackup ? `Your previous data is saved as ${result.safetyBackup.name}.` : `The damaged data was copied to ${result.damagedCopy ?? 'the backups folder'}.`}`;
  };
  return (
    <div className="card narrow" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <DamagedDataNotice timeZone={timeZone} />
      <div className="row">
        <button type="button" onClick={() => void run(async () => `Backup ${(await call('createBackup', {})).name} made.`)}>
          Back up now
        </button>
        <button type="button" onClick={() => void run(async () => { const f = await call('exportCsv', { kind: 'sessions' }); download(f.fileName, f.content); return `Exported ${f.fileName}.`; })}>
          Export sessions (CSV)
        </button>
        <button type="button" onClick={() => void run(async () => { const f = await call('exportCsv', { kind: 'trades' }); download(f.fileName, f.content); return `Exported ${f.fileName}.`; })}>
          Export trades (CSV)
        </button>
      </div>
      <p className="muted">A backup is made every day while Sessionguard runs; the newest 7 are kept.</p>
      <table className="table">
        <thead>
          <tr>
            <th>Backup</th>
            <th>Kind</th>
            <th className="num">Size</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {backups.map((b) => (
            <tr key={b.name}>
              <td>{formatInstant(b.createdAt, timeZone)}</td>
              <td>{b.reason}</td>
              <td className="num">{Math.ceil(b.bytes / 1024)} KB</td>
              <td>
                <button type="button" className="link" onClick={() => confirm('Replace your current data with this backup? Your current data is backed up first.') && void run(async () => { const r = await call('restoreBackup', { name: b.name }); await load(); return `Restored ${r.sessions} sessions and ${r.trades} trades.`; })}>
                  Restore
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="button">
        Restore from a file…
        <input type="file" accept=".db,.sqlite" className="sr-only" onChange={(e) => { const f = e.target.files?.[0]; if (f) void run(() => restoreFile(f)); }} />
      </label>
      {message && <p role="status">{message}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}
