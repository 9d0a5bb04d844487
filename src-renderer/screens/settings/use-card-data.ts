import { useEffect, useState } from 'react';
import type { AppErrorData } from '../../../src-main/contract/errors.ts';
import { errorData } from '../../api/window-api.ts';

/**
 * The pattern every Settings card shares: read its data once, replace it with what each
 * change returns, and keep the last error (cleared by the next success) to show in the card.
 */
export function useCardData<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once when the card mounts; `load` is the card's inline function, new on each render.
  useEffect(() => {
    load()
      .then(setData)
      .catch((e: unknown) => setError(errorData(e)));
  }, []);
  /** Applies a change's result; true when it succeeded. */
  const update = async (work: () => Promise<T>): Promise<boolean> => {
    try {
      setData(await work());
      setError(null);
      return true;
    } catch (e) {
      setError(errorData(e));
      return false;
    }
  };
  return { data, setData, error, update };
}
