// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import type { ImportPreview } from '../../src-main/contract/views.ts';
import { ImportPreviewView } from '../../src-renderer/screens/import/ImportPreviewView.tsx';
import { profile } from './support/fake-api.ts';

afterEach(cleanup);

const preview: ImportPreview = {
  kind: 'preview',
  previewId: 'p',
  fileName: 'ibkr.csv',
  preset: 'ibkr_activity_statement',
  presetLabel: 'Interactive Brokers Activity Statement',
  timeZone: 'UTC',
  tradeCount: 5,
  newTradeCount: 5,
  duplicateCount: 0,
  totalPnl: '-90.463462',
  fills: 0,
  skippedKnownFills: 0,
  openLotsAfter: 0,
  byAccount: [
    { account: 'U1234567', currency: 'USD', trades: 5, gross: '-85.463462', fees: '5.000000', net: '-90.463462' },
    { account: 'U1234567', currency: 'SEK', trades: 1, gross: '9260.23', fees: '6.00', net: '9254.23' },
  ],
  sessions: [{ sessionId: null, status: null, trades: 5, pnl: '-90.463462', wouldBreach: false }],
  trades: [
    {
      lines: [4],
      account: 'U1234567',
      symbol: 'AAPL',
      side: 'long',
      quantity: '10',
      entryPrice: '180.5',
      exitPrice: '179.9',
      closedAt: '2026-03-02T15:00:00.000Z',
      fees: '1.000000',
      netPnl: '-7.000000',
      sessionId: null,
      duplicate: false,
    },
  ],
  problems: [{ line: 9, message: 'this trade is in SEK, but the account is in USD; it is not imported' }],
  notes: [],
  candidates: [],
  warnings: [],
  openPositions: [],
  unopened: [],
  openingPrices: [],
  shortLines: [],
  reconciliation: null,
};

test('a row in another currency is shown as not imported, in its own currency and not as a gain; amounts are money, signed and rounded (issue 16 item 8)', () => {
  render(<ImportPreviewView preview={preview} profile={profile} busy={false} onCommit={() => undefined} onCancel={() => undefined} />);
  const refused = screen.getByTestId('account-refused');
  expect(refused.textContent).toContain('SEK, not imported');
  expect(refused.querySelector('.pnl-1')).toBeNull();
  expect(refused.textContent).toMatch(/\+SEK\s?9,254\.23/);
  const imported = screen.getByTestId('account-imported');
  expect(imported.textContent).toContain('-$90.46');
  expect(imported.textContent).not.toContain('90.463462');
  expect(screen.getByTestId('import-preview-result').textContent).not.toContain('-7.000000');
  expect(screen.getByTestId('import-preview-result').textContent).toContain('-$7.00');
});

test('counts read as words: "1 row can’t be imported", "Import 1 trade" (issue 16 polish)', () => {
  render(<ImportPreviewView preview={{ ...preview, newTradeCount: 1 }} profile={profile} busy={false} onCommit={() => undefined} onCancel={() => undefined} />);
  expect(screen.getByTestId('import-problems').querySelector('h3')!.textContent).toBe('1 row can’t be imported');
  expect(screen.getByTestId('import-commit').textContent).toBe('Import 1 trade');
});
