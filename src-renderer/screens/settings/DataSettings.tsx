import { useState } from 'react';
import { call } from '../../api/window-api.ts';
import { DamagedDataNotice } from '../../components/DamagedDataNotice.tsx';
import { count } from '../../format/money.ts';
import { formatInstant } from '../../format/time.ts';
import { useStore } from '../../state/store.ts';
import { useCardData } from './use-card-data.ts';

/** Saves text as a file through the browser's download. */
function download(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** Backups (made daily, or now), restore from one or from a file, and CSV export. */
export function DataSettings({ timeZone }: { timeZone: string }) {
  const load = useStore((s) => s.load);
  const { data: backups, error, update } = useCardData(() => call('listBackups', {}));
  const [message, setMessage] = useState<string | null>(null);
  /** Runs an action, says what it did, and reads the backup list again. */
  const run = async (work: () => Promise<string>) => {
    let done: string | null = null;
    const ok = await update(async () => {
      done = await work();
      return call('listBackups', {});
    });
    setMessage(ok ? done : null);
  };
  const restoreFile = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const result = await call('restoreFromFile', { fileName: file.name, contentBase64: btoa(binary) });
    await load();
    return `Restored ${count(result.sessions, 'session')} and ${count(result.trades, 'trade')} from ${file.name}. ${result.safetyBackup ? `Your previous data is saved as ${result.safetyBackup.name}.` : `The damaged data was copied to ${result.damagedCopy ?? 'the backups folder'}.`}`;
  };
  return (
    <section className="card narrow" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <DamagedDataNotice timeZone={timeZone} />
      <div className="row">
        <button type="button" onClick={() => void run(async () => `Backup ${(await call('createBackup', {})).name} made.`)}>
          Back up now
        </button>
        <button
          type="button"
          onClick={() =>
            void run(async () => {
              const f = await call('exportCsv', { kind: 'sessions' });
              download(f.fileName, f.content);
              return `Exported ${f.fileName}.`;
            })
          }
        >
          Export sessions (CSV)
        </button>
        <button
          type="button"
          onClick={() =>
            void run(async () => {
              const f = await call('exportCsv', { kind: 'trades' });
              download(f.fileName, f.content);
              return `Exported ${f.fileName}.`;
            })
          }
        >
          Export trades (CSV)
        </button>
      </div>
      <p className="muted">A backup is made every day while Sessionguard runs; the newest 7 are kept.</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Backup</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">
              <span className="sr-only">Restore</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(backups ?? []).map((b) => (
            <tr key={b.name}>
              <td>{formatInstant(b.createdAt, timeZone)}</td>
              <td>{b.reason}</td>
              <td className="num">{Math.ceil(b.bytes / 1024)} KB</td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    confirm('Replace your current data with this backup? Your current data is backed up first.') &&
                    void run(async () => {
                      const r = await call('restoreBackup', { name: b.name });
                      await load();
                      return `Restored ${count(r.sessions, 'session')} and ${count(r.trades, 'trade')}.`;
                    })
                  }
                >
                  Restore
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="button">
        Restore from a file…
        <input
          type="file"
          accept=".db,.sqlite"
          className="sr-only"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void run(() => restoreFile(f));
          }}
        />
      </label>
      {message && <p role="status">{message}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
