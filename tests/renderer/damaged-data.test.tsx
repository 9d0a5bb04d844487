// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { DataHealthView } from '../../src-main/contract/views.ts';
import { DamagedDataNotice } from '../../src-renderer/components/DamagedDataNotice.tsx';
import { resetStore, useStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile } from './support/fake-api.ts';

const backup = { name: 'sessionguard-20260301T220000000Z-daily.db', reason: 'daily' as const, createdAt: '2026-03-01T22:00:00.000Z', bytes: 40960 };
const damaged: DataHealthView = {
  damaged: true,
  message: 'Sessionguard found damage in its database and stopped saving. Restore the newest good backup in Settings → Your data.',
  newestGoodBackup: backup,
};
let health: DataHealthView;
let api: ReturnType<typeof fakeApi>;

beforeEach(() => {
  resetStore();
  health = { damaged: false, message: null, newestGoodBackup: null };
  api = fakeApi({
    getDataHealth: () => health,
    getBootstrap: () => ({
      profile,
      profiles: [profile],
      capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
      now: '2026-03-02T14:00:00.000Z',
      systemTimeZone: 'UTC',
    }),
    getActiveSession: () => null,
    canCreateSession: () => ({ allowed: true, reasons: [] }),
    restoreBackup: () => {
      health = { damaged: false, message: null, newestGoodBackup: null };
      return { restoredFrom: backup.name, safetyBackup: null, damagedCopy: '/data/backups/damaged-20260302T140000000Z', sessions: 12, trades: 340 };
    },
  });
  window.api = api;
});
afterEach(cleanup);

test('nothing shows while the data is whole', async () => {
  render(<DamagedDataNotice timeZone="UTC" />);
  await waitFor(() => expect(api.calls.some((c) => c.channel === 'getDataHealth')).toBe(true));
  expect(screen.queryByTestId('damaged-data')).toBeNull();
});

test('damaged data: the notice names the newest good backup, restores it in one step and says where the damaged file went', async () => {
  health = damaged;
  const user = userEvent.setup();
  render(<DamagedDataNotice timeZone="UTC" />);
  expect((await screen.findByTestId('damaged-data')).textContent).toContain('stopped saving');
  await user.click(screen.getByRole('button', { name: /Restore the backup of/ }));
  expect(api.calls.find((c) => c.channel === 'restoreBackup')?.request).toEqual({ name: backup.name });
  expect(await screen.findByText(/Restored 12 sessions and 340 trades\. The damaged file was copied to \/data\/backups\/damaged-/)).toBeTruthy();
  expect(screen.queryByTestId('damaged-data')).toBeNull();
});

test('the damage event says so at once, and a restore clears it and loads every screen again', async () => {
  useStore.getState().handleEvent({ type: 'database_damaged', error: { code: 'database_corrupt', message: damaged.message! } });
  expect(useStore.getState().storageProblem).toBe(damaged.message);
  useStore
    .getState()
    .handleEvent({ type: 'data_restored', restored: { restoredFrom: backup.name, safetyBackup: null, damagedCopy: null, sessions: 1, trades: 2 } });
  expect(useStore.getState().storageProblem).toBeNull();
  await waitFor(() => expect(api.calls.some((c) => c.channel === 'getBootstrap')).toBe(true));
});
