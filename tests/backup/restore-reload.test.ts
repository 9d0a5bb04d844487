import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { tempDir } from '../support/temp-storage.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const MAPPING = {
  kind: 'trades',
  columns: { time: 'Closed', symbol: 'Symbol', pnl: 'PnL' },
  dateFormat: 'YYYY-MM-DD HH:mm:ss',
  decimalStyle: 'dot',
  pointValue: '1',
} as const;

function post(url: string, token: string): Promise<Response> {
  const body = JSON.stringify({ trades: [{ externalId: `probe-${Math.random()}`, closedAt: new Date().toISOString(), pnl: '-1.00' }] });
  return fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
}

test('after a restore the feed runs with the restored token, port and switch, the watched folder watches the restored folder, and the screens are told to reload', async () => {
  const dataDir = tempDir();
  const backedUpFolder = join(tempDir(), 'exports-then');
  const laterFolder = join(tempDir(), 'exports-now');
  mkdirSync(backedUpFolder);
  mkdirSync(laterFolder);
  const core = await openCore({ dataDir });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '50000.00', timeZone: 'UTC' });
  await core.imports.saveMapping('journal', MAPPING);
  const backedUpPort = await freePort();
  const backedUp = await core.feed.update({ enabled: true, port: backedUpPort });
  const backedUpToken = await core.feed.revealToken();
  await core.watchedFolder.update({ enabled: true, folder: backedUpFolder, preset: 'generic', mappingName: 'journal' });
  const backup = await core.backups.create('manual');

  // What the trader changed after the backup: all of it is undone by the restore.
  const laterPort = await freePort();
  await core.feed.regenerateToken();
  const later = await core.feed.update({ port: laterPort });
  const laterToken = await core.feed.revealToken();
  await core.watchedFolder.update({ folder: laterFolder });
  expect((await post(later.url, laterToken)).status).toBe(200);

  const events: AppEvent[] = [];
  core.bus.subscribe((event) => events.push(event));
  await core.backups.restore(backup.path);

  const feed = await core.feed.settings();
  expect(feed).toMatchObject({ enabled: true, running: true, port: backedUpPort, url: backedUp.url });
  expect(await core.feed.revealToken()).toBe(backedUpToken);
  expect((await post(backedUp.url, backedUpToken)).status).toBe(200);
  expect((await post(backedUp.url, laterToken)).status).toBe(401);
  await expect(post(later.url, laterToken)).rejects.toThrow();

  expect(await core.watchedFolder.settings()).toMatchObject({ enabled: true, running: true, folder: backedUpFolder });
  writeFileSync(join(backedUpFolder, 'day.csv'), 'Closed,Symbol,PnL\n2025-01-28 10:15:00,MNQ,-120.50\n');
  writeFileSync(join(laterFolder, 'day.csv'), 'Closed,Symbol,PnL\n2025-01-28 10:15:00,MNQ,-999.00\n');
  const imported: string[] = [];
  core.bus.subscribe((event) => {
    if (event.type === 'folder_import') imported.push(event.file.message);
  });
  await core.watchedFolder.scan();
  await core.watchedFolder.scan();
  expect(imported).toEqual([expect.stringMatching(/^day\.csv: 1 trade imported/)]);

  expect(events.filter((e) => e.type === 'data_restored')).toEqual([
    {
      type: 'data_restored',
      restored: expect.objectContaining({ restoredFrom: backup.name, safetyBackup: expect.objectContaining({ reason: 'before-restore' }) }),
    },
  ]);
  await core.close();
});
