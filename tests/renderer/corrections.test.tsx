// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ImportBatchView, TradeView } from '../../src-main/contract/views.ts';
import { TradeCorrection } from '../../src-renderer/components/TradeCorrection.tsx';
import { ImportHistory } from '../../src-renderer/screens/import/ImportHistory.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile, sessionView } from './support/fake-api.ts';

afterEach(cleanup);
beforeEach(resetStore);

const trade: TradeView = {
  id: 41,
  sessionId: 7,
  source: 'manual',
  externalId: null,
  account: null,
  symbol: 'MNQZ6',
  side: null,
  quantity: null,
  entryPrice: null,
  exitPrice: null,
  pointValue: null,
  fees: '0.00',
  realizedPnl: '-120.00',
  openedAt: null,
  closedAt: '2026-03-02T14:10:00.000Z',
  note: null,
  voidedAt: null,
  voidReason: null,
  batchId: null,
  inCooldown: false,
};

test('a trade is voided only with a reason, and a correction only with an amount; what is sent is what is on screen', async () => {
  const api = fakeApi({
    voidTrade: () => ({ voided: 1, recorded: null, sessions: [sessionView()], breached: false }),
    correctTrade: () => ({ voided: 1, recorded: { ...trade, id: 42, realizedPnl: '-12.00' }, sessions: [], breached: false }),
  });
  window.api = api;
  const done: unknown[] = [];
  render(<TradeCorrection trade={trade} currency="USD" onDone={(r) => done.push(r)} onCancel={() => undefined} />);
  const voidButton = screen.getByRole('button', { name: 'Void' });
  const save = screen.getByRole('button', { name: 'Save correction' });
  expect((voidButton as HTMLButtonElement).disabled).toBe(true);
  await userEvent.type(screen.getByLabelText('Why'), 'typo');
  expect((voidButton as HTMLButtonElement).disabled).toBe(false);
  expect((save as HTMLButtonElement).disabled).toBe(true);
  await userEvent.type(screen.getByLabelText(/Corrected net P&L/), '-12.00');
  await userEvent.click(save);
  await waitFor(() => expect(done).toHaveLength(1));
  expect(api.calls.at(-1)).toEqual({ channel: 'correctTrade', request: { tradeId: 41, reason: 'typo', entry: { kind: 'pnl', pnl: '-12.00' } } });
});

test('the import history lists imports with Undo; a blocked one says why; an undo asks first, then reloads', async () => {
  let undone = false;
  const batches = (): ImportBatchView[] => [
    {
      batchId: 2,
      fileName: 'b.csv',
      preset: 'tradovate_orders',
      importedAt: '2026-03-02T15:00:00.000Z',
      tradeCount: 3,
      fillCount: 6,
      undoneAt: undone ? '2026-03-02T16:00:00.000Z' : null,
      undoBlockedBy: undone ? 'This import was already undone.' : null,
    },
    {
      batchId: 1,
      fileName: 'a.csv',
      preset: 'tradovate_orders',
      importedAt: '2026-03-02T14:00:00.000Z',
      tradeCount: 2,
      fillCount: 4,
      undoneAt: null,
      undoBlockedBy: 'Undo the later import "b.csv" first: its positions continue from this one.',
    },
  ];
  const api = fakeApi({
    listImports: () => batches(),
    undoImport: () => {
      undone = true;
      return { voided: 3, recorded: null, sessions: [sessionView()], breached: false };
    },
  });
  window.api = api;
  render(<ImportHistory profile={profile} refreshKey={0} />);
  const buttons = await screen.findAllByRole('button', { name: 'Undo' });
  expect((buttons[1]! as HTMLButtonElement).disabled).toBe(true);
  expect(buttons[1]!.getAttribute('title')).toContain('b.csv');
  await userEvent.click(buttons[0]!);
  await userEvent.click(await screen.findByRole('button', { name: 'Undo import' }));
  expect((await screen.findByRole('status')).textContent).toBe('b.csv: 3 trades voided, 1 session recomputed.');
  expect(api.calls.filter((c) => c.channel === 'undoImport')).toEqual([{ channel: 'undoImport', request: { batchId: 2 } }]);
  expect(await screen.findByText(/^undone/)).toBeTruthy();
});
