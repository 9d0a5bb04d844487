import { useEffect, useState } from 'react';
import type { DataHealthView } from '../../src-main/contract/views.ts';
import { call, errorData } from '../api/window-api.ts';
import { formatInstant } from '../format/time.ts';
import { useStore } from '../state/store.ts';

/**
 * When the database was found damaged (nothing is being saved), the newest backup that passes
 * its check and a one-step restore of it. Asks again whenever the "can't save" problem changes.
 */
export function DamagedDataNotice({ timeZone }: { timeZone: string }) {
  const storageProblem = useStore((s) => s.storageProblem);
  const [health, setHealth] = useState<DataHealthView | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [restoring, setRestoring] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `storageProblem` is not read, a change of it is the signal to ask again.
  useEffect(() => {
    void call('getDataHealth', {})
      .then(setHealth)
      .catch(() => setHealth(null));
  }, [storageProblem]);
  if (!health?.damaged) return outcome && <p role="status">{outcome.message}</p>;
  const backup = health.newestGoodBackup;
  const restore = async (name: string) => {
    setRestoring(true);
    try {
      const restored = await call('restoreBackup', { name });
      setOutcome({
        ok: true,
        message: `Restored ${restored.sessions} sessions and ${restored.trades} trades. The damaged file was copied to ${restored.damagedCopy ?? 'the backups folder'}.`,
      });
      setHealth(await call('getDataHealth', {}));
    } catch (error) {
      setOutcome({ ok: false, message: errorData(error).message });
    } finally {
      setRestoring(false);
    }
  };
  return (
    <div className="banner banner-storage" role="alert" data-testid="damaged-data">
      <div>
        <strong>Your data is damaged</strong>
        <span>{health.message}</span>
        {!backup && <span>No backup passes its check; the damaged file stays as it is so it can be recovered.</span>}
        {outcome && !outcome.ok && <span className="field-error">{outcome.message}</span>}
      </div>
      {backup && (
        <button type="button" disabled={restoring} onClick={() => void restore(backup.name)}>
          Restore the backup of {formatInstant(backup.createdAt, timeZone)}
        </button>
      )}
    </div>
  );
}
