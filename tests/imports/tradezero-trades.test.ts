import { describe, expect, test } from 'vitest';
import { parseImport, type ParseResult } from '../../src-main/imports/parse-import.ts';

// TradeZero's trade history export, as its platform writes it: trade and settlement dates, the
// execution time in its own column, every fee itemised, the account type as a number (2 margin,
// 3 short). The rows are made up.
const HEADER =
  'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,Comm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note';
const read = (rows: string[], header = HEADER) =>
  // The trader's zone is Berlin: TradeZero's times are New York's whatever it is.
  parseImport({ bytes: new Uint8Array(Buffer.from([header, ...rows].join('\r\n'))), preset: 'auto', timeZone: 'Europe/Berlin' });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};

const LONG = [
  'TZ000001,06/03/2026,06/04/2026,USD,2,B,ACME,100,10.00,09:31:05,0.99,0,0,0.02,3.14E-05,0,0,-1000.00,-1001.0100314,LAMP,,',
  'TZ000001,06/03/2026,06/04/2026,USD,2,S,ACME,100,10.50,09:40:10,0.99,0.03,0.01,0.02,0,0,0,1050.00,1048.95,LAMP,,',
];
// A short sale covered in two buys, before the open, in the export's short dates and times.
const SHORT = [
  'TZ000001,6/4/26,6/5/26,USD,3,SS,BETA,200,5.00,7:35:46,0,0.01,0.01,0,0,0,0,1000.00,999.98,LAMP,,',
  'TZ000001,6/4/26,6/5/26,USD,3,BC,BETA,100,4.80,7:50:00,0,0,0,0,0,0,0,-480.00,-480.00,LAMP,,',
  'TZ000001,6/4/26,6/5/26,USD,3,BC,BETA,100,4.90,8:05:00,0.99,0,0,0,0,0,0,-490.00,-490.99,LAMP,,',
];

describe('TradeZero trades', () => {
  test('recognised by itself: fills matched first-in first-out in New York time, every fee column a cost, shorts by SS and BC', () => {
    const r = ok(read([...LONG, ...SHORT]));
    expect(r.preset).toBe('tradezero_trades');
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.account, t.symbol, t.side, String(t.quantity), t.grossPnl.toFixed(2), t.fees.toFixed(6), t.netPnl.toFixed(6)])).toEqual([
      // 0.99 + 0.02 + 0.0000314 on the buy (rounded to the millionth), 0.99 + 0.03 + 0.01 + 0.02 on the sale.
      ['TZ000001', 'ACME', 'long', '100', '50.00', '2.060031', '47.939969'],
      // Each cover closes its half of the short sale, with half of the sale's 0.02.
      ['TZ000001', 'BETA', 'short', '100', '20.00', '0.010000', '19.990000'],
      ['TZ000001', 'BETA', 'short', '100', '10.00', '1.000000', '9.000000'],
    ]);
    expect(new Date(r.trades[0]!.openedAt!).toISOString()).toBe('2026-06-03T13:31:05.000Z');
    expect(new Date(r.trades[1]!.openedAt!).toISOString()).toBe('2026-06-04T11:35:46.000Z');
    expect(r.openLots).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/New York time/);
    expect(r.notes.join(' ')).toMatch(/1 fills have fees finer than the millionth/);
  });

  test('two identical rows are two fills; a sale with nothing open is no known opening position, never a short', () => {
    const r = ok(
      read([
        'TZ000001,06/05/2026,06/08/2026,USD,2,B,GAMA,50,2.00,10:00:00,0,0,0,0,0,0,0,-100.00,-100.00,LAMP,,',
        'TZ000001,06/05/2026,06/08/2026,USD,2,B,GAMA,50,2.00,10:00:00,0,0,0,0,0,0,0,-100.00,-100.00,LAMP,,',
        'TZ000001,06/05/2026,06/08/2026,USD,2,S,GAMA,100,2.10,10:05:00,0,0,0,0,0,0,0,210.00,210.00,LAMP,,',
        'TZ000001,06/05/2026,06/08/2026,USD,2,S,DELT,10,3.00,10:06:00,0,0,0,0,0,0,0,30.00,30.00,LAMP,,',
      ]),
    );
    expect(r.trades.map((t) => [t.symbol, String(t.quantity), t.netPnl.toFixed(2)])).toEqual([['GAMA', '100', '10.00']]);
    expect(r.unopened.map((u) => [u.line, u.symbol])).toEqual([[5, 'DELT']]);
  });

  test('fee columns that do not add up to the proceeds are imported with a note naming their lines', () => {
    const r = ok(read([LONG[0]!, LONG[1]!.replace('1048.95', '1047.95')]));
    expect(r.trades.map((t) => t.fees.toFixed(6))).toEqual(['2.060031']);
    expect(r.notes.join(' ')).toMatch(/On 1 rows \(line 3\) the fee columns don’t add up/);
  });

  test('a rebate larger than a fill’s fees is never counted as a cost: that fill has no fee, with a note naming its line', () => {
    const r = ok(
      read([
        'TZ000001,06/05/2026,06/08/2026,USD,2,B,GAMA,100,2.00,10:00:00,0,0,0,0,0,0,-0.20,-200.00,-199.80,LAMP,A,',
        'TZ000001,06/05/2026,06/08/2026,USD,2,S,GAMA,100,2.10,10:05:00,0,0.01,0.01,0,0,0.30,0,210.00,209.68,LAMP,R,',
      ]),
    );
    expect(r.trades.map((t) => [t.grossPnl.toFixed(2), t.fees.toFixed(2), t.netPnl.toFixed(2)])).toEqual([['10.00', '0.32', '9.68']]);
    expect(r.notes.join(' ')).toMatch(/On 1 rows \(line 2\) the venue's rebate is larger than the fees/);
  });

  test('an export with a column TradeZero never writes is offered, not applied by itself', () => {
    const r = read(
      LONG.map((row) => `${row},SMAT`),
      `${HEADER},Route`,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.candidates.map((c) => [c.preset, c.confidence])).toEqual([['tradezero_trades', 'likely']]);
  });
});
