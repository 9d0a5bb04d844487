import { useEffect, useState } from 'react';

const shareGone = (from: number, to: number, clockOffsetMs: number) => Math.min(1, Math.max(0, (Date.now() - clockOffsetMs - from) / (to - from)));

/** Share of the session's time gone, ticking on its own like the countdown. */
export function TimeProgress({ start, end, clockOffsetMs }: { start: string; end: string; clockOffsetMs: number }) {
  const from = Date.parse(start);
  const to = Date.parse(end);
  const [value, setValue] = useState(() => shareGone(from, to, clockOffsetMs));
  useEffect(() => {
    const timer = setInterval(() => setValue(shareGone(from, to, clockOffsetMs)), 1000);
    return () => clearInterval(timer);
  }, [from, to, clockOffsetMs]);
  const percent = Math.round(value * 1000) / 10;
  return (
    <div className="bar bar-time" role="progressbar" aria-label="Session time used" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className="bar-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
