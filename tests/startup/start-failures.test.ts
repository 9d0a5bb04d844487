import { chmodSync, closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DATABASE_FILE, openCore } from '../../src-main/app/core.ts';
import { startDesktop } from '../../src-main/desktop/desktop-app.ts';
import { copyAsIfKilled, coreWithSession, recordTrades } from '../support/database-files.ts';
import { tempDir } from '../support/temp-storage.ts';
import { fakeElectron, FakeWindow } from '../desktop/support/fake-electron.ts';
import { NOBODY, runBrowserMode } from './support/processes.ts';

/** What a start failure must look like: one line, one sentence, no stack, no error class names. */
function expectOneSentence(text: string): void {
  const line = text.trim();
  expect(line.split('\n')).toHaveLength(1);
  expect(line).not.toMatch(/^\s+at |Error:|EISDIR|SQLITE_|half-saved/);
  expect(line).toMatch(/^\S.*: .+\.$/);
}

async function damagedWithBackup(): Promise<{ dataDir: string; backup: string }> {
  const dataDir = tempDir();
  const core = await coreWithSession(dataDir);
  await recordTrades(core, 3000);
  const backup = await core.backups.create('daily');
  await core.close();
  const file = join(dataDir, DATABASE_FILE);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(statSync(file).size / 2));
  closeSync(fd);
  return { dataDir, backup: backup.path };
}

function desktopStart(dataDir: string) {
  const dir = tempDir();
  const fake = fakeElectron({ userData: join(dir, 'user-data') });
  const started = startDesktop(fake.api, { preload: join(dir, 'preload.cjs'), renderer: join(dir, 'renderer') }, ['node', 'main', `--data-dir=${dataDir}`]);
  return { fake, ready: started!.ready };
}

describe('browser mode: a start that fails prints one plain sentence saying what is wrong and what to do', () => {
  test('a folder named sessionguard.db', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, DATABASE_FILE));
    const run = await runBrowserMode(dataDir);
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr);
    expect(run.stderr.trim()).toBe(
      `${join(dataDir, DATABASE_FILE)} is a folder, not Sessionguard's database file: move or rename that folder, then start Sessionguard again.`,
    );
  });

  test('a read-only data folder', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o555);
    const run = await runBrowserMode(dataDir, { uid: NOBODY });
    chmodSync(dataDir, 0o755);
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr);
    expect(run.stderr.trim()).toBe(
      `Sessionguard can't write to its data folder ${dataDir} (it is read-only, or you may not write there): make it writable, or start with --data-dir and a folder you can write to.`,
    );
  });

  test('a damaged database names the newest backup to put in its place', { timeout: 120_000 }, async () => {
    const { dataDir, backup } = await damagedWithBackup();
    const run = await runBrowserMode(dataDir);
    expect(run.code).toBe(1);
    expectOneSentence(run.stderr);
    expect(run.stderr).toMatch(
      new RegExp(
        `is damaged \\(.+\\) and Sessionguard did not write to it: keep a copy of it, then put your newest backup ${backup.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in its place, named sessionguard\\.db\\.`,
      ),
    );
  });
});

describe('the desktop app: a start that fails shows the same sentence in a dialog and quits', () => {
  test('a folder named sessionguard.db', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, DATABASE_FILE));
    const { fake, ready } = desktopStart(dataDir);
    await ready;
    expect(fake.electron.dialog.errors).toEqual([
      `Sessionguard can’t start: ${join(dataDir, DATABASE_FILE)} is a folder, not Sessionguard's database file: move or rename that folder, then start Sessionguard again.`,
    ]);
    expect(fake.electron.app.quitCalled).toBe(1);
    expect(FakeWindow.created).toEqual([]);
  });

  test('a damaged database', { timeout: 120_000 }, async () => {
    const { dataDir, backup } = await damagedWithBackup();
    const { fake, ready } = desktopStart(dataDir);
    await ready;
    expect(fake.electron.dialog.errors).toHaveLength(1);
    const [error] = fake.electron.dialog.errors;
    expectOneSentence(error!.replace(/^Sessionguard can’t start: /, ''));
    expect(error).toContain(`put your newest backup ${backup} in its place`);
    expect(fake.electron.app.quitCalled).toBe(1);
  });

  test('a WAL beside an empty database', { timeout: 120_000 }, async () => {
    const running = tempDir();
    const core = await coreWithSession(running);
    await recordTrades(core, 50);
    const dataDir = tempDir();
    copyAsIfKilled(running, dataDir);
    await core.close();
    writeFileSync(join(dataDir, DATABASE_FILE), '');
    const { fake, ready } = desktopStart(dataDir);
    await ready;
    const [error] = fake.electron.dialog.errors;
    expectOneSentence(error!.replace(/^Sessionguard can’t start: /, ''));
    expect(error).toMatch(
      /sessionguard\.db is empty but sessionguard\.db-wal beside it holds saved changes, so Sessionguard left both files untouched: copy the data folder .+ somewhere safe first, then/,
    );
    await expect(openCore({ dataDir })).rejects.toMatchObject({ code: 'wal_without_database' });
  });
});
