import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../support/temp-storage.ts';
import { e2eUnavailable, startBrowserMode, type BrowserMode } from './support/browser-mode.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');

describe.skipIf(e2eUnavailable() !== null || !existsSync(FIXTURES))('import journey in Chromium', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await startBrowserMode(tempDir());
    await app.core.profiles.create({ name: 'Alex', currency: 'USD', balance: '25000.00', timeZone: 'America/New_York' });
    await app.page.reload();
  });
  afterAll(async () => {
    await app?.close();
  });

  test('choose a NinjaTrader export, see the preview with every account, import it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'ninjatrader-executions.csv'));
    await page.getByTestId('import-preview').click();
    const preview = page.getByTestId('import-preview-result');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('NinjaTrader Executions');
    for (const account of ['Sim101', 'APEX1279810000026', 'APEX1279810000027', 'APEX1279810000028']) expect(await preview.textContent()).toContain(account);
    await app.screenshot('import-preview');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toMatch(/Imported \d+ trades/);
    const trades = await app.core.storage.read.selectFrom('trade').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(trades.n).toBeGreaterThan(0);
  });

  test('a file that is not an export gets a clear message and imports nothing', async () => {
    const { page } = app;
    await page.getByTestId('import-file').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('hello,world\n1,2\n') });
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toContain('not one of the known broker exports');
  });

  test('watch a folder from Settings: an export dropped there is imported, a broken one raises a banner and stays', async () => {
    const { page } = app;
    const folder = join(tempDir(), 'exports');
    mkdirSync(folder);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const card = page.getByRole('form', { name: 'Watched folder' });
    await card.getByLabel('Folder').fill(folder);
    await card.getByLabel('Read files as').selectOption('tradovate_orders');
    await card.getByRole('button', { name: 'Watch this folder' }).click();
    await card.getByText('watching', { exact: true }).waitFor();

    copyFileSync(join(FIXTURES, 'tradovate-orders-history.csv'), join(folder, 'Orders.csv'));
    writeFileSync(join(folder, 'Orders-broken.csv'), 'orderId,Account\n1,2\n');
    const banner = page.getByTestId('banner-import');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain('Orders-broken.csv was not imported');
    await card.getByRole('table', { name: 'Files from the watched folder' }).getByText(/Orders\.csv: 6 trades imported with Tradovate Orders and moved to imported\//).waitFor({ timeout: 10_000 });
    expect(existsSync(join(folder, 'Orders-broken.csv'))).toBe(true);
    expect(existsSync(join(folder, 'imported', 'Orders.csv'))).toBe(true);
    await app.screenshot('settings-watched-folder');
  });
});
