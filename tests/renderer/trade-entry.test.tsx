// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ManualTradePreview } from '../../src-main/contract/views.ts';
import { TradeEntry } from '../../src-renderer/components/TradeEntry.tsx';
import { resetStore } from '../../src-renderer/state/store.ts';
import { fakeApi, FailWith, sessionView } from './support/fake-api.ts';

beforeEach(() => resetStore());
afterEach(cleanup);

const preview = (overrides: Partial<ManualTradePreview>): ManualTradePreview => ({
  realizedPnl: '0.00',
  fees: '0.00',
  grossPnl: '0.00',
  sessionPnlAfter: null,
  lossLimitUsedAfter: null,
  wouldBreach: false,
  pointValue: null,
  ...overrides,
});
const unknownRoot = new FailWith({
  code: 'validation',
  message: 'No point value is known for XYZU6: type it here (1 for shares), or add its root under Settings → Futures point values.',
  field: 'pointValue',
  fieldErrors: [
    {
      field: 'pointValue',
      code: 'unknown_point_value',
      message: 'No point value is known for XYZU6: type it here (1 for shares), or add its root under Settings → Futures point values.',
    },
  ],
});

describe('trade entry in prices mode (issue 16 item 1)', () => {
  test('symbols from the point-value table are offered as you type, and the preview shows the point value used', async () => {
    const api = fakeApi({
      getPointValues: () => ({ builtIn: { MNQ: '2', ES: '50' }, overrides: { MES: '5' } }),
      previewTrade: (r) =>
        r.kind === 'prices' && r.symbol === 'MNQ'
          ? preview({ realizedPnl: '20.50', grossPnl: '20.50', pointValue: { value: '2', root: 'MNQ', from: 'built_in' } })
          : preview({}),
    });
    window.api = api;
    const user = userEvent.setup();
    render(<TradeEntry currency="USD" />);
    await user.click(screen.getByRole('radio', { name: 'Prices' }));
    const symbol = screen.getByLabelText('Symbol');
    await waitFor(() => expect(screen.getByTestId('symbol-suggestions').querySelectorAll('option')).toHaveLength(3));
    expect(symbol.getAttribute('list')).toBe(screen.getByTestId('symbol-suggestions').id);
    expect([...screen.getByTestId('symbol-suggestions').querySelectorAll('option')].map((o) => `${o.value} ${o.label}`)).toEqual([
      'ES 50 per point',
      'MES 5 per point',
      'MNQ 2 per point',
    ]);
    await user.type(symbol, 'MNQ');
    await user.type(screen.getByLabelText('Entry'), '21000');
    await user.type(screen.getByLabelText('Exit'), '21010.25');
    await waitFor(() => expect(screen.getByTestId('trade-preview').textContent).toContain('+$20.50'));
    expect(screen.getByTestId('trade-point-value-used').textContent).toBe('2 per point (MNQ, built-in table)');
    expect(screen.getByTestId('trade-point-value').getAttribute('placeholder')).toBe('2 (table)');
    const sent = api.calls.filter((c) => c.channel === 'previewTrade').at(-1)!.request;
    expect(sent).not.toHaveProperty('pointValue');
  });

  test('an unknown root is refused at the point-value field and Save stays disabled until a value is typed', async () => {
    window.api = fakeApi({
      getPointValues: () => ({ builtIn: { MNQ: '2' }, overrides: {} }),
      previewTrade: (r) => {
        if (r.kind === 'prices' && r.pointValue === undefined) throw unknownRoot;
        return preview({ realizedPnl: '10.25', pointValue: { value: '1', root: null, from: 'entry' } });
      },
      recordTrade: () => ({ trade: {} as never, session: sessionView(), warnings: [], breached: false }),
    });
    const user = userEvent.setup();
    render(<TradeEntry currency="USD" />);
    await user.click(screen.getByRole('radio', { name: 'Prices' }));
    await user.type(screen.getByLabelText('Symbol'), 'XYZU6');
    await user.type(screen.getByLabelText('Entry'), '10');
    await user.type(screen.getByLabelText('Exit'), '20.25');
    await waitFor(() => expect(screen.getByLabelText('Point value').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/No point value is known for XYZU6/)).toBeTruthy();
    expect((screen.getByRole('button', { name: /Save trade/ }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText('Point value'), '1');
    await waitFor(() => expect(screen.getByTestId('trade-point-value-used').textContent).toBe('1 per point (typed)'));
    expect((screen.getByRole('button', { name: /Save trade/ }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('what is sent is what is on screen (issue 11 defect 12)', () => {
  test('fees typed in prices mode are not sent after switching to P&L mode, which has no fees field', async () => {
    const api = fakeApi({
      getPointValues: () => ({ builtIn: { MNQ: '2' }, overrides: {} }),
      previewTrade: () => preview({ realizedPnl: '-40.00' }),
      recordTrade: () => ({ trade: {} as never, session: sessionView(), warnings: [], breached: false }),
    });
    window.api = api;
    const user = userEvent.setup();
    render(<TradeEntry currency="USD" />);
    await user.click(screen.getByRole('radio', { name: 'Prices' }));
    await user.type(screen.getByLabelText('Fees'), '4.50');
    await user.click(screen.getByRole('radio', { name: 'P&L' }));
    expect(screen.queryByLabelText('Fees')).toBeNull();
    await user.type(screen.getByTestId('trade-pnl'), '-40');
    await waitFor(() => expect(screen.getByTestId('trade-preview').textContent).toContain('-$40.00'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'recordTrade')).toBe(true));
    expect(api.calls.find((c) => c.channel === 'recordTrade')!.request).toEqual({ kind: 'pnl', pnl: '-40' });
    expect(api.calls.filter((c) => c.channel === 'previewTrade').every((c) => !('fees' in (c.request as object)))).toBe(true);
  });
});

describe('the entry mode is a native radio group', () => {
  test('T still jumps to the entry while the mode radio has the focus (a radio takes no typing)', async () => {
    window.api = fakeApi({ previewTrade: () => preview({}) });
    const user = userEvent.setup();
    render(<TradeEntry currency="USD" />);
    const pnlMode = screen.getByRole('radio', { name: 'P&L' });
    pnlMode.focus();
    await user.keyboard('t');
    expect(document.activeElement).toBe(screen.getByTestId('trade-pnl'));
    expect((pnlMode as HTMLInputElement).checked).toBe(true);
  });
});
