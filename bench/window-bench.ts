import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { openCore } from '../src-main/app/core.ts';
import { percentile, type BenchRow } from './bench-table.ts';
import { seededDataDir } from './seeded-database.ts';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const RENDERER = join(ROOT, 'out', 'renderer');
const PRELOAD = join(ROOT, 'out', 'preload', 'preload.cjs');
const NAVIGATIONS = 30;
const HISTORY_OPENINGS = 15;

/** What the init scripts use of the page (this file is type-checked against Node, not the DOM). */
interface PageSide {
  document: { querySelector(selector: string): unknown };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): void;
  WebSocket: new (...args: never[]) => { addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void };
  countdownAt?: number;
  /** The bench's binding (exposeBinding): told the moment the countdown can be seen. */
  countdownShown?(at: number): void;
  historyDataAt?: number;
  historyShownAt?: number;
}

/**
 * Issue 15, the window: what the first screen costs the renderer, how fast the countdown shows
 * and the history's first page follows its data, and the memory browser mode holds with 10k
 * sessions and 1M trades. All in Debian's Chromium against the built renderer served by the
 * real browser mode (`src-main/web/cli.ts`, its own process, so its memory is its own).
 */
export async function windowBench(log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [preloadRow()];
  if (!existsSync(CHROMIUM) || !existsSync(join(RENDERER, 'index.html'))) {
    const why = `needs ${CHROMIUM} and a built renderer (npm run build)`;
    log(`window rows skipped: ${why}`);
    for (const metric of [
      'first screen JavaScript, gzipped',
      'navigation to the countdown visible',
      'history (10k sessions): first page shown after its data',
      'browser mode memory (10k sessions, 1M trades)',
    ]) {
      rows.push({ metric: `${metric}: not measured, ${why}`, value: Number.NaN, unit: '', target: 'measured', ok: false });
    }
    return rows;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    rows.push(...(await countdownRows(browser, log)));
    rows.push(...(await seededRows(browser, log)));
  } finally {
    await browser.close();
  }
  return rows;
}

function preloadRow(): BenchRow {
  if (!existsSync(PRELOAD)) return { metric: 'preload bundle: not measured, needs npm run build', value: Number.NaN, unit: '', target: 'measured', ok: false };
  const text = readFileSync(PRELOAD, 'utf8');
  const zod = /Zod(Error|Type|Object)/.test(text);
  return {
    metric: `preload bundle (out/preload/preload.cjs; ${zod ? 'bundles zod' : 'no zod'})`,
    value: text.length / 1024,
    unit: 'KB',
    target: '< 10 KB, no zod',
    ok: text.length < 10 * 1024 && !zod,
  };
}

/** A profile with a running session, so the first screen is the countdown. */
async function countdownRows(browser: Browser, log: (line: string) => void): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessionguard-bench-window-'));
  const setup = await openCore({ dataDir });
  await setup.profiles.create({ name: 'Bench', currency: 'USD', balance: '10000.00', timeZone: 'UTC' });
  await setup.sessions.create({ durationMinutes: 1440, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
  await setup.close();
  const server = await startBrowserMode(dataDir);
  const context = await browser.newContext();
  try {
    await context.addInitScript(() => {
      const g = globalThis as unknown as PageSide;
      // The first frame after the countdown is in the document: when it can be seen.
      const observer = new g.MutationObserver(() => {
        if (g.countdownAt === undefined && g.document.querySelector('[data-testid=countdown]')) {
          g.countdownAt = -1;
          observer.disconnect();
          g.requestAnimationFrame(() => {
            g.countdownAt = performance.now();
            g.countdownShown?.(g.countdownAt);
          });
        }
      });
      observer.observe(g.document, { childList: true, subtree: true });
    });
    // The page tells the bench through a binding: waiting with page.waitForFunction would have
    // Playwright inject and compile its own script into each new page, on the page's main
    // thread while the app loads (88 ms of it in one Chromium trace of this row, on a busy
    // machine), and the row would measure that too.
    let shown: ((at: number) => void) | null = null;
    await context.exposeBinding('countdownShown', (_source, at: number) => shown?.(at));
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.endsWith('.js')) scripts.add(url.pathname);
    });
    await page.goto(server.url);
    await page.getByTestId('countdown').waitFor();
    const firstScreen = [...scripts];
    const gzipped = firstScreen.reduce((sum, path) => sum + gzipSync(readFileSync(join(RENDERER, path))).length, 0) / 1024;
    const all = readdirJs().reduce((sum, file) => sum + gzipSync(readFileSync(join(RENDERER, 'assets', file))).length, 0) / 1024;
    log(`first screen loaded ${firstScreen.join(', ')}: ${gzipped.toFixed(1)} KB gzipped of ${all.toFixed(1)} KB in all`);

    const navigations: number[] = [];
    for (let i = 0; i < NAVIGATIONS; i += 1) {
      const at = new Promise<number>((resolve) => {
        shown = resolve;
      });
      await page.goto(`${server.origin}/`);
      navigations.push(await at);
    }
    const p99 = percentile(navigations, 99);
    log(`navigation to countdown: p50 ${percentile(navigations, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    return [
      {
        metric: `first screen (the countdown) JavaScript, gzipped (${firstScreen.length} file${firstScreen.length === 1 ? '' : 's'}; ${all.toFixed(0)} KB in all)`,
        value: gzipped,
        unit: 'KB',
        target: '< 250 KB',
        ok: gzipped < 250,
      },
      {
        metric: `navigation to the countdown visible (Chromium, ${NAVIGATIONS} loads; p50 ${percentile(navigations, 50).toFixed(0)} ms), p99`,
        value: p99,
        unit: 'ms',
        target: '< 300 ms',
        ok: p99 < 300,
      },
    ];
  } finally {
    await context.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** 10k sessions and 1M trades: memory after opening history and a session, then the history's first page after its data. */
async function seededRows(browser: Browser, log: (line: string) => void): Promise<BenchRow[]> {
  const dataDir = await seededDataDir({ sessions: 10_000, tradesPerSession: 100 }, log);
  const server = await startBrowserMode(dataDir);
  const context = await browser.newContext();
  try {
    await context.addInitScript(() => {
      const g = globalThis as unknown as PageSide;
      // The history page's reply, as the socket delivers it (before the app has parsed it).
      const Native = g.WebSocket;
      g.WebSocket = class extends Native {
        constructor(...args: never[]) {
          super(...args);
          this.addEventListener('message', (event) => {
            if (typeof event.data === 'string' && event.data.includes('"pageSize":')) g.historyDataAt = performance.now();
          });
        }
      };
      let shown = false;
      new g.MutationObserver(() => {
        const row = g.document.querySelector('[data-testid=history-table] tbody tr');
        if (row && !shown) {
          shown = true;
          g.requestAnimationFrame(() => {
            g.historyShownAt = performance.now();
          });
        } else if (!row) shown = false;
      }).observe(g.document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByTestId('history-table').waitFor();
    await page
      .getByRole('row', { name: /Open session/ })
      .first()
      .click();
    await page.getByTestId('detail-stats').waitFor();
    const memory = server.memory();
    log(`browser mode after history and a session detail: resident ${memory.rssMb.toFixed(0)} MB, peak ${memory.peakMb.toFixed(0)} MB`);

    const delays: number[] = [];
    for (let i = 0; i < HISTORY_OPENINGS; i += 1) {
      await page.getByRole('button', { name: 'Session' }).click();
      await page.evaluate(() => {
        const g = globalThis as unknown as PageSide;
        g.historyDataAt = undefined;
        g.historyShownAt = undefined;
      });
      await page.getByRole('button', { name: 'History' }).click();
      await page.waitForFunction(() => (globalThis as unknown as PageSide).historyShownAt !== undefined);
      delays.push(await shownAfterData(page));
      // The opening finishes (its charts drawn) before the next, as when someone reads the page.
      await page.locator('.recharts-surface').first().waitFor({ timeout: 60_000 });
    }
    const p99 = percentile(delays, 99);
    log(`history first page after its data: p50 ${percentile(delays, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    return [
      {
        metric: `history (10k sessions): first page shown after its data arrived (Chromium, ${HISTORY_OPENINGS} openings; p50 ${percentile(delays, 50).toFixed(1)} ms), p99`,
        value: p99,
        unit: 'ms',
        target: '< 100 ms',
        ok: p99 < 100,
      },
      {
        metric: `browser mode with 10k sessions / 1M trades after history and one session detail: resident memory of the server (peak ${memory.peakMb.toFixed(0)} MB)`,
        value: memory.rssMb,
        unit: 'MB',
        target: '< 200 MB',
        ok: memory.rssMb < 200,
      },
    ];
  } finally {
    await context.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function shownAfterData(page: Page): Promise<number> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageSide;
    return g.historyDataAt === undefined ? Number.NaN : g.historyShownAt! - g.historyDataAt;
  });
}

function readdirJs(): string[] {
  return readdirSync(join(RENDERER, 'assets')).filter((f) => f.endsWith('.js'));
}

interface BrowserMode {
  url: string;
  origin: string;
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

/** The Node options the `web` script of package.json starts browser mode with (its young generation's size). */
function webNodeOptions(): string[] {
  const words = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { web: string } }).scripts.web.split(/\s+/);
  return words.slice(1, words.indexOf('src-main/web/cli.ts'));
}

/** `npm run web` as a user runs it, on a free port; resolves once it prints its sign-in link. */
function startBrowserMode(dataDir: string): Promise<BrowserMode> {
  const child: ChildProcess = spawn(process.execPath, [...webNodeOptions(), join(ROOT, 'src-main', 'web', 'cli.ts'), '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      const url = match[0];
      resolve({
        url,
        origin: new URL(url).origin,
        memory: () => {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
          return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
        },
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}) before it was ready:\n${output}`)));
  });
}
