import { describe, expect, test } from 'vitest';
import { parseImport, totalsByAccount, type ParseResult } from '../../src-main/imports/parse-import.ts';

/**
 * Robinhood account activity reports written as Robinhood writes them: every cell quoted,
 * newest first, `$12.34` and `($1,234.56)`, descriptions over several lines, `1S` contracts on
 * an expiry, and the disclaimer row at the end (one cell wider than the header).
 */
const HEADER = '"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"';
const DISCLAIMER =
  '"","","","","","","","","","The data provided is for informational purposes only. Please consult a professional tax service or personal tax advisor if you need instructions on how to calculate cost basis or questions regarding your specific tax situation. Reminder: This data does not replace the official tax document or statement of account provided by Robinhood."';
const parse = (rows: string[]) =>
  parseImport({
    bytes: new TextEncoder().encode([HEADER, ...rows, DISCLAIMER, ''].join('\n')),
    fileName: 'robinhood.csv',
    preset: 'auto',
    timeZone: 'America/New_York',
  });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const net = (r: Extract<ParseResult, { ok: true }>) => Object.fromEntries(r.trades.map((t) => [t.symbol, t.netPnl.toString()]));
const lots = (r: Extract<ParseResult, { ok: true }>) => r.openLots.map((l) => [l.symbol, l.side, l.quantity.toString(), l.price.toString()]);

describe('Robinhood account activity', () => {
  const activity = [
    '"3/20/2026","3/20/2026","3/20/2026","SPY","Option Expiration for SPY 3/20/2026 Put $560.00","OEXP","2S","",""',
    '"3/10/2026","3/10/2026","3/11/2026","SPY","SPY 3/20/2026 Put $560.00","STO","2","$1.10","$219.94"',
    '"3/5/2026","3/5/2026","3/6/2026","SPY","SPY 3/20/2026 Call $580.00","STC","2","$4.25","$849.94"',
    '"3/3/2026","3/3/2026","3/4/2026","SPY","SPY 3/20/2026 Call $580.00","BTO","2","$3.50","($700.04)"',
    '"3/2/2026","3/2/2026","3/4/2026","AAPL","Apple\nCUSIP: 037833100","Sell","60","$189.10","$11,345.98"',
    '"3/2/2026","3/2/2026","3/2/2026","MSFT","Cash Div: R/D 2026-02-15 P/D 2026-03-02 - 10 shares at 0.75","CDIV","","","$7.50"',
    '"2/27/2026","2/27/2026","3/2/2026","AAPL","Apple\nCUSIP: 037833100","Buy","100","$187.40","($18,740.00)"',
    '"2/25/2026","2/25/2026","2/25/2026","","Gold Subscription Fee","GOLD","","","($5.00)"',
    '"2/20/2026","2/20/2026","2/20/2026","","ACH Deposit","ACH","","","$25,000.00"',
    '"2/18/2026","2/18/2026","2/20/2026","NVDA","NVIDIA\nCUSIP: 67066G104","Sell","5","$180.00","$899.98"',
  ];

  test('detected by itself: options by their description x100, fees from the amount, an expiry closes the short put at 0', () => {
    const r = ok(parse(activity));
    expect(r.preset).toBe('robinhood_activity');
    expect(r.problems).toEqual([]);
    expect(r.fills).toBe(6);
    expect(net(r)).toEqual({ SPY260320C00580000: '149.9', AAPL: '101.98', SPY260320P00560000: '219.94' });
    expect(totalsByAccount(r.trades).map((t) => [t.account, t.trades, t.fees.toString(), t.net.toString()])).toEqual([['Robinhood', 3, '0.18', '471.82']]);
    expect(lots(r)).toEqual([['AAPL', 'long', '40', '187.4']]);
    const put = r.trades.find((t) => t.symbol === 'SPY260320P00560000')!;
    expect([put.side, put.pointValue!.toString(), put.quantity!.toString()]).toEqual(['short', '100', '2']);
  });

  test('the dividend, the Gold fee and the deposit are counted as cash, and a sale of shares bought before the report is no known opening position', () => {
    const r = ok(parse(activity));
    expect(r.notes.join(' ')).toMatch(/3 rows are cash \(dividends, deposits, interest, fees\), not trades/);
    // The multi-line description makes the NVDA row start on line 13.
    expect(r.unopened.map((u) => [u.line, u.symbol, u.quantity.toString()])).toEqual([[13, 'NVDA', '5']]);
  });

  test('a split adds its shares to the lot; an assignment closes the put at 0 and its shares open at the strike; fractional shares at the cash they cost', () => {
    const r = ok(
      parse([
        '"6/12/2026","6/12/2026","6/15/2026","NVDA","NVIDIA\nCUSIP: 67066G104","Sell","10","$120.00","$1,199.97"',
        '"6/10/2026","6/10/2026","6/10/2026","NVDA","NVIDIA\nCUSIP: 67066G104","SPL","9","",""',
        '"6/1/2026","6/1/2026","6/2/2026","NVDA","NVIDIA\nCUSIP: 67066G104","Buy","1","$1,000.00","($1,000.00)"',
        '"2/3/2026","2/3/2026","2/4/2026","AMD","Advanced Micro Devices\nCUSIP: 007903107","Sell","0.5","$210.00","$104.99"',
        '"2/2/2026","2/2/2026","2/3/2026","AMD","Advanced Micro Devices\nCUSIP: 007903107","Buy","0.5","$200.01","($100.00)"',
        '"1/16/2026","1/16/2026","1/20/2026","TSLA","TSLA 1/16/2026 Put $440.00","OASGN","1","",""',
        '"1/16/2026","1/16/2026","1/20/2026","TSLA","Tesla\nCUSIP: 88160R101\n1 TSLA Option Assigned","Buy","100","$440.00","($44,000.00)"',
        '"1/12/2026","1/12/2026","1/13/2026","TSLA","TSLA 1/16/2026 Put $440.00","STO","1","$5.00","$499.95"',
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(net(r)).toEqual({ TSLA260116P00440000: '499.95', AMD: '4.99', NVDA: '199.97' });
    expect(lots(r)).toEqual([['TSLA', 'long', '100', '440']]);
  });

  test('a trade Robinhood cancelled is warned about, never silently imported as if it stood', () => {
    const r = ok(
      parse([
        '"4/2/2026","4/2/2026","4/2/2026","AAPL","Apple\nCUSIP: 037833100","BCXL","10","$190.00","$1,900.00"',
        '"4/1/2026","4/1/2026","4/2/2026","AAPL","Apple\nCUSIP: 037833100","Buy","10","$190.00","($1,900.00)"',
      ]),
    );
    expect(r.warnings).toEqual([expect.stringMatching(/^Line 2: Robinhood cancelled a AAPL trade \(BCXL\)/)]);
  });

  test('the later layout with an Account Type column is read the same', () => {
    const withType = (line: string) => line.replace(/^("[^"]*","[^"]*","[^"]*",)/, '$1"Individual",');
    const r = ok(
      parseImport({
        bytes: new TextEncoder().encode([withType(HEADER).replace('"Individual"', '"Account Type"'), ...activity.map(withType), DISCLAIMER].join('\n')),
        preset: 'auto',
        timeZone: 'America/New_York',
      }),
    );
    expect(r.preset).toBe('robinhood_activity');
    expect(totalsByAccount(r.trades).map((t) => [t.account, t.trades, t.fees.toString(), t.net.toString()])).toEqual([['Robinhood', 3, '0.18', '471.82']]);
  });

  test('the layout with Account Type and Suppressed columns is read the same; a suppressed trade is warned about', () => {
    const wider = (line: string, flag: string) => `${line.replace(/^("[^"]*","[^"]*","[^"]*",)/, '$1"Margin",')},"${flag}"`;
    const header = wider(HEADER, 'Suppressed').replace('"Margin"', '"Account Type"');
    const r = ok(
      parseImport({
        bytes: new TextEncoder().encode([header, ...activity.map((line, i) => wider(line, i === 1 ? 'true' : 'false')), DISCLAIMER].join('\n')),
        preset: 'auto',
        timeZone: 'America/New_York',
      }),
    );
    expect(r.preset).toBe('robinhood_activity');
    expect(totalsByAccount(r.trades).map((t) => [t.account, t.trades, t.fees.toString(), t.net.toString()])).toEqual([['Robinhood', 3, '0.18', '471.82']]);
    expect(r.warnings).toEqual([expect.stringMatching(/trade on line 3 as suppressed/)]);
  });

  test('a report with a column Robinhood never writes is offered, not applied by itself', () => {
    const r = parseImport({
      bytes: new TextEncoder().encode([`${HEADER},"Notes"`, `${activity[6]},""`].join('\n')),
      preset: 'auto',
      timeZone: 'America/New_York',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.candidates.map((c) => [c.preset, c.confidence])).toEqual([['robinhood_activity', 'likely']]);
  });
});
