import type { AppEvent } from './events.ts';
import type { Result } from './errors.ts';

/** Browser mode carries the IPC contract over one WebSocket at this path, as JSON frames. */
export const BRIDGE_PATH = '/bridge';

/**
 * The page proves it holds the bridge key by offering two subprotocols on the upgrade:
 * `sessionguard` (which the server answers with) and `sessionguard-key.<key>` (never echoed).
 * The key reaches the page once, in the fragment of the sign-in redirect: `/#bridge-key=<key>`.
 */
export const BRIDGE_PROTOCOL = 'sessionguard';
export const BRIDGE_KEY_PROTOCOL_PREFIX = 'sessionguard-key.';
export const BRIDGE_KEY_FRAGMENT = 'bridge-key';

export function bridgeProtocols(bridgeKey: string): string[] {
  return [BRIDGE_PROTOCOL, `${BRIDGE_KEY_PROTOCOL_PREFIX}${bridgeKey}`];
}

export interface BridgeRequest {
  id: number;
  channel: string;
  payload: unknown;
}

export type BridgeMessage = { type: 'reply'; id: number; result: Result<unknown> } | { type: 'event'; event: AppEvent };
