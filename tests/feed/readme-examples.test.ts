import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { tempDir } from '../support/temp-storage.ts';

/**
 * The README's live-feed examples, sent as written to a real feed: each curl command (its method,
 * path and body) and the reply shown after it, which the real reply must contain. v1 and v2 run on
 * a fresh core each, the v2 examples in README order (the amend corrects the execution before it).
 */
const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

interface Example {
  method: string;
  path: string;
  body: string | undefined;
  reply: unknown;
}

function examples(): Example[] {
  const blocks = [...README.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
  const found: Example[] = [];
  blocks.forEach((block, index) => {
    if (block.lang !== 'sh' || !/^curl /.test(block.text) || !block.text.includes('127.0.0.1:47814/v')) return;
    const reply = blocks.slice(index + 1).find((b) => b.lang === 'json' || (b.lang === 'sh' && b.text.startsWith('curl ')));
    if (reply?.lang !== 'json') throw new Error(`no reply shown after: ${block.text.slice(0, 80)}`);
    found.push({
      method: /-X (\w+)/.exec(block.text)?.[1] ?? 'GET',
      path: /http:\/\/127\.0\.0\.1:47814(\/\S+)/.exec(block.text)![1]!,
      body: /-d '([\s\S]*?)'/.exec(block.text)?.[1],
      reply: JSON.parse(reply.text),
    });
  });
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const cores: Core[] = [];
afterAll(async () => {
  for (const core of cores) await core.close();
});

async function feedFor(): Promise<{ url: string; token: string }> {
  const core = await openCore({ dataDir: tempDir() });
  cores.push(core);
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '2000.00', timeZone: 'America/New_York' });
  await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  const feed = await core.feed.update({ enabled: true, port: await freePort() });
  return { url: `http://127.0.0.1:${feed.port}`, token: await core.feed.revealToken() };
}

test('the README documents every feed call with an example', () => {
  expect(examples().map((e) => `${e.method} ${e.path}`)).toEqual([
    'POST /v1/trades',
    'POST /v1/trades',
    'POST /v2/executions',
    'POST /v2/executions',
    'POST /v2/heartbeat',
    'GET /v2/lock',
  ]);
});

test('each README example, sent as written to the real feed, gets the reply the README shows', async () => {
  const feeds = new Map<string, { url: string; token: string }>();
  for (const example of examples()) {
    const version = example.path.split('/')[1]!;
    if (!feeds.has(version)) feeds.set(version, await feedFor());
    const feed = feeds.get(version)!;
    const response = await fetch(feed.url + example.path, {
      method: example.method,
      headers: { authorization: `Bearer ${feed.token}`, ...(example.body !== undefined && { 'content-type': 'application/json' }) },
      ...(example.body !== undefined && { body: example.body }),
    });
    const reply: unknown = await response.json();
    expect({ call: `${example.method} ${example.path}`, status: response.status }).toEqual({ call: `${example.method} ${example.path}`, status: 200 });
    expect(reply).toMatchObject(example.reply as object);
  }
});
