import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import type { Api } from '../../src-main/contract/api.ts';
import { tempDir } from '../support/temp-storage.ts';
import { CHROMIUM, e2eUnavailable } from './support/browser-mode.ts';

/**
 * Defect 1 of issue 11 against the real browser mode (`npm run web`'s entry point) with the
 * process's wall clock under libfaketime: the clock is stepped back 120 s after the session
 * starts, and a manual loss past the limit must still stop it.
 */
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const ROOT = resolve(import.meta.dirname, '..', '..');
const unavailable = e2eUnavailable() ?? (existsSync(LIBFAKETIME) ? null : `clock-step test skipped: ${LIBFAKETIME} is missing (apt-get install faketime)`);
if (unavailable) console.warn(unavailable);

type Page = { api: Api };

describe.skipIf(unavailable !== null)('a wall clock stepped back under libfaketime, against the real browser mode', () => {
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    child?.kill('SIGTERM');
  });

  test('a manual loss recorded after the step still belongs to the active session and stops it', async () => {
    const dir = tempDir();
    const offsetFile = join(dir, 'faketime');
    writeFileSync(offsetFile, '+0');
    child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), [join(ROOT, 'src-main', 'web', 'cli.ts'), '--port', '0', '--data-dir', join(dir, 'data')], {
      env: { ...process.env, LD_PRELOAD: LIBFAKETIME, FAKETIME_TIMESTAMP_FILE: offsetFile, FAKETIME_NO_CACHE: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const link = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`browser mode did not start: ${output}`)), 30_000);
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /http:\/\/127\.0\.0\.1:\d+\/\S+/.exec(output);
        if (found) {
          clearTimeout(timer);
          done(found[0]);
        }
      });
    });

    browser = await chromium.launch({
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
    const page = await browser.newPage();
    await page.goto(link);
    await page.waitForFunction(() => typeof (globalThis as unknown as Page).api?.getBootstrap === 'function');
    const started = await page.evaluate(async () => {
      const api = (globalThis as unknown as Page).api;
      await api.createProfile({ name: 'Ann', currency: 'USD', balance: '1000.00', timeZone: 'UTC' });
      return api.createSession({ durationMinutes: 60, lossLimit: { kind: 'amount', amount: '100.00' }, acknowledgeRisk: false, start: true });
    });
    expect(started).toMatchObject({ ok: true, value: { status: 'active' } });
    if (!started.ok) return;

    writeFileSync(offsetFile, '-120');
    const recorded = await page.evaluate(() => (globalThis as unknown as Page).api.recordTrade({ kind: 'pnl', pnl: '-150.00' }));
    expect(recorded).toMatchObject({
      ok: true,
      value: { breached: true, trade: { sessionId: started.value.id }, session: { status: 'stopped', terminationReason: 'loss_limit' } },
    });
    if (recorded.ok) expect(Date.parse(recorded.value.trade.closedAt)).toBeLessThan(Date.parse(started.value.startTime!));
  });
});
