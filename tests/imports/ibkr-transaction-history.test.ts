import { describe, expect, test } from 'vitest';
import { parseImport, type ParseResult } from '../../src-main/imports/parse-import.ts';

// Interactive Brokers' Transaction History report (Portal → Performance & Reports → Transaction
// History): sections like an Activity Statement, one row per transaction, newest first, dates
// without a time, signed quantities, commissions negative and `-` where there is none.
const read = (lines: string[]) => parseImport({ bytes: new Uint8Array(Buffer.from(lines.join('\n'))), preset: 'auto', timeZone: 'America/New_York' });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const HEAD = [
  'Statement,Header,Field Name,Field Value',
  'Statement,Data,Title,Transaction History',
  'Statement,Data,Period,"January 1, 2026 - May 31, 2026"',
  'Summary,Header,Field Name,Field Value',
  'Summary,Data,Base Currency,USD',
  'Transaction History,Header,Date,Account,Description,Transaction Type,Symbol,Quantity,Price,Price Currency,Gross Amount ,Commission,Net Amount',
];

describe('Interactive Brokers Transaction History', () => {
  test('buys and sells are fills with their commission, an expired option closes at 0, cash rows are left out', () => {
    const r = ok(
      read([
        ...HEAD,
        'Transaction History,Data,2026-05-21,U***25818,SOFI TECHNOLOGIES INC,Sell,SOFI,-55.0,16.00,USD,880.0,-1.00,879.0',
        'Transaction History,Data,2026-05-20,U***25818,SOFI(US83406F1021) Cash Dividend,Dividend,SOFI,-,-,-,5.00,-,5.00',
        'Transaction History,Data,2026-05-19,U***25818,SOFI TECHNOLOGIES INC,Buy,SOFI,55.0,15.4493,USD,-849.7115,-0.86,-850.5715',
        'Transaction History,Data,2026-01-17,U***25818,AAPL 17JAN26 200 C,Expired,AAPL  260117C00200000,-1.0,0.0,USD,0.0,-,0.0',
        'Transaction History,Data,2026-01-05,U***25818,AAPL 17JAN26 200 C,Buy,AAPL  260117C00200000,1.0,2.50,USD,-250.0,-0.65,-250.65',
        'Transaction History,Data,2026-01-02,U***25818,Electronic Fund Transfer,Deposit,-,-,-,-,10000.0,-,10000.0',
      ]),
    );
    expect(r.preset).toBe('ibkr_transaction_history');
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.account, t.symbol, t.side, t.quantity?.toString(), t.currency])).toEqual([
      ['U***25818', 'AAPL260117C00200000', 'long', '1', 'USD'],
      ['U***25818', 'SOFI', 'long', '55', 'USD'],
    ]);
    expect(r.trades.map((t) => [t.grossPnl.toFixed(4), t.fees.toFixed(2), t.netPnl.toFixed(4)])).toEqual([
      ['-250.0000', '0.65', '-250.6500'],
      ['30.2885', '1.86', '28.4285'],
    ]);
    expect(r.notes.join(' ')).toMatch(/2 rows are cash/);
  });

  test('a column the report does not write makes it asked, not applied', () => {
    const r = read([...HEAD.slice(0, -1), `${HEAD.at(-1)},Strategy`, 'Transaction History,Data,2026-05-19,U1,X,Buy,X,1,1,USD,-1,-,-1,s']);
    expect(r).toMatchObject({ ok: false, needsChoice: true, candidates: expect.arrayContaining([expect.objectContaining({ confidence: 'likely' })]) });
  });
});
