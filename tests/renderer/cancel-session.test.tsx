// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { App } from '../../src-renderer/App.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

beforeEach(() => resetStore());
afterEach(cleanup);

test('a pending session can be cancelled after a confirmation; setup follows, with a notice (issue 16, controls)', async () => {
  const pending = sessionView({
    status: 'pending',
    startTime: null,
    plannedEndTime: null,
    pendingExpiresAt: '2026-03-03T14:00:00.000Z',
    sessionPerformancePercentage: null,
  });
  const cancelled = {
    ...pending,
    status: 'expired' as const,
    terminationReason: 'manual' as const,
    endTime: '2026-03-02T14:05:00.000Z',
    pendingExpiresAt: null,
    updatedAt: '2026-03-02T14:05:00.000Z',
  };
  const api = fakeApi({
    getBootstrap: () => ({
      profile,
      profiles: [profile],
      capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
      now: new Date().toISOString(),
      systemTimeZone: 'UTC',
    }),
    getActiveSession: () => ({
      session: pending,
      now: new Date().toISOString(),
      elapsedMs: 0,
      remainingMs: null,
      timeProgress: 0,
      lossLimitUsedPercentage: '0.00',
      lossLimitRemaining: '2500.00',
      winRate: null,
      warningsRaised: [],
      roomLeft: [],
      cooldownUntil: null,
      earlyEnd: null,
    }),
    canCreateSession: () => ({ allowed: false, reasons: [] }),
    listSessionTrades: () => [],
    getBreachNotice: () => null,
    validateSession: () => ({
      valid: true,
      errors: [],
      warnings: [],
      computed: { lossLimitAmount: '2500.00', lossLimitPercentage: '10.00', balance: '25000.00' },
    }),
    cancelSession: () => {
      setTimeout(() => api.emit({ type: 'session_ended', session: cancelled, message: 'The session was cancelled before it started.' }), 0);
      return cancelled;
    },
  });
  window.api = api;
  const user = userEvent.setup();
  render(<App />);
  await user.click(await screen.findByRole('button', { name: 'Cancel session' }));
  const dialog = screen.getByRole('alertdialog');
  expect(document.activeElement?.textContent).toBe('Keep it');
  await user.click(dialog.querySelector('button.primary, button.danger')!);
  await screen.findByRole('heading', { name: 'New session' });
  expect(api.calls.find((c) => c.channel === 'cancelSession')!.request).toEqual({ sessionId: 7 });
  await waitFor(() => expect(screen.getByTestId('banner-ended').textContent).toContain('Session cancelled before it started.'));
});
