import type { BackupService } from '../backup/backup-service.ts';
import { SessionScheduler } from '../scheduler/session-scheduler.ts';
import { HOUR_MS } from '../time/clock.ts';
import type { Core } from './core.ts';

export interface Runtime {
  scheduler: SessionScheduler;
  backups: BackupService;
  stop(): Promise<void>;
}

/** How long a recorded trade may wait for the sync that makes it survive a power cut. */
export const CHECKPOINT_EVERY_MS = 5_000;

/**
 * What runs while the app is open, in either mode: the session timer, the WAL checkpoint
 * every few seconds, and the daily backup (checked every hour; made when the newest backup
 * is a day old).
 */
export function startRuntime(core: Core, log: (message: string, error?: unknown) => void): Runtime {
  const scheduler = new SessionScheduler({ sessions: core.sessions, schedules: core.schedules, clock: core.clock, log });
  const backups = core.backups;
  // Kept so stop() can let a running backup finish before the database closes under it.
  let backupRun: Promise<unknown> = Promise.resolve();
  const dailyBackup = () => {
    backupRun = backupRun.then(() => backups.createDailyIfDue().catch((error: unknown) => log('daily backup failed', error)));
  };
  scheduler.start();
  dailyBackup();
  const backupTimer = setInterval(dailyBackup, HOUR_MS);
  backupTimer.unref();
  const checkpointTimer = setInterval(() => void core.storage.checkpoint().catch((error: unknown) => log('checkpoint failed', error)), CHECKPOINT_EVERY_MS);
  checkpointTimer.unref();
  return {
    scheduler,
    backups,
    stop: async () => {
      clearInterval(backupTimer);
      clearInterval(checkpointTimer);
      await scheduler.stop();
      await backupRun;
    },
  };
}
