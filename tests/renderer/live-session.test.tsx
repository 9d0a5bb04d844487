// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AlertBanners } from '../../src-renderer/components/AlertBanners.tsx';
import { Countdown } from '../../src-renderer/components/Countdown.tsx';
import { LimitBar } from '../../src-renderer/components/LimitBar.tsx';
import { TradeEntry } from '../../src-renderer/components/TradeEntry.tsx';
import { resetStore, useStore } from '../../src-renderer/state/store.ts';
import { fakeApi, sessionView } from './support/fake-api.ts';

beforeEach(() => resetStore());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('countdown', () => {
  test('counts down every second from the deadline, with days for long sessions, and stops at zero', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-02T14:00:00.000Z'));
    render(<Countdown deadline="2026-03-09T14:00:00.000Z" clockOffsetMs={0} />);
    expect(screen.getByTestId('countdown').textContent).toBe('7d 00:00:00');
    act(() => void vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('countdown').textContent).toBe('6d 23:59:59');
    act(() => void vi.advanceTimersByTime(7 * 86_400_000));
    expect(screen.getByTestId('countdown').textContent).toBe('00:00:00');
  });

  test('the main process clock is the reference: an offset page clock changes nothing', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-02T14:00:00.000Z'));
    // The page's clock runs 90 s ahead of the main process.
    render(<Countdown deadline="2026-03-02T15:00:00.000Z" clockOffsetMs={90_000} />);
    expect(screen.getByTestId('countdown').textContent).toBe('01:01:30');
  });

  test('it does not drift: after an hour of ticks it still matches the deadline', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-02T14:00:00.000Z'));
    render(<Countdown deadline="2026-03-02T18:00:00.000Z" clockOffsetMs={0} />);
    act(() => void vi.advanceTimersByTime(3_600_000 + 400));
    expect(screen.getByTestId('countdown').textContent).toBe('03:00:00');
    act(() => void vi.advanceTimersByTime(600));
    expect(screen.getByTestId('countdown').textContent).toBe('02:59:59');
  });
});

describe('loss limit bar', () => {
  test.each([
    ['0.00', 'ok'],
    ['49.99', 'ok'],
    ['50.00', 'amber'],
    ['74.99', 'amber'],
    ['75.00', 'orange'],
    ['89.99', 'orange'],
    ['90.00', 'red'],
    ['104.00', 'red'],
  ])('%s percent used shows level %s, with the number written out too', (used, level) => {
    render(<LimitBar usedPercentage={used} remaining="100.00" limit="2500.00" currency="USD" />);
    const bar = screen.getByRole('progressbar', { name: 'Loss limit used' });
    expect(bar.getAttribute('data-level')).toBe(level);
    expect(screen.getByTestId('limit-used').textContent).toBe(`${used} %`);
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(100);
  });
});

describe('quick trade entry', () => {
  test('T focuses it, the P&L to be recorded shows before saving, Enter saves', async () => {
    const api = fakeApi({
      previewTrade: (request) => ({
        realizedPnl: request.kind === 'pnl' ? request.pnl : '0',
        fees: '0.00',
        grossPnl: '0',
        sessionPnlAfter: '-1300.00',
        lossLimitUsedAfter: '52.00',
        wouldBreach: false,
        pointValue: null,
      }),
      recordTrade: () => ({ trade: {} as never, session: sessionView(), warnings: [], breached: false }),
      getActiveSession: () => null,
      canCreateSession: () => ({ allowed: true, reasons: [] }),
      getBootstrap: () => ({
        profile: null,
        profiles: [],
        capabilities: { mode: 'browser', tray: false, nativeNotifications: false },
        now: new Date().toISOString(),
        systemTimeZone: 'UTC',
      }),
    });
    window.api = api;
    const user = userEvent.setup();
    render(<TradeEntry currency="USD" />);
    await user.keyboard('t');
    expect(document.activeElement).toBe(screen.getByTestId('trade-pnl'));
    await user.keyboard('-1300');
    await waitFor(() => expect(screen.getByTestId('trade-preview').textContent).toContain('-$1,300.00'));
    expect(screen.getByTestId('trade-preview').textContent).toContain('52.00 % of the limit');
    expect(api.calls.some((c) => c.channel === 'recordTrade')).toBe(false);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.calls.find((c) => c.channel === 'recordTrade')?.request).toEqual({ kind: 'pnl', pnl: '-1300' }));
    await waitFor(() => expect((screen.getByTestId('trade-pnl') as HTMLInputElement).value).toBe(''));
  });

  test('a trade that would reach the limit says so before saving', async () => {
    window.api = fakeApi({
      previewTrade: () => ({
        realizedPnl: '-3000.00',
        fees: '0.00',
        grossPnl: '-3000.00',
        sessionPnlAfter: '-3000.00',
        lossLimitUsedAfter: '120.00',
        wouldBreach: true,
        pointValue: null,
      }),
    });
    render(<TradeEntry currency="USD" />);
    fireEvent.change(screen.getByTestId('trade-pnl'), { target: { value: '-3000' } });
    await waitFor(() => expect(screen.getByTestId('trade-preview').textContent).toContain('the session will stop'));
  });
});

describe('alert banners', () => {
  test('a breach banner stays until acknowledged', async () => {
    window.api = fakeApi({});
    const user = userEvent.setup();
    render(<AlertBanners />);
    act(() => useStore.getState().pushAlert('breach', 'Session P&L -$2,550.00 against a loss limit of $2,500.00.'));
    expect(screen.getByRole('alert').textContent).toContain('Loss limit reached');
    act(() => useStore.getState().pushAlert('warning', '75 % of the loss limit used.'));
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    await user.click(screen.getByTestId('banner-breach').querySelector('button')!);
    expect(screen.queryByTestId('banner-breach')).toBeNull();
    expect(screen.getByTestId('banner-warning')).toBeTruthy();
  });

  test('events from the main process become banners', () => {
    window.api = fakeApi({ getActiveSession: () => null, canCreateSession: () => ({ allowed: true, reasons: [] }) });
    render(<AlertBanners />);
    act(() => useStore.getState().handleEvent({ type: 'warning', kind: 'loss_75', session: sessionView(), message: '75 % of the loss limit used.' }));
    expect(screen.getByTestId('banner-warning').textContent).toContain('75 % of the loss limit used.');
  });
});
