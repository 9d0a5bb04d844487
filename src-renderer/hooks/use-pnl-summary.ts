import { useEffect, useRef, useState } from 'react';
import type { PnlSummary } from '../../src-main/contract/views.ts';
import { call } from '../api/window-api.ts';
import { useStore } from '../state/store.ts';

/** Today's and this week's realized P&L from the main process, read again after trades are recorded (a burst once). */
export function usePnlSummary(): PnlSummary | null {
  const recorded = useStore((s) => s.tradesRecorded);
  const [summary, setSummary] = useState<PnlSummary | null>(null);
  const shown = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `recorded` is not read, it is the signal to read the totals again.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => {
        call('getPnlSummary', {})
          .then((s) => {
            if (!current) return;
            shown.current = true;
            setSummary(s);
          })
          .catch(() => undefined);
      },
      shown.current ? 200 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [recorded]);
  return summary;
}
