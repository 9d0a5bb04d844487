import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Api } from '../../src-main/contract/api.ts';
import { REPLY_PART_BYTES } from '../../src-main/contract/bridge-protocol.ts';
import { Decimal } from '../../src-main/money/money.ts';
import { seedTrades } from '../support/seed-trades.ts';
import { suiteTempDir } from '../support/temp-storage.ts';
import { e2eUnavailable, startBrowserMode, type BrowserMode } from './support/browser-mode.ts';

/** The page's globals, typed here because this file is checked without DOM types. */
type Page = { api: Api; seen: string[] };

describe.skipIf(e2eUnavailable() !== null)('browser mode bridge in Chromium', () => {
  let app: BrowserMode;
  beforeAll(async () => {
    app = await startBrowserMode(suiteTempDir());
    await app.page.getByRole('heading', { name: 'Welcome to Sessionguard' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  test('window.api reaches the real core, reports browser capabilities, and refuses a malformed payload', async () => {
    const boot = await app.page.evaluate(() => (globalThis as unknown as Page).api.getBootstrap({}));
    expect(boot).toMatchObject({ ok: true, value: { profile: null, capabilities: { mode: 'browser', tray: false } } });
    const bad = await app.page.evaluate(() => ((globalThis as unknown as Page).api.createProfile as (r: unknown) => Promise<unknown>)({ name: 1 }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  test('a breach recorded by the core reaches the page as an event and a banner', async () => {
    await app.page.evaluate(() => (globalThis as unknown as Page).api.createProfile({ name: 'Alex', currency: 'USD', balance: '1000.00', timeZone: 'UTC' }));
    await app.page.reload();
    await app.page.evaluate(() => {
      const g = globalThis as unknown as Page;
      g.seen = [];
      g.api.onEvent((e) => g.seen.push(e.type));
    });
    await app.core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    await app.core.trades.record([{ source: 'feed', externalId: 'x1', fees: new Decimal(0), realizedPnl: new Decimal('-150'), closedAt: Date.now() }]);
    await expect.poll(() => app.page.evaluate(() => (globalThis as unknown as Page).seen)).toContain('breach');
    await app.page.getByTestId('banner-breach').waitFor();
  });

  test('an export too large for one message reaches the page whole, sent in parts', async () => {
    seedTrades(app.core, 20_000, Date.parse('2025-03-03T14:00:00Z'), 'parts');
    const exported = await app.page.evaluate(async () => {
      const result = await (globalThis as unknown as Page).api.exportCsv({ kind: 'trades' });
      if (!result.ok) return { error: result.error.message };
      const lines = result.value.content.trimEnd().split('\n');
      return { bytes: new TextEncoder().encode(result.value.content).length, lines: lines.length, first: lines[1], last: lines.at(-1) };
    });
    // The header, the trade of the test before, and the 20,000 seeded.
    expect(exported).toMatchObject({ lines: 20_002 });
    expect((exported as { bytes: number }).bytes).toBeGreaterThan(4 * REPLY_PART_BYTES);
    // Oldest first: the first seeded trade at the top, the trade of the test before last.
    expect(exported).toMatchObject({ first: expect.stringContaining(',parts-0,'), last: expect.stringContaining(',x1,') });
  });
});
