import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { suiteTempDir } from '../support/temp-storage.ts';
import { e2eUnavailable, startBrowserMode, type BrowserMode } from './support/browser-mode.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');

describe.skipIf(e2eUnavailable() !== null || !existsSync(FIXTURES))('a close with no known opening position, in Chromium', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await startBrowserMode(suiteTempDir());
    await app.core.profiles.create({ name: 'Alex', currency: 'USD', balance: '25000.00', timeZone: 'America/New_York' });
    await app.page.reload();
  });
  afterAll(async () => {
    await app?.close();
  });

  test('the Webull export without the buys that opened one contract: listed by line, out of the P&L, then priced by the trader and imported', async () => {
    const { page } = app;
    const lines = readFileSync(join(FIXTURES, 'webull-orders-options.csv'), 'utf8').trimEnd().split('\n');
    // The two sales of SPY240604P00526000, whose buys fell before this export's window.
    const partial = [lines[0]!, ...lines.filter((l) => l.includes('SPY240604P00526000') && l.includes(',Sell,'))].join('\n');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-file').setInputFiles({ name: 'Webull_Orders_Records.csv', mimeType: 'text/csv', buffer: Buffer.from(partial) });
    await page.getByTestId('import-preview').click();

    const unopened = page.getByTestId('import-unopened');
    await unopened.waitFor();
    expect(await unopened.textContent()).toContain('2 closes have no known opening position');
    expect(await page.getByTestId('import-preview-result').textContent()).toContain('0 new trades');
    await app.screenshot('import-unopened');

    // Line 3 (sold at 1.27) was bought at 1.24; line 2 (sold at 0.92) at 0.81, as the full export shows.
    await page.getByLabel('Opening price for line 3').fill('1.24');
    await page.getByLabel('Opening price for line 2').fill('0.81');
    await page.getByRole('button', { name: 'Use these answers' }).click();
    await page.getByTestId('import-opening-prices').waitFor();
    expect(await page.getByTestId('import-preview-result').textContent()).toContain('2 new trades');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();

    const total = await app.core.storage.read
      .selectFrom('trade')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('realizedPnl').as('pnl')])
      .executeTakeFirstOrThrow();
    // (1.27 - 1.24) x 100 + (0.92 - 0.81) x 100 = 3 + 11.
    expect(total).toEqual({ n: 2, pnl: 14_000_000 });
  });
});
