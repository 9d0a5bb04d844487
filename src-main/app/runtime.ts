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
/** How often platform connectors' heartbeats are looked at (a lost one is reported 10 s after its last). */
export const CONNECTOR_CHECK_EVERY_MS = 1_000;

/**
 * What runs while the app is open, in either mode: the session timer, the WAL checkpoint
 * every few seconds, the read worker (started now so the first history page doesn't wait for
 * it), the daily backup (checked every hour; made when the newest backup is a day old), and
 * the check for platform connectors gone silent.
 */
export function startRuntime(core: Core, log: (message: string, error?: unknown) => void): Runtime {
  const scheduler = new SessionScheduler({ sessions: core.sessions, schedules: core.schedules, clock: core.clock, log });
  const backups = core.backups;
  // One check at a time. The copy is made by the read worker on its own connection, so stop()
  // need not wait for it: closing the core ends a copy still running and removes its partial file.
  let backupRun: Promise<unknown> = Promise.resolve();
  const dailyBackup = () => {
    backupRun = backupRun.then(() =>
      backups.createDailyIfDue().catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 'cancelled') log('daily backup failed', error);
      }),
    );
  };
  scheduler.start();
  core.reads.warm();
  dailyBackup();
  const backupTimer = setInterval(dailyBackup, HOUR_MS);
  backupTimer.unref();
  const checkpointTimer = setInterval(() => void core.storage.checkpoint().catch((error: unknown) => log('checkpoint failed', error)), CHECKPOINT_EVERY_MS);
  checkpointTimer.unref();
  const connectorTimer = setInterval(
    () => void core.feed.checkConnectors().catch((error: unknown) => log('connector check failed', error)),
    CONNECTOR_CHECK_EVERY_MS,
  );
  connectorTimer.unref();
  return {
    scheduler,
    backups,
    stop: async () => {
      clearInterval(backupTimer);
      clearInterval(checkpointTimer);
      clearInterval(connectorTimer);
      await scheduler.stop();
    },
  };
}
