import { appendEvent, appendOnceEvent, type SessionEventType } from '../sessions/session-events.ts';
import type { WriteTx } from '../storage/tables.ts';

/**
 * What platform connectors add to a session's timeline: a connector lost or back, and every
 * action a connector took to enforce the lock. Written into the same append-only audit table
 * as the session's own events; an action carries the connector's id as its once-key, so an
 * action reported again (a heartbeat retried) is logged once.
 */
export type ConnectorEventType = Extract<SessionEventType, 'connector_lost' | 'connector_restored' | 'connector_action'>;

export async function appendConnectorEvent(
  tx: WriteTx,
  sessionId: number,
  type: ConnectorEventType,
  at: number,
  payload: Record<string, unknown>,
  onceKey: string | null = null,
): Promise<boolean> {
  if (onceKey !== null) return appendOnceEvent(tx, sessionId, type, onceKey, at, payload);
  await appendEvent(tx, sessionId, type, at, payload);
  return true;
}
