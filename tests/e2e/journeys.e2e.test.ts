import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { suiteTempDir } from '../support/temp-storage.ts';
import { e2eUnavailable, startBrowserMode, type BrowserMode } from './support/browser-mode.ts';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(unavailable);

/**
 * The trader's journeys in Debian's Chromium against browser mode, in the light and the dark
 * theme; screenshots of each screen go to test-results/screenshots.
 */
for (const colorScheme of ['light', 'dark'] as const) {
  describe.skipIf(unavailable !== null)(`journeys (${colorScheme})`, () => {
    let app: BrowserMode;
    beforeAll(async () => {
      app = await startBrowserMode(suiteTempDir(), { colorScheme });
    });
    afterAll(async () => {
      await app?.close();
    });

    test('first run: the profile form refuses a bad balance at its field, then creates the profile', async () => {
      const { page } = app;
      await page.getByRole('heading', { name: 'Welcome to Sessionguard' }).waitFor();
      await page.getByLabel('Your name').fill('Alex');
      await page.getByLabel('Account balance').fill('12.345');
      await page.getByRole('button', { name: 'Create profile' }).click();
      await expect.poll(() => page.getByText('at most 2 decimals').count()).toBe(1);
      await app.screenshot('first-run');
      await page.getByLabel('Account balance').fill('25,000.00');
      await page.getByRole('button', { name: 'Create profile' }).click();
      await page.getByRole('heading', { name: 'New session' }).waitFor();
    });

    test('create and start: presets show their amounts, a risky limit needs confirming, the countdown runs', async () => {
      const { page } = app;
      await expect.poll(() => page.getByTestId('preset-10').textContent()).toContain('$2,500.00');
      await page.getByTestId('preset-30').click();
      await page.getByTestId('risk-warning').waitFor();
      expect(await page.getByRole('button', { name: 'Create and start' }).isDisabled()).toBe(true);
      await app.screenshot('setup');
      await page.getByTestId('preset-10').click();
      await page.getByRole('radio', { name: /1h/ }).click();
      await page.getByRole('button', { name: 'Create and start' }).click();
      await page.getByRole('heading', { name: 'Session running' }).waitFor();
      const first = await page.getByTestId('countdown').textContent();
      await expect.poll(() => page.getByTestId('countdown').textContent(), { timeout: 3000 }).not.toBe(first);
      expect(first).toMatch(/^(01:00:00|00:59:5\d)$/);
    });

    test('trades to a warning and a breach: banners stay until acknowledged and the session stops', async () => {
      const { page } = app;
      await page.keyboard.press('t');
      await page.keyboard.type('-1300');
      await expect.poll(() => page.getByTestId('trade-preview').textContent()).toContain('52.00 % of the limit');
      await page.keyboard.press('Enter');
      await page.getByTestId('banner-warning').waitFor();
      expect(await page.getByTestId('limit-bar').getAttribute('data-level')).toBe('amber');
      expect(await page.getByTestId('trade-count').textContent()).toBe('1');
      await app.screenshot('active-session');

      await page.getByTestId('trade-pnl').fill('-1250');
      await expect.poll(() => page.getByTestId('trade-preview').textContent()).toContain('the session will stop');
      await page.keyboard.press('Enter');
      await page.getByTestId('banner-breach').waitFor();
      await page.getByTestId('lockout').waitFor();
      await app.screenshot('breach');
      const row = await app.core.storage.read.selectFrom('TradingSession').select(['status', 'terminationReason']).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'stopped', terminationReason: 'loss_limit' });
      await page.getByTestId('banner-breach').getByRole('button', { name: 'Acknowledge' }).click();
      await expect.poll(() => page.getByTestId('banner-breach').count()).toBe(0);
      // The session's warning went with the breach that superseded it.
      expect(await page.getByTestId('banner-warning').count()).toBe(0);
    });

    test('history: filter, charts drawn, then a session’s detail', async () => {
      const { page } = app;
      await page.getByRole('button', { name: 'History' }).click();
      await page.getByTestId('history-table').waitFor();
      await page.getByTestId('filter-reason').selectOption('manual');
      await page.getByText('No sessions match these filters.').waitFor();
      await page.getByTestId('filter-reason').selectOption('loss_limit');
      await page.getByTestId('history-table').waitFor();
      for (const chart of ['chart-p-l-per-session', 'chart-cumulative-p-l', 'chart-sessions-by-outcome', 'chart-p-l-by-weekday']) {
        await expect.poll(() => page.getByTestId(chart).locator('svg path').count(), { timeout: 5000 }).toBeGreaterThan(0);
      }
      await page.getByTestId('chart-p-l-per-session').getByRole('button', { name: 'Table' }).click();
      await expect.poll(() => page.getByTestId('chart-p-l-per-session').textContent()).toContain('-$2,550.00');
      await app.screenshot('history');
      await page
        .getByRole('row', { name: /Open session/ })
        .first()
        .click();
      await page.getByTestId('timeline').waitFor();
      expect(await page.getByTestId('timeline').textContent()).toContain('Loss limit breached');
      await expect.poll(() => page.getByTestId('chart-equity-curve').locator('svg path').count(), { timeout: 5000 }).toBeGreaterThan(0);
      await app.screenshot('session-detail');
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { name: 'Live feed' }).waitFor();
      await app.screenshot('settings');
    });
  });
}
