import { join } from 'node:path';
import { BackupService } from '../backup/backup-service.ts';
import { EventBus } from '../events/event-bus.ts';
import { FeedController } from '../feed/feed-controller.ts';
import { HistoryService } from '../history/history-service.ts';
import { ImportService } from '../imports/import-service.ts';
import { WatchedFolder } from '../imports/watched-folder.ts';
import { ProfileService } from '../profiles/profile-service.ts';
import { BreachNotices } from '../sessions/breach-notices.ts';
import { SessionService } from '../sessions/session-service.ts';
import { openStorage, type Storage } from '../storage/connection.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import { TradeService } from '../trades/trade-service.ts';

export const DATABASE_FILE = 'sessionguard.db';

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
  readonly imports: ImportService;
  readonly watchedFolder: WatchedFolder;
  readonly backups: BackupService;
  close(): Promise<void>;
}

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
}

/** Opens the database (migrating it), then runs the catch-up before anything else can happen. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const storage = await openStorage({ file: join(options.dataDir, DATABASE_FILE), now: clock.now() });
  const bus = new EventBus();
  // Whatever failed to save, the trader hears of it wherever they are looking.
  storage.onWriteFailure((error) => bus.emit({ type: 'storage_failed', error: error.toData() }));
  // A stop is what the trader relies on most: make it survive a power cut at once.
  bus.subscribe((event) => {
    if (event.type === 'breach' || event.type === 'session_ended') void storage.checkpoint().catch(() => undefined);
  });
  const sessions = new SessionService({ storage, clock, bus });
  try {
    await sessions.checkExpiredSessions();
  } catch (error) {
    await storage.close();
    throw error;
  }
  const trades = new TradeService({ storage, clock, bus });
  const imports = new ImportService({ storage, clock, bus });
  const feed = new FeedController({ storage, clock, trades, imports });
  await feed.apply();
  const watchedFolder = new WatchedFolder({ storage, clock, bus, imports });
  await watchedFolder.apply();
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
    history: new HistoryService({ storage, clock }),
    imports,
    watchedFolder,
    backups: new BackupService({ storage, clock, folder: join(options.dataDir, 'backups') }),
    close: async () => {
      await feed.stop();
      await watchedFolder.stop();
      await storage.close();
    },
  };
}
