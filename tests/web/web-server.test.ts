import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type WebSocket from 'ws';
import { openCore, type Core } from '../../src-main/app/core.ts';
import type { BridgeMessage } from '../../src-main/contract/bridge-protocol.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import { startWebServer, type WebServer } from '../../src-main/web/web-server.ts';
import { openBridge, signIn, type SignedIn } from '../support/browser-mode-client.ts';
import { tempDir } from '../support/temp-storage.ts';

let core: Core;
let server: WebServer;
let signedIn: SignedIn;
let cookie: string;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function call(ws: WebSocket, frame: unknown): Promise<Extract<BridgeMessage, { type: 'reply' }>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as BridgeMessage;
      if (message.type === 'reply') {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

beforeEach(async () => {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Sessionguard</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  core = await openCore({ dataDir: join(dir, 'data') });
  server = await startWebServer({
    dispatch: createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false }),
    bus: core.bus,
    rendererDir,
    port: 0,
  });
  signedIn = await signIn(server.port, server.token);
  cookie = signedIn.cookie;
});

afterEach(async () => {
  await server.close();
  await core.close();
});

describe('browser mode server', () => {
  test('the token link signs the browser in once, with a strict cookie, and serves the app with a strict CSP', async () => {
    expect(cookie).toMatch(new RegExp(`^sessionguard_${server.port}_[0-9a-f]{12}=`));
    const again = await get(`/?token=${server.token}`);
    expect(again.status).toBe(401);
    const page = await get('/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Sessionguard</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await get('/assets/app.js', { cookie })).headers['content-type']).toContain('javascript');
    expect((await get('/history', { cookie })).body).toContain('<title>');
  });

  test.each(['/../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt'])(
    'path traversal %s does not leave the renderer folder',
    async (path) => {
      const reply = await get(path, { cookie });
      expect(reply.body).not.toContain('outside the renderer');
    },
  );

  test('the bridge answers contract calls and pushes events', async () => {
    const ws = await openBridge(server.port, signedIn);
    const created = await call(ws, { id: 1, channel: 'createProfile', payload: { name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' } });
    expect(created).toMatchObject({ id: 1, result: { ok: true, value: { name: 'Ann', balance: '1000.00' } } });
    const boot = await call(ws, { id: 2, channel: 'getBootstrap', payload: {} });
    expect(boot).toMatchObject({ result: { ok: true, value: { capabilities: { mode: 'browser' } } } });
    const pushed = new Promise<AppEvent>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as BridgeMessage;
        if (m.type === 'event') resolve(m.event);
      }),
    );
    await call(ws, {
      id: 3,
      channel: 'createSession',
      payload: { durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true },
    });
    expect((await pushed).type).toBe('session_changed');
    ws.close();
  });

  test('malformed frames get typed errors and the bridge keeps serving', async () => {
    const ws = await openBridge(server.port, signedIn);
    const badRequest = { result: { ok: false, error: { code: 'bad_request' } } };
    expect(await call(ws, 'not json')).toMatchObject(badRequest);
    expect(await call(ws, { id: 5, channel: 'dropDatabase', payload: {} })).toMatchObject(badRequest);
    expect(await call(ws, { id: 6, channel: 'createProfile', payload: { name: 7 } })).toMatchObject(badRequest);
    expect(await call(ws, { id: 7, channel: 'getBootstrap', payload: {} })).toMatchObject({ result: { ok: true } });
    ws.close();
  });
});
