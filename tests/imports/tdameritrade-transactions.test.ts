import { describe, expect, test } from 'vitest';
import { parseImport, totalsByAccount, type ParseResult } from '../../src-main/imports/parse-import.ts';

/**
 * TD Ameritrade transaction downloads written as TD Ameritrade writes them: oldest first, the
 * side in the description, a leading space in the last column's name, and `***END OF FILE***`.
 */
const parse = (lines: string[], fileName = 'transactions.csv') =>
  parseImport({ bytes: new TextEncoder().encode(`${lines.join('\n')}\n`), fileName, preset: 'auto', timeZone: 'America/New_York' });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const net = (r: Extract<ParseResult, { ok: true }>) => r.trades.map((t) => [t.symbol, t.netPnl.toString()]);

describe('TD Ameritrade transactions', () => {
  const header =
    'DATE,TRANSACTION ID,DESCRIPTION,QUANTITY,SYMBOL,PRICE,COMMISSION,AMOUNT,REG FEE,SHORT-TERM RDM FEE,FUND REDEMPTION FEE, DEFERRED SALES CHARGE';
  const transactions = [
    header,
    '06/10/2021,35012345601,CLIENT REQUESTED ELECTRONIC FUNDING RECEIPT (FUNDS NOW),,,,,6000.00,,,,',
    '06/11/2021,35012345602,Bought 30 BP @ 27.71,30,BP,27.71,0.00,-831.30,,,,',
    '06/11/2021,35012345603,Bought 5 COST @ 383.86,5,COST,383.86,0.00,-1919.30,,,,',
    '08/13/2021,36012345604,QUALIFIED DIVIDEND (COST),,COST,,,3.95,,,,',
    '09/24/2021,37012345605,ADR FEE (BP),,BP,,,-0.15,,,,',
    '10/25/2021,38012345606,Sold 5 COST @ 490.045,5,COST,490.045,0.00,2450.22,0.01,,,',
    '11/01/2021,38012345607,Bought 2 SPY Nov 19 2021 470.0 Put @ 3.10,2,SPY Nov 19 2021 470.0 Put,3.10,1.30,-621.30,,,,',
    '11/05/2021,38012345608,Sold 1 SPY Nov 19 2021 470.0 Put @ 4.00,1,SPY Nov 19 2021 470.0 Put,4.00,0.65,399.34,0.01,,,',
    '11/22/2021,38012345609,REMOVAL OF OPTION DUE TO EXPIRATION (SPY Nov 19 2021 470.0 Put),1,SPY Nov 19 2021 470.0 Put,,,0.00,,,,',
    '12/01/2021,39012345610,Sold Short 100 XYZ @ 10.00,100,XYZ,10.00,0.00,999.98,0.02,,,',
    '12/03/2021,39012345611,Bought to Cover 100 XYZ @ 9.50,100,XYZ,9.50,0.00,-950.00,,,,',
    '12/10/2021,39012345612,Sold 10 ON @ 57.85,10,ON,57.85,0.00,578.50,,,,',
    '***END OF FILE***',
  ];

  test('detected by itself: sides from the description, options x100 closed at 0 on expiry, a short sale and its cover', () => {
    const r = ok(parse(transactions));
    expect(r.preset).toBe('tdameritrade_transactions');
    expect(r.problems).toEqual([]);
    expect(r.fills).toBe(8);
    expect(net(r)).toEqual([
      ['COST', '530.915'],
      ['SPY211119P00470000', '88.69'],
      ['SPY211119P00470000', '-310.65'],
      ['XYZ', '49.98'],
    ]);
    expect(totalsByAccount(r.trades).map((t) => [t.account, t.trades, t.fees.toString(), t.net.toString()])).toEqual([['TD Ameritrade', 4, '1.99', '358.935']]);
    expect(r.openLots.map((l) => [l.symbol, l.side, l.quantity.toString(), l.price.toString()])).toEqual([['BP', 'long', '30', '27.71']]);
  });

  test('the funding, the dividend and the ADR fee are cash; a sale of shares bought before the file is no known opening position', () => {
    const r = ok(parse(transactions));
    expect(r.notes.join(' ')).toMatch(/3 rows are cash \(dividends, interest, funding, fees\), not trades/);
    expect(r.unopened.map((u) => [u.line, u.symbol, u.quantity.toString()])).toEqual([[13, 'ON', '10']]);
  });

  test('the older download with a NET CASH BALANCE column, its account from the file name', () => {
    const r = ok(
      parse(
        [
          'DATE,TRANSACTION ID,DESCRIPTION,QUANTITY,SYMBOL,PRICE,COMMISSION,AMOUNT,NET CASH BALANCE,REG FEE,SHORT-TERM RDM FEE,FUND REDEMPTION FEE, DEFERRED SALES CHARGE',
          '12/29/2008,123345670,Bought 500 DIA @ 88.00,500,DIA,88.00,9.99,-44009.99,-19881.60,,,,',
          '01/02/2009,123345678,Sold 500 DIA @ 90.25,500,DIA,90.25,9.99,45114.75,25233.15,0.26,,,',
          '***END OF FILE***',
        ],
        '123456789_transactions.csv',
      ),
    );
    expect(r.preset).toBe('tdameritrade_transactions');
    expect(r.trades.map((t) => [t.account, t.symbol, t.fees.toString(), t.netPnl.toString()])).toEqual([['123456789', 'DIA', '20.24', '1104.76']]);
  });

  test('the first download, ending with SALES FEE: a split adds shares, a dividend reinvestment buys them', () => {
    const r = ok(
      parse([
        'DATE,TRANSACTION ID,DESCRIPTION,QUANTITY,SYMBOL,PRICE,COMMISSION,AMOUNT,SALES FEE',
        '12/20/2005,2109615645,ACCOUNT TRANSFER INCOMING (VIA CHECK),,,,,346.56,',
        '01/06/2006,2123456701,Bought 10 IJR @ 120.00,10,IJR,120.00,9.99,-1209.99,',
        '03/10/2006,2123456702,STOCK SPLIT (IJR),10,IJR,,,,',
        '03/31/2006,2123456703,DIVIDEND REINVESTMENT (IJR),0.5,IJR,62.00,,-31.00,',
        '06/01/2006,2123456704,Sold 20 IJR @ 65.00,20,IJR,65.00,9.99,1289.98,0.03',
        '***END OF FILE***',
      ]),
    );
    expect(r.preset).toBe('tdameritrade_transactions');
    expect(r.problems).toEqual([]);
    // 20 shares at 60 after the 2-for-1 split, sold at 65: 100, less 9.99 + 9.99 + 0.03.
    expect(r.trades.map((t) => [t.symbol, t.grossPnl.toString(), t.fees.toString(), t.netPnl.toString()])).toEqual([['IJR', '100', '20.01', '79.99']]);
    expect(r.openLots.map((l) => [l.symbol, l.quantity.toString(), l.price.toString()])).toEqual([['IJR', '0.5', '62']]);
    expect(r.notes.join(' ')).toMatch(/1 rows are cash/);
  });

  test('a download with a column TD Ameritrade never writes is offered, not applied by itself', () => {
    const r = parse([`${header},NOTES`, `${transactions[2]},`, '***END OF FILE***']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.needsChoice).toBe(true);
    expect(r.candidates.filter((c) => c.confidence === 'certain')).toEqual([]);
    expect([r.candidates[0]!.preset, r.candidates[0]!.confidence]).toEqual(['tdameritrade_transactions', 'likely']);
  });
});
