import { existsSync } from 'node:fs';
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
});
