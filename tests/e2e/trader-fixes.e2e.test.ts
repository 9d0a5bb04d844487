import type { Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../support/manual-clock.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { suiteTempDir, tempDir } from '../support/temp-storage.ts';
import { e2eUnavailable, launchChromium, startBrowserMode, type BrowserMode } from './support/browser-mode.ts';

/**
 * Issue 16, what a trader saw: each numbered item in Chromium against browser mode, light and
 * dark, with an after-screenshot per item in test-results/screenshots (issue16-NN-*.png).
 */
const unavailable = e2eUnavailable();
const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');
/** The machine is shared: give the page time before calling a wait failed. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

for (const colorScheme of ['light', 'dark'] as const) {
  describe.skipIf(unavailable !== null)(`issue 16 (${colorScheme})`, () => {
    let app: BrowserMode | undefined;
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    /** Browser mode with a profile and, when asked, a running 1 h session at 10 %, the page loaded on it. */
    async function open(
      options: { balance?: string; session?: boolean; width?: number; clock?: ManualClock; timeZone?: string; durationMinutes?: number } = {},
    ): Promise<BrowserMode> {
      app = await startBrowserMode(suiteTempDir(), {
        colorScheme,
        browser,
        ...(options.width && { width: options.width }),
        ...(options.clock && { clock: options.clock, pageClock: true }),
      });
      await app.core.profiles.create({ name: 'Alex', currency: 'USD', balance: options.balance ?? '25000.00', timeZone: options.timeZone ?? 'UTC' });
      if (options.session !== false)
        await app.core.sessions.create({
          durationMinutes: options.durationMinutes ?? 60,
          lossLimit: { kind: 'percentage', percentage: '10' },
          acknowledgeRisk: false,
          start: true,
        });
      await app.page.reload();
      return app;
    }

    test('1. manual entry in prices mode uses the point-value table: MNQ long 1, 21000 to 21010.25 records +$20.50', async () => {
      const { page, core } = await open();
      await page.getByRole('heading', { name: 'Session running' }).waitFor();
      await page.getByRole('radio', { name: 'Prices' }).click();
      await page.getByLabel('Symbol', { exact: true }).fill('MNQ');
      await page.getByLabel('Entry', { exact: true }).fill('21000');
      await page.getByLabel('Exit', { exact: true }).fill('21010.25');
      await poll(() => page.getByTestId('trade-preview').textContent()).toContain('+$20.50');
      expect(await page.getByTestId('trade-point-value-used').textContent()).toBe('2 per point (MNQ, built-in table)');
      await app!.screenshot('issue16-01-point-value');
      await page.getByRole('button', { name: /Save trade/ }).click();
      await poll(() => page.getByTestId('session-pnl').textContent()).toBe('+$20.50');
      const trade = await core.storage.read.selectFrom('trade').select(['pointValue', 'realizedPnl']).executeTakeFirstOrThrow();
      expect(trade).toEqual({ pointValue: '2', realizedPnl: 20_500_000 });

      await page.getByLabel('Symbol', { exact: true }).fill('XYZU6');
      await page.getByLabel('Entry', { exact: true }).fill('10');
      await page.getByLabel('Exit', { exact: true }).fill('11');
      await page.getByText(/No point value is known for XYZU6/).waitFor();
      expect(await page.getByRole('button', { name: /Save trade/ }).isDisabled()).toBe(true);
      await app!.screenshot('issue16-01-point-value-unknown');
    });

    test('2. the lockout lifts on screen at its end: the stopped session and a countdown, then setup without a reload', async () => {
      const clock = new ManualClock(Date.now());
      const { page } = await open({ clock });
      await page.getByRole('heading', { name: 'Session running' }).waitFor();
      await page.getByTestId('trade-pnl').fill('-2550');
      await poll(() => page.getByTestId('trade-preview').textContent()).toContain('the session will stop');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'The loss limit stopped the session' }).waitFor();
      expect(await page.getByTestId('stop-reason').textContent()).toContain('reached the loss limit of $2,500.00');
      expect(await page.getByTestId('countdown').textContent()).toMatch(/^00:(59|60|00):\d\d$|^01:00:00$/);
      await app!.screenshot('issue16-02-lockout-running');

      clock.advance(61 * 60_000);
      await page.clock.fastForward(61 * 60_000);
      await page.getByTestId('lockout-over').waitFor();
      expect(await page.getByTestId('lockout-over').textContent()).toContain('You may trade again.');
      await app!.screenshot('issue16-02-lockout-over');
      await page.getByRole('button', { name: 'Set up the next session' }).click();
      await page.getByRole('button', { name: 'Create and start' }).click();
      await page.getByRole('heading', { name: 'Session running' }).waitFor();
    });

    test('3. a balance changed in Settings reaches the setup screen: 99.99 at first run, 5000 in Settings, setup allows a session', async () => {
      const { page } = await open({ balance: '99.99', session: false });
      await page.getByText(/at least 100.00; the balance is 99.99/).waitFor();
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByLabel('Balance', { exact: true }).fill('5000');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved.').waitFor();
      await page.getByRole('button', { name: 'Session', exact: true }).click();
      await page.getByText('Balance $5,000.00').waitFor();
      await poll(() => page.getByRole('button', { name: 'Create and start' }).isDisabled()).toBe(false);
      expect(await page.getByText(/at least 100.00/).count()).toBe(0);
      await app!.screenshot('issue16-03-profile-reaches-setup');
    });

    test('4. history totals and charts follow the status, reason and duration filters', async () => {
      const { page, core } = await open({ session: false });
      await core.profiles.update({ lockoutMinutes: 0 });
      for (const [pnl, duration] of [
        ['50.00', 60],
        ['-2600.00', 60],
        ['20.00', 240],
      ] as const) {
        const s = await core.sessions.create({
          durationMinutes: duration,
          lossLimit: { kind: 'percentage', percentage: '10' },
          acknowledgeRisk: false,
          start: true,
        });
        await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: Date.now() }]);
        if ((await core.sessions.getActiveData())?.session.id === s.id) await core.sessions.stop(s.id);
      }
      await page.getByRole('button', { name: 'History' }).click();
      await page.getByTestId('history-table').waitFor();
      await poll(() => page.getByTestId('history-totals').textContent()).toContain('-$2,530.00');
      await page.getByTestId('filter-reason').selectOption('loss_limit');
      await poll(() => page.getByTestId('history-totals').textContent()).toContain('-$2,600.00');
      expect(await page.getByTestId('history-totals').textContent()).toMatch(/Sessions\s*1/);
      await page.getByTestId('chart-p-l-per-session').getByRole('button', { name: 'Table' }).click();
      expect(await page.getByTestId('chart-p-l-per-session').locator('tbody tr').count()).toBe(1);
      await page.getByTestId('filter-reason').selectOption('');
      await page.getByTestId('filter-duration').selectOption('240');
      await poll(() => page.getByTestId('history-totals').textContent()).toContain('+$20.00');
      await app!.screenshot('issue16-04-history-filters');
    });

    test('5. trades outside a session are shown in Trades, and a trade during a lockout raises an alert and appears on the lockout screen', async () => {
      const { page, core } = await open({ session: false });
      const t0 = Date.now() - 86_400_000;
      await core.trades.record([
        { source: 'import', externalId: 'old-1', symbol: 'ES', fees: new Decimal('4.50'), realizedPnl: new Decimal('120.00'), closedAt: t0 },
        { source: 'import', externalId: 'old-2', symbol: 'ES', fees: new Decimal('4.50'), realizedPnl: new Decimal('-60.00'), closedAt: t0 + 60_000 },
      ]);
      await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
      await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal('-2550.00'), closedAt: Date.now() }]);
      await page.getByRole('heading', { name: 'The loss limit stopped the session' }).waitFor();

      await core.trades.record([
        { source: 'feed', externalId: 'nt-1', symbol: 'MNQZ6', fees: new Decimal('1.24'), realizedPnl: new Decimal('-42.50'), closedAt: Date.now() },
      ]);
      await page.getByTestId('banner-lockout_trade').waitFor();
      expect(await page.getByTestId('banner-lockout_trade').textContent()).toContain('A trade was recorded while you are locked out (-$42.50)');
      await poll(() => page.getByTestId('lockout-trades').textContent()).toContain('-$42.50');
      await app!.screenshot('issue16-05-lockout-trade');

      await page.getByRole('button', { name: 'Trades', exact: true }).click();
      await poll(() => page.getByTestId('outside-sessions').textContent()).toContain('3 trades are outside any session');
      expect(await page.getByTestId('trade-table').locator('tbody tr').count()).toBe(4);
      await page.getByRole('button', { name: 'Show them' }).click();
      await poll(() => page.getByTestId('trade-table').locator('tbody tr').count()).toBe(3);
      await app!.screenshot('issue16-05-trades-outside-sessions');
    });

    test('6. times carry the profile’s zone where the computer is on another, a 7-day session’s trades their dates, the timeline its seconds', async () => {
      // Chromium runs in UTC; the profile trades on New York time.
      const { page, core } = await open({ timeZone: 'America/New_York', durationMinutes: 10080 });
      await page.getByRole('heading', { name: 'Session running' }).waitFor();
      await core.trades.record([
        { source: 'feed', externalId: 'a', symbol: 'ES', fees: new Decimal('2.10'), realizedPnl: new Decimal('-37.50'), closedAt: Date.now() },
      ]);
      await page.getByTestId('trade-table').waitFor();
      const closed = await page.getByTestId('trade-table').locator('tbody td').first().textContent();
      expect(closed).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, .* E[SD]T$/);
      expect(await page.locator('.meter-note').first().textContent()).toMatch(/Ends .* E[SD]T/);
      await app!.screenshot('issue16-06-zone-labels');
      const id = (await core.sessions.getActiveData())!.session.id;
      await core.sessions.stop(id);
      await page.getByRole('button', { name: 'History' }).click();
      await page
        .getByRole('row', { name: /Open session/ })
        .first()
        .click();
      await page.getByTestId('timeline').waitFor();
      expect(await page.getByTestId('timeline').locator('time').first().textContent()).toMatch(/\d{1,2}:\d{2}:\d{2} [AP]M E[SD]T$/);
      await app!.screenshot('issue16-06-timeline-seconds');
    });

    test('7. the risk warning shows the exact share, and a refused limit shows no box to confirm', async () => {
      const { page } = await open({ balance: '5000.00', session: false });
      await page.getByRole('radio', { name: /Amount/ }).click();
      await page.getByTestId('custom-amount').fill('1000.01');
      await poll(() => page.getByTestId('risk-warning').textContent()).toContain('risks 20.0002 % of the balance');
      await app!.screenshot('issue16-07-exact-share');
      await page.getByTestId('custom-amount').fill('5000.01');
      await page.getByText(/can.t be more than the balance \(5000.00\)/).waitFor();
      expect(await page.getByTestId('risk-warning').count()).toBe(0);
      await app!.screenshot('issue16-07-refused-no-confirm');
    });

    test.skipIf(!existsSync(FIXTURES))('8. the IBKR preview shows the refused SEK row as not imported, and every amount as money', async () => {
      const { page } = await open({ session: false });
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'ibkr-activity-statement-trades.csv'));
      await page.getByTestId('import-preview').click();
      await page.getByTestId('import-preview-result').waitFor();
      const refused = page.getByTestId('account-refused');
      expect(await refused.textContent()).toContain('SEK, not imported');
      expect(await refused.locator('.pnl-1').count()).toBe(0);
      expect(await page.getByTestId('import-preview-result').textContent()).not.toContain('90.463462');
      expect(await page.getByTestId('account-imported').textContent()).toContain('-$90.46');
      await app!.screenshot('issue16-08-ibkr-preview');
    });

    test('9. chart ticks are round with zero on a tick: sessions of +$92.30, +$49.80 and -$0.30', async () => {
      const { page, core } = await open({ session: false });
      for (const pnl of ['92.30', '49.80', '-0.30']) {
        const s = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
        await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: Date.now() }]);
        await core.sessions.stop(s.id);
      }
      await page.getByRole('button', { name: 'History' }).click();
      const ticks = (chart: string) => page.getByTestId(chart).locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
      await poll(() => ticks('chart-p-l-per-session')).toContain('$0');
      for (const chart of ['chart-p-l-per-session', 'chart-cumulative-p-l', 'chart-p-l-by-weekday', 'chart-p-l-by-hour-of-start']) {
        const labels = await ticks(chart);
        expect(labels).toContain('$0');
        expect(labels.filter((l) => /\$0\.3|49\.8|92\.3/.test(l))).toEqual([]);
      }
      expect(await ticks('chart-p-l-per-session')).toEqual(['-$25', '$0', '$25', '$50', '$75', '$100']);
      await app!.screenshot('issue16-09-round-ticks');
      await page
        .getByRole('row', { name: /Open session/ })
        .first()
        .click();
      await poll(() => ticks('chart-equity-curve')).toContain('$0');
      expect(await ticks('chart-equity-curve')).toEqual(['-$3K', '-$2K', '-$1K', '$0']);
      await app!.screenshot('issue16-09-round-ticks-equity');
    });

    test('10. first run says at the balance field that sessions need at least 100.00', async () => {
      app = await startBrowserMode(tempDir(), { colorScheme, browser });
      const { page } = app;
      await page.getByRole('heading', { name: 'Welcome to Sessionguard' }).waitFor();
      expect(await page.locator('.field', { has: page.getByLabel('Account balance') }).textContent()).toContain('Sessions need at least 100.00.');
      await page.getByLabel('Your name').fill('Alex');
      await page.getByLabel('Account balance').fill('99.99');
      await page.getByText(/Sessions need a balance of at least 100.00/).waitFor();
      await app.screenshot('issue16-10-first-run-minimum');
    });

    test('banners: one per session’s warnings, ended notices do not pile up, the breach notice survives a reload until acknowledged', async () => {
      const { page, core } = await open({ session: false });
      // The page hears events once it is connected: setup on screen means it is.
      await page.getByRole('heading', { name: 'New session' }).waitFor();
      await core.profiles.update({ lockoutMinutes: 0 });
      for (let i = 0; i < 5; i += 1) {
        const s = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
        await core.sessions.stop(s.id);
      }
      await poll(() => page.getByTestId('banner-ended').count()).toBe(1);
      const s = await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
      for (const pnl of ['-1300.00', '-700.00'])
        await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal(pnl), closedAt: Date.now() }]);
      await poll(() => page.getByTestId('banner-warning').textContent()).toContain('75 %');
      expect(await page.getByTestId('banner-warning').count()).toBe(1);
      await core.trades.record([{ source: 'manual', fees: new Decimal(0), realizedPnl: new Decimal('-600.00'), closedAt: Date.now() }]);
      await page.getByTestId('banner-breach').waitFor();
      expect(await page.getByTestId('banner-warning').count()).toBe(0);
      await page.reload();
      await page.getByTestId('banner-breach').waitFor();
      await app!.screenshot('issue16-banners-breach-after-reload');
      await page.getByTestId('banner-breach').getByRole('button', { name: 'Acknowledge' }).click();
      await poll(() => page.getByTestId('banner-breach').count()).toBe(0);
      await page.reload();
      await page
        .getByRole('heading', { name: 'Session stopped' })
        .or(page.getByRole('heading', { name: 'New session' }))
        .waitFor();
      expect(await page.getByTestId('banner-breach').count()).toBe(0);
      const acknowledged = await core.storage.read
        .selectFrom('session_event')
        .select('type')
        .where('sessionId', '=', s.id)
        .where('type', '=', 'breach_acknowledged')
        .execute();
      expect(acknowledged).toHaveLength(1);
    });

    test('controls: a pending session can be cancelled, and the cancellation is an event of it', async () => {
      const { page, core } = await open({ session: false });
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.getByRole('heading', { name: 'Session ready' }).waitFor();
      await app!.screenshot('issue16-controls-pending-cancel');
      await page.getByRole('button', { name: 'Cancel session' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel session' }).click();
      await page.getByRole('heading', { name: 'New session' }).waitFor();
      await page.getByTestId('banner-ended').waitFor();
      const row = await core.storage.read.selectFrom('TradingSession').select(['id', 'status', 'terminationReason']).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'expired', terminationReason: 'manual' });
      const types = (await core.storage.read.selectFrom('session_event').select('type').where('sessionId', '=', row.id).execute()).map((e) => e.type);
      expect(types).toContain('cancelled');
      await app!.screenshot('issue16-controls-cancelled');
    });

    test('controls: Settings copies the feed token in one click and searches the point-value table', async () => {
      const { page } = await open({ session: false });
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await page.getByText('Token copied.').waitFor();
      const token = await page.getByLabel('Bearer token').inputValue();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
      await page.getByTestId('point-value-search').fill('nq');
      await poll(() => page.getByTestId('point-value-table').locator('tbody tr td:first-child').allTextContents()).toEqual(['MNQ', 'NQ']);
      await page.getByTestId('point-value-search').scrollIntoViewIfNeeded();
      await app!.screenshot('issue16-controls-settings');
    });

    test('controls: today’s and this week’s P&L on the session screen, a daily P&L calendar in History, the lockout rule on setup', async () => {
      const { page, core } = await open({ session: false });
      expect(await page.getByTestId('lockout-rule').textContent()).toContain('new sessions stay locked until its planned end');
      await app!.screenshot('issue16-controls-lockout-rule');
      await core.trades.record([
        { source: 'import', externalId: 'earlier', fees: new Decimal(0), realizedPnl: new Decimal('120.50'), closedAt: Date.now() - 60_000 },
      ]);
      await core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
      await page.getByRole('heading', { name: 'Session running' }).waitFor();
      await page.getByTestId('trade-pnl').fill('-40.25');
      await poll(() => page.getByTestId('trade-preview').textContent()).toContain('-$40.25');
      await page.keyboard.press('Enter');
      await poll(() => page.getByTestId('pnl-today').textContent()).toBe('Today+$80.25');
      expect(await page.getByTestId('pnl-week').textContent()).toBe('This week+$80.25');
      await app!.screenshot('issue16-controls-today-week');
      await page.getByRole('button', { name: 'History' }).click();
      const today = new Date().toISOString().slice(0, 10);
      await poll(() => page.getByTestId('pnl-calendar').locator(`[data-date="${today}"]`).textContent()).toContain('+$80.25');
      await page.getByTestId('pnl-calendar').scrollIntoViewIfNeeded();
      await app!.screenshot('issue16-controls-calendar');
    });

    test('polish at 900 px: the session screen, history and the plain-words errors', async () => {
      const { page, core } = await open({ width: 900 });
      await page.getByRole('heading', { name: 'Session running' }).waitFor();
      await core.trades.record([
        {
          source: 'feed',
          externalId: 'p1',
          symbol: 'MNQZ6',
          side: 'long',
          quantity: '2',
          fees: new Decimal('1.24'),
          realizedPnl: new Decimal('25.25'),
          closedAt: Date.now(),
        },
      ]);
      await page.getByTestId('trade-table').waitFor();
      await page.getByRole('radio', { name: 'P&L' }).focus();
      await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('radio', { name: 'Prices' }).isChecked()).toBe(true);
      await page.getByLabel('Fees').fill('abc');
      await page.getByLabel('Symbol', { exact: true }).fill('MNQ');
      await page.getByLabel('Entry', { exact: true }).fill('21000');
      await page.getByLabel('Exit', { exact: true }).fill('21001');
      await page.getByText(/Fees must be an amount like 1250.00/).waitFor();
      expect(await page.getByText(/Invalid request/).count()).toBe(0);
      expect(await page.getByRole('button', { name: /Save trade/ }).isDisabled()).toBe(true);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(900);
      // Each stat card's figure stays on one line.
      for (const card of await page.locator('.stats > div dd').all()) expect((await card.boundingBox())!.height).toBeLessThan(40);
      await app!.screenshot('issue16-polish-900-session');
      const id = (await core.sessions.getActiveData())!.session.id;
      await core.sessions.stop(id);
      await page.getByRole('button', { name: 'History' }).click();
      await page.getByTestId('history-table').waitFor();
      // Nothing is wider than the window, and the start date and time stay on one line.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(900);
      const table = (await page.getByTestId('history-table').boundingBox())!;
      const card = (await page.getByTestId('history-table').locator('..').boundingBox())!;
      expect(table.x + table.width).toBeLessThanOrEqual(card.x + card.width);
      const date = page.getByTestId('history-table').locator('tbody time').first();
      expect((await date.boundingBox())!.height).toBeLessThan(25);
      await app!.screenshot('issue16-polish-900-history');
    });
  });
}
