import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import { csvSource } from '../../src-main/export/csv-export.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { MAX_QUEUED_READS } from '../../src-main/reads/read-thread.ts';
import { checkDatabaseFile } from '../../src-main/backup/database-check.ts';
import { migrations } from '../../migrations/index.ts';
import { seedTrades } from '../support/seed-trades.ts';
import { tempDir } from '../support/temp-storage.ts';

const BUNDLED_WORKER = join(import.meta.dirname, '..', '..', 'out', 'main', 'read-worker.js');
let core: Core;

async function withHistory(trades: number): Promise<Core> {
  core = await openCore({ dataDir: tempDir() });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '100000.00', timeZone: 'America/New_York' });
  seedTrades(core, trades);
  return core;
}

afterEach(async () => {
  await core?.close();
});

describe('the read worker', () => {
  test('answers history, detail, overview and exports exactly as the main thread would', async () => {
    await withHistory(500);
    const session = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    await core.trades.record([{ source: 'feed', externalId: 'live-1', fees: new Decimal('0.62'), realizedPnl: new Decimal('-42.50'), closedAt: Date.now() }]);

    // Committed on the main connection a moment ago, read on the worker's own connection.
    expect(await core.reads.history.detail(session.id)).toEqual(await core.history.detail(session.id));
    expect(await core.reads.history.page({ sort: 'pnl' })).toEqual(await core.history.page({ sort: 'pnl' }));
    expect(await core.reads.history.overview({ maxPoints: 50 })).toEqual(await core.history.overview({ maxPoints: 50 }));
    expect(await core.reads.csv('trades')).toBe(await csvSource(core.storage.read)('trades'));

    const dispatch = createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false });
    const exported = await dispatch('exportCsv', { kind: 'trades' });
    expect(exported.ok && (exported.value as { content: string }).content.split('\r\n')).toHaveLength(1 + 501);
    expect(await dispatch('getSessionDetail', { sessionId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  test('drops a read whose caller left before it started, and refuses past its queue', async () => {
    await withHistory(100);
    const left = new AbortController();
    const first = core.reads.csv('trades');
    const dropped = core.reads.csv('trades', left.signal);
    left.abort();
    await expect(dropped).rejects.toMatchObject({ code: 'cancelled' });
    await expect(first).resolves.toContain('seed-99');

    const flood = Array.from({ length: MAX_QUEUED_READS + 5 }, () => core.reads.csv('sessions').then(() => 'done', (error: { code: string }) => error.code));
    const outcomes = await Promise.all(flood);
    expect(outcomes.filter((o) => o === 'busy').length).toBeGreaterThanOrEqual(4);
    expect(outcomes.filter((o) => o === 'done').length).toBeGreaterThanOrEqual(MAX_QUEUED_READS);
    expect(core.reads.pending).toBe(0);
  });

  test('makes the app’s backups: whole and checked while trades keep arriving', async () => {
    await withHistory(5_000);
    await core.sessions.create({ durationMinutes: 240, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    let recorded = 0;
    const writing = (async () => {
      for (; recorded < 200; recorded += 1) await core.trades.record([{ source: 'feed', externalId: `w${recorded}`, fees: new Decimal(0), realizedPnl: new Decimal('1.25'), closedAt: Date.now() }]);
    })();
    const backup = await core.backups.create('manual');
    await writing;
    const facts = checkDatabaseFile(join(core.dataDir, 'backups', backup.name), migrations);
    expect(facts.trades).toBeGreaterThanOrEqual(5_000);
    expect(facts.trades).toBeLessThanOrEqual(5_200);
  });

  test.skipIf(!existsSync(BUNDLED_WORKER))('is built by electron-vite as an entry of its own that answers a job', async () => {
    await withHistory(10);
    const worker = new Worker(BUNDLED_WORKER, { workerData: { file: core.storage.file } });
    const reply = await new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage({ id: 7, job: 'csv', args: ['trades'] });
    });
    await worker.terminate();
    expect(reply).toMatchObject({ id: 7, ok: true, value: expect.stringContaining('seed-9') });
  });
});
