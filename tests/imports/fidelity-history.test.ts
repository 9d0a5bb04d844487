import { describe, expect, test } from 'vitest';
import { parseImport, totalsByAccount, type ParseResult } from '../../src-main/imports/parse-import.ts';

/**
 * Fidelity account histories written as Fidelity writes them (a byte order mark, blank lines or
 * a title row before the header, leading spaces in unquoted cells, newest first, the disclaimer
 * and "Date downloaded" lines after the data), with amounts chosen to be checked by hand.
 */
const parse = (text: string, fileName: string) =>
  parseImport({ bytes: new TextEncoder().encode(text), fileName, preset: 'auto', timeZone: 'America/New_York' });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const net = (r: Extract<ParseResult, { ok: true }>) => Object.fromEntries(r.trades.map((t) => [t.symbol, t.netPnl.toString()]));
const lots = (r: Extract<ParseResult, { ok: true }>) => r.openLots.map((l) => [l.account, l.symbol, l.side, l.quantity.toString(), l.price.toString()]);

const DISCLAIMER = [
  '',
  '',
  '"The data and information in this spreadsheet is provided to you solely for your use and is not for distribution. The spreadsheet is provided for"',
  '"informational purposes only, and is not intended to provide advice, nor should it be construed as an offer to sell, a solicitation of an offer to buy or a"',
  '"purposes. For more information on the data included in this spreadsheet, including any limitations thereof, go to Fidelity.com."',
  '',
  '"Brokerage services are provided by Fidelity Brokerage Services LLC (FBS), 900 Salem Street, Smithfield, RI 02917. Custody and other services provided by National"',
  '',
  '"Date downloaded 06/21/2024 9:15 am"',
];

describe('Fidelity account history (one account)', () => {
  const file = [
    '\uFEFF',
    '',
    'Run Date,Action,Symbol,Description,Type,Quantity,Price ($),Commission ($),Fees ($),Accrued Interest ($),Amount ($),Cash Balance ($),Settlement Date',
    '06/20/2024, EXPIRED CALL (AAPL) APPLE INC JUN 14 24 $215 as of Jun-14-2024 CALL (AAPL) APPLE INC JUN 14 24 $215 (100 SHS) (Margin), -AAPL240614C215, CALL (AAPL) APPLE INC JUN 14 24 $215 (100 SHS),Margin,2,,,,,0.00,7376.89,',
    '06/12/2024, YOU SOLD APPLE INC (AAPL) (Cash), AAPL, APPLE INC,Cash,-10,215.50,,0.05,,2154.95,7376.89,06/13/2024',
    '06/10/2024, YOU SOLD OPENING TRANSACTION CALL (AAPL) APPLE INC JUN 14 24 $215 (100 SHS) (Margin), -AAPL240614C215, CALL (AAPL) APPLE INC JUN 14 24 $215 (100 SHS),Margin,-2,1.25,1.30,0.04,,248.66,5221.94,06/11/2024',
    '06/05/2024, REINVESTMENT SCHWAB US DIVIDEND EQUITY ETF (SCHD) (Cash), SCHD, SCHWAB US DIVIDEND EQUITY ETF,Cash,0.321,79.44,,,,-25.50,4973.28,',
    '06/05/2024, DIVIDEND RECEIVED SCHWAB US DIVIDEND EQUITY ETF (SCHD) (Cash), SCHD, SCHWAB US DIVIDEND EQUITY ETF,Cash,,,,,,25.50,4998.78,',
    '06/04/2024, INTEREST EARNED FDIC INSURED DEPOSIT AT WELLS FARGO BK (QPIQQ) (Cash), QPIQQ, FDIC INSURED DEPOSIT AT WELLS FARGO BK,Cash,,,,,,0.42,4973.28,',
    '06/03/2024, YOU BOUGHT APPLE INC (AAPL) (Cash), AAPL, APPLE INC,Cash,15,190.00,,,,-2850.00,4972.86,06/04/2024',
    '06/01/2024, Electronic Funds Transfer Received (Cash), , No Description,Cash,,,,,,5000,7822.86,',
    '05/31/2024, YOU SOLD CLOSING TRANSACTION CALL (SPY) SPDR S&P500 ETF JUN 07 24 $530 (100 SHS) (Margin), -SPY240607C530, CALL (SPY) SPDR S&P500 ETF JUN 07 24 $530 (100 SHS),Margin,-1,2.50,0.65,0.02,,249.33,2822.86,06/03/2024',
    '05/31/2024, REINVESTMENT FIDELITY GOVERNMENT MONEY MARKET (SPAXX) (Cash), SPAXX, FIDELITY GOVERNMENT MONEY MARKET,Cash,1.23,1,,,,-1.23,2573.53,',
    '05/30/2024, YOU BOUGHT OPENING TRANSACTION CALL (SPY) SPDR S&P500 ETF JUN 07 24 $530 (100 SHS) (Margin), -SPY240607C530, CALL (SPY) SPDR S&P500 ETF JUN 07 24 $530 (100 SHS),Margin,1,1.80,0.65,0.02,,-180.67,2574.76,05/31/2024',
    ...DISCLAIMER,
  ].join('\r\n');

  test('detected by itself past the BOM and blank lines; options x100, an expiry closes the short at 0, a reinvestment buys shares', () => {
    const r = ok(parse(file, 'History_for_Account_Z12345678.csv'));
    expect(r.preset).toBe('fidelity_history');
    expect(r.candidates.filter((c) => c.confidence === 'certain').map((c) => c.preset)).toEqual(['fidelity_history']);
    expect(r.problems).toEqual([]);
    expect(r.fills).toBe(6);
    expect(net(r)).toEqual({ '-SPY240607C530': '68.66', AAPL: '254.95', '-AAPL240614C215': '248.66' });
    expect(totalsByAccount(r.trades).map((t) => [t.account, t.trades, t.fees.toString(), t.net.toString()])).toEqual([['Z12345678', 3, '2.73', '572.27']]);
    expect(lots(r)).toEqual([
      ['Z12345678', 'AAPL', 'long', '5', '190'],
      ['Z12345678', 'SCHD', 'long', '0.321', '79.44'],
    ]);
    expect(r.unopened).toEqual([]);
    // The expired call closes on the day it expired ("as of Jun-14-2024"), not the day Fidelity ran it.
    const expired = r.trades.find((t) => t.symbol === '-AAPL240614C215')!;
    expect([expired.side, new Date(expired.closedAt).toISOString()]).toEqual(['short', '2024-06-14T04:00:00.000Z']);
  });

  test('dividends, interest, the deposit and the money market reinvestment are counted as cash, never problems', () => {
    const r = ok(parse(file, 'History_for_Account_Z12345678.csv'));
    expect(r.problems).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/4 rows are cash \(dividends, interest, transfers, deposits, the core money market\), not trades/);
  });

  test('a file with a column the history never writes is offered, not applied by itself', () => {
    const [bom, blank, header, ...rows] = file.split('\r\n');
    const r = parse([bom, blank, `${header},Notes`, ...rows].join('\r\n'), 'History.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.needsChoice).toBe(true);
    expect(r.candidates.map((c) => [c.preset, c.confidence])).toEqual([['fidelity_history', 'likely']]);
  });
});

describe('Fidelity account history (older and every-account layouts)', () => {
  test('the 2021 layout with its "Brokerage" title row: a treasury bought and sold by CUSIP is priced in percent of face', () => {
    const r = ok(
      parse(
        [
          '',
          '',
          '',
          'Brokerage',
          '',
          'Run Date,Action,Symbol,Security Description,Security Type,Quantity,Price ($),Commission ($),Fees ($),Accrued Interest ($),Amount ($),Settlement Date',
          ' 12/03/2021, YOU SOLD, 9128285B2, UNITED STATES TREAS NTS NOTE 2.75000% 09/30/2020,Cash,-3000,99.95,,,0.23,2998.73,',
          ' 11/30/2021, DIVIDEND RECEIVED FIDELITY TREASURY MONEY MARKET FUND (FZFXX) (Cash), FZFXX, FIDELITY TREASURY MONEY MARKET FUND,Cash,,,,,,0.02,',
          ' 09/01/2021, MERGER MER FROM G8354H126#REOR M0099999990001 GINKGO BIOWORKS HOLDINGS INC CL A SHS (DNA) (Cash), DNA, GINKGO BIOWORKS HOLDINGS INC CL A SHS,Cash,1,,,,,,',
          ' 09/24/2021, YOU BOUGHT, 9128285B2, UNITED STATES TREAS NTS NOTE 2.75000% 09/30/2020,Cash,3000,99.85,,,0.23,-2995.73,',
          ...DISCLAIMER.slice(0, -1),
          '"Date downloaded" 12/31/2021, 9:11 AM',
        ].join('\n'),
        'History_for_Account_X99999999.csv',
      ),
    );
    expect(r.preset).toBe('fidelity_history');
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.pointValue!.toString(), t.grossPnl.toString()])).toEqual([['9128285B2', '0.01', '3']]);
    expect(r.openLots).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/1 rows are cash.*1 rows move shares without a trade/);
  });

  test('the every-account download: one account per Account Number, a sale of shares held before the file is no known opening position', () => {
    const r = ok(
      parse(
        [
          '',
          '',
          'Run Date,Account,Account Number,Action,Symbol,Description,Type,Exchange Quantity,Exchange Currency,Currency,Price,Quantity,Exchange Rate,Commission,Fees,Accrued Interest,Amount,Settlement Date',
          '12/03/2025,"Brokerage","333333333","YOU SOLD WASTE MANAGEMENT INC (WM) (Margin)",WM,"WASTE MANAGEMENT INC",Margin,0,,USD,212.14,-18,0,,0.04,,3818.48,12/04/2025',
          '12/03/2025,"IRA Account","111111111","DIVIDEND RECEIVED VANGUARD BD INDEX FDS TOTAL BND MRKT (BND) (Cash)",BND,"VANGUARD BD INDEX FDS TOTAL BND MRKT",Cash,0,,USD,,0.000,0,,,,713.08,',
          '12/02/2025,"IRA Account","111111111","YOU SOLD NVIDIA CORP (NVDA) (Cash)",NVDA,"NVIDIA CORP",Cash,0,,USD,180.00,-5,0,,0.01,,899.99,12/03/2025',
          '12/03/2025,"CMA","444444444","DIRECT DEPOSIT XXXX ACH DEPOSIT (Cash)", ,"No Description",Cash,0,,USD,,0.000,0,,,,8613.36,',
          '11/17/2025,"Brokerage","333333333","YOU BOUGHT WASTE MANAGEMENT INC (WM) (Margin)",WM,"WASTE MANAGEMENT INC",Margin,0,,USD,208.64,18,0,,,,-3755.52,11/18/2025',
          '',
          '',
          'Date downloaded 12/03/2025 3:00 pm',
        ].join('\n'),
        'Accounts_History.csv',
      ),
    );
    expect(r.preset).toBe('fidelity_history');
    expect(r.problems).toEqual([]);
    expect(totalsByAccount(r.trades).map((t) => [t.account, t.trades, t.fees.toString(), t.net.toString()])).toEqual([['333333333', 1, '0.04', '62.96']]);
    expect(r.unopened.map((u) => [u.line, u.account, u.symbol, u.quantity.toString()])).toEqual([[6, '111111111', 'NVDA', '5']]);
    expect(r.openLots).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/2 rows are cash/);
  });
});
