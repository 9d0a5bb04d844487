import type { ConnectorView } from '../contract/views.ts';
import { toIso, toIsoOrNull } from '../time/clock.ts';
import type { V2HeartbeatBody } from './feed-v2-schema.ts';

/** A connector silent this long while a session is active is reported lost (it beats every 1-2 s). */
export const CONNECTOR_LOST_AFTER_MS = 10_000;
/** More platforms than anyone runs at once; past it, the longest silent is forgotten, so memory stays bounded. */
const CONNECTORS_KEPT = 16;

interface Entry {
  heartbeat: V2HeartbeatBody;
  lastHeartbeatAt: number;
  lastExecutionAt: number | null;
  /** The trader was told this connector is lost, and has not been told it is back. */
  reportedLost: boolean;
}

export interface ConnectorTransitions {
  lost: ConnectorView[];
  restored: ConnectorView[];
}

/**
 * What each platform connector last said, in memory: a restart forgets it until the next
 * heartbeat, a second or two later. Keyed by the connector's source name.
 */
export class ConnectorRegistry {
  private readonly entries = new Map<string, Entry>();

  heartbeat(body: V2HeartbeatBody, now: number): void {
    const entry = this.entries.get(body.source);
    this.entries.set(body.source, {
      heartbeat: body,
      lastHeartbeatAt: now,
      lastExecutionAt: entry?.lastExecutionAt ?? null,
      reportedLost: entry?.reportedLost ?? false,
    });
    if (this.entries.size > CONNECTORS_KEPT) {
      const oldest = [...this.entries.entries()].reduce((a, b) => (b[1].lastHeartbeatAt < a[1].lastHeartbeatAt ? b : a));
      this.entries.delete(oldest[0]);
    }
  }

  execution(source: string, now: number): void {
    const entry = this.entries.get(source);
    if (entry) entry.lastExecutionAt = now;
  }

  list(now: number): ConnectorView[] {
    return [...this.entries.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => view(entry, now));
  }

  /**
   * Which connectors just fell silent while a session is active (each reported once per
   * silence), and which of those reported are beating again. A connector that falls silent
   * with no session active is reported when a session becomes active while it is still silent.
   */
  transitions(now: number, sessionActive: boolean): ConnectorTransitions {
    const result: ConnectorTransitions = { lost: [], restored: [] };
    for (const entry of this.entries.values()) {
      const silent = isSilent(entry, now);
      if (silent && !entry.reportedLost && sessionActive) {
        entry.reportedLost = true;
        result.lost.push(view(entry, now));
      } else if (!silent && entry.reportedLost) {
        entry.reportedLost = false;
        result.restored.push(view(entry, now));
      }
    }
    return result;
  }
}

function isSilent(entry: Entry, now: number): boolean {
  return now - entry.lastHeartbeatAt > CONNECTOR_LOST_AFTER_MS;
}

function view(entry: Entry, now: number): ConnectorView {
  const hb = entry.heartbeat;
  return {
    source: hb.source,
    version: hb.version,
    platform: hb.platform,
    lastHeartbeatAt: toIso(entry.lastHeartbeatAt),
    lastExecutionAt: toIsoOrNull(entry.lastExecutionAt),
    lost: isSilent(entry, now),
    accounts: hb.accounts.map((a) => ({
      id: a.id,
      kind: a.kind,
      currency: a.currency,
      realized: a.realized,
      unrealized: a.unrealized,
      equity: a.equity,
      enforcement: a.enforcement,
    })),
  };
}
