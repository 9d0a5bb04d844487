import type { AppEvent } from '../contract/events.ts';
import type { EventBus } from '../events/event-bus.ts';
import { findActiveProfile } from '../profiles/profile-repository.ts';
import { findOpenSession } from '../sessions/session-repository.ts';
import type { Storage } from '../storage/connection.ts';
import type { Clock } from '../time/clock.ts';
import { appendConnectorEvent } from './connector-timeline.ts';
import { CONNECTOR_LOST_AFTER_MS, type ConnectorRegistry } from './connector-status.ts';

interface WatchDeps {
  storage: Storage;
  clock: Clock;
  bus: EventBus;
  registry: ConnectorRegistry;
}

/**
 * The "connector lost" alert: a platform connector that stops beating for 10 s while a session
 * is active may be missing the trader's executions, so the trader is told (banner, tray,
 * notification) and the session's timeline says when; when it beats again, both say so.
 * Run on a timer beat; each silence is reported once.
 */
export async function checkConnectors(deps: WatchDeps): Promise<AppEvent[]> {
  const now = deps.clock.now();
  const profile = await findActiveProfile(deps.storage.read);
  const open = profile ? await findOpenSession(deps.storage.read, profile.id) : undefined;
  const active = open?.status === 'active' ? open : undefined;
  const { lost, restored } = deps.registry.transitions(now, active !== undefined);
  if (lost.length + restored.length === 0) return [];

  const seconds = CONNECTOR_LOST_AFTER_MS / 1000;
  const events: AppEvent[] = [
    ...lost.map(
      (connector): AppEvent => ({
        type: 'connector_lost',
        connector,
        message: `No heartbeat from ${connector.platform} (${connector.source}) for ${seconds} s while your session is active: trades you make there may not reach Sessionguard. Check that the platform and its Sessionguard add-on are running.`,
      }),
    ),
    ...restored.map(
      (connector): AppEvent => ({ type: 'connector_restored', connector, message: `${connector.platform} (${connector.source}) is reporting again.` }),
    ),
  ];
  if (active) {
    try {
      await deps.storage.write(async (tx) => {
        for (const c of lost) await appendConnectorEvent(tx, active.id, 'connector_lost', now, { source: c.source, lastHeartbeatAt: c.lastHeartbeatAt });
        for (const c of restored)
          await appendConnectorEvent(tx, active.id, 'connector_restored', now, { source: c.source, lastHeartbeatAt: c.lastHeartbeatAt });
      });
    } catch {
      // The alert matters more than its line in the timeline; a failed save is announced by storage itself.
    }
  }
  deps.bus.emitAll(events);
  return events;
}
