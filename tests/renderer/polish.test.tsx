// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Countdown } from '../../src-renderer/components/Countdown.tsx';
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

const stats = { trades: 0, wins: 0, losses: 0, breakeven: 0, winRate: null, grossProfit: '0.00', grossLoss: '0.00', netPnl: '0.00', fees: '0.00', profitFactor: null, averageWin: null, averageLoss: null, largestWin: null, largestLoss: null, maxDrawdown: '0.00', expectancy: null };

describe('polish (issue 16)', () => {
  test('the timeline says what each event was in words: no "P&L , limit" for a creation, signed P&L for a stop', async () => {
    window.api = fakeApi({
      getSessionDetail: () => ({
        session: sessionView({ status: 'stopped', terminationReason: 'manual' }),
        stats,
        equityCurve: [],
        trades: [],
        events: [
          { id: 1, sessionId: 7, type: 'created', at: '2026-03-02T14:00:00.000Z', payload: { durationMinutes: 60, lossLimitAmount: '500.00', lossLimitPercentage: '10.00', balance: '5000.00' } },
          { id: 2, sessionId: 7, type: 'stopped', at: '2026-03-02T14:20:00.000Z', payload: { reason: 'manual', endTime: '2026-03-02T14:20:00.000Z', realizedPnl: '25.25' } },
          { id: 3, sessionId: 7, type: 'limit_breached', at: '2026-03-02T14:20:00.000Z', payload: { realizedPnl: '-510.00', lowest: '-510.00', lossLimitAmount: '500.00' } },
        ],
      }),
    });
    render(<SessionDetail sessionId={7} profile={{ ...profile, timeZone: 'UTC' }} />);
    const rows = [...(await screen.findByTestId('timeline')).querySelectorAll('li')].map((li) => li.lastElementChild!.textContent);
    expect(rows).toEqual(['1 hour · loss limit $500.00 (10.00 %) · balance $5,000.00', 'by you · P&L +$25.25', 'P&L -$510.00 against a limit of $500.00']);
  });

  test('a 7-day countdown is marked to fit on one line', () => {
    render(<Countdown deadline={new Date(Date.now() + 7 * 86_400_000).toISOString()} clockOffsetMs={0} />);
    expect(screen.getByTestId('countdown').className).toContain('countdown-days');
  });
});
