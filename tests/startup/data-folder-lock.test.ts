import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openCore } from '../../src-main/app/core.ts';
import { startDesktop } from '../../src-main/desktop/desktop-app.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { fakeElectron, FakeWindow } from '../desktop/support/fake-electron.ts';
import { tempDir } from '../support/temp-storage.ts';
import { holdDataFolder, killed, runBrowserMode } from './support/processes.ts';

describe('one data folder, one running app', () => {
  test('a second start on the same data folder is refused, naming what holds it; the first keeps working, and the folder is free once it closes', {
    timeout: 120_000,
  }, async () => {
    const dataDir = tempDir();
    const first = await openCore({ dataDir, mode: 'browser' });
    await first.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
    await expect(openCore({ dataDir, mode: 'desktop' })).rejects.toMatchObject({
      code: 'data_folder_in_use',
      message: expect.stringContaining(`browser mode, process ${process.pid}`),
      details: { pid: process.pid, mode: 'browser' },
    });
    await first.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal('-5'), closedAt: first.clock.now() }]);
    await first.close();
    const second = await openCore({ dataDir });
    await second.close();
  });

  test('the lock of an app that was killed is gone with it: the next start takes the folder at once', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const holder = await holdDataFolder(dataDir);
    await expect(openCore({ dataDir })).rejects.toMatchObject({ code: 'data_folder_in_use', details: { pid: holder.pid } });
    await killed(holder);
    const core = await openCore({ dataDir });
    await core.close();
  });

  test('browser mode started on a folder another Sessionguard holds says which process it is and exits', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const holder = await holdDataFolder(dataDir);
    try {
      const second = await runBrowserMode(dataDir);
      expect(second.code).toBe(1);
      expect(second.stderr.trim()).toBe(
        `Sessionguard is already running on the data folder ${dataDir} (browser mode, process ${holder.pid}, started ${second.stderr.match(/started (\S+)\)/)?.[1]}): use that one, or quit it before starting another.`,
      );
    } finally {
      await killed(holder);
    }
  });

  test('the desktop app started on a folder browser mode holds says so in a dialog and quits, without a window', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const browser = await openCore({ dataDir, mode: 'browser' });
    const fake = fakeElectron({ userData: join(dir, 'user-data') });
    const started = startDesktop(fake.api, { preload: join(dir, 'preload.cjs'), renderer: join(dir, 'renderer') }, ['node', 'main', `--data-dir=${dataDir}`]);
    await started?.ready;
    expect(fake.electron.dialog.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Sessionguard can’t start: Sessionguard is already running on the data folder .+ \\(browser mode, process ${process.pid}, started .+\\): use that one, or quit it before starting another\\.$`,
        ),
      ),
    ]);
    expect(fake.electron.app.quitCalled).toBe(1);
    expect(FakeWindow.created).toEqual([]);
    await browser.close();
  });
});
