// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BreachNotice } from '../../src-main/contract/views.ts';
import { App } from '../../src-renderer/App.tsx';
import { AlertBanners } from '../../src-renderer/components/AlertBanners.tsx';
import { resetStore, useStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

beforeEach(() => resetStore());
afterEach(cleanup);

const running = sessionView({ id: 7 });
const ended = (id: number) =>
  sessionView({
    id,
    status: 'stopped',
    terminationReason: 'manual',
    endTime: '2026-03-02T15:00:00.000Z',
    realizedPnl: '25.25',
    updatedAt: '2026-03-02T15:00:00.000Z',
  });

describe('banners (issue 16)', () => {
  test('the warnings of one session collapse into one banner showing the latest level', () => {
    window.api = fakeApi({});
    render(<AlertBanners />);
    act(() => {
      useStore.getState().handleEvent({ type: 'warning', kind: 'loss_50', session: running, message: '50 % of the loss limit used.' });
      useStore.getState().handleEvent({ type: 'warning', kind: 'loss_75', session: running, message: '75 % of the loss limit used.' });
      useStore.getState().handleEvent({ type: 'warning', kind: 'time_15', session: running, message: '15 minutes left in the session.' });
    });
    expect(screen.getAllByTestId('banner-warning')).toHaveLength(1);
    expect(screen.getByTestId('banner-warning').textContent).toContain('15 minutes left in the session.');
  });

  test('a "5 minutes left" banner goes when its session ends, and "session ended" banners do not pile up', () => {
    window.api = fakeApi({});
    useStore.setState({
      bootstrap: { profile, profiles: [profile], capabilities: { mode: 'browser', tray: false, nativeNotifications: false }, now: '', systemTimeZone: 'UTC' },
    });
    render(<AlertBanners />);
    act(() => useStore.getState().handleEvent({ type: 'warning', kind: 'time_5', session: running, message: '5 minutes left in the session.' }));
    expect(screen.getByTestId('banner-warning')).toBeTruthy();
    act(() => {
      for (let id = 7; id < 7 + 26; id += 1)
        useStore.getState().handleEvent({ type: 'session_ended', session: ended(id), message: 'Session stopped. Session P&L $25.25.' });
    });
    expect(screen.queryByTestId('banner-warning')).toBeNull();
    expect(screen.getAllByTestId('banner-ended')).toHaveLength(1);
    expect(screen.getByTestId('banner-ended').textContent).toContain('Session stopped: P&L +$25.25.');
  });

  test('the breach notice comes back after a reload until acknowledged, and acknowledging it is kept by the main process', async () => {
    let notice: BreachNotice | null = {
      session: sessionView({ id: 3, status: 'stopped', terminationReason: 'loss_limit', endTime: '2026-03-02T15:00:00.000Z', lockoutUntil: null }),
      message: 'Session P&L -$2,550.00 against a loss limit of $2,500.00. The session is stopped: stop trading.',
    };
    const api = fakeApi({
      getBootstrap: () => ({
        profile,
        profiles: [profile],
        capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
        now: new Date().toISOString(),
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
      getBreachNotice: () => notice,
      acknowledgeBreach: () => {
        notice = null;
        return null;
      },
    });
    window.api = api;
    const user = userEvent.setup();
    const first = render(<App />);
    const banner = await screen.findByTestId('banner-breach');
    expect(banner.textContent).toContain('against a loss limit of $2,500.00');

    first.unmount();
    resetStore();
    render(<App />);
    await user.click((await screen.findByTestId('banner-breach')).querySelector('button')!);
    await waitFor(() => expect(screen.queryByTestId('banner-breach')).toBeNull());
    expect(api.calls.find((c) => c.channel === 'acknowledgeBreach')!.request).toEqual({ sessionId: 3 });

    cleanup();
    resetStore();
    render(<App />);
    await screen.findByRole('heading', { name: 'New session' });
    expect(screen.queryByTestId('banner-breach')).toBeNull();
  });
});
