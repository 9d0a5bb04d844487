import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../support/manual-clock.ts';
import { suiteTempDir } from '../support/temp-storage.ts';
import { e2eUnavailable, startBrowserMode, type BrowserMode } from './support/browser-mode.ts';

const unavailable = e2eUnavailable();
if (unavailable) console.warn(unavailable);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe.skipIf(unavailable !== null)('platform connectors in the real renderer', () => {
  let app: BrowserMode;
  let clock: ManualClock;
  let beat: () => Promise<number>;

  beforeAll(async () => {
    clock = new ManualClock(new Date().toISOString());
    app = await startBrowserMode(suiteTempDir(), { clock });
    await app.core.profiles.create({ name: 'Ann', currency: 'USD', balance: '2000.00', timeZone: 'UTC' });
    await app.core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    const feed = await app.core.feed.update({ enabled: true, port: await freePort() });
    const feedToken = await app.core.feed.revealToken();
    beat = async () => {
      const body = {
        source: 'ninjatrader8',
        version: '1.0.0',
        platform: 'NinjaTrader 8',
        sentAt: new Date(clock.now()).toISOString(),
        accounts: [
          { id: 'Sim101', kind: 'sim', currency: 'USD', realized: '-12.40', unrealized: '35.50', equity: '50023.10', enforcement: false },
          { id: 'APEX-1', kind: 'live', currency: 'USD', realized: '0', unrealized: null, equity: null, enforcement: true },
        ],
      };
      const reply = await fetch(`http://127.0.0.1:${feed.port}/v2/heartbeat`, {
        method: 'POST',
        headers: { authorization: `Bearer ${feedToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return reply.status;
    };
    expect(await beat()).toBe(200);
    await app.page.reload();
  });

  afterAll(() => app?.close());

  test('Settings shows the connector’s heartbeat and accounts; a silent connector raises “connector lost” until it beats again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const card = page.getByRole('region', { name: 'NinjaTrader 8 connector' });
    await card.waitFor();
    await expect
      .poll(() => card.getByRole('row').allTextContents())
      .toEqual(['AccountKindRealizedOpen P&LEquityEnforcement', 'Sim101sim-$12.40$35.50$50,023.10off', 'APEX-1live$0.00——on']);
    expect(await card.textContent()).toMatch(/reporting.*Last heartbeat 0 s ago/);
    await app.screenshot('settings-connectors');

    clock.advance(11_000);
    await app.core.feed.checkConnectors();
    await page.getByTestId('banner-connector').waitFor();
    expect(await page.getByTestId('banner-connector').textContent()).toMatch(/Connector lost.*No heartbeat from NinjaTrader 8 \(ninjatrader8\) for 10 s/);
    await expect.poll(() => card.textContent(), { timeout: 5000 }).toMatch(/lost.*Last heartbeat 11 s ago/);

    expect(await beat()).toBe(200);
    await app.core.feed.checkConnectors();
    await expect.poll(() => page.getByTestId('banner-connector').count()).toBe(0);
    await expect.poll(() => card.textContent(), { timeout: 5000 }).toContain('reporting');
  });
});
