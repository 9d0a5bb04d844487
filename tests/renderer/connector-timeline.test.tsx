// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { SessionDetail } from '../../src-renderer/screens/SessionDetail.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

afterEach(cleanup);

const stats = {
  trades: 0,
  wins: 0,
  losses: 0,
  breakeven: 0,
  winRate: null,
  grossProfit: '0.00',
  grossLoss: '0.00',
  netPnl: '0.00',
  fees: '0.00',
  profitFactor: null,
  averageWin: null,
  averageLoss: null,
  largestWin: null,
  largestLoss: null,
  maxDrawdown: '0.00',
  expectancy: null,
};

test('the timeline says when a platform connector was lost and back, and what it did to enforce the lock', async () => {
  resetStore();
  const at = '2026-03-02T15:00:05.000Z';
  window.api = fakeApi({
    getSessionDetail: () => ({
      session: sessionView({ status: 'stopped', terminationReason: 'loss_limit' }),
      stats,
      equityCurve: [],
      afterWarnings: [],
      trades: [],
      events: [
        { id: 1, sessionId: 7, type: 'connector_lost', at, payload: { source: 'ninjatrader8', lastHeartbeatAt: '2026-03-02T14:59:55.000Z' } },
        { id: 2, sessionId: 7, type: 'connector_restored', at, payload: { source: 'ninjatrader8', lastHeartbeatAt: at } },
        {
          id: 3,
          sessionId: 7,
          type: 'connector_action',
          at,
          payload: {
            source: 'ninjatrader8',
            account: 'APEX-1',
            kind: 'flatten',
            at,
            detail: 'Flattened MNQ 12-26 long 1: the loss limit locked trading until 2026-03-02 18:00 UTC.',
          },
        },
      ],
    }),
  });
  render(<SessionDetail sessionId={7} profile={{ ...profile, timeZone: 'UTC' }} />);
  const items = within(await screen.findByTestId('timeline'))
    .getAllByRole('listitem')
    .map((li) => li.textContent);
  expect(items[0]).toMatch(/Platform connector lost.*ninjatrader8, last heartbeat .*2:59:55/);
  expect(items[1]).toMatch(/Platform connector back.*ninjatrader8/);
  expect(items[2]).toMatch(/Lock enforced in the platform.*APEX-1: Flattened MNQ 12-26 long 1/);
});
