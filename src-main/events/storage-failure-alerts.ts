import type { AppError } from '../errors/app-error.ts';
import type { Clock } from '../time/clock.ts';
import { toIso } from '../time/clock.ts';
import type { EventBus } from './event-bus.ts';

/** How long repeats of the same failure are folded into one alert before it is sent again with the count. */
export const REPEAT_WINDOW_MS = 30_000;

/**
 * Storage failures as the trader hears of them: the first at once, then the same failure
 * again (the timer retries twice a second while a disk is full) only as one updated alert
 * per window, carrying how often it happened since it started.
 */
export function storageFailureAlerts(bus: EventBus, clock: Clock): (error: AppError) => void {
  let current: { code: string; since: number; count: number; sentAt: number } | null = null;
  return (error) => {
    const now = clock.now();
    if (current === null || current.code !== error.code || now - current.sentAt >= REPEAT_WINDOW_MS * 4)
      current = { code: error.code, since: now, count: 0, sentAt: -Infinity };
    current.count += 1;
    if (now - current.sentAt < REPEAT_WINDOW_MS) return;
    current.sentAt = now;
    bus.emit({ type: 'storage_failed', error: error.toData(), failures: current.count, since: toIso(current.since) });
  };
}
