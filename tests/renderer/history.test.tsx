// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { History } from '../../src-renderer/screens/History.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

beforeAll(() => {
  // recharts measures its container; jsdom has no layout.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);
let api: ReturnType<typeof fakeApi>;
beforeEach(() => {
  resetStore();
  api = fakeApi({
    getHistory: (request) => ({
      items: request.statuses?.includes('pending') ? [] : [sessionView({ status: 'stopped', terminationReason: 'loss_limit', realizedPnl: '-2550.00' })],
      total: 1,
      page: request.page ?? 1,
      pageSize: 25,
    }),
    getOverview: () => ({
      sessions: 0,
      totalPnl: '0.00',
      byOutcome: [],
      lossLimitStops: 0,
      lossLimitStopRate: null,
      perSession: [],
      thinned: false,
      byWeekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((label, i) => ({ weekday: i + 1, label, sessions: 0, pnl: '0.00', value: 0 })),
      byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, sessions: 0, pnl: '0.00', value: 0 })),
    }),
  });
  window.api = api;
});

const lastHistoryRequest = () => api.calls.filter((c) => c.channel === 'getHistory').at(-1)?.request;

test('each filter and the sort go to the main process, back to page 1', async () => {
  const user = userEvent.setup();
  render(<History profile={profile} />);
  await screen.findByTestId('history-table');
  await user.selectOptions(screen.getByTestId('filter-status'), 'stopped');
  await waitFor(() => expect(lastHistoryRequest()).toMatchObject({ statuses: ['stopped'], page: 1 }));
  await user.selectOptions(screen.getByTestId('filter-reason'), 'loss_limit');
  await waitFor(() => expect(lastHistoryRequest()).toMatchObject({ statuses: ['stopped'], reasons: ['loss_limit'] }));
  await user.selectOptions(screen.getByTestId('filter-duration'), '240');
  await waitFor(() => expect(lastHistoryRequest()).toMatchObject({ durations: [240] }));
  await user.selectOptions(screen.getByTestId('sort'), 'pnl');
  await waitFor(() => expect(lastHistoryRequest()).toMatchObject({ sort: 'pnl', direction: 'desc' }));
  await user.selectOptions(screen.getByTestId('filter-status'), 'pending');
  await screen.findByText('No sessions match these filters.');
});

test('charts with no data say so instead of drawing nothing', async () => {
  render(<History profile={profile} />);
  await screen.findByText('No ended sessions yet: each one adds a bar here.');
  expect(screen.getByText('Weekdays fill in as sessions end.')).toBeTruthy();
});

test('the totals and charts are asked for with the same status, reason and duration filters as the list (issue 16 item 4)', async () => {
  const user = userEvent.setup();
  render(<History profile={profile} />);
  await screen.findByTestId('history-table');
  await user.selectOptions(screen.getByTestId('filter-status'), 'stopped');
  await user.selectOptions(screen.getByTestId('filter-reason'), 'loss_limit');
  await user.selectOptions(screen.getByTestId('filter-duration'), '240');
  await waitFor(() =>
    expect(api.calls.filter((c) => c.channel === 'getOverview').at(-1)?.request).toEqual({ statuses: ['stopped'], reasons: ['loss_limit'], durations: [240] }),
  );
});
