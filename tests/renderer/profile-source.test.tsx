// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ProfileView } from '../../src-main/contract/views.ts';
import { App } from '../../src-renderer/App.tsx';
import { resetStore, useStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile as baseProfile } from './support/fake-api.ts';

beforeEach(() => resetStore());
afterEach(cleanup);

/** The main process's side: one stored profile the fake validates against. */
function mainWithProfile(start: ProfileView) {
  let stored = start;
  const api = fakeApi({
    getBootstrap: () => ({
      profile: stored,
      profiles: [stored],
      capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
      now: new Date().toISOString(),
      systemTimeZone: 'UTC',
    }),
    getActiveSession: () => null,
    canCreateSession: () =>
      Number(stored.balance) >= 100
        ? { allowed: true, reasons: [] }
        : {
            allowed: false,
            reasons: [{ code: 'balance_too_low', message: 'A session needs an account balance of at least 100.00.', until: null, sessionId: null }],
          },
    updateProfile: (changes) =>
      (stored = { ...stored, ...changes, lockoutMinutes: changes.lockoutMinutes === undefined ? stored.lockoutMinutes : changes.lockoutMinutes }),
    validateSession: () =>
      Number(stored.balance) < 100
        ? {
            valid: false,
            errors: [
              {
                field: 'balance',
                code: 'balance_too_low',
                message: `A session needs an account balance of at least 100.00; the balance is ${stored.balance}.`,
              },
            ],
            warnings: [],
            computed: { lossLimitAmount: null, lossLimitPercentage: null, balance: stored.balance },
          }
        : { valid: true, errors: [], warnings: [], computed: { lossLimitAmount: '500.00', lossLimitPercentage: '10.00', balance: stored.balance } },
    getFeedSettings: () => ({ enabled: false, port: 47814, token: 'token', running: false, url: 'http://127.0.0.1:47814/v1/trades', error: null }),
    getPointValues: () => ({ builtIn: { MNQ: '2' }, overrides: {} }),
    listBackups: () => [],
    listMappings: () => [],
    getWatchedFolder: () => ({ enabled: false, folder: null, preset: 'auto', mappingName: null, running: false, error: null, recent: [] }),
  });
  return { api, stored: () => stored };
}

describe('one source of truth for the profile (issue 16 item 3)', () => {
  test('a balance changed in Settings reaches the setup screen at once: no stale "at least 100.00", creation allowed', async () => {
    const main = mainWithProfile({ ...baseProfile, balance: '99.99' });
    window.api = main.api;
    const user = userEvent.setup();
    render(<App />);
    await screen.findByText(/at least 100.00; the balance is 99.99/);
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const balance = await screen.findByLabelText('Balance');
    await user.clear(balance);
    await user.type(balance, '5000');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    await user.click(screen.getByRole('button', { name: 'Session' }));
    await waitFor(() => expect(screen.queryByText(/at least 100.00/)).toBeNull());
    expect(screen.getByText('Balance $5,000.00')).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Create and start' }) as HTMLButtonElement).disabled).toBe(false));
  });

  test('a balance the main process changes while setup is on screen (a session’s P&L applied) is validated again at once', async () => {
    const main = mainWithProfile({ ...baseProfile, balance: '99.99' });
    window.api = main.api;
    render(<App />);
    await screen.findByText(/at least 100.00; the balance is 99.99/);
    const moved = await main.api.updateProfile({ balance: '150.00' });
    act(() => useStore.getState().setProfile(moved.ok ? moved.value : baseProfile));
    await waitFor(() => expect(screen.queryByText(/at least 100.00/)).toBeNull());
    expect(screen.getByText('Balance $150.00')).toBeTruthy();
  });

  test('saving Settings sends only what the trader changed, so a balance the main process moved meanwhile is not written back', async () => {
    const main = mainWithProfile({ ...baseProfile, balance: '25000.00' });
    window.api = main.api;
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Alexandra');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect(main.api.calls.find((c) => c.channel === 'updateProfile')!.request).toEqual({ name: 'Alexandra' });
  });
});
