import { useEffect, useState } from 'react';

/** A timer never waits longer than this, so a machine that slept still notices a deadline within a minute. */
const LONGEST_WAIT_MS = 60_000;

/**
 * Whether the main process's clock has reached a deadline, re-rendering the moment it does.
 * `clockOffsetMs` is the page clock minus the main process's, so both agree on "now".
 */
export function useDeadlinePassed(deadline: string | null, clockOffsetMs: number): boolean {
  const end = deadline === null ? null : Date.parse(deadline);
  const passed = () => end !== null && Date.now() - clockOffsetMs >= end;
  const [value, setValue] = useState(passed);
  useEffect(() => {
    if (end === null) {
      setValue(false);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const left = end - (Date.now() - clockOffsetMs);
      setValue(left <= 0);
      if (left > 0) timer = setTimeout(check, Math.min(left, LONGEST_WAIT_MS));
    };
    check();
    return () => clearTimeout(timer);
  }, [end, clockOffsetMs]);
  return value;
}
