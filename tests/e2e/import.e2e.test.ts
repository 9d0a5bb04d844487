import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { suiteTempDir, tempDir } from '../support/temp-storage.ts';
import { e2eUnavailable, startBrowserMode, type BrowserMode } from './support/browser-mode.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');

describe.skipIf(e2eUnavailable() !== null || !existsSync(FIXTURES))('import journey in Chromium', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await startBrowserMode(suiteTempDir());
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
    const trades = await app.core.storage.read
      .selectFrom('trade')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(trades.n).toBeGreaterThan(0);
  });

  test('a file that is not an export is not guessed at: the screen asks which format it is', async () => {
    const { page } = app;
    await page.getByTestId('import-file').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('hello,world\n1,2\n') });
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-format-choice').waitFor();
    expect(await page.getByTestId('import-format-choice').textContent()).toContain('not one of the known broker exports');
  });

  test('a file no preset knows: a mapping built on the screen (closed trades, a row filter) imports it, and is recognised next time', async () => {
    const { page } = app;
    // The NinjaTrader Trades grid with every column renamed, so no preset recognises it.
    const original = readFileSync(join(FIXTURES, 'ninjatrader-trades-grid.csv'), 'utf8');
    const renamed = original.replace(
      /^[^\r\n]*/,
      'No.,Contract,Book,Algo,Direction,Lots,Open px,Close px,Opened,Closed,Open tag,Close tag,Net,Running,Costs,Adverse,Favourable,Giveback,Candles,',
    );
    const file = { name: 'desk-trades.csv', mimeType: 'text/csv', buffer: Buffer.from(renamed) };
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-format-choice').waitFor();
    await page.getByTestId('choose-format-generic').click();

    const editor = page.getByTestId('mapping-editor');
    expect(await editor.getByTestId('mapping-header').textContent()).toContain('line 1');
    await editor.getByTestId('map-kind').selectOption('trades');
    await page.getByTestId('import-preview').click();
    // Nothing mapped yet: the core says what to choose, in words, at the field.
    await editor.getByText('Choose the column that holds the close time.').waitFor();

    await editor.getByTestId('map-openTime').selectOption('Opened');
    await editor.getByTestId('map-time').selectOption('Closed');
    await editor.getByTestId('map-symbol').selectOption('Contract');
    await editor.getByTestId('map-side').selectOption('Direction');
    await editor.getByTestId('map-quantity').selectOption('Lots');
    await editor.getByTestId('map-pnl').selectOption('Net');
    await editor.getByTestId('map-fees').selectOption('Costs');
    await editor.getByTestId('map-account').selectOption('Book');
    await editor.getByTestId('map-add-filter').click();
    await editor.getByTestId('map-filter-column-0').selectOption('Book');
    await editor.getByTestId('map-filter-op-0').selectOption('not_equals');
    await editor.getByTestId('map-filter-value-0').fill('Sim101');
    await editor.getByTestId('map-name').fill('Desk trades');
    await editor.getByTestId('map-save').click();
    await page.getByTestId('import-preview').click();

    const preview = page.getByTestId('import-preview-result');
    await preview.waitFor();
    // BreakOuts 52 trades +212.50 and the third account 20 trades -237.50; Sim101 filtered out.
    expect(await preview.textContent()).toContain('72 new trades');
    expect(await preview.textContent()).toContain('-$25.00');
    expect(await preview.textContent()).toContain('21 rows were left out by the row filter');
    await app.screenshot('import-generic-mapping');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain('Imported 72 trades');

    // The same export again, on auto: the saved mapping is recognised by its header.
    await page.getByTestId('import-preset').selectOption('auto');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-preview').click();
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Your mapping “Desk trades”: 0 new trades');
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
    await card
      .getByRole('table', { name: 'Files from the watched folder' })
      .getByText(/Orders\.csv: 6 trades imported with Tradovate Orders and moved to imported\//)
      .waitFor({ timeout: 10_000 });
    expect(existsSync(join(folder, 'Orders-broken.csv'))).toBe(true);
    expect(existsSync(join(folder, 'imported', 'Orders.csv'))).toBe(true);
    await app.screenshot('settings-watched-folder');
  });
});
