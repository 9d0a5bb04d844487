import type { Api, Transport } from '../../src-main/contract/api.ts';
import { BRIDGE_KEY_FRAGMENT, BRIDGE_PATH, bridgeProtocols, bridgeReader } from '../../src-main/contract/bridge-protocol.ts';
import { buildApi } from '../../src-main/contract/build-api.ts';
import type { ChannelName } from '../../src-main/contract/channels.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import type { Result } from '../../src-main/contract/errors.ts';

const KEY_ITEM = 'sessionguard.bridgeKey';

/**
 * The bridge key the sign-in redirect put in the fragment, moved into this origin's
 * localStorage (port included, so no other server on 127.0.0.1 can read it) and out of the
 * address bar; later loads and other tabs of this browser read it from there.
 */
function takeBridgeKey(): string | null {
  const match = new RegExp(`^#${BRIDGE_KEY_FRAGMENT}=([\\w-]+)$`).exec(location.hash);
  if (match) {
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    try {
      localStorage.setItem(KEY_ITEM, match[1]!);
    } catch {
      // Storage refused (a private window's policy): the key lives for this page only.
    }
    return match[1]!;
  }
  try {
    return localStorage.getItem(KEY_ITEM);
  } catch {
    return null;
  }
}

const NOT_SIGNED_IN: Result<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This browser is not signed in to Sessionguard: open the link printed in the terminal by `npm run web` again.' },
};

/**
 * Browser mode's transport: the contract over one WebSocket to the page's own origin (the
 * session cookie goes along, the bridge key is offered as a subprotocol). Requests wait for
 * the socket, reconnection backs off, and a request whose socket dropped resolves to a typed
 * error instead of hanging.
 */
export function browserTransport(url = `ws://${location.host}${BRIDGE_PATH}`, bridgeKey = takeBridgeKey()): Transport {
  const listeners = new Set<(event: AppEvent) => void>();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let backoff = 250;

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve) => {
      const ws = new WebSocket(url, bridgeProtocols(bridgeKey ?? ''));
      ws.addEventListener('open', () => {
        backoff = 250;
        socket = ws;
        resolve(ws);
      });
      ws.binaryType = 'arraybuffer';
      const read = bridgeReader((frame) => {
        if (frame.type === 'event') for (const listener of listeners) listener(frame.event);
        else {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        }
      });
      ws.addEventListener('message', (message: MessageEvent<string | ArrayBuffer>) => read(message.data));
      ws.addEventListener('close', () => {
        socket = null;
        opened = null;
        for (const [id, settle] of pending) {
          settle({ ok: false, error: { code: 'internal', message: 'The connection to Sessionguard was lost; try again.' } });
          pending.delete(id);
        }
        setTimeout(() => void connect().then(resolve), backoff);
        backoff = Math.min(backoff * 2, 5000);
      });
    });
    return opened;
  };
  if (bridgeKey !== null) void connect();

  return {
    async invoke(channel: ChannelName, request: unknown) {
      if (bridgeKey === null) return NOT_SIGNED_IN;
      const ws = socket ?? (await connect());
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, payload: request }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** In the desktop window the preload has set `window.api`; in a browser, build it here. */
export function installBrowserApi(): Api {
  const target = window as unknown as { api?: Api };
  target.api ??= buildApi(browserTransport());
  return target.api;
}
