import { describe, expect, test } from 'vitest';
import { parseImport } from '../../src-main/imports/parse-import.ts';

// The MetaTrader 5 trade history report's layout: title rows, then Positions, Orders, Deals
// and Results; numbers with spaces as thousands separators and "- 2.50" for negatives.
const DEALS = [
  ['2026.01.01 09:00:00', '1', '', 'balance', '', '', '', '', '0.00', '0.00', '0.00', '10 000.00', '10 000.00', 'Deposit'],
  ['2026.01.01 10:00:00', '2', 'XAUUSD', 'sell', 'in', '0.04', '4 106.170', '111', '-0.20', '0.00', '0.00', '0.00', '9 999.80', ''],
  ['2026.01.01 10:15:00', '3', 'XAUUSD', 'buy', 'out', '0.04', '4 101.093', '211', '-0.20', '0.00', '0.00', ' 20.31', '10 019.91', 'close'],
  ['2026.01.01 11:00:00', '4', 'AUDUSD', 'sell', 'in', '0.5', ' 0.69156', '112', '-1.00', '0.00', '0.00', '0.00', '10 018.91', ''],
  ['2026.01.01 11:15:00', '5', 'AUDUSD', 'buy', 'out', '0.5', ' 0.69161', '212', '-1.00', '0.00', '-0.40', '- 2.50', '10 015.01', ''],
  ['2026.01.01 12:00:00', '6', 'EURUSD', 'buy', 'in', '1', ' 1.10000', '113', '-2.00', '0.00', '0.00', '0.00', '10 013.01', ''],
];
const HEADER = ['Time', 'Deal', 'Symbol', 'Type', 'Direction', 'Volume', 'Price', 'Order', 'Commission', 'Fee', 'Swap', 'Profit', 'Balance', 'Comment'];

const csv = [
  'Trade History Report,,,,,,,,,,,,,',
  'Name:,,,Ann,,,,,,,,,,',
  'Account:,,,"51234567 (USD, Broker-Server, real, Hedge)",,,,,,,,,,',
  'Positions,,,,,,,,,,,,,',
  'Time,Position,Symbol,Type,Volume,Price,S / L,T / P,Time,Price,Commission,Swap,Profit,',
  '2026.01.01 10:00:00,111,XAUUSD,sell,0.04,4 106.170,,,2026.01.01 10:15:00,4 101.093,-0.40,0.00, 20.31,',
  'Orders,,,,,,,,,,,,,',
  'Open Time,Order,Symbol,Type,Volume,Price,S / L,T / P,Time,State,,Comment,,',
  '2026.01.01 09:30:00,110,XAUUSD,buy limit,0.04 / 0.00,4 000.00,,,2026.01.01 09:45:00,canceled,,,,',
  'Deals,,,,,,,,,,,,,',
  HEADER.join(','),
  ...DEALS.map((d) => d.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')),
  'Results,,,,,,,,,,,,,',
  'Total Net Profit:,,,16.21,Gross Profit:,,,20.31,Gross Loss:,,,-2.50,,',
].join('\r\n');

// Rows padded with a hidden cell, as MetaTrader 5 lays its sections on one grid.
const cells = (values: string[], padded = true) =>
  `<tr>${values.map((v, i) => `${padded && i === 4 ? '<td class="hidden" colspan="8"></td>' : ''}<td>${v.replace(/&/g, '&amp;')}</td>`).join('')}</tr>`;
const html = `<!DOCTYPE html><html><head><title>51234567: Ann - Trade History Report</title></head><body><table>
<tr><th colspan="14"><div><b>Trade History Report</b></div></th></tr>
<tr><th colspan="3">Account:</th><th colspan="11"><b>51234567 (USD, Broker-Server, real, Hedge)</b></th></tr>
<tr><th colspan="14"><div><b>Deals</b></div></th></tr>
${cells(HEADER, false)}
${DEALS.map((d) => cells(d)).join('\n')}
<tr><th colspan="14"><div><b>Results</b></div></th></tr>
<tr><td colspan="3">Total Net Profit:</td><td><b>16.21</b></td></tr>
</table></body></html>`;

describe('MetaTrader 5 trade history report', () => {
  test.each([
    ['CSV with title rows', csv],
    ['HTML (UTF-16, as MetaTrader saves it)', `\uFEFF${html}`],
  ])('%s: Profit on the out deals, every deal’s commission and swap, no balance row, the open entry left open', (_, text) => {
    const bytes = text.startsWith('\uFEFF') ? new Uint8Array(Buffer.from(text, 'utf16le')) : new Uint8Array(Buffer.from(text));
    const r = parseImport({ bytes, preset: 'auto', timeZone: 'UTC' });
    if (!r.ok) throw new Error(r.message);
    expect(r.preset).toBe('mt5_report');
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.grossPnl.toFixed(2), t.fees.toFixed(2), t.netPnl.toFixed(2)])).toEqual([
      ['XAUUSD', 'short', '20.31', '0.40', '19.91'],
      ['AUDUSD', 'short', '-2.90', '2.00', '-4.90'],
    ]);
    expect(r.trades[0]!.account).toBe('51234567');
    expect(r.trades[0]!.currency).toBe('USD');
    expect(r.openPositions.map((p) => [p.symbol, p.quantity.toString()])).toEqual([['EURUSD', '1']]);
    expect(r.notes.join(' ')).toMatch(/1 balance, credit and other non-trading deals/);
  });

  test('the Deals table alone as a CSV, its header on the first line: recognised by itself and read the same', () => {
    const dealsOnly = [HEADER.join(','), ...DEALS.map((d) => d.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','))].join('\r\n');
    const r = parseImport({ bytes: new Uint8Array(Buffer.from(dealsOnly)), preset: 'auto', timeZone: 'UTC' });
    if (!r.ok) throw new Error(r.message);
    expect(r.preset).toBe('mt5_report');
    expect(r.trades.map((t) => [t.symbol, t.side, t.grossPnl.toFixed(2), t.fees.toFixed(2), t.netPnl.toFixed(2)])).toEqual([
      ['XAUUSD', 'short', '20.31', '0.40', '19.91'],
      ['AUDUSD', 'short', '-2.90', '2.00', '-4.90'],
    ]);
    expect(r.openPositions.map((p) => [p.symbol, p.quantity.toString()])).toEqual([['EURUSD', '1']]);
  });
});
