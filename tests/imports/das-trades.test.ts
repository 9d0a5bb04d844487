import { describe, expect, test } from 'vitest';
import { parseImport, type ParseResult } from '../../src-main/imports/parse-import.ts';

// DAS Trader Pro's Trades window exported with most of its columns, in the order DAS writes
// them, with the empty last column of its export. The rows are made up.
const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,SecType,LiqType,BP,Value,P/L R,';
const read = (rows: string[], fileName: string, header = HEADER, timeZone = 'America/New_York') =>
  parseImport({ bytes: new Uint8Array(Buffer.from([header, ...rows].join('\r\n'))), fileName, preset: 'auto', timeZone });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};

const DAY = [
  '10:02:33,BETA,SS,20.00,50,SMAT,,DEMO01,Margin,C103,-,0.15,0.00,Equity/ETF,,-1000,1000,,',
  '09:31:05,ACME,B,10.00,100,SMAT,,DEMO01,Margin,C101,-,0.30,0.00,Equity/ETF,,-1000,1000,,',
  // One order filled in two parts: the same Cloid, the same second.
  '09:45:12,ACME,S,10.50,60,SMAT,,DEMO01,Margin,C102,+,0,30.00,Equity/ETF,,630,600,,',
  '09:45:12,ACME,S,10.50,40,SMAT,,DEMO01,Margin,C102,+,0,20.00,Equity/ETF,,420,400,,',
  '10:15:47,BETA,B,19.50,50,SMAT,,DEMO01,Margin,C104,-,0.15,25.00,Equity/ETF,,-975,975,,',
];

describe('DAS Trader Trades window', () => {
  test('recognised by itself: fills dated by the file name, matched first-in first-out, ECN fees as costs, SS opening a short', () => {
    const r = ok(read(DAY, 'Trades 2026-06-03.csv'));
    expect(r.preset).toBe('das_trades');
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.account, t.symbol, t.side, String(t.quantity), t.grossPnl.toFixed(2), t.fees.toFixed(2), t.netPnl.toFixed(2)])).toEqual([
      // The buy's 0.30 shared by the two parts of the sale.
      ['DEMO01', 'ACME', 'long', '60', '30.00', '0.18', '29.82'],
      ['DEMO01', 'ACME', 'long', '40', '20.00', '0.12', '19.88'],
      ['DEMO01', 'BETA', 'short', '50', '25.00', '0.30', '24.70'],
    ]);
    expect(new Date(r.trades[0]!.openedAt!).toISOString()).toBe('2026-06-03T13:31:05.000Z');
    expect(r.openLots).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/dated 2026-06-03, the day in the file’s name/);
    expect(r.notes.join(' ')).toMatch(/ECN fees only/);
  });

  test('a file whose name has no date imports nothing and says how to give it one', () => {
    const r = ok(read(DAY, 'Trades.csv'));
    expect(r.trades).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/only the time of each fill.*“Trades\.csv” holds no date.*5 fills were not read/);
  });

  test('the shorter layout (`Symb`, no fees): times in the zone chosen, rows alike are two fills, a plain sale with nothing open is no short', () => {
    const r = ok(
      read(
        [
          '17:43:25,GAMA,B,2.00,50,EDGA,,DEMO02,Margin,AUTO',
          '17:43:25,GAMA,B,2.00,50,EDGA,,DEMO02,Margin,AUTO',
          '17:50:00,GAMA,S,2.10,100,EDGA,,DEMO02,Margin,AUTO',
          '17:51:00,DELT,S,3.00,10,EDGA,,DEMO02,Margin,AUTO',
        ],
        '06-03-2026.csv',
        'Time,Symb,Side,Price,Qty,Route,Broker,Account,Type,Cloid',
        'Europe/Berlin',
      ),
    );
    expect(r.preset).toBe('das_trades');
    expect(r.trades.map((t) => [t.symbol, String(t.quantity), t.netPnl.toFixed(2), new Date(t.openedAt!).toISOString()])).toEqual([
      ['GAMA', '100', '10.00', '2026-06-03T15:43:25.000Z'],
    ]);
    expect(r.unopened.map((u) => [u.line, u.symbol])).toEqual([[5, 'DELT']]);
  });

  test('an export with a column DAS never writes is offered, not applied by itself', () => {
    const r = read(
      DAY.map((row) => `${row}x`),
      'Trades 2026-06-03.csv',
      `${HEADER}Strategy`,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.candidates.map((c) => [c.preset, c.confidence])).toEqual([['das_trades', 'likely']]);
  });
});
