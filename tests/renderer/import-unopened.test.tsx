// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { RequestOf } from '../../src-main/contract/channels.ts';
import type { ImportPreview } from '../../src-main/contract/views.ts';
import { ImportScreen } from '../../src-renderer/screens/ImportScreen.tsx';
import { UnopenedPositions } from '../../src-renderer/screens/import/UnopenedPositions.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, profile } from './support/fake-api.ts';

const preview = (overrides: Partial<ImportPreview> = {}): ImportPreview => ({
  kind: 'preview',
  previewId: 'p1',
  fileName: 'Webull_Orders_Records.csv',
  preset: 'webull_orders',
  presetLabel: 'Webull Orders Records',
  timeZone: 'America/New_York',
  tradeCount: 0,
  newTradeCount: 0,
  duplicateCount: 0,
  totalPnl: '0.00',
  fills: 2,
  skippedKnownFills: 0,
  openLotsAfter: 1,
  byAccount: [],
  sessions: [],
  trades: [],
  problems: [],
  notes: [],
  candidates: [],
  openPositions: [],
  warnings: [],
  reconciliation: null,
  unopened: [
    { line: 3, account: 'Webull', symbol: 'AAPL', side: 'sell', quantity: '10', price: '110', time: '2024-06-03T14:00:00.000Z' },
    { line: 7, account: 'Webull', symbol: 'SPY240607C00530000', side: null, quantity: '1', price: '0', time: '2024-06-07T20:00:00.000Z' },
  ],
  openingPrices: [],
  shortLines: [],
  ...overrides,
});

afterEach(cleanup);

test('each close with no known opening position is listed by line; a price is entered for it, and a wrong one is refused at its field', async () => {
  const user = userEvent.setup();
  const onApply = vi.fn();
  render(<UnopenedPositions preview={preview()} timeZone="America/New_York" busy={false} onApply={onApply} />);
  const list = screen.getByTestId('import-unopened');
  expect(within(list).getByRole('heading').textContent).toBe('2 closes have no known opening position');
  expect(within(screen.getByTestId('unopened-3')).getByText('AAPL')).toBeTruthy();
  // An expiry that doesn't say its side can only be resolved by the earlier history.
  expect(within(screen.getByTestId('unopened-7')).getByText('import the earlier history')).toBeTruthy();
  expect(within(screen.getByTestId('unopened-7')).queryByRole('textbox')).toBeNull();

  const price = screen.getByLabelText('Opening price for line 3');
  await user.type(price, '95,5x');
  await user.click(screen.getByRole('button', { name: 'Use these answers' }));
  expect(screen.getByText('Enter a price like 12.50')).toBeTruthy();
  expect(price.getAttribute('aria-invalid')).toBe('true');
  expect(onApply).not.toHaveBeenCalled();

  await user.clear(price);
  await user.type(price, '95.50');
  await user.click(screen.getByRole('button', { name: 'Use these answers' }));
  expect(onApply).toHaveBeenCalledWith({ openingPrices: [{ line: 3, price: '95.50' }], shortLines: [] });
});

test('a sale can be answered as the opening of a short instead of with a price', async () => {
  const user = userEvent.setup();
  const onApply = vi.fn();
  render(<UnopenedPositions preview={preview()} timeZone="America/New_York" busy={false} onApply={onApply} />);
  await user.type(screen.getByLabelText('Opening price for line 3'), '95.50');
  await user.click(within(screen.getByTestId('unopened-3')).getByRole('checkbox', { name: 'it opened a short' }));
  expect((screen.getByLabelText('Opening price for line 3') as HTMLInputElement).disabled).toBe(true);
  await user.click(screen.getByRole('button', { name: 'Use these answers' }));
  expect(onApply).toHaveBeenCalledWith({ openingPrices: [], shortLines: [3] });
});

test('prices already applied are shown and can be cleared', async () => {
  const user = userEvent.setup();
  const onApply = vi.fn();
  render(
    <UnopenedPositions
      preview={preview({ unopened: [], openingPrices: [{ line: 3, price: '95.5' }] })}
      timeZone="America/New_York"
      busy={false}
      onApply={onApply}
    />,
  );
  expect(screen.getByTestId('import-opening-prices').textContent).toMatch(/line 3 at 95\.5/);
  await user.click(screen.getByRole('button', { name: 'Clear your answers' }));
  expect(onApply).toHaveBeenCalledWith({ openingPrices: [], shortLines: [] });
});

let api: ReturnType<typeof fakeApi>;
beforeEach(() => {
  resetStore();
  api = fakeApi({
    listMappings: () => [],
    listImportPresets: () => [{ id: 'webull_orders', label: 'Webull Orders Records' }],
    inspectImport: () => ({ headerLine: 1, columns: ['Name', 'Symbol'], sample: [], candidates: [] }),
    previewImport: (request: RequestOf<'previewImport'>) =>
      request.openingPrices?.length
        ? preview({
            previewId: 'p2',
            unopened: [preview().unopened[1]!],
            openingPrices: request.openingPrices,
            newTradeCount: 1,
            tradeCount: 1,
            totalPnl: '145.00',
            trades: [
              {
                lines: [3],
                account: 'Webull',
                symbol: 'AAPL',
                side: 'long',
                quantity: '10',
                entryPrice: '95.5',
                exitPrice: '110',
                closedAt: '2024-06-03T14:00:00.000Z',
                fees: '0.00',
                netPnl: '145.00',
                sessionId: null,
                duplicate: false,
              },
            ],
          })
        : preview(),
    commitImport: () => ({ batchId: 1, recorded: 1, duplicates: 0, breached: false, openLots: 1 }),
  });
  window.api = api;
});

test('on the Import screen, an entered opening price goes with the next preview, which shows it as a trade, and the commit imports it', async () => {
  const user = userEvent.setup();
  render(<ImportScreen profile={profile} />);
  await user.upload(screen.getByTestId('import-file'), new File(['Name,Symbol\n'], 'Webull_Orders_Records.csv', { type: 'text/csv' }));
  await user.click(screen.getByTestId('import-preview'));
  expect(await screen.findByText('2 closes have no known opening position')).toBeTruthy();
  await user.type(screen.getByLabelText('Opening price for line 3'), '95.50');
  await user.click(screen.getByRole('button', { name: 'Use these answers' }));

  expect(await screen.findByText('1 close has no known opening position')).toBeTruthy();
  const previews = api.calls.filter((c) => c.channel === 'previewImport').map((c) => (c.request as RequestOf<'previewImport'>).openingPrices);
  expect(previews).toEqual([undefined, [{ line: 3, price: '95.50' }]]);
  expect(screen.getByTestId('import-preview-result').textContent).toMatch(/1 new trade,/);
  await user.click(screen.getByTestId('import-commit'));
  await waitFor(() => expect(screen.getByTestId('import-result').textContent).toMatch(/Imported 1 trade\./));
});
