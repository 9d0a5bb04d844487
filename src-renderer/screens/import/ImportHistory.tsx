import { useCallback, useEffect, useState } from 'react';
import type { ImportBatchView, ProfileView } from '../../../src-main/contract/views.ts';
import { call } from '../../api/window-api.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatInstant } from '../../format/time.ts';
import { useStore } from '../../state/store.ts';

/** The imports so far, newest first, each undoable as a whole (its trades voided, its positions as before it). */
export function ImportHistory({ profile, refreshKey }: { profile: ProfileView; refreshKey: number }) {
  const [batches, setBatches] = useState<ImportBatchView[] | null>(null);
  const [asking, setAsking] = useState<ImportBatchView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const showError = useStore((s) => s.showError);
  const load = useCallback(() => call('listImports', {}).then(setBatches).catch(showError), [showError]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshKey` is not read, the screen bumps it after an import to read the list again.
  useEffect(() => void load(), [load, refreshKey]);

  const undo = async (batch: ImportBatchView) => {
    setAsking(null);
    try {
      const result = await call('undoImport', { batchId: batch.batchId });
      setDone(
        `${batch.fileName}: ${result.voided} ${result.voided === 1 ? 'trade' : 'trades'} voided${result.sessions.length > 0 ? `, ${result.sessions.length} ${result.sessions.length === 1 ? 'session' : 'sessions'} recomputed` : ''}.`,
      );
      await load();
    } catch (error) {
      showError(error);
    }
  };

  if (batches === null) return null;
  return (
    <div className="card" data-testid="import-history">
      <h2>Import history</h2>
      {done && <p role="status">{done}</p>}
      {batches.length === 0 ? (
        <p className="empty">Nothing imported yet.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Imports, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Imported</th>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Trades
              </th>
              <th scope="col" className="num">
                Fills
              </th>
              <th scope="col">
                <span className="sr-only">Undo</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.batchId} className={batch.undoneAt ? 'voided' : undefined}>
                <td>{formatInstant(batch.importedAt, profile.timeZone)}</td>
                <td>{batch.fileName}</td>
                <td className="num">{batch.tradeCount}</td>
                <td className="num">{batch.fillCount}</td>
                <td>
                  {batch.undoneAt ? (
                    <span className="muted">undone {formatInstant(batch.undoneAt, profile.timeZone)}</span>
                  ) : (
                    <button type="button" disabled={batch.undoBlockedBy !== null} title={batch.undoBlockedBy ?? undefined} onClick={() => setAsking(batch)}>
                      Undo
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && (
        <ConfirmDialog
          title={`Undo the import of ${asking.fileName}?`}
          message={`Its ${asking.tradeCount} ${asking.tradeCount === 1 ? 'trade is' : 'trades are'} voided and every session they were in is recomputed. A session the import stopped stays stopped, and a running lockout keeps running.`}
          confirmLabel="Undo import"
          danger
          onConfirm={() => void undo(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}
