import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { tempDir } from '../support/temp-storage.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

test('the feed is off by default, runs when turned on, survives a restart turned on, and its token can be regenerated', async () => {
  const dataDir = tempDir();
  let core = await openCore({ dataDir });
  const initial = await core.feed.settings();
  expect(initial.enabled).toBe(false);
  expect(initial.running).toBe(false);
  expect(initial).not.toHaveProperty('token');
  const token = await core.feed.revealToken();
  expect(token.length).toBeGreaterThanOrEqual(40);

  const port = await freePort();
  const on = await core.feed.update({ enabled: true, port });
  expect(on.running).toBe(true);
  expect(on.url).toBe(`http://127.0.0.1:${port}/v1/trades`);
  await core.close();

  core = await openCore({ dataDir });
  const reopened = await core.feed.settings();
  expect(reopened.running).toBe(true);
  expect(await core.feed.revealToken()).toBe(token);
  await core.feed.regenerateToken();
  expect(await core.feed.revealToken()).not.toBe(token);
  const unauthorized = await fetch(on.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
  expect(unauthorized.status).toBe(401);
  await core.close();
});

test('a port that is taken gives a clear error and the feed stays off', async () => {
  const core = await openCore({ dataDir: tempDir() });
  const blocker = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  const port = (blocker.address() as { port: number }).port;
  await expect(core.feed.update({ enabled: true, port })).rejects.toMatchObject({ code: 'validation', field: 'port' });
  expect((await core.feed.settings()).running).toBe(false);
  blocker.close();
  await core.close();
});
