import { afterEach, describe, expect, test } from 'vitest';
import { NO_RULES_INPUT } from '../../src-main/sessions/session-rules.ts';
import { tempDir } from '../support/temp-storage.ts';
import { e2eUnavailable, startBrowserMode, type BrowserMode } from './support/browser-mode.ts';

/**
 * Issue 13 in Chromium against browser mode: a template with a trailing drawdown and a trade
 * cap, one click in setup, the room left on screen and in the tab title as trades come, the
 * trade that reaches the floor, and the lockout's calm countdown with what ended the session.
 */
const unavailable = e2eUnavailable();
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

describe.skipIf(unavailable !== null)('session rules in Chromium', () => {
  let app: BrowserMode | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  test('a template with a trailing drawdown and a trade cap: room left live, the floor stops the session, the lockout counts down', async () => {
    app = await startBrowserMode(tempDir());
    const { page, core } = app;
    await core.profiles.create({ name: 'Alex', currency: 'USD', balance: '25000.00', timeZone: 'UTC' });
    await core.templates.save('NY open scalp', {
      durationMinutes: 60,
      lossLimit: { kind: 'amount', amount: '400.00' },
      rules: { ...NO_RULES_INPUT, trailingDrawdown: { amount: '150.00' }, tradeCap: { trades: 3 } },
    });
    await page.reload();

    await page.getByRole('heading', { name: 'New session' }).waitFor();
    await page.getByTestId('template-NY open scalp').click();
    await poll(() => page.getByTestId('rule-trailing-amount').inputValue()).toBe('150.00');
    expect(await page.getByTestId('rule-cap-trades').inputValue()).toBe('3');
    await poll(() => page.getByTestId('setup-summary').textContent()).toContain('$400.00');
    await app.screenshot('rules-setup-from-template');
    await page.getByRole('button', { name: 'Create and start' }).click();
    await page.getByRole('heading', { name: 'Session running' }).waitFor();
    await page.getByTestId('room-left').waitFor();

    await page.keyboard.press('t');
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('trade-count').textContent()).toBe('1');
    const room = page.getByTestId('room-left');
    await poll(() => room.locator('li[data-rule="trailing_drawdown"]').textContent()).toContain('Floor -$50.00: $150.00 above it');
    expect(await room.locator('li[data-rule="trade_cap"]').textContent()).toContain('2 trades left');
    // The trade cap is the most used (1 of 3), so it leads the list and the tab title.
    expect(await room.locator('li').first().getAttribute('data-rule')).toBe('trade_cap');
    await poll(() => page.title()).toBe('2 trades left · Sessionguard');
    await app.screenshot('rules-room-left');

    await page.getByTestId('trade-pnl').fill('-150');
    await poll(() => page.getByTestId('trade-preview').textContent()).toContain('the session will stop');
    await page.keyboard.press('Enter');
    await page.getByTestId('banner-breach').waitFor();
    expect(await page.getByTestId('banner-breach').textContent()).toContain('Trailing drawdown reached');
    expect(await page.getByTestId('banner-breach').textContent()).toContain('fell to the trailing floor of -$50.00');

    await page.getByRole('heading', { name: 'The trailing drawdown stopped the session' }).waitFor();
    expect(await page.getByTestId('stop-reason').getAttribute('data-reason')).toBe('trailing_drawdown');
    const held = await page.getByTestId('ended-rules').textContent();
    expect(held).toContain('Trailing drawdown$150.00 below the peak');
    expect(held).toContain('Trade cap3 trades');
    const lockout = page.getByTestId('lockout');
    expect(await lockout.textContent()).toContain('Trading may resume in');
    const first = await lockout.getByTestId('countdown').textContent();
    // An hour's lockout, counted down in whole seconds rounded up: 01:00:00 in its first second.
    expect(first).toMatch(/^(00:5\d:\d\d|01:00:00)$/);
    await poll(() => lockout.getByTestId('countdown').textContent()).not.toBe(first);
    expect(await page.title()).toBe('Sessionguard');
    await app.screenshot('rules-lockout');

    const row = await core.storage.read
      .selectFrom('TradingSession')
      .select(['status', 'terminationReason', 'lockoutUntil', 'plannedEndTime'])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'stopped', terminationReason: 'trailing_drawdown' });
    expect(row.lockoutUntil).toBe(row.plannedEndTime);
  });
});
