// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { TradeView } from '../../src-main/contract/views.ts';
import { TradeTable } from '../../src-renderer/components/TradeTable.tsx';
import { formatInstant, screenTimeZone, spansDays } from '../../src-renderer/format/time.ts';
import { SessionDetail } from '../../src-renderer/screens/SessionDetail.tsx';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

/** A zone whose clock differs from the computer's now, whatever zone the machine running the test is in. */
const elsewhere = screenTimeZone() === 'Asia/Tokyo' ? 'America/New_York' : 'Asia/Tokyo';
const trade = (id: number, closedAt: string): TradeView => ({
  id,
  sessionId: 7,
  source: 'manual',
  externalId: null,
  account: null,
  symbol: null,
  side: null,
  quantity: null,
  entryPrice: null,
  exitPrice: null,
  pointValue: null,
  fees: '0.00',
  realizedPnl: '-10.00',
  openedAt: null,
  closedAt,
  note: null,
  voidedAt: null,
  voidReason: null,
  batchId: null,
  inCooldown: false,
});

describe('times carry their zone and their date where needed (issue 16 item 6)', () => {
  test('a time in a zone other than the computer’s is labelled with it; one the computer shows the same is not', () => {
    const label = elsewhere === 'Asia/Tokyo' ? 'GMT\\+9' : 'EST';
    expect(formatInstant('2026-03-02T14:30:05Z', elsewhere, 'time')).toMatch(new RegExp(`${label}$`));
    expect(formatInstant('2026-03-02T14:30:05Z', elsewhere)).toMatch(new RegExp(`${label}$`));
    expect(formatInstant('2026-03-02T14:30:05Z', screenTimeZone(), 'time')).not.toMatch(/GMT|EST|UTC/);
    expect(formatInstant('2026-03-02T14:30:05Z', elsewhere, 'date')).toBe('Mar 2, 2026');
  });

  test('a session that spans days lists its trades with their dates', () => {
    expect(spansDays('2026-03-02T14:00:00Z', '2026-03-09T14:00:00Z', 'UTC')).toBe(true);
    expect(spansDays('2026-03-02T14:00:00Z', '2026-03-02T15:00:00Z', 'UTC')).toBe(false);
    render(<TradeTable trades={[trade(2, '2026-03-05T10:00:00Z'), trade(1, '2026-03-02T15:00:00Z')]} currency="USD" timeZone="UTC" caption="t" dates />);
    const cells = [...screen.getByTestId('trade-table').querySelectorAll('tbody tr td:first-child')].map((c) => c.textContent);
    expect(cells[0]).toMatch(/^Mar 5, 2026/);
    expect(cells[1]).toMatch(/^Mar 2, 2026/);
  });

  test('the timeline of a session shows seconds, and a 7-day session’s trades show their dates', async () => {
    const session = sessionView({
      durationMinutes: 10080,
      status: 'completed',
      plannedEndTime: '2026-03-09T14:00:00.000Z',
      endTime: '2026-03-09T14:00:00.000Z',
      terminationReason: 'time_limit',
    });
    window.api = fakeApi({
      getSessionDetail: () => ({
        session,
        stats: {
          trades: 1,
          wins: 0,
          losses: 1,
          breakeven: 0,
          winRate: '0.00',
          grossProfit: '0.00',
          grossLoss: '-10.00',
          netPnl: '-10.00',
          fees: '0.00',
          profitFactor: null,
          averageWin: null,
          averageLoss: '-10.00',
          largestWin: null,
          largestLoss: '-10.00',
          maxDrawdown: '10.00',
          expectancy: '-10.00',
        },
        equityCurve: [],
        afterWarnings: [],
        trades: [trade(1, '2026-03-05T10:00:07Z')],
        events: [{ id: 1, sessionId: 7, type: 'started', at: '2026-03-02T14:00:09.000Z', payload: {} }],
      }),
    });
    render(<SessionDetail sessionId={7} profile={{ ...profile, timeZone: 'UTC' }} />);
    const timeline = await screen.findByTestId('timeline');
    expect(timeline.querySelector('time')!.textContent).toMatch(/2:00:09/);
    expect(screen.getByTestId('trade-table').querySelector('tbody td')!.textContent).toMatch(/^Mar 5, 2026, 10:00/);
  });
});
