// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { App } from '../../src-renderer/App.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

const NOW = Date.parse('2026-03-02T14:10:00.000Z');
const UNTIL = '2026-03-02T15:00:00.000Z';
const stopped = sessionView({
  status: 'stopped',
  terminationReason: 'loss_limit',
  durationMinutes: 60,
  plannedEndTime: UNTIL,
  endTime: '2026-03-02T14:10:00.000Z',
  actualDurationMinutes: 10,
  realizedPnl: '-2550.00',
  totalTrades: 2,
  losingTrades: 2,
  sessionPerformancePercentage: '-10.20',
  lossLimitUsedPercentage: '102.00',
  lossLimitRemaining: '0.00',
  lockoutUntil: UNTIL,
  updatedAt: '2026-03-02T14:10:00.000Z',
});

function lockedApi() {
  return fakeApi({
    getBootstrap: () => ({
      profile: { ...profile, timeZone: 'UTC' },
      profiles: [profile],
      capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
      now: new Date(Date.now()).toISOString(),
      systemTimeZone: 'UTC',
    }),
    getActiveSession: () => null,
    canCreateSession: () =>
      Date.now() < Date.parse(UNTIL)
        ? { allowed: false, reasons: [{ code: 'lockout_active', message: 'Locked.', until: UNTIL, sessionId: 7 }] }
        : { allowed: true, reasons: [] },
    getSessionDetail: () => ({ session: stopped, stats: {} as never, equityCurve: [], trades: [], events: [], afterWarnings: [] }),
    listTrades: () => ({ items: [], total: 0, page: 1, pageSize: 200, outsideSessions: 0 }),
    validateSession: () => ({
      valid: true,
      errors: [],
      warnings: [],
      computed: { lossLimitAmount: '2500.00', lossLimitPercentage: '10.00', balance: '25000.00' },
    }),
  });
}

beforeEach(() => {
  resetStore();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const flush = () => act(async () => void (await vi.advanceTimersByTimeAsync(0)));

describe('the lockout follows the main process’s deadline live (issue 16 item 2)', () => {
  test('after a loss-limit stop the screen shows the stopped session and counts down to the lockout’s end; past it, setup is offered without a reload', async () => {
    window.api = lockedApi();
    render(<App />);
    await flush();
    expect(screen.getByRole('heading', { name: 'The loss limit stopped the session' })).toBeTruthy();
    expect(screen.getByTestId('ended-pnl').textContent).toBe('-$2,550.00');
    expect(screen.getByTestId('stop-reason').textContent).toContain('Session P&L -$2,550.00 reached the loss limit of $2,500.00.');
    expect(screen.getByTestId('lockout').textContent).toContain('Trading may resume in');
    expect(screen.getByTestId('countdown').textContent).toBe('00:50:00');
    expect(screen.queryByRole('button', { name: 'Create and start' })).toBeNull();

    await act(async () => void (await vi.advanceTimersByTimeAsync(50 * 60_000 + 1000)));
    expect(screen.getByTestId('lockout-over').textContent).toContain('You may trade again.');
    await act(async () => screen.getByRole('button', { name: 'Set up the next session' }).click());
    await flush();
    expect((screen.getByRole('button', { name: 'Create and start' }) as HTMLButtonElement).disabled).toBe(false);
  });

  test('a manual stop shows its result and what ended it, and the next setup is one click away', async () => {
    const running = sessionView({ durationMinutes: 60, plannedEndTime: UNTIL, updatedAt: '2026-03-02T14:00:00.000Z' });
    const api = fakeApi({
      ...lockedApiAnswersWithoutLockout(),
      getActiveSession: () => ({
        session: running,
        now: new Date(Date.now()).toISOString(),
        elapsedMs: 0,
        remainingMs: 0,
        timeProgress: 0,
        lossLimitUsedPercentage: '0.00',
        lossLimitRemaining: '2500.00',
        winRate: null,
        warningsRaised: [],
        roomLeft: [],
        cooldownUntil: null,
        earlyEnd: null,
      }),
      listSessionTrades: () => [],
    });
    window.api = api;
    render(<App />);
    await flush();
    expect(screen.getByRole('heading', { name: 'Session running' })).toBeTruthy();
    act(() =>
      api.emit({
        type: 'session_ended',
        session: {
          ...running,
          status: 'stopped',
          terminationReason: 'manual',
          endTime: '2026-03-02T14:10:00.000Z',
          actualDurationMinutes: 10,
          realizedPnl: '25.25',
          updatedAt: '2026-03-02T14:10:00.000Z',
        },
        message: 'Session stopped.',
      }),
    );
    expect(screen.getByRole('heading', { name: 'Session stopped' })).toBeTruthy();
    expect(screen.getByTestId('stop-reason').getAttribute('data-reason')).toBe('manual');
    expect(screen.getByTestId('stop-reason').textContent).toContain('You ended it after 10 min of the 1 hour planned.');
    expect(screen.queryByText('Trading may resume in')).toBeNull();
    await act(async () => screen.getByRole('button', { name: 'Set up the next session' }).click());
    await flush();
    expect(screen.getByRole('heading', { name: 'New session' })).toBeTruthy();
  });
});

function lockedApiAnswersWithoutLockout() {
  return {
    getBootstrap: () => ({
      profile,
      profiles: [profile],
      capabilities: { mode: 'browser' as const, tray: false, nativeNotifications: false },
      now: new Date(Date.now()).toISOString(),
      systemTimeZone: 'UTC',
    }),
    getActiveSession: () => null,
    canCreateSession: () => ({ allowed: true, reasons: [] }),
    validateSession: () => ({
      valid: true,
      errors: [],
      warnings: [],
      computed: { lossLimitAmount: '2500.00', lossLimitPercentage: '10.00', balance: '25000.00' },
    }),
  };
}
