import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BRIDGE_KEY_FRAGMENT, BRIDGE_PATH } from '../contract/bridge-protocol.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';
import { hostIsMalformed, hostIsOurs, isLoopbackPeer, MALFORMED_HOST_MESSAGE } from '../loopback/request-guard.ts';
import { rendererCsp, resolveStatic, sendFile } from '../static/renderer-files.ts';
import { WebAuth } from './web-auth.ts';
import { WsBridge } from './ws-bridge.ts';

export const DEFAULT_WEB_PORT = 47813;

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  dispatch: Dispatch;
  bus: EventBus;
  rendererDir: string;
  port?: number;
  token?: string;
}

/**
 * Browser mode: the built renderer and the IPC contract served on 127.0.0.1 only. Every
 * request must come from this machine with our exact Host (which defeats DNS rebinding), a
 * page's Origin must be ours, and past the one-time token exchange everything needs the
 * session cookie; the bridge also needs the key only the page holds (see web-auth.ts).
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  let port = options.port ?? DEFAULT_WEB_PORT;
  const auth = new WebAuth({ port: () => port, token: options.token });
  const bridge = new WsBridge(options.dispatch, options.bus);

  const securityHeaders = (): Record<string, string> => ({
    'content-security-policy': rendererCsp([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });

  const originIsOurs = (request: IncomingMessage): boolean => {
    const origin = request.headers.origin;
    return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  };

  const refuse = (response: ServerResponse, status: number, message: string): void => {
    response.writeHead(status, { ...securityHeaders(), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(`${message}\n`);
  };

  const server = createServer((request, response) => {
    if (hostIsMalformed(request)) return refuse(response, 400, MALFORMED_HOST_MESSAGE);
    if (!isLoopbackPeer(request) || !hostIsOurs(request, port) || !originIsOurs(request)) {
      return refuse(response, 403, 'Sessionguard answers only this machine, at 127.0.0.1.');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const token = url.searchParams.get('token');
    if (token !== null) {
      const signedIn = auth.exchange(token);
      if (signedIn === null) return refuse(response, 401, 'This link was already used or is wrong. Open the link printed in the terminal by `npm run web`, or restart it for a new one.');
      // The fragment stays in the browser: no server, ours or another, ever receives it.
      response.writeHead(303, { ...securityHeaders(), location: `/#${BRIDGE_KEY_FRAGMENT}=${signedIn.bridgeKey}`, 'set-cookie': signedIn.setCookie, 'cache-control': 'no-store' });
      return response.end();
    }
    if (!auth.isAuthenticated(request)) {
      return refuse(response, 401, 'Open Sessionguard with the link printed in the terminal by `npm run web`.');
    }
    const file = resolveStatic(options.rendererDir, url.pathname);
    if (file === null) return refuse(response, 404, 'Not found.');
    sendFile(response, file, securityHeaders());
  });

  server.on('upgrade', (request, socket, head) => {
    if (hostIsMalformed(request)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    // A WebSocket is not bound by the same-origin policy, so the Origin check is what keeps other
    // pages out; the bridge key is what keeps out a program replaying a cookie it was sent.
    const ok = path === BRIDGE_PATH && isLoopbackPeer(request) && hostIsOurs(request, port) && request.headers.origin !== undefined && originIsOurs(request) && auth.mayOpenBridge(request);
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    bridge.upgrade(request, socket, head);
  });
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${auth.token}`,
    port,
    token: auth.token,
    close: () =>
      new Promise((resolve) => {
        bridge.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
