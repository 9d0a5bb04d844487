import { appendConnectorEvent } from './connector-timeline.ts';
import { CONNECTOR_LOST_AFTER_MS } from './connector-status.ts';
import type { FeedV2Deps } from './feed-v2-routes.ts';
import type { V2HeartbeatBody } from './feed-v2-schema.ts';
import { lastLockingSessionId } from './lock-state.ts';

/**
 * A connector's heartbeat: what it says about its accounts is kept for Settings and the
 * connector-lost check; the enforcement actions it reports join the locked session's timeline,
 * each once however often the heartbeat carrying it is retried.
 */
export async function receiveHeartbeat(deps: FeedV2Deps, body: V2HeartbeatBody): Promise<Record<string, unknown>> {
  const now = deps.clock.now();
  deps.connectors.heartbeat(body, now);
  const actions = body.actions ?? [];
  let recorded = 0;
  if (actions.length > 0) {
    // Enforcement happens after a loss-limit stop: its actions belong to that session's timeline.
    const sessionId = await lastLockingSessionId(deps.storage.read);
    if (sessionId !== null) {
      recorded = await deps.storage.write(async (tx) => {
        let count = 0;
        for (const action of actions) {
          const payload = { source: body.source, account: action.account, kind: action.kind, at: action.at, detail: action.detail };
          if (await appendConnectorEvent(tx, sessionId, 'connector_action', now, payload, `connector_action:${body.source}:${action.id}`)) count += 1;
        }
        return count;
      });
    }
  }
  return { received: true, lostAfterSeconds: CONNECTOR_LOST_AFTER_MS / 1000, actions: { received: actions.length, recorded } };
}
