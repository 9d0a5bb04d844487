// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AppEvent } from '../../src-main/contract/events.ts';
import { sessionView } from './support/fake-api.ts';

/** The browser's side: a permission that counts its reads (each is a round trip to Chromium's browser process), and the notifications shown. */
function fakeBrowser(initial: NotificationPermission, answer: NotificationPermission = initial) {
  const state = { permission: initial, reads: 0, shown: [] as Array<{ title: string; body?: string }> };
  const status = new EventTarget();
  class FakeNotification {
    static get permission(): NotificationPermission {
      state.reads += 1;
      return state.permission;
    }
    static requestPermission(): Promise<NotificationPermission> {
      state.permission = answer;
      return Promise.resolve(answer);
    }
    constructor(title: string, options?: NotificationOptions) {
      state.shown.push({ title, body: options?.body });
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  Object.defineProperty(navigator, 'permissions', { configurable: true, value: { query: () => Promise.resolve(status) } });
  /** The trader changes the permission in the site settings. */
  const change = (to: NotificationPermission) => {
    state.permission = to;
    status.dispatchEvent(new Event('change'));
  };
  return { state, change };
}

const stopped = sessionView({ id: 3, status: 'stopped', terminationReason: 'loss_limit', endTime: '2026-03-02T15:00:00.000Z' });
const breach: AppEvent = { type: 'breach', reason: 'loss_limit', session: stopped, message: 'Loss limit reached: stop trading.' };
const changed: AppEvent = { type: 'session_changed', session: stopped };

beforeEach(() => vi.resetModules());
afterEach(() => vi.unstubAllGlobals());

describe('browser notifications', () => {
  test('a breach is shown as a notification once allowed, with its rule as the title; events that are not alerts are not', async () => {
    const { state } = fakeBrowser('granted');
    const { notifyInBrowser } = await import('../../src-renderer/browser-notifications.ts');
    notifyInBrowser(changed);
    expect(state.shown).toEqual([]);
    notifyInBrowser(breach);
    expect(state.shown).toEqual([{ title: 'Loss limit reached', body: 'Loss limit reached: stop trading.' }]);
  });

  test('the permission is asked of the browser once, not on every event ahead of the page handling it', async () => {
    const { state } = fakeBrowser('granted');
    const { notifyInBrowser, watchNotificationPermission } = await import('../../src-renderer/browser-notifications.ts');
    watchNotificationPermission();
    for (let i = 0; i < 20; i += 1) {
      notifyInBrowser(changed);
      notifyInBrowser(breach);
    }
    expect(state.reads).toBe(1);
    expect(state.shown).toHaveLength(20);
  });

  test('a permission the trader takes back in the site settings, or grants on the first click, is followed', async () => {
    const { state, change } = fakeBrowser('default', 'granted');
    const { askNotificationPermission, notifyInBrowser, watchNotificationPermission } = await import('../../src-renderer/browser-notifications.ts');
    watchNotificationPermission();
    notifyInBrowser(breach);
    expect(state.shown).toHaveLength(0);
    askNotificationPermission();
    await vi.waitFor(() => {
      notifyInBrowser(breach);
      expect(state.shown).toHaveLength(1);
    });
    change('denied');
    notifyInBrowser(breach);
    expect(state.shown).toHaveLength(1);
    change('granted');
    notifyInBrowser(breach);
    expect(state.shown).toHaveLength(2);
  });
});
