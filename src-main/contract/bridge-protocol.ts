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

export type BridgeReply = { type: 'reply'; id: number; result: Result<unknown> };
export type BridgeEvent = { type: 'event'; event: AppEvent };
/**
 * The head of a reply too large for one message (an export, a backup list of a long history):
 * the JSON of its value follows as binary messages of up to `REPLY_PART_BYTES`, `bytes` in all.
 * Events and other replies may come between the parts, so a breach never waits behind more than
 * one part; the parts of one reply are never mixed with another's.
 */
export type BridgeReplyParts = { type: 'reply_parts'; id: number; bytes: number };
export type BridgeMessage = BridgeReply | BridgeEvent | BridgeReplyParts;

/** A part's size: at the loopback's speed a few milliseconds of writing, which is what an event can wait behind. */
export const REPLY_PART_BYTES = 256 * 1024;

/**
 * Reads the server's messages in the order they came and hands on each whole one: a reply sent
 * in parts comes out, as a plain reply, when its last part has arrived. Text messages come as
 * strings, binary ones as bytes.
 */
export function bridgeReader(deliver: (message: BridgeReply | BridgeEvent) => void): (data: string | ArrayBuffer | Uint8Array) => void {
  let parts: { id: number; left: number; decoder: InstanceType<typeof TextDecoder>; text: string[] } | null = null;
  return (data) => {
    if (typeof data === 'string') {
      const message = JSON.parse(data) as BridgeMessage;
      if (message.type === 'reply_parts') parts = { id: message.id, left: message.bytes, decoder: new TextDecoder(), text: [] };
      else deliver(message);
      return;
    }
    if (parts === null) throw new Error('A reply part came without the head that announces it.');
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    parts.left -= bytes.length;
    parts.text.push(parts.decoder.decode(bytes, { stream: parts.left > 0 }));
    if (parts.left > 0) return;
    const { id, text } = parts;
    parts = null;
    deliver({ type: 'reply', id, result: { ok: true, value: JSON.parse(text.join('')) } });
  };
}
