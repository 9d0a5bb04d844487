import { useEffect, useState } from 'react';
import type { PnlSummary } from '../../src-main/contract/views.ts';
import { call } from '../api/window-api.ts';
import { useStore } from '../state/store.ts';

/** Today's and this week's realized P&L from the main process, read again after trades are recorded (a burst once). */
export function usePnlSummary(): PnlSummary | null {
  const recorded = useStore((s) => s.tradesRecorded);
  const [summary, setSummary] = useState<PnlSummary | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => {
        call('getPnlSummary', {})
          .then((s) => current && setSummary(s))
          .catch(() => undefined);
      },
      summary === null ? 0 : 200,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [recorded]);
  return summary;
}
