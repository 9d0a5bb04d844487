// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { DailyPnlView } from '../../src-main/contract/views.ts';
import { PnlCalendar } from '../../src-renderer/charts/PnlCalendar.tsx';
import { ActiveSession } from '../../src-renderer/screens/ActiveSession.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

beforeEach(() => resetStore());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function march(): DailyPnlView {
  const days = Array.from({ length: 31 }, (_, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, pnl: '0.00', trades: 0 }));
  days[1] = { date: '2026-03-02', pnl: '120.50', trades: 3 };
  days[10] = { date: '2026-03-11', pnl: '-40.25', trades: 1 };
  return { month: '2026-03', days, total: '80.25', trades: 4 };
}

describe('daily P&L (issue 16, controls)', () => {
  test('the session screen shows today’s and this week’s realized P&L', async () => {
    window.api = fakeApi({
      getPnlSummary: () => ({ today: { pnl: '-40.25', trades: 1 }, week: { pnl: '80.25', trades: 4 }, month: { pnl: '80.25', trades: 4 }, timeZone: 'UTC' }),
    });
    render(<ActiveSession session={sessionView()} profile={profile} />);
    await waitFor(() => expect(screen.getByTestId('pnl-today').textContent).toBe('Today-$40.25'));
    expect(screen.getByTestId('pnl-week').textContent).toBe('This week+$80.25');
  });

  test('the calendar lays out a month Monday first with each day’s P&L, and moves month by month', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-15T12:00:00Z'));
    const api = fakeApi({
      getDailyPnl: (r) =>
        r.month === '2026-03' ? march() : { month: r.month, days: [{ date: `${r.month}-01`, pnl: '0.00', trades: 0 }], total: '0.00', trades: 0 },
    });
    window.api = api;
    const user = userEvent.setup();
    render(<PnlCalendar profile={{ ...profile, timeZone: 'UTC' }} />);
    const calendar = await screen.findByTestId('pnl-calendar');
    await waitFor(() => expect(calendar.querySelector('[data-date="2026-03-02"]')).toBeTruthy());
    // 1 March 2026 is a Sunday: six empty cells, then the 1st.
    const firstRow = [...calendar.querySelectorAll('tbody tr')[0]!.querySelectorAll('td')];
    expect(firstRow.filter((td) => td.className === 'calendar-empty')).toHaveLength(6);
    expect(calendar.querySelector('[data-date="2026-03-02"]')!.textContent).toBe('2+$120.503 trades');
    expect(calendar.querySelector('[data-date="2026-03-02"]')!.className).toContain('pnl-day-1');
    expect(calendar.querySelector('[data-date="2026-03-11"]')!.className).toContain('pnl-day--1');
    expect(calendar.textContent).toContain('+$80.25 over 4 trades');
    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    await user.click(screen.getByRole('button', { name: 'Next month' }));
    expect(api.calls.filter((c) => c.channel === 'getDailyPnl').map((c) => (c.request as { month: string }).month)).toEqual([
      '2026-03',
      '2026-02',
      '2026-01',
      '2026-02',
    ]);
  });
});
