import { randomBytes } from 'node:crypto';
import type { AppEvent } from '../contract/events.ts';
import type { ConnectorsView, FeedSettingsView } from '../contract/views.ts';
import { AppError } from '../errors/app-error.ts';
import type { EventBus } from '../events/event-bus.ts';
import { readSetting, writeSetting } from '../settings/settings-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { Clock } from '../time/clock.ts';
import type { ImportService } from '../imports/import-service.ts';
import type { TradeService } from '../trades/trade-service.ts';
import { CONNECTOR_LOST_AFTER_MS, ConnectorRegistry } from './connector-status.ts';
import { checkConnectors } from './connector-watch.ts';
import { startFeedServer, type FeedServer } from './feed-server.ts';
import { readLockState } from './lock-state.ts';

export const DEFAULT_FEED_PORT = 47814;
const KEY = 'feed';

interface StoredFeedSettings {
  enabled: boolean;
  port: number;
  token: string;
}

interface FeedDeps {
  storage: Storage;
  clock: Clock;
  bus: EventBus;
  trades: TradeService;
  imports: ImportService;
}

/** Runs the live feed while the trader has it on; off until they turn it on. */
export class FeedController {
  private readonly deps: FeedDeps;
  /** Outlives the server: turning the feed off and on keeps what connectors last said. */
  private readonly connectors = new ConnectorRegistry();
  private server: FeedServer | null = null;
  private token = '';
  private lastError: string | null = null;

  constructor(deps: FeedDeps) {
    this.deps = deps;
  }

  async settings(): Promise<FeedSettingsView> {
    const stored = await this.stored();
    return {
      enabled: stored.enabled,
      port: stored.port,
      running: this.server !== null,
      url: `http://127.0.0.1:${this.server?.port ?? stored.port}/v1/trades`,
      error: this.lastError,
    };
  }

  /** Starts or stops the server to match the stored settings. */
  async apply(): Promise<FeedSettingsView> {
    const stored = await this.stored();
    this.token = stored.token;
    await this.stop();
    this.lastError = null;
    if (stored.enabled) {
      try {
        const { storage, clock, bus, imports } = this.deps;
        this.server = await startFeedServer({
          trades: this.deps.trades,
          imports,
          ledger: { storage, clock, bus },
          token: () => this.token,
          port: stored.port,
          v2: { storage, clock, bus, imports, connectors: this.connectors },
        });
      } catch (error) {
        this.lastError = `The feed could not listen on 127.0.0.1:${stored.port}: ${(error as Error).message}`;
      }
    }
    return this.settings();
  }

  async update(changes: { enabled?: boolean; port?: number }): Promise<FeedSettingsView> {
    const stored = await this.stored();
    await this.save({ ...stored, ...changes });
    const view = await this.apply();
    if (view.error)
      throw new AppError('validation', view.error, { field: 'port', fieldErrors: [{ field: 'port', code: 'port_unavailable', message: view.error }] });
    return view;
  }

  /** Kept out of `settings()`, so the token crosses to a window only when the trader asks for it. */
  async revealToken(): Promise<string> {
    return (await this.stored()).token;
  }

  async regenerateToken(): Promise<FeedSettingsView> {
    const stored = await this.stored();
    await this.save({ ...stored, token: newToken() });
    this.token = (await this.stored()).token;
    return this.settings();
  }

  /** Each platform connector's last heartbeat and accounts, and the lock they are told. */
  async connectorsView(): Promise<ConnectorsView> {
    const now = this.deps.clock.now();
    return {
      now: new Date(now).toISOString(),
      lostAfterSeconds: CONNECTOR_LOST_AFTER_MS / 1000,
      connectors: this.connectors.list(now),
      lock: await readLockState(this.deps.storage.read, now),
    };
  }

  /** The "connector lost" check, run on a timer beat. */
  checkConnectors(): Promise<AppEvent[]> {
    return checkConnectors({ storage: this.deps.storage, clock: this.deps.clock, bus: this.deps.bus, registry: this.connectors });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }

  private async stored(): Promise<StoredFeedSettings> {
    const stored = await readSetting<StoredFeedSettings>(this.deps.storage.read, KEY);
    if (stored) return stored;
    const fresh = { enabled: false, port: DEFAULT_FEED_PORT, token: newToken() };
    await this.save(fresh);
    return fresh;
  }

  private async save(settings: StoredFeedSettings): Promise<void> {
    await this.deps.storage.write((tx) => writeSetting(tx, KEY, settings, this.deps.clock.now()));
  }
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}
