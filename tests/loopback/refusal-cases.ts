import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { bridgeProtocols } from '../../src-main/contract/bridge-protocol.ts';

/** What a case needs to reach the two real servers on 127.0.0.1. */
export interface Targets {
  webPort: number;
  feedPort: number;
  /** The browser-mode session cookie a signed-in tab holds (and every other server on 127.0.0.1 is sent). */
  cookie: string;
  /** The key only the signed-in page's script holds. */
  bridgeKey: string;
  feedToken: string;
}

export interface RefusalCase {
  server: 'browser mode' | 'feed';
  name: string;
  /** The HTTP status the refusal must carry ('no connection' where nothing may even listen). */
  expected: number | 'no connection';
  run(targets: Targets): Promise<number | 'no connection' | 'connected'>;
}

/** The status of a refusal, or 0 when it came without a message saying why. */
function http(port: number, path: string, method: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(res.statusCode! >= 400 && text.trim().length < 10 ? 0 : res.statusCode!));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A WebSocket upgrade offering `protocols` (the signed-in page offers its bridge key this way). */
function socket(port: number, headers: Record<string, string>, protocols: string[], path = '/bridge'): Promise<number | 'connected'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocols, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('connected');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!));
    ws.once('error', (error) => reject(error));
  });
}

/**
 * A request written out by hand, for what Node's client refuses to send (two Host lines, an
 * absolute-form target). The status, or 0 when a refusal came without a message saying why
 * (a WebSocket upgrade is refused before there is a page to write one on, so it needs none).
 */
function raw(port: number, head: string[], body = '', needsMessage = true): Promise<number> {
  return new Promise((resolve, reject) => {
    const conn = connect({ host: '127.0.0.1', port }, () =>
      conn.end(`${[...head, `content-length: ${Buffer.byteLength(body)}`, 'connection: close'].join('\r\n')}\r\n\r\n${body}`),
    );
    let text = '';
    conn.setEncoding('utf8');
    conn.on('data', (chunk: string) => (text += chunk));
    conn.on('error', reject);
    conn.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const message = text.slice(text.indexOf('\r\n\r\n') + 4).trim();
      resolve(needsMessage && status >= 400 && message.length < 10 ? 0 : status);
    });
  });
}

/** The servers listen on 127.0.0.1 only: from this machine's other addresses nothing answers. */
function fromOtherInterface(port: number): Promise<'no connection' | 'connected'> {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  if (!address) return Promise.resolve('no connection');
  return new Promise((resolve) => {
    const conn = connect({ host: address, port });
    conn.once('connect', () => {
      conn.destroy();
      resolve('connected');
    });
    conn.once('error', () => resolve('no connection'));
  });
}

const FOREIGN_HOSTS = [
  '127.1',
  '0x7f000001',
  '0177.0.0.1',
  '2130706433',
  '127.0.0.2',
  '[::1]',
  'evil.example',
  'localhost.evil.example',
  'sessionguard.localhost',
];
const FOREIGN_ORIGINS = ['https://evil.example', 'null', 'http://127.0.0.1:1', 'http://localhost.evil.example'];

const web = (name: string, expected: number | 'no connection', run: RefusalCase['run']): RefusalCase => ({ server: 'browser mode', name, expected, run });
const feed = (name: string, expected: number | 'no connection', run: RefusalCase['run']): RefusalCase => ({ server: 'feed', name, expected, run });

const trade = JSON.stringify({ trades: [{ externalId: 'refused-1', closedAt: '2026-03-02T14:00:00Z', pnl: '-5000.00' }] });
const feedPost = (t: Targets, headers: Record<string, string>, body = trade, method = 'POST', path = '/v1/trades') =>
  http(t.feedPort, path, method, { 'content-type': 'application/json', authorization: `Bearer ${t.feedToken}`, ...headers }, body);

const v2Execution = JSON.stringify({
  source: 'ninjatrader8',
  executions: [
    {
      executionId: 'refused-x',
      orderId: 'o',
      account: { id: 'Sim101', kind: 'sim', currency: 'USD' },
      instrument: { symbol: 'MNQ 12-26', root: 'MNQ', pointValue: '2', tickSize: '0.25' },
      side: 'buy',
      quantity: '1',
      price: '21000',
      time: { utc: '2026-03-02T14:00:00Z' },
      commission: '0.62',
      event: 'new',
    },
  ],
});
const feedV2 = (t: Targets, headers: Record<string, string>, path = '/v2/executions', method = 'POST', body = v2Execution) =>
  http(
    t.feedPort,
    path,
    method,
    { 'content-type': 'application/json', authorization: `Bearer ${t.feedToken}`, ...headers },
    method === 'GET' ? undefined : body,
  );

/** Every way a web page, another program or another machine might try to get in. */
export const REFUSAL_CASES: RefusalCase[] = [
  web('no session cookie', 401, (t) => http(t.webPort, '/', 'GET', {})),
  web('a forged session cookie', 401, (t) => http(t.webPort, '/', 'GET', { cookie: 'sessionguard_session=forged' })),
  web('a wrong one-time token', 401, (t) => http(t.webPort, '/?token=wrong', 'GET', {})),
  web('the cookie sent to the bridge path over plain HTTP from a page', 403, (t) =>
    http(t.webPort, '/bridge', 'GET', { cookie: t.cookie, origin: 'https://evil.example' }),
  ),
  ...FOREIGN_HOSTS.map((host) => web(`Host ${host}`, 403, (t) => http(t.webPort, '/', 'GET', { cookie: t.cookie, host: `${host}:${t.webPort}` }))),
  ...FOREIGN_ORIGINS.map((origin) => web(`Origin ${origin}`, 403, (t) => http(t.webPort, '/', 'GET', { cookie: t.cookie, origin }))),
  web('a POST', 405, (t) => http(t.webPort, '/', 'POST', { cookie: t.cookie })),
  web('a CORS preflight from a web page', 403, (t) =>
    http(t.webPort, '/bridge', 'OPTIONS', { origin: 'https://evil.example', 'access-control-request-method': 'GET' }),
  ),
  web('a WebSocket without the cookie', 403, (t) => socket(t.webPort, { origin: `http://127.0.0.1:${t.webPort}` }, bridgeProtocols(t.bridgeKey))),
  web('a WebSocket with a forged cookie', 403, (t) =>
    socket(t.webPort, { cookie: 'sessionguard_session=forged', origin: `http://127.0.0.1:${t.webPort}` }, bridgeProtocols(t.bridgeKey)),
  ),
  web('a WebSocket with the cookie alone, as another server on 127.0.0.1 is sent it', 403, (t) =>
    socket(t.webPort, { cookie: t.cookie, origin: `http://127.0.0.1:${t.webPort}` }, []),
  ),
  web('a WebSocket with the cookie and the protocol but no bridge key', 403, (t) =>
    socket(t.webPort, { cookie: t.cookie, origin: `http://127.0.0.1:${t.webPort}` }, ['sessionguard']),
  ),
  web('a WebSocket with the cookie and a wrong bridge key', 403, (t) =>
    socket(
      t.webPort,
      { cookie: t.cookie, origin: `http://127.0.0.1:${t.webPort}` },
      bridgeProtocols(`${t.bridgeKey.slice(0, -1)}${t.bridgeKey.endsWith('a') ? 'b' : 'a'}`),
    ),
  ),
  web('a WebSocket from a foreign origin', 403, (t) => socket(t.webPort, { cookie: t.cookie, origin: 'https://evil.example' }, bridgeProtocols(t.bridgeKey))),
  web('a WebSocket without an origin', 403, (t) => socket(t.webPort, { cookie: t.cookie }, bridgeProtocols(t.bridgeKey))),
  web('a WebSocket with a foreign Host', 403, (t) =>
    socket(t.webPort, { cookie: t.cookie, origin: `http://127.0.0.1:${t.webPort}`, host: `evil.example:${t.webPort}` }, bridgeProtocols(t.bridgeKey)),
  ),
  web('a WebSocket on another path', 403, (t) =>
    socket(t.webPort, { cookie: t.cookie, origin: `http://127.0.0.1:${t.webPort}` }, bridgeProtocols(t.bridgeKey), '/other'),
  ),
  web('a connection from another interface', 'no connection', (t) => fromOtherInterface(t.webPort)),
  web('two Host lines, ours first', 400, (t) =>
    raw(t.webPort, ['GET / HTTP/1.1', `host: 127.0.0.1:${t.webPort}`, 'host: evil.example', `cookie: ${t.cookie}`]),
  ),
  web('two Host lines, both ours', 400, (t) =>
    raw(t.webPort, ['GET / HTTP/1.1', `host: 127.0.0.1:${t.webPort}`, `host: 127.0.0.1:${t.webPort}`, `cookie: ${t.cookie}`]),
  ),
  web('an absolute-form target naming another host', 400, (t) =>
    raw(t.webPort, ['GET http://evil.example/ HTTP/1.1', `host: 127.0.0.1:${t.webPort}`, `cookie: ${t.cookie}`]),
  ),
  web('a WebSocket upgrade with two Host lines', 400, (t) =>
    raw(
      t.webPort,
      [
        'GET /bridge HTTP/1.1',
        `host: 127.0.0.1:${t.webPort}`,
        'host: evil.example',
        `cookie: ${t.cookie}`,
        `origin: http://127.0.0.1:${t.webPort}`,
        'upgrade: websocket',
        'connection: Upgrade',
        'sec-websocket-version: 13',
        'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==',
        `sec-websocket-protocol: ${bridgeProtocols(t.bridgeKey).join(', ')}`,
      ],
      '',
      false,
    ),
  ),

  feed('no token', 401, (t) => feedPost(t, { authorization: '' })),
  feed('a wrong token', 401, (t) => feedPost(t, { authorization: 'Bearer nope' })),
  feed('a token of the right length, one character off', 401, (t) =>
    feedPost(t, { authorization: `Bearer ${t.feedToken.slice(0, -1)}${t.feedToken.endsWith('a') ? 'b' : 'a'}` }),
  ),
  feed('the token as Basic auth', 401, (t) => feedPost(t, { authorization: `Basic ${Buffer.from(`x:${t.feedToken}`).toString('base64')}` })),
  feed('the token in the query string', 401, (t) => feedPost(t, { authorization: '' }, trade, 'POST', `/v1/trades?token=${t.feedToken}`)),
  ...FOREIGN_HOSTS.map((host) => feed(`Host ${host}`, 403, (t) => feedPost(t, { host: `${host}:${t.feedPort}` }))),
  ...FOREIGN_ORIGINS.map((origin) => feed(`Origin ${origin}`, 403, (t) => feedPost(t, { origin }))),
  feed('text/plain (a form a page can send without preflight)', 415, (t) => feedPost(t, { 'content-type': 'text/plain' })),
  feed('application/x-www-form-urlencoded', 415, (t) => feedPost(t, { 'content-type': 'application/x-www-form-urlencoded' })),
  feed('multipart/form-data', 415, (t) => feedPost(t, { 'content-type': 'multipart/form-data; boundary=x' })),
  feed('a body over the limit', 413, (t) => feedPost(t, {}, JSON.stringify({ trades: [], padding: 'x'.repeat(300 * 1024) }))),
  feed('a CORS preflight', 405, (t) => feedPost(t, { origin: `http://127.0.0.1:${t.feedPort}`, 'access-control-request-method': 'POST' }, '', 'OPTIONS')),
  feed('a GET', 405, (t) => feedPost(t, {}, '', 'GET')),
  feed('another path', 404, (t) => feedPost(t, {}, trade, 'POST', '/v1/other')),
  feed('a connection from another interface', 'no connection', (t) => fromOtherInterface(t.feedPort)),
  feed('two Host lines, ours first', 400, (t) =>
    raw(
      t.feedPort,
      [
        'POST /v1/trades HTTP/1.1',
        `host: 127.0.0.1:${t.feedPort}`,
        'host: evil.example',
        'content-type: application/json',
        `authorization: Bearer ${t.feedToken}`,
      ],
      trade,
    ),
  ),
  feed('an absolute-form target naming another host', 400, (t) =>
    raw(
      t.feedPort,
      [
        'POST http://evil.example/v1/trades HTTP/1.1',
        `host: 127.0.0.1:${t.feedPort}`,
        'content-type: application/json',
        `authorization: Bearer ${t.feedToken}`,
      ],
      trade,
    ),
  ),

  feed('v2 executions without a token', 401, (t) => feedV2(t, { authorization: '' })),
  feed('v2 executions with a wrong token', 401, (t) => feedV2(t, { authorization: 'Bearer nope' })),
  feed('v2 lock with the token in the query string', 401, (t) => feedV2(t, { authorization: '' }, `/v2/lock?token=${t.feedToken}`, 'GET')),
  feed('v2 heartbeat with the token as Basic auth', 401, (t) =>
    feedV2(t, { authorization: `Basic ${Buffer.from(`x:${t.feedToken}`).toString('base64')}` }, '/v2/heartbeat'),
  ),
  ...FOREIGN_HOSTS.slice(0, 4).map((host) => feed(`v2 executions with Host ${host}`, 403, (t) => feedV2(t, { host: `${host}:${t.feedPort}` }))),
  ...FOREIGN_ORIGINS.map((origin) => feed(`v2 executions from Origin ${origin}`, 403, (t) => feedV2(t, { origin }))),
  feed('v2 lock read by a web page (foreign Origin)', 403, (t) => feedV2(t, { origin: 'https://evil.example' }, '/v2/lock', 'GET')),
  feed('v2 executions as text/plain (a form a page can send without preflight)', 415, (t) => feedV2(t, { 'content-type': 'text/plain' })),
  feed('v2 heartbeat as multipart/form-data', 415, (t) => feedV2(t, { 'content-type': 'multipart/form-data; boundary=x' }, '/v2/heartbeat')),
  feed('v2 executions over the size limit', 413, (t) =>
    feedV2(t, {}, '/v2/executions', 'POST', JSON.stringify({ source: 'x', executions: [], padding: 'x'.repeat(300 * 1024) })),
  ),
  feed('a CORS preflight for v2 executions', 405, (t) =>
    feedV2(t, { origin: `http://127.0.0.1:${t.feedPort}`, 'access-control-request-method': 'POST' }, '/v2/executions', 'OPTIONS', ''),
  ),
  feed('v2 executions by GET', 405, (t) => feedV2(t, {}, '/v2/executions', 'GET')),
  feed('v2 lock by POST', 405, (t) => feedV2(t, {}, '/v2/lock', 'POST')),
  feed('an unknown v2 path', 404, (t) => feedV2(t, {}, '/v2/trades')),
];
