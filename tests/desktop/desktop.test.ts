import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { channelNames, wireName } from '../../src-main/contract/channels.ts';
import { startDesktop } from '../../src-main/desktop/desktop-app.ts';
import { bindPower } from '../../src-main/desktop/power.ts';
import { tempDir } from '../support/temp-storage.ts';
import { fakeElectron, FakeNotification, FakeTray, FakeWindow } from './support/fake-electron.ts';

type Fake = ReturnType<typeof fakeElectron>;
const running: Fake[] = [];

afterEach(async () => {
  // will-quit stops the runtime and closes the database, as on a real quit.
  for (const fake of running.splice(0)) {
    const event = { preventDefault: vi.fn() };
    const quits = fake.electron.app.quitCalled;
    fake.electron.app.fire('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.electron.app.quitCalled).toBe(quits + 1));
  }
});

async function launch(options: { primaryInstance?: boolean } = {}) {
  const dir = tempDir();
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Sessionguard</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for the page');
  const fake = fakeElectron({ userData: join(dir, 'user-data'), ...options });
  const started = startDesktop(fake.api, { preload: join(dir, 'preload.cjs'), renderer }, ['node', 'main', `--data-dir=${join(dir, 'data')}`]);
  if (started) {
    running.push(fake);
    await started.ready;
  }
  // A second instance creates no window or tray; its tests don't touch them.
  return { fake, started, dir, renderer, window: FakeWindow.created[0]!, tray: FakeTray.created[0]! };
}

/** Calls a bound channel as the renderer would, from a sender and frame of the test's choosing. */
function invoke(fake: Fake, window: FakeWindow, channel: string, payload: unknown, sender: { sender?: unknown; senderFrame?: unknown } = {}) {
  const handler = fake.electron.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`${channel} is not bound`);
  // biome-ignore lint/suspicious/noExplicitAny: a reply of whichever channel the test called; each test asserts the fields it reads.
  return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame, ...sender }, payload) as Promise<any>;
}

async function startSessionWithProfile(fake: Fake, window: FakeWindow) {
  expect((await invoke(fake, window, wireName('createProfile'), { name: 'Ann', currency: 'USD', balance: '10000', timeZone: 'UTC' })).ok).toBe(true);
  const created = await invoke(fake, window, wireName('createSession'), {
    durationMinutes: 60,
    lossLimit: { kind: 'percentage', percentage: '10' },
    acknowledgeRisk: true,
    start: true,
  });
  expect(created).toMatchObject({ ok: true, value: { status: 'active' } });
  return created.value as { id: number };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('the desktop window', () => {
  test('is isolated, sandboxed, without Node, and loads the app from its own protocol, not file://', async () => {
    const { window, fake } = await launch();
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs?.preload).toMatch(/preload\.cjs$/);
    expect(window.loaded).toBe('app://sessionguard/index.html');
    expect(fake.electron.protocol.handlers.has('app')).toBe(true);
  });

  test('blocks navigation away from the app, new windows and webviews', async () => {
    const { window } = await launch();
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      window.webContents.fire('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://other-host/index.html')).toBe(true);
    expect(navigate('app://sessionguard/history')).toBe(false);

    const redirect = { preventDefault: vi.fn() };
    window.webContents.fire('will-redirect', redirect, 'http://127.0.0.1:9/');
    expect(redirect.preventDefault).toHaveBeenCalled();

    const webview = { preventDefault: vi.fn() };
    window.webContents.fire('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(window.webContents.openHandler?.({ url: 'app://sessionguard/index.html' })).toEqual({ action: 'deny' });
  });

  test('opens only allow-listed https links in the browser, and never in a new app window', async () => {
    const { window, fake } = await launch();
    const open = (url: string) => window.webContents.openHandler!({ url });
    for (const url of [
      'https://sessionguard.app/help',
      'http://sessionguard.app/help',
      'https://sessionguard.app.evil.example/',
      'https://user:pw@sessionguard.app/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(fake.electron.shell.opened).toEqual(['https://sessionguard.app/help']);
  });

  test('denies every permission request and check', async () => {
    const { fake } = await launch();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      fake.permissions.request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(fake.permissions.check!({}, permission)).toBe(false);
    }
  });

  test('refuses webviews in any contents the app creates later', async () => {
    const { fake } = await launch();
    const contents = new FakeWindow({}).webContents;
    fake.electron.app.fire('web-contents-created', {}, contents);
    const event = { preventDefault: vi.fn() };
    contents.fire('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('the app:// protocol', () => {
  const fetchApp = async (fake: Fake, url: string) => {
    const handler = fake.electron.protocol.handlers.get('app')!;
    return (await handler({ url })) as Response;
  };

  test('serves the renderer with a content security policy', async () => {
    const { fake } = await launch();
    const page = await fetchApp(fake, 'app://sessionguard/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await fetchApp(fake, 'app://sessionguard/assets/app.js')).headers.get('content-type')).toContain('javascript');
    expect(await (await fetchApp(fake, 'app://sessionguard/history')).text()).toContain('<title>Sessionguard');
  });

  test('never serves a file outside the renderer folder', async () => {
    const { fake } = await launch();
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/..%5Csecret.txt',
      '/%00index.html',
      '/%E0%A4%A.txt',
      '/assets/missing.js',
    ]) {
      const response = await fetchApp(fake, `app://sessionguard${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('not for the page');
    }
    expect((await fetchApp(fake, 'app://elsewhere/index.html')).status).toBe(404);
  });
});

describe('the IPC binding', () => {
  test('binds every channel of the contract, and nothing else', async () => {
    const { fake } = await launch();
    expect([...fake.electron.ipcMain.handlers.keys()].sort()).toEqual(channelNames.map(wireName).sort());
  });

  test('answers only the app window’s top frame on the app’s own page', async () => {
    const { fake, window } = await launch();
    const other = new FakeWindow({});
    const refusals = [
      { sender: other.webContents, senderFrame: other.webContents.mainFrame },
      { senderFrame: { url: 'app://sessionguard/index.html' } },
      { senderFrame: { ...window.webContents.mainFrame } },
      { senderFrame: null },
    ];
    for (const sender of refusals) {
      expect(
        await invoke(fake, window, wireName('createProfile'), { name: 'Mallory', currency: 'USD', balance: '10000', timeZone: 'UTC' }, sender),
      ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    const navigatedAway = window.webContents.mainFrame;
    const url = navigatedAway.url;
    (navigatedAway as { url: string }).url = 'https://evil.example/';
    expect(await invoke(fake, window, wireName('getBootstrap'), {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    (navigatedAway as { url: string }).url = url;
    expect(await invoke(fake, window, wireName('getBootstrap'), {})).toMatchObject({ ok: true, value: { profile: null } });
  });

  test('a malformed payload gets a typed error and writes nothing', async () => {
    const { fake, window } = await launch();
    for (const payload of [
      null,
      'x',
      42,
      [],
      { name: 'A', currency: 'USD', balance: 1e21, timeZone: 'UTC' },
      { name: 'A', currency: 'USD', balance: '10', timeZone: 'UTC', isAdmin: true },
    ]) {
      const reply = await invoke(fake, window, wireName('createProfile'), payload);
      expect(reply.ok).toBe(false);
      expect(['bad_request', 'validation']).toContain(reply.error.code);
      expect(reply.error.message.length).toBeGreaterThan(0);
    }
    expect(await invoke(fake, window, wireName('getBootstrap'), {})).toMatchObject({ ok: true, value: { profile: null } });
  });

  test('forwards the event stream to the window', async () => {
    const { fake, window } = await launch();
    await startSessionWithProfile(fake, window);
    await flush();
    expect(window.webContents.sent.map((m) => m.channel)).toContain('sessionguard:event');
    expect(window.webContents.sent.some((m) => (m.payload as { type: string }).type === 'session_changed')).toBe(true);
  });
});

describe('alerts, tray and lifecycle', () => {
  test('a breach shows a critical notification and turns the tray to its stopped state', async () => {
    const { fake, window, tray } = await launch();
    await flush();
    expect(tray.tooltip).toBe('Sessionguard: no session running');
    const idleImages = tray.images.length;
    await startSessionWithProfile(fake, window);
    await flush();
    expect(tray.tooltip).toMatch(/min left\nP&L \$0\.00\n0\.00 % of the loss limit used/);

    const reply = await invoke(fake, window, wireName('recordTrade'), { kind: 'pnl', pnl: '-1000.00' });
    expect(reply).toMatchObject({ ok: true, value: { session: { status: 'stopped', terminationReason: 'loss_limit' } } });
    await flush();

    const breach = FakeNotification.shown.find((n) => n.title.startsWith('Loss limit reached'));
    expect(breach).toMatchObject({ urgency: 'critical' });
    expect(breach?.body).toMatch(/loss limit/i);
    expect(FakeNotification.shown.some((n) => n.title === 'Session ended')).toBe(true);
    expect(tray.images.length).toBeGreaterThan(idleImages);
    expect(tray.images.at(-1)).not.toEqual(tray.images[0]);
    expect(tray.tooltip).toBe('Sessionguard: no session running');

    // What comes after the stop (a trade during the lockout, its alert) leaves the tray stopped.
    const stoppedImage = tray.images.at(-1);
    await invoke(fake, window, wireName('recordTrade'), { kind: 'pnl', pnl: '5.00' });
    await flush();
    expect(tray.images.at(-1)).toEqual(stoppedImage);
  });

  test('warnings at 50 % reach the tray and a notification before the limit', async () => {
    const { fake, window, tray } = await launch();
    await startSessionWithProfile(fake, window);
    await flush();
    const active = tray.images.at(-1);
    await invoke(fake, window, wireName('recordTrade'), { kind: 'pnl', pnl: '-500.00' });
    await flush();
    expect(FakeNotification.shown.map((n) => n.title)).toContain('Sessionguard warning');
    expect(tray.images.at(-1)).not.toEqual(active);
    expect(tray.tooltip).toMatch(/50\.00 % of the loss limit used/);
  });

  test('a file in the watched folder that can’t be imported raises a notification naming it', async () => {
    const { fake, window, dir } = await launch();
    await startSessionWithProfile(fake, window);
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    writeFileSync(join(folder, 'orders.csv'), 'this,is,not\na,broker,file\n');
    expect(await invoke(fake, window, wireName('updateWatchedFolder'), { enabled: true, folder, preset: 'auto' })).toMatchObject({
      ok: true,
      value: { running: true },
    });
    await vi.waitFor(
      () => expect(FakeNotification.shown.find((n) => n.title === 'A dropped file was not imported')?.body).toMatch(/^orders\.csv was not imported: /),
      { timeout: 6_000, interval: 100 },
    );
  });

  test('the tray menu shows the window, stops the session after confirmation, and quits', async () => {
    const { fake, window, tray } = await launch();
    await startSessionWithProfile(fake, window);
    await flush();
    const item = (label: string) => tray.menu.find((i) => i.label?.startsWith(label))!;
    expect(item('Stop session').enabled).toBe(true);
    item('Show Sessionguard').click!();
    expect(window.visible).toBe(true);

    fake.electron.dialog.showMessageBox = async () => ({ response: 0 });
    item('Stop session').click!();
    await flush();
    expect((await invoke(fake, window, wireName('getActiveSession'), {})).value.session.status).toBe('active');

    fake.electron.dialog.showMessageBox = async () => ({ response: 1 });
    item('Stop session').click!();
    await flush();
    expect((await invoke(fake, window, wireName('getActiveSession'), {})).value).toBeNull();
    expect(item('Stop session').enabled).toBe(false);

    item('Quit').click!();
    expect(fake.electron.app.quitCalled).toBe(1);
  });

  test('closing the window hides it while a session is open, and closes it otherwise', async () => {
    const { fake, window } = await launch();
    const close = () => {
      const event = { preventDefault: vi.fn() };
      window.fire('close', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    window.show();
    expect(close()).toBe(false);
    await startSessionWithProfile(fake, window);
    await flush();
    window.show();
    expect(close()).toBe(true);
    expect(window.visible).toBe(false);
    fake.electron.app.fire('window-all-closed');
    expect(fake.electron.app.quitCalled).toBe(0);

    fake.electron.app.fire('before-quit');
    expect(close()).toBe(false);
  });

  test('a second launch quits at once, and the first instance shows its window', async () => {
    const first = await launch();
    const second = await launch({ primaryInstance: false });
    expect(second.started).toBeNull();
    expect(second.fake.electron.app.quitCalled).toBe(1);
    expect(second.fake.electron.ipcMain.handlers.size).toBe(0);

    first.window.hide();
    first.fake.electron.app.fire('second-instance');
    expect(first.window.visible).toBe(true);
  });

  test('a database that is not Sessionguard’s is reported in a dialog and left alone', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'sessionguard.db'), 'my notes, not a database');
    const fake = fakeElectron({ userData: dir });
    const started = startDesktop(fake.api, { preload: 'p', renderer: dir }, ['node', 'main', `--data-dir=${join(dir, 'data')}`]);
    await started!.ready;
    expect(fake.electron.dialog.errors).toEqual([expect.stringMatching(/can’t start: .*not a Sessionguard database/i)]);
    expect(fake.electron.app.quitCalled).toBe(1);
    expect(FakeWindow.created).toHaveLength(0);
  });
});

describe('power events', () => {
  test('resume and unlock run the catch-up; suspend is only logged', () => {
    const powerMonitor = new FakeWindow({});
    const scheduler = { notifyResume: vi.fn(async () => undefined) };
    const log = vi.fn();
    bindPower(powerMonitor as never, scheduler, log);
    powerMonitor.fire('resume');
    powerMonitor.fire('unlock-screen');
    expect(scheduler.notifyResume).toHaveBeenCalledTimes(2);
    powerMonitor.fire('suspend');
    expect(scheduler.notifyResume).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/suspend/));
  });

  test('a resume after the planned end ends the session at once, as expired at its planned end', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { fake, window } = await launch();
      const session = await startSessionWithProfile(fake, window);
      const active = (await invoke(fake, window, wireName('getActiveSession'), {})).value;
      vi.setSystemTime(Date.now() + 8 * 3_600_000);
      fake.electron.powerMonitor.fire('resume');
      await flush();
      const detail = await invoke(fake, window, wireName('getSessionDetail'), { sessionId: session.id });
      expect(detail.value.session).toMatchObject({ status: 'expired', terminationReason: 'time_limit', endTime: active.session.plannedEndTime });
    } finally {
      vi.useRealTimers();
    }
  });
});
