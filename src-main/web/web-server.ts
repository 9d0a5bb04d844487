import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BRIDGE_KEY_FRAGMENT, BRIDGE_PATH } from '../contract/bridge-protocol.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';
import { bearerToken, hostIsMalformed, hostIsOurs, isLoopbackPeer, MALFORMED_HOST_MESSAGE, secretsEqual } from '../loopback/request-guard.ts';
import { rendererCsp, resolveStatic, sendFile } from '../static/renderer-files.ts';
import { LINK_PATH } from './link-control.ts';
import { WebAuth } from './web-auth.ts';
import { WsBridge } from './ws-bridge.ts';

export const DEFAULT_WEB_PORT = 47813;

export interface WebServer {
  /** The first one-time sign-in link. */
  url: string;
  port: number;
  token: string;
  /** A fresh one-time sign-in link (the terminal's key press). */
  newLink(): string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  dispatch: Dispatch;
  bus: EventBus;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Lets `npm run web -- --link` ask for a fresh link (see link-control.ts); without it nobody can. */
  controlSecret?: string;
}

/** Said wherever a browser is not signed in: how to get in again without a restart. */
const WAY_BACK_IN =
  'Each sign-in link works once. For a new one, press Enter in the terminal running `npm run web`, or run `npm run web -- --link` in another terminal (with the same --data-dir, if you gave one).';

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

  const linkOf = (token: string): string => `http://127.0.0.1:${port}/?token=${token}`;

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
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === LINK_PATH && request.method === 'POST') {
      // For a program on this machine holding the control secret; a page always sends an Origin.
      const given = bearerToken(request);
      if (request.headers.origin !== undefined || options.controlSecret === undefined || given === null || !secretsEqual(given, options.controlSecret))
        return refuse(response, 403, 'Forbidden.');
      response.writeHead(200, { ...securityHeaders(), 'content-type': 'application/json', 'cache-control': 'no-store' });
      return response.end(JSON.stringify({ url: linkOf(auth.newToken()) }));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const token = url.searchParams.get('token');
    if (token !== null) {
      const signedIn = auth.exchange(token);
      if (signedIn === null) return refuse(response, 401, `This link was already used or is wrong. ${WAY_BACK_IN}`);
      // The fragment stays in the browser: no server, ours or another, ever receives it.
      response.writeHead(303, {
        ...securityHeaders(),
        location: `/#${BRIDGE_KEY_FRAGMENT}=${signedIn.bridgeKey}`,
        'set-cookie': signedIn.setCookie,
        'cache-control': 'no-store',
      });
      return response.end();
    }
    if (!auth.isAuthenticated(request)) {
      return refuse(response, 401, `Open Sessionguard with the link printed in the terminal by \`npm run web\`. ${WAY_BACK_IN}`);
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
    const ok =
      path === BRIDGE_PATH &&
      isLoopbackPeer(request) &&
      hostIsOurs(request, port) &&
      request.headers.origin !== undefined &&
      originIsOurs(request) &&
      auth.mayOpenBridge(request);
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
    url: linkOf(auth.token),
    port,
    token: auth.token,
    newLink: () => linkOf(auth.newToken()),
    close: () =>
      new Promise((resolve) => {
        bridge.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
