import { describe, expect, test } from 'vitest';
import type { GenericMapping } from '../../src-main/contract/import-schemas.ts';
import { isOptionSymbol, instrumentKey } from '../../src-main/imports/instruments.ts';
import { parseImport, type ParseResult } from '../../src-main/imports/parse-import.ts';

/** A Fidelity activity export (newest first, dates only, actions in words), read through a mapping. */
const fidelity = [
  'Run Date,Action,Symbol,Description,Type,Quantity,Price ($),Commission ($),Fees ($),Amount ($),Settlement Date',
  '06/03/2024,YOU SOLD CLOSING TRANSACTION CALL (SPY) SPDR S&P500 ETF JUN 07 24 $530 (100 SHS) (Margin),-SPY240607C530,CALL (SPY) SPDR S&P500 ETF JUN 07 24 $530,Margin,-1,2.50,0.65,0.02,249.33,06/04/2024',
  '06/03/2024,YOU BOUGHT OPENING TRANSACTION CALL (SPY) SPDR S&P500 ETF JUN 07 24 $530 (100 SHS) (Margin),-SPY240607C530,CALL (SPY) SPDR S&P500 ETF JUN 07 24 $530,Margin,1,1.80,0.65,0.02,-180.67,06/04/2024',
  '06/03/2024,YOU SOLD APPLE INC (AAPL) (Cash),AAPL,APPLE INC,Cash,-10,195.00,,,1950.00,06/05/2024',
];
const mapping = (price: string): GenericMapping => ({
  kind: 'fills',
  columns: { time: 'Run Date', symbol: 'Symbol', side: 'Action', quantity: 'Quantity', price, fees: 'Commission ($)' },
  dateFormat: 'MM/DD/YYYY',
  decimalStyle: 'dot',
  pointValue: '1',
});
const parse = (lines: string[], map: GenericMapping) =>
  parseImport({ bytes: new TextEncoder().encode(lines.join('\n')), preset: 'generic', mapping: map, timeZone: 'America/New_York' });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe('stock and option semantics through a mapping', () => {
  test('actions in words give side and effect, an option symbol is 100 shares, and a dated day opens before it closes', () => {
    const r = ok(parse(fidelity, mapping('Price ($)')));
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.pointValue!.toString(), t.netPnl.toString()])).toEqual([['-SPY240607C530', 'long', '100', '68.7']]);
    // The AAPL shares were bought before this export: not a short.
    expect(r.unopened.map((u) => [u.line, u.symbol, u.quantity.toString()])).toEqual([[4, 'AAPL', '10']]);
    expect(r.openLots).toEqual([]);
  });

  test('dates written m/d/yy, with no time, are read and ordered opens before closes', () => {
    const rows = ['Date,Action,Symbol,Qty,Price', '6/3/24,STC,AAPL,10,195.00', '6/3/24,BTO,AAPL,10,190.00'];
    const r = ok(
      parse(rows, {
        kind: 'fills',
        columns: { time: 'Date', symbol: 'Symbol', side: 'Action', quantity: 'Qty', price: 'Price' },
        dateFormat: 'auto',
        decimalStyle: 'dot',
        pointValue: '1',
      }),
    );
    expect(r.trades.map((t) => [t.netPnl.toString(), new Date(t.closedAt).toISOString()])).toEqual([['50', '2024-06-03T04:00:00.000Z']]);
  });

  test('a signed amount mapped as the price is an error on each row, never a price', () => {
    const r = ok(parse(fidelity, mapping('Amount ($)')));
    expect(r.trades).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([[3, expect.stringMatching(/the price -180.67 is negative/)]]);
  });
});

describe('option symbols', () => {
  test.each([
    'SPY240611C00537000',
    'SPY   240611C00537000',
    'SPY 06/21/2024 530.00 C',
    'CLOV 16JUL21 20.0 C',
    '-AAPL240621C190',
    '.SPY240621P530',
    'SPY_062124C530',
  ])('%s is an option', (symbol) => expect(isOptionSymbol(symbol)).toBe(true));
  test.each(['SPY', 'BRK B', 'MNQM6', 'EUR.USD', '/ESM4'])('%s is not', (symbol) => expect(isOptionSymbol(symbol)).toBe(false));
  test('padded and unpadded OCC symbols are one instrument', () => expect(instrumentKey('SPY   240611C00537000')).toBe(instrumentKey('spy240611C00537000')));
});
