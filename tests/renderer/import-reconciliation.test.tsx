// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import type { ImportPreview } from '../../src-main/contract/views.ts';
import { PreviewNotices } from '../../src-renderer/screens/import/PreviewNotices.tsx';

afterEach(cleanup);

const preview = (reconciliation: ImportPreview['reconciliation']): ImportPreview => ({
  kind: 'preview',
  previewId: 'p1',
  fileName: 'Cash History.csv',
  preset: 'cash_history',
  presetLabel: 'Cash history',
  timeZone: 'America/Chicago',
  tradeCount: 0,
  newTradeCount: 0,
  duplicateCount: 0,
  totalPnl: '0.00',
  fills: 0,
  skippedKnownFills: 0,
  openLotsAfter: 0,
  byAccount: [],
  sessions: [],
  trades: [],
  problems: [],
  notes: [],
  candidates: [],
  openPositions: [],
  warnings: [],
  unopened: [],
  openingPrices: [],
  shortLines: [],
  reconciliation,
});

test('the platform’s totals are shown beside ours, each row with its account, day and difference, and a disagreement is said', () => {
  render(
    <PreviewNotices
      preview={preview({
        against: 'recorded',
        differences: 1,
        rows: [
          { label: 'Delta of the trading rows', account: 'DEMO1234', day: '2026-10-05', basis: 'net', platform: '13.82', ours: '13.82', difference: '0.00' },
          { label: 'Delta of the trading rows', account: 'DEMO1234', day: '2026-10-06', basis: 'net', platform: '-50.00', ours: '0.00', difference: '50.00' },
        ],
      })}
    />,
  );
  const table = screen.getByTestId('import-reconciliation');
  expect(within(table).getByText('The platform’s own totals differ from ours on 1 of 2 rows.')).toBeTruthy();
  expect(within(table).getByRole('columnheader', { name: 'Recorded' })).toBeTruthy();
  const rows = within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
  expect(rows).toEqual([
    ['DEMO1234', '2026-10-05', 'Delta of the trading rows', '+$13.82', '+$13.82', '$0.00'],
    ['DEMO1234', '2026-10-06', 'Delta of the trading rows', '-$50.00', '$0.00', '+$50.00'],
  ]);
});

test('no reconciliation, no table', () => {
  render(<PreviewNotices preview={preview(null)} />);
  expect(screen.queryByTestId('import-reconciliation')).toBeNull();
});
