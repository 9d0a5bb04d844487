import { request } from 'node:http';
import WebSocket from 'ws';
import { BRIDGE_KEY_FRAGMENT, bridgeProtocols, bridgeReader, type BridgeEvent, type BridgeReply } from '../../src-main/contract/bridge-protocol.ts';

/** What a browser holds after opening the printed link: the cookie, and the bridge key its page keeps. */
export interface SignedIn {
  cookie: string;
  bridgeKey: string;
}

/** Opens the one-time link as a browser would, without following the redirect. */
export function signIn(port: number, token: string): Promise<SignedIn> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `/?token=${token}`, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      const bridgeKey = new RegExp(`#${BRIDGE_KEY_FRAGMENT}=([\\w-]+)$`).exec(res.headers.location ?? '')?.[1];
      if (res.statusCode !== 303 || bridgeKey === undefined) reject(new Error(`sign-in answered ${res.statusCode}`));
      else resolve({ cookie, bridgeKey });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The bridge as the signed-in page opens it: cookie, our Origin, and the key as a subprotocol. */
export function openBridge(port: number, signedIn: SignedIn): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, bridgeProtocols(signedIn.bridgeKey), {
      headers: { cookie: signedIn.cookie, origin: `http://127.0.0.1:${port}` },
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
}

/** Each whole message the bridge sends a socket, a reply sent in parts put together, as the page's transport reads them. */
export function onBridgeMessage(ws: WebSocket, deliver: (message: BridgeReply | BridgeEvent) => void): void {
  const read = bridgeReader(deliver);
  ws.on('message', (data: Buffer, isBinary: boolean) => read(isBinary ? data : data.toString()));
}
