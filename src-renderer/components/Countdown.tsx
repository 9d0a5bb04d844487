import { useEffect, useState } from 'react';
import { formatCountdown } from '../format/time.ts';

interface Props {
  /** The absolute deadline the main process sent. */
  deadline: string;
  /** Page clock minus main-process clock, so both agree on "now". */
  clockOffsetMs: number;
}

const remainingMs = (end: number, clockOffsetMs: number) => end - (Date.now() - clockOffsetMs);

/**
 * Ticks every second on its own, recomputing from the deadline each time (so it can't drift)
 * and re-rendering only itself.
 */
export function Countdown({ deadline, clockOffsetMs }: Props) {
  const end = Date.parse(deadline);
  const [left, setLeft] = useState(() => remainingMs(end, clockOffsetMs));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const ms = remainingMs(end, clockOffsetMs);
      setLeft(ms);
      // Wake when the time left reaches the next whole second, not on a drifting 1000 ms grid.
      timer = setTimeout(schedule, ms > 0 ? ms % 1000 || 1000 : 1000);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [end, clockOffsetMs]);
  const text = formatCountdown(left);
  return (
    <div
      className={`countdown${left >= 86_400_000 ? ' countdown-days' : ''}`}
      role="timer"
      aria-live="off"
      aria-label={`Time left ${text}`}
      data-testid="countdown"
    >
      {text}
    </div>
  );
}
