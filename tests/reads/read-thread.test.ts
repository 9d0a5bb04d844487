import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import { csvExport } from '../../src-main/export/csv-export.ts';
import { decoded } from '../../src-main/ipc/encoded-json.ts';
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
    const session = await core.sessions.create({
      durationMinutes: 60,
      lossLimit: { kind: 'percentage', percentage: '10' },
      acknowledgeRisk: false,
      start: true,
    });
    await core.trades.record([{ source: 'feed', externalId: 'live-1', fees: new Decimal('0.62'), realizedPnl: new Decimal('-42.50'), closedAt: Date.now() }]);

    // Committed on the main connection a moment ago, read on the worker's own connection.
    // Values cross as JSON, so the main thread's answer is compared as JSON too.
    const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect(decoded(await core.reads.history.detail(session.id))).toEqual(json(await core.history.detail(session.id)));
    expect(decoded(await core.reads.history.page({ sort: 'pnl' }))).toEqual(json(await core.history.page({ sort: 'pnl' })));
    expect(decoded(await core.reads.history.overview({ maxPoints: 50 }))).toEqual(json(await core.history.overview({ maxPoints: 50 })));
    const now = Date.parse('2026-03-02T14:00:00Z');
    expect(decoded(await core.reads.exports.csvExport('trades', now))).toEqual((await csvExport(core.storage.read, 'trades', now)).decode());

    const dispatch = createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false });
    const exported = await dispatch('exportCsv', { kind: 'trades' });
    expect(exported.ok && decoded(exported.value as { content: string }).content.split('\r\n')).toHaveLength(1 + 501);
    expect(await dispatch('getSessionDetail', { sessionId: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  test('drops a read whose caller left before it started, and refuses past its queue', async () => {
    await withHistory(100);
    const left = new AbortController();
    const now = Date.now();
    const first = core.reads.exports.csvExport('trades', now);
    const dropped = core.reads.exports.csvExport('trades', now, left.signal);
    left.abort();
    await expect(dropped).rejects.toMatchObject({ code: 'cancelled' });
    expect(decoded(await first).content).toContain('seed-99');

    const flood = Array.from({ length: MAX_QUEUED_READS + 5 }, () =>
      core.reads.exports.csvExport('sessions', now).then(
        () => 'done',
        (error: { code: string }) => error.code,
      ),
    );
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
      for (; recorded < 200; recorded += 1)
        await core.trades.record([
          { source: 'feed', externalId: `w${recorded}`, fees: new Decimal(0), realizedPnl: new Decimal('1.25'), closedAt: Date.now() },
        ]);
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
      worker.postMessage({ id: 7, job: 'csvExport', args: ['trades', Date.now()] });
    });
    await worker.terminate();
    expect(reply).toMatchObject({ id: 7, ok: true });
    expect(new TextDecoder().decode((reply as { json: Uint8Array }).json)).toContain('seed-9');
  });
});
