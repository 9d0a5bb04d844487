import { useStore } from '../state/store.ts';

/** Errors that belong to no field, and the persistent "can't save" notice. */
export function ErrorBar() {
  const error = useStore((s) => s.error);
  const clear = useStore((s) => s.clearError);
  const storageProblem = useStore((s) => s.storageProblem);
  return (
    <>
      {storageProblem && (
        <div className="errorbar errorbar-storage" role="alert" data-testid="storage-problem">
          <strong>Sessionguard can’t save data.</strong> {storageProblem}
        </div>
      )}
      {error && (
        <div className="errorbar" role="alert">
          <span>{error.message}</span>
          <button type="button" onClick={clear} aria-label="Dismiss error">
            ×
          </button>
        </div>
      )}
    </>
  );
}
