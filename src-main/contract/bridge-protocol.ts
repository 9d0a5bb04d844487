import type { AppEvent } from './events.ts';
import type { Result } from './errors.ts';

/** Browser mode carries the IPC contract over one WebSocket at this path, as JSON frames. */
export const BRIDGE_PATH = '/bridge';

export interface BridgeRequest {
  id: number;
  channel: string;
  payload: unknown;
}

export type BridgeMessage = { type: 'reply'; id: number; result: Result<unknown> } | { type: 'event'; event: AppEvent };
