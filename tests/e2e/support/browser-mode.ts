import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openCore, type Core } from '../../../src-main/app/core.ts';
import { createCoreDispatcher } from '../../../src-main/app/handler-registry.ts';
import { startWebServer, type WebServer } from '../../../src-main/web/web-server.ts';
import type { Clock } from '../../../src-main/time/clock.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const RENDERER_DIR = resolve(import.meta.dirname, '..', '..', '..', 'out', 'renderer');
export const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

/** Why the end-to-end tests can't run here, or null when they can. */
export function e2eUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `end-to-end tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`;
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return 'end-to-end tests skipped: the renderer is not built (npm run build)';
  return null;
}

export interface BrowserMode {
  core: Core;
  server: WebServer;
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * Browser mode on a fresh data folder and a free port, with Debian's Chromium signed in.
 * `browser` reuses a running Chromium (a new context each time; closing leaves it running).
 * `pageClock` installs Playwright's clock in the page at the core's time, so a test can move
 * the page's time along with a manual core clock (`page.clock.fastForward`).
 */
export async function startBrowserMode(
  dataDir: string,
  options: { colorScheme?: 'light' | 'dark'; clock?: Clock; width?: number; pageClock?: boolean; browser?: Browser } = {},
): Promise<BrowserMode> {
  const core = await openCore({ dataDir, ...(options.clock && { clock: options.clock }) });
  const server = await startWebServer({
    dispatch: createCoreDispatcher(core, { mode: 'browser', tray: false, nativeNotifications: false }),
    bus: core.bus,
    rendererDir: RENDERER_DIR,
    port: 0,
  });
  const browser = options.browser ?? (await launchChromium());
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: 900 },
    timezoneId: 'UTC',
  });
  if (options.pageClock) await context.clock.install({ time: (options.clock ?? { now: Date.now }).now() });
  const page = await context.newPage();
  await page.goto(server.url);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    core,
    server,
    browser,
    page,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${options.colorScheme ?? 'light'}.png`), fullPage: true });
    },
    close: async () => {
      if (options.browser) await context.close();
      else await browser.close();
      await server.close();
      await core.close();
    },
  };
}
