import { describe, expect, test } from 'vitest';
import type { GenericMapping } from '../../src-main/contract/import-schemas.ts';
import { parseImport } from '../../src-main/imports/parse-import.ts';

const bytes = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));
const auto = (lines: string[]) => parseImport({ bytes: bytes(lines), preset: 'auto', timeZone: 'America/Chicago' });
const mapped = (lines: string[], mapping: GenericMapping) => parseImport({ bytes: bytes(lines), preset: 'generic', mapping, timeZone: 'America/Chicago' });
const asTrades = (time: string, symbol: string, pnl: string): GenericMapping => ({
  kind: 'trades',
  columns: { time, symbol, pnl },
  dateFormat: 'auto',
  decimalStyle: 'auto',
  pointValue: '1',
});

const cashHistory = [
  'Account,Transaction ID,Timestamp,Date,Delta,Amount,Cash Change Type,Currency,Contract',
  'DEMO1234,50,10/01/2026 08:00:00,2026-10-01,25000.00,25000.00,Fund Transaction,USD,',
  'DEMO1234,101,10/05/2026 09:30:00,2026-10-05,-0.70,24999.30,Exchange Fee,USD,MNQZ6',
  'DEMO1234,104,10/05/2026 09:30:00,2026-10-05,-0.48,24998.82,Commission,USD,MNQZ6',
  'DEMO1234,600,10/05/2026 09:35:10,2026-10-05,15.00,25013.82,Trade Paired,USD,MNQZ6',
];

describe('cash and balance histories are never trades', () => {
  test('a Tradovate Cash History is recognised by detection and says so', () => {
    const r = auto(cashHistory);
    expect(r).toMatchObject({ ok: false, cashHistory: { kind: 'cash' } });
    expect(!r.ok && r.message).toMatch(/^This is a cash history .*“Cash Change Type”.*Nothing in it is imported as trades/);
  });

  test('mapped as closed trades (Delta as the P&L), the $25,000 deposit is still not a winning trade', () => {
    const r = mapped(cashHistory, asTrades('Timestamp', 'Contract', 'Delta'));
    expect(r).toMatchObject({ ok: false, cashHistory: { kind: 'cash' } });
  });

  test('a balance history of daily totals is recognised', () => {
    const r = mapped(
      [
        'Account ID,Account Name,Trade Date,Total Amount,Total Realized PNL',
        '1234,DEMO1234,2026-10-05,50013.82,15.00',
        '1234,DEMO1234,2026-10-06,49900.00,-113.82',
      ],
      asTrades('Trade Date', 'Account Name', 'Total Realized PNL'),
    );
    expect(r).toMatchObject({ ok: false, cashHistory: { kind: 'balance' } });
  });

  test('a ledger whose type column lists deposits and dividends is cash', () => {
    const r = auto([
      'Date,Type,Description,Amount',
      '01/02/2026,Deposit,ACH IN,5000.00',
      '01/15/2026,Dividend,KO,12.00',
      '01/31/2026,Interest,CREDIT INTEREST,1.10',
    ]);
    expect(r).toMatchObject({ ok: false, cashHistory: { kind: 'cash' } });
  });

  test('a file of closed trades with their P&L, or of fills, is not mistaken for one', () => {
    const closed = mapped(
      ['Date,Symbol,Type,P&L', '01/02/2026 10:00:00,MNQZ6,Long,40.00', '01/02/2026 11:00:00,MNQZ6,Short,-12.50'],
      asTrades('Date', 'Symbol', 'P&L'),
    );
    expect(closed.ok && closed.trades.length).toBe(2);
    const fills = mapped(['Time,Symbol,Side,Qty,Price,Amount,Description', '01/02/2026 10:00:00,AAPL,Buy,1,100,-100,Bought fee included'], {
      kind: 'fills',
      columns: { time: 'Time', symbol: 'Symbol', side: 'Side', quantity: 'Qty', price: 'Price' },
      dateFormat: 'auto',
      decimalStyle: 'auto',
      pointValue: '1',
    });
    expect(fills.ok).toBe(true);
  });
});
