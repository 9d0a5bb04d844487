import { describe, expect, test } from 'vitest';
import { parseImport, type ParseResult } from '../../src-main/imports/parse-import.ts';

// TopstepX (ProjectX) Orders export, the layout its web platform writes: one row per order,
// `Bid`/`Ask` sides, times with their offset, the stop and target an entry left behind cancelled.
const HEADER =
  'Id,AccountName,ContractName,Status,Type,Size,Side,CreatedAt,TradeDay,FilledAt,CancelledAt,TriggeredAt,StopPrice,LimitPrice,ExecutePrice,TriggeredPrice,PositionDisposition,CreationDisposition,RejectionReason,ExchangeOrderId,PlatformOrderId';
const read = (rows: string[]) =>
  parseImport({ bytes: new Uint8Array(Buffer.from([HEADER, ...rows].join('\r\n'))), preset: 'auto', timeZone: 'America/Chicago' });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe('TopstepX Orders', () => {
  test('recognised by itself: filled orders are fills matched first-in first-out, cancelled stops and targets skipped with a note', () => {
    const r = ok(
      read([
        '11,50KTC-V2-1,MNQZ6,Filled,Market,3,Bid,10/07/2026 16:20:37 +02:00,10/07/2026 00:00:00 -05:00,10/07/2026 16:20:37 +02:00,,,,,31246.500000000,,Opening,Trader,,8123,99',
        '12,50KTC-V2-1,MNQZ6,Filled,Limit,3,Ask,10/07/2026 16:20:37 +02:00,10/07/2026 00:00:00 -05:00,10/07/2026 17:49:06 +02:00,,,,31366.500000000,31366.500000000,,Closing,TakeProfit,,8124,100',
        '13,50KTC-V2-1,MNQZ6,Cancelled,Stop,3,Ask,10/07/2026 16:20:37 +02:00,10/07/2026 00:00:00 -05:00,,10/07/2026 17:49:06 +02:00,,31227.500000000,,,,Undetermined,StopLoss,,,101',
        '14,50KTC-V2-1,MESZ6,Filled,Market,2,Ask,10/08/2026 09:00:00 -05:00,10/08/2026 00:00:00 -05:00,10/08/2026 09:00:01 -05:00,,,,,6500.25,,Opening,Trader,,8125,102',
        '15,50KTC-V2-1,MESZ6,Filled,Stop,2,Bid,10/08/2026 09:00:00 -05:00,10/08/2026 00:00:00 -05:00,10/08/2026 09:12:30 -05:00,,10/08/2026 09:12:30 -05:00,6510.00,,6510.25,6510.00,Closing,StopLoss,,8126,103',
        '16,50KTC-V2-1,MESZ6,Rejected,Limit,1,Bid,10/08/2026 10:00:00 -05:00,10/08/2026 00:00:00 -05:00,,,,,6400.00,,,Undetermined,Trader,Outside trading hours,,104',
      ]),
    );
    expect(r.preset).toBe('topstepx_orders');
    expect(r.problems).toEqual([]);
    expect(
      r.trades.map((t) => [t.account, t.symbol, t.side, String(t.quantity), t.grossPnl.toFixed(2), t.fees.toFixed(2), new Date(t.closedAt).toISOString()]),
    ).toEqual([
      // (31366.5 − 31246.5) × 3 × $2 a point, and a short MES stopped out 10 points higher × 2 × $5.
      ['50KTC-V2-1', 'MNQZ6', 'long', '3', '720.00', '0.00', '2026-10-07T15:49:06.000Z'],
      ['50KTC-V2-1', 'MESZ6', 'short', '2', '-100.00', '0.00', '2026-10-08T14:12:30.000Z'],
    ]);
    expect(r.openLots).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/2 orders that were not filled/);
    expect(r.notes.join(' ')).toMatch(/carry no fees/);
  });

  test('a closing order with nothing open in the file is no known opening position, never a short', () => {
    const r = ok(
      read([
        '21,PA-1,NQZ6,Filled,Market,1,Ask,10/09/2026 08:31:00 -05:00,,10/09/2026 08:31:00 -05:00,,,,,21000.00,,Closing,Trader,,,',
        '22,PA-1,NQZ6,Filled,Market,1,Ask,10/09/2026 08:40:00 -05:00,,10/09/2026 08:40:00 -05:00,,,,,21010.00,,Opening,Trader,,,',
        '23,PA-1,NQZ6,Filled,Market,1,Bid,10/09/2026 08:45:00 -05:00,,10/09/2026 08:45:00 -05:00,,,,,21000.00,,Closing,Trader,,,',
      ]),
    );
    expect(r.unopened.map((u) => u.line)).toEqual([2]);
    expect(r.trades.map((t) => [t.side, t.grossPnl.toFixed(2)])).toEqual([['short', '200.00']]);
  });

  test('a row it can not read says why at its line; the others are read', () => {
    const r = ok(
      read([
        '31,PA-1,MNQZ6,Filled,Market,1,Bid,10/09/2026 08:31:00 -05:00,,10/09/2026 08:31:00 -05:00,,,,,,,Opening,Trader,,,',
        '32,PA-1,MNQZ6,Filled,Market,1,Bid,10/09/2026 08:32:00 -05:00,,10/09/2026 08:32:00 -05:00,,,,,21000.00,,Opening,Trader,,,',
      ]),
    );
    expect(r.problems.map((p) => p.line)).toEqual([2]);
    expect(r.problems[0]!.message).toMatch(/price/);
    expect(r.openLots.map((l) => [l.symbol, l.quantity.toString()])).toEqual([['MNQZ6', '1']]);
  });
});
