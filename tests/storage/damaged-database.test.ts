import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { DATABASE_FILE, openCore, type Core } from '../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../src-main/app/handler-registry.ts';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { openStorage } from '../../src-main/storage/connection.ts';
import { writeSetting } from '../../src-main/settings/settings-repository.ts';
import { coreWithSession, databaseWithTrades, fileSize, folderBytes, recordTrades, tradeCount } from '../support/database-files.ts';
import { tempDir } from '../support/temp-storage.ts';

const CAPABILITIES = { mode: 'browser', tray: false, nativeNotifications: false } as const;

function overwrite(file: string, position: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, position);
  } finally {
    closeSync(fd);
  }
}

/** The byte offset of a page in the middle of the trade table, where reading every trade must pass. */
function middleTradePage(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'trade' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    return (pages[Math.floor(pages.length / 2)]! - 1) * 4096;
  } finally {
    db.close();
  }
}

describe('a damaged database is refused at open, and nothing is written to it', () => {
  test('3,000 trades with 8 KiB overwritten in the middle of the file: refused with a clear message, not one byte changed', async () => {
    const dir = tempDir();
    await databaseWithTrades(dir, 3000);
    const file = join(dir, DATABASE_FILE);
    overwrite(file, Math.floor(fileSize(file) / 2), 8192);
    const before = folderBytes(dir);
    await expect(openCore({ dataDir: dir })).rejects.toMatchObject({
      code: 'database_corrupt',
      message: expect.stringMatching(/sessionguard\.db is damaged \(.+\)\. Sessionguard did not write to it\./),
    });
    expect(folderBytes(dir)).toEqual(before);
  });

  test('3,000 trades with 1 KiB overwritten at the start of the last page: refused, not one byte changed', async () => {
    const dir = tempDir();
    await databaseWithTrades(dir, 3000);
    const file = join(dir, DATABASE_FILE);
    overwrite(file, fileSize(file) - 4096, 1024);
    const before = folderBytes(dir);
    await expect(openCore({ dataDir: dir })).rejects.toMatchObject({ code: 'database_corrupt' });
    expect(folderBytes(dir)).toEqual(before);
  });

  test('a file too large to check before opening is checked in the background, and a write waits for the verdict: refused, not one byte changed', async () => {
    const dir = tempDir();
    await databaseWithTrades(dir, 3000);
    const file = join(dir, DATABASE_FILE);
    overwrite(file, middleTradePage(file), 8192);
    const before = folderBytes(dir);
    const storage = await openStorage({ file, now: Date.now(), checkedBeforeOpenPages: 10 });
    const damage: string[] = [];
    storage.onDamage((error) => damage.push(error.code));
    await expect(storage.write((tx) => writeSetting(tx, 'probe', { written: true }, Date.now()))).rejects.toMatchObject({ code: 'database_corrupt' });
    expect(damage).toEqual(['database_corrupt']);
    expect(storage.damage?.message).toMatch(/stopped saving/);
    await storage.checkpoint();
    await storage.close();
    expect(folderBytes(dir)).toEqual(before);
  });

  test('closing does not wait for a background check still running: a whole file closed before the verdict is left exactly as found (no stamp, no checkpoint)', async () => {
    const dir = tempDir();
    await databaseWithTrades(dir, 3000);
    const file = join(dir, DATABASE_FILE);
    const before = folderBytes(dir);
    const storage = await openStorage({ file, now: Date.now(), checkedBeforeOpenPages: 10 });
    await storage.close();
    expect(folderBytes(dir)).toEqual(before);
    const again = await openStorage({ file, now: Date.now(), checkedBeforeOpenPages: 10 });
    await again.write((tx) => writeSetting(tx, 'probe', { written: true }, Date.now()));
    await again.close();
    expect(folderBytes(dir)).not.toEqual(before);
  });

  test('a damaged file closed before the background check gave its verdict is left exactly as found, and the next start refuses it', async () => {
    const dir = tempDir();
    await databaseWithTrades(dir, 3000);
    const file = join(dir, DATABASE_FILE);
    overwrite(file, middleTradePage(file), 8192);
    const before = folderBytes(dir);
    const storage = await openStorage({ file, now: Date.now(), checkedBeforeOpenPages: 10 });
    await storage.close();
    expect(storage.damage).toBeNull();
    expect(folderBytes(dir)).toEqual(before);
    await expect(openStorage({ file, now: Date.now() })).rejects.toMatchObject({ code: 'database_corrupt' });
    expect(folderBytes(dir)).toEqual(before);
  });

  test('a write begun before close still waits for the background check, and is saved when the file is whole', async () => {
    const dir = tempDir();
    await databaseWithTrades(dir, 3000);
    const file = join(dir, DATABASE_FILE);
    const storage = await openStorage({ file, now: Date.now(), checkedBeforeOpenPages: 10 });
    const written = storage.write((tx) => writeSetting(tx, 'probe', { written: true }, Date.now()));
    await storage.close();
    await written;
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM setting WHERE key = 'probe'").get()).toEqual({ n: 1 });
    db.close();
  });

  test('a whole file checked in the background opens and takes writes once the check passed', async () => {
    const dir = tempDir();
    await databaseWithTrades(dir, 3000);
    const storage = await openStorage({ file: join(dir, DATABASE_FILE), now: Date.now(), checkedBeforeOpenPages: 10 });
    await storage.write((tx) => writeSetting(tx, 'probe', { written: true }, Date.now()));
    await storage.verified();
    expect(storage.damage).toBeNull();
    await storage.close();
  });
});

describe('damage found while running', () => {
  async function damagedWhileRunning(): Promise<{ core: Core; dir: string; events: AppEvent[]; dispatch: ReturnType<typeof createCoreDispatcher> }> {
    const dir = tempDir();
    await databaseWithTrades(dir, 3000);
    const core = await openCore({ dataDir: dir });
    const events: AppEvent[] = [];
    core.bus.subscribe((event) => events.push(event));
    overwrite(join(dir, DATABASE_FILE), middleTradePage(join(dir, DATABASE_FILE)), 8192);
    const dispatch = createCoreDispatcher(core, CAPABILITIES);
    // The export reads every trade, and is the first to meet the damaged pages.
    expect(await dispatch('exportCsv', { kind: 'trades' })).toMatchObject({ ok: false, error: { code: 'database_corrupt' } });
    return { core, dir, events, dispatch };
  }

  test('the first corrupt read stops every write: each is refused with database_corrupt, the trader is told once, and nothing changes on disk', async () => {
    const { core, dir, events, dispatch } = await damagedWhileRunning();
    const before = folderBytes(dir);
    expect(events.filter((e) => e.type === 'database_damaged')).toHaveLength(1);
    expect(events.find((e) => e.type === 'database_damaged')).toMatchObject({
      error: { code: 'database_corrupt', message: expect.stringMatching(/stopped saving.+Restore the newest good backup in Settings/) },
    });

    expect(await dispatch('recordTrade', { kind: 'pnl', pnl: '-25.00' })).toMatchObject({ ok: false, error: { code: 'database_corrupt' } });
    expect(await dispatch('updateProfile', { balance: '2000.00' })).toMatchObject({ ok: false, error: { code: 'database_corrupt' } });
    expect(await dispatch('createBackup', {})).toMatchObject({ ok: false, error: { code: 'database_corrupt' } });
    await expect(core.sessions.tick()).rejects.toMatchObject({ code: 'database_corrupt' });
    await core.storage.checkpoint();
    expect(folderBytes(dir)).toEqual(before);
    expect(events.filter((e) => e.type === 'database_damaged')).toHaveLength(1);

    await core.close();
    expect(folderBytes(dir)).toEqual(before);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  test('Settings is offered the newest good backup, and restoring it copies the damaged file aside, brings the data back and lets writes through again', async () => {
    const dir = tempDir();
    const first = await coreWithSession(dir);
    await recordTrades(first, 3000);
    const good = await first.backups.create('manual');
    await recordTrades(first, 10, 'after-backup-');
    await first.close();
    // Opened again, as after a restart: no page of the file is in SQLite's cache yet.
    const core = await openCore({ dataDir: dir });
    const events: AppEvent[] = [];
    core.bus.subscribe((event) => events.push(event));
    const dispatch = createCoreDispatcher(core, CAPABILITIES);
    expect(await dispatch('getDataHealth', {})).toEqual({ ok: true, value: { damaged: false, message: null, newestGoodBackup: null } });

    const file = join(dir, DATABASE_FILE);
    overwrite(file, middleTradePage(file), 8192);
    expect(await dispatch('exportCsv', { kind: 'trades' })).toMatchObject({ ok: false, error: { code: 'database_corrupt' } });
    const damagedBytes = folderBytes(dir);

    const health = await dispatch('getDataHealth', {});
    expect(health).toMatchObject({
      ok: true,
      value: { damaged: true, message: expect.stringMatching(/stopped saving/), newestGoodBackup: { name: good.name } },
    });
    const restored = await dispatch('restoreBackup', { name: good.name });
    expect(restored).toMatchObject({ ok: true, value: { restoredFrom: good.name, safetyBackup: null, trades: 3000 } });
    const copy = (restored as { value: { damagedCopy: string } }).value.damagedCopy;
    expect(folderBytes(copy)).toEqual(damagedBytes);

    expect(events.some((e) => e.type === 'data_restored')).toBe(true);
    expect(await dispatch('getDataHealth', {})).toMatchObject({ ok: true, value: { damaged: false } });
    expect(await dispatch('recordTrade', { kind: 'pnl', pnl: '-25.00' })).toMatchObject({ ok: true });
    expect(tradeCount(core)).toBe(3001);
    await core.close();

    const reopened = await openCore({ dataDir: dir });
    expect(tradeCount(reopened)).toBe(3001);
    await reopened.close();
  });
});
