import { join } from 'node:path';
import { restoreView } from '../backup/backup-handlers.ts';
import { BackupService, type RestoreResult } from '../backup/backup-service.ts';
import { EventBus } from '../events/event-bus.ts';
import { storageFailureAlerts } from '../events/storage-failure-alerts.ts';
import { FeedController } from '../feed/feed-controller.ts';
import { HistoryService } from '../history/history-service.ts';
import { ImportService } from '../imports/import-service.ts';
import { WatchedFolder } from '../imports/watched-folder.ts';
import { ProfileService } from '../profiles/profile-service.ts';
import { ReadThread } from '../reads/read-thread.ts';
import { ScheduleService } from '../schedules/schedule-service.ts';
import { BreachNotices } from '../sessions/breach-notices.ts';
import { SessionService } from '../sessions/session-service.ts';
import { lockDataFolder, type RunMode } from '../startup/data-folder-lock.ts';
import { backupsFolder, DATABASE_FILE } from '../startup/data-dir.ts';
import { openStorage, type Storage } from '../storage/connection.ts';
import { TemplateService } from '../templates/template-service.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { TradeService } from '../trades/trade-service.ts';

export { DATABASE_FILE };

/** Everything the app does that is not Electron: one instance per data folder. */
export interface Core {
  readonly dataDir: string;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly profiles: ProfileService;
  readonly sessions: SessionService;
  readonly notices: BreachNotices;
  readonly trades: TradeService;
  readonly feed: FeedController;
  readonly history: HistoryService;
  /** The heavy reads, off the main thread: the IPC handlers for history, export and backups use these. */
  readonly reads: ReadThread;
  readonly imports: ImportService;
  readonly watchedFolder: WatchedFolder;
  readonly backups: BackupService;
  readonly templates: TemplateService;
  readonly schedules: ScheduleService;
  close(): Promise<void>;
}

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  /** Written into the data folder's lock, so a second start can say what holds it. */
  mode?: RunMode;
}

/**
 * Takes the data folder (one running app per folder), opens the database (checking and
 * migrating it), then runs the catch-up before anything else can happen.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const lock = lockDataFolder(options.dataDir, options.mode ?? 'script', clock.now());
  let storage: Storage;
  try {
    storage = await openStorage({ file: join(options.dataDir, DATABASE_FILE), now: clock.now() });
  } catch (error) {
    lock.release();
    throw error;
  }
  const bus = new EventBus();
  // Whatever failed to save, the trader hears of it wherever they are looking.
  storage.onWriteFailure(storageFailureAlerts(bus, clock));
  storage.onDamage((error) => bus.emit({ type: 'database_damaged', error: error.toData() }));
  // A stop is what the trader relies on most: make it survive a power cut at once. Once, for a
  // breach and the end it brings, and in the next turn: the checkpoint syncs the disk (several
  // milliseconds), which would otherwise keep the other listeners (the window, the tray), the
  // reply and the next trade waiting.
  let checkpointDue = false;
  bus.subscribe((event) => {
    if ((event.type !== 'breach' && event.type !== 'session_ended') || checkpointDue) return;
    checkpointDue = true;
    setImmediate(() => {
      checkpointDue = false;
      void storage.checkpoint().catch(() => undefined);
    });
  });
  const sessions = new SessionService({ storage, clock, bus });
  const trades = new TradeService({ storage, clock, bus });
  const imports = new ImportService({ storage, clock, bus });
  const feed = new FeedController({ storage, clock, bus, trades, imports });
  const watchedFolder = new WatchedFolder({ storage, clock, bus, imports });
  // After a restore every area takes its settings from the restored data, and every screen reloads.
  const afterRestore = async (result: RestoreResult) => {
    await sessions.checkExpiredSessions();
    await feed.apply();
    await watchedFolder.apply();
    bus.emit({ type: 'data_restored', restored: restoreView(result) });
  };
  const reads = new ReadThread({ file: storage.file, onDamage: (error) => storage.reportDamage(error) });
  const backups = new BackupService({ storage, clock, folder: backupsFolder(options.dataDir), afterRestore, snapshot: reads.snapshot });
  try {
    backups.removeLeftovers(options.dataDir);
    await sessions.checkExpiredSessions();
    await feed.apply();
    await watchedFolder.apply();
  } catch (error) {
    await feed.stop();
    await watchedFolder.stop();
    await reads.close();
    await storage.close();
    lock.release();
    throw error;
  }
  return {
    dataDir: options.dataDir,
    storage,
    clock,
    bus,
    profiles: new ProfileService({ storage, clock }),
    sessions,
    notices: new BreachNotices({ storage, clock, bus }),
    trades,
    feed,
    history: new HistoryService({ storage }),
    reads,
    imports,
    watchedFolder,
    backups,
    templates: new TemplateService({ storage, clock }),
    schedules: new ScheduleService({ storage, clock, bus }),
    close: async () => {
      await feed.stop();
      await watchedFolder.stop();
      await reads.close();
      await storage.close();
      lock.release();
    },
  };
}
