// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { App } from '../../src-renderer/App.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

beforeEach(() => resetStore());
afterEach(() => cleanup());

test('the open session is asked for together with the bootstrap, not after its reply', async () => {
  let sessionAsked: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => {
    sessionAsked = resolve;
  });
  window.api = fakeApi({
    // The bootstrap answers only once the session has been asked for: a page that waited for it first would never show.
    getBootstrap: async () => {
      await asked;
      return {
        profile,
        profiles: [profile],
        capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
        now: new Date().toISOString(),
        systemTimeZone: 'UTC',
      };
    },
    getActiveSession: () => {
      sessionAsked();
      return null;
    },
    canCreateSession: () => ({ allowed: true, reasons: [] }),
    getBreachNotice: () => null,
    listTemplates: () => [],
    validateSession: () => ({
      valid: true,
      errors: [],
      warnings: [],
      computed: { lossLimitAmount: '2500.00', lossLimitPercentage: '10.00', balance: '25000.00' },
    }),
  });
  render(<App />);
  expect(await screen.findByRole('button', { name: 'Create and start' })).toBeTruthy();
});

test('a page opened during a running session goes straight to its countdown: no setup form is drawn (or asks the core anything) on the way', async () => {
  const running = sessionView({
    durationMinutes: 60,
    startTime: new Date(Date.now() - 60_000).toISOString(),
    plannedEndTime: new Date(Date.now() + 3_540_000).toISOString(),
  });
  const api = fakeApi({
    getBootstrap: () => ({
      profile,
      profiles: [profile],
      capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
      now: new Date().toISOString(),
      systemTimeZone: 'UTC',
    }),
    getActiveSession: () => ({
      session: running,
      now: new Date().toISOString(),
      elapsedMs: 60_000,
      remainingMs: 3_540_000,
      timeProgress: 0.02,
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
    listTemplates: () => [],
    validateSession: () => ({
      valid: true,
      errors: [],
      warnings: [],
      computed: { lossLimitAmount: '2500.00', lossLimitPercentage: '10.00', balance: '25000.00' },
    }),
    getPnlSummary: () => ({ today: { pnl: '0.00', trades: 0 }, week: { pnl: '0.00', trades: 0 }, month: { pnl: '0.00', trades: 0 }, timeZone: 'UTC' }),
  });
  window.api = api;
  render(<App />);
  await screen.findByTestId('countdown');
  // Its figures follow: today's P&L, asked for beside the session.
  await waitFor(() => expect(screen.getByTestId('pnl-today').textContent).not.toContain('…'));
  const asked = api.calls.map((c) => c.channel);
  expect(asked).not.toContain('validateSession');
  expect(asked).not.toContain('listTemplates');
  expect(screen.queryByRole('button', { name: 'Create and start' })).toBeNull();
});
