import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import { LINK_CONTROL_FILE, LINK_PATH, newControlSecret, removeLinkControl, requestLink, writeLinkControl } from '../../src-main/web/link-control.ts';
import { startWebServer, type WebServer } from '../../src-main/web/web-server.ts';
import { openBridge, signIn } from '../support/browser-mode-client.ts';
import { tempDir } from '../support/temp-storage.ts';

let core: Core;
let server: WebServer;
let dataDir: string;
const secret = newControlSecret();

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

beforeEach(async () => {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Sessionguard</title>');
  dataDir = join(dir, 'data');
  core = await openCore({ dataDir });
  server = await startWebServer({
    dispatch: createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false }),
    bus: core.bus,
    rendererDir,
    port: 0,
    controlSecret: secret,
  });
  writeLinkControl(dataDir, { port: server.port, secret, pid: process.pid });
});

afterEach(async () => {
  removeLinkControl(dataDir);
  await server.close();
  await core.close();
});

describe('a way back in to browser mode without a restart (issue 16)', () => {
  test('a spent link and a browser without its sign-in are told how to get a new link', async () => {
    await signIn(server.port, server.token);
    for (const reply of [await send(`/?token=${server.token}`), await send('/')]) {
      expect(reply.status).toBe(401);
      expect(reply.body).toContain('press Enter in the terminal running `npm run web`');
      expect(reply.body).toContain('npm run web -- --link');
    }
  });

  test('a fresh link signs another browser in once, and the earlier sign-in keeps working', async () => {
    const first = await signIn(server.port, server.token);
    const fresh = server.newLink();
    const second = await signIn(server.port, tokenOf(fresh));
    expect((await send(`/?token=${tokenOf(fresh)}`)).status).toBe(401);
    for (const browser of [first, second]) {
      expect((await send('/', { headers: { cookie: browser.cookie } })).status).toBe(200);
      (await openBridge(server.port, browser)).close();
    }
  });

  test('the sign-in lasts while the server runs: the cookie outlives a browser restart', async () => {
    const reply = await send(`/?token=${server.token}`);
    expect(String(reply.headers['set-cookie'])).toMatch(/Max-Age=\d{7,}/);
  });

  test('`npm run web -- --link` gets a working link from the running server through the control file', async () => {
    expect(statSync(join(dataDir, LINK_CONTROL_FILE)).mode & 0o077).toBe(0);
    const url = await requestLink(dataDir);
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=`));
    const browser = await signIn(server.port, tokenOf(url));
    expect((await send('/', { headers: { cookie: browser.cookie } })).status).toBe(200);
  });

  test('nobody else gets a link: no secret, a wrong one, or a web page (which always sends an Origin)', async () => {
    const refusals = [
      await send(LINK_PATH, { method: 'POST' }),
      await send(LINK_PATH, { method: 'POST', headers: { authorization: `Bearer ${newControlSecret()}` } }),
      await send(LINK_PATH, { method: 'POST', headers: { authorization: `Bearer ${secret}`, origin: `http://127.0.0.1:${server.port}` } }),
      await send(LINK_PATH, { headers: { authorization: `Bearer ${secret}` } }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 401]);
    expect(refusals.some((r) => r.body.includes('token='))).toBe(false);
  });

  test('with no browser mode running, --link says so and how to start one', async () => {
    removeLinkControl(dataDir);
    await expect(requestLink(dataDir)).rejects.toThrow(/No Sessionguard browser mode is running for the data folder .*npm run web/);
    writeLinkControl(dataDir, { port: server.port, secret, pid: process.pid });
    await server.close();
    await expect(requestLink(dataDir)).rejects.toThrow(/No Sessionguard browser mode is running/);
  });
});
