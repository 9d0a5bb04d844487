import { describe, expect, test } from 'vitest';
import { parseImport, totalsByAccount, type ParseResult } from '../../src-main/imports/parse-import.ts';
import { Decimal } from '../../src-main/money/money.ts';

/**
 * Stock and option exports written to each broker's format (the columns, quoting, signs and
 * row kinds the brokers write), with amounts chosen so every figure can be checked by hand.
 */
const parse = (lines: string[], fileName = 'export.csv', timeZone = 'America/New_York') =>
  parseImport({ bytes: new TextEncoder().encode(lines.join('\r\n')), fileName, preset: 'auto', timeZone });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const net = (r: Extract<ParseResult, { ok: true }>) => Object.fromEntries(r.trades.map((t) => [t.symbol, t.netPnl.toString()]));
const lots = (r: Extract<ParseResult, { ok: true }>) => r.openLots.map((l) => [l.symbol, l.side, l.quantity.toString(), l.price.toString()]);

describe('Schwab transactions', () => {
  const schwab = [
    '"Transactions  for account XXXX-1234 as of 09/27/2025 09:41:51 ET"',
    '"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount",',
    '"09/03/2025","Qualified Dividend","KO","COCA COLA CO","","","","$12.00",',
    '"08/25/2025 as of 08/22/2025","Expired","APP 08/22/2025 475.00 C","CALL APPLOVIN CORP $475 EXP 08/22/25","4","","","",',
    '"08/18/2025","Sell to Open","APP 08/22/2025 475.00 C","CALL APPLOVIN CORP $475 EXP 08/22/25","4","$1.10","$2.65","$437.35",',
    '"07/20/2025","Sell","AVGO","BROADCOM INC","5","$180.00","$0.05","$899.95",',
    '"07/15/2025 as of 07/14/2025","Stock Split","AVGO","BROADCOM INC","9","","","",',
    '"07/01/2025","Buy","AVGO","BROADCOM INC","1","$1,680.00","","-$1,680.00",',
    '"06/16/2025 as of 06/13/2025","Buy","RKLB","ROCKET LAB CORP","1,000","$27.00","","-$27,000.00",',
    '"06/16/2025 as of 06/13/2025","Assigned","RKLB 06/13/2025 27.00 P","PUT ROCKET LAB CORP $27 EXP 06/13/25","10","","","",',
    '"06/12/2025","Sell to Open","RKLB 06/13/2025 27.00 P","PUT ROCKET LAB CORP $27 EXP 06/13/25","10","$0.55","$6.65","$543.35",',
    '"05/02/2025","Sell","NVDA","NVIDIA CORP","10","$110.00 ","","$1,100.00",',
    '"04/03/2025","Buy to Cover","SNAP","SNAP INC CLASS A","100","$10.075","","-$1,007.50",',
    '"04/02/2025","Sell Short","SNAP","SNAP INC CLASS A","100","$12.50","$0.02","$1,249.98",',
    '"03/18/2025","Buy to Close","SMCI 03/22/2025 1200.00 C","CALL SUPER MICRO COMPUTE$1200 EXP 03/22/25","1","$9.50","$0.66","-$950.66",',
    '"03/18/2025","Sell to Open","SMCI 03/22/2025 1200.00 C","CALL SUPER MICRO COMPUTE$1200 EXP 03/22/25","1","$41.50","$0.69","$4,149.31",',
    '"01/02/2025","MoneyLink Transfer","","Tfr BANK OF AMERICA","","","","$25,000.00",',
    '"Transactions Total","","","","","","","$4,000.00",',
  ];

  test('trades by detection: expiries and assignments close at 0, a split scales the lot, same-day opens before closes, short sales and covers', () => {
    const r = ok(parse(schwab));
    expect(r.preset).toBe('schwab_transactions');
    expect(r.problems).toEqual([]);
    expect(net(r)).toEqual({
      'APP 08/22/2025 475.00 C': '437.35',
      AVGO: '59.95',
      'RKLB 06/13/2025 27.00 P': '543.35',
      SNAP: '242.48',
      'SMCI 03/22/2025 1200.00 C': '3198.65',
    });
    expect(totalsByAccount(r.trades).map((t) => [t.account, t.trades, t.net.toString()])).toEqual([['XXXX-1234', 5, '4481.78']]);
    expect(lots(r)).toEqual([
      ['RKLB', 'long', '1000', '27'],
      ['AVGO', 'long', '5', '168'],
    ]);
    // The expiry is dated by its "as of" day, the trade date.
    const app = r.trades.find((t) => t.symbol.startsWith('APP'))!;
    expect(new Date(app.closedAt).toISOString()).toBe('2025-08-22T04:00:00.000Z');
    expect(r.notes.join(' ')).toMatch(/2 rows are cash/);
  });

  test('a sale of shares the history never bought is no known opening position, excluded from P&L', () => {
    const r = ok(parse(schwab));
    expect(r.unopened.map((u) => [u.line, u.symbol, u.side, u.quantity.toString(), u.price.toString()])).toEqual([[12, 'NVDA', 'sell', '10', '110']]);
  });

  test('the opening price the trader enters for that line makes it a trade', () => {
    const r = ok(
      parseImport({
        bytes: new TextEncoder().encode(schwab.join('\n')),
        preset: 'auto',
        timeZone: 'America/New_York',
        openingPrices: new Map([[12, new Decimal('95.5')]]),
      }),
    );
    expect(r.unopened).toEqual([]);
    expect(net(r).NVDA).toBe('145');
  });

  test('an account the title names by its nickname (General Investing ...XXX) is the whole name, so two accounts nicknamed alike stay apart', () => {
    const titled = (name: string) => ok(parse([`"Transactions  for account ${name} as of 05/03/2023 02:21:05 PM ET"`, ...schwab.slice(1)]));
    expect(titled('General Investing ...876').trades[0]!.account).toBe('General Investing ...876');
    expect(titled('General Savings ...123').trades[0]!.account).toBe('General Savings ...123');
  });

  test('without its title row, the account comes from the file name', () => {
    const r = ok(parse(schwab.slice(1), 'Individual_XXX178_Transactions_20250927-094151.csv'));
    expect(r.trades[0]!.account).toBe('XXX178');
  });
});

describe('tastytrade transactions', () => {
  const header =
    'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency';

  test('signed values and average prices are never prices; an expiry closes the short at 0; a deposit is cash', () => {
    const r = ok(
      parse([
        header,
        '2024-06-21T16:00:00-0400,Receive Deliver,Expiration,,CLNE  240621C00014000,Equity Option,Removal of 1.0 CLNE 06/21/24 Call 14.00 due to expiration.,0.00,1,0.00,--,0.00,100,CLNE,CLNE,6/21/24,14,CALL,,0.00,USD',
        '2024-06-10T10:00:00-0400,Trade,Sell to Open,SELL_TO_OPEN,CLNE  240621C00014000,Equity Option,Sold 1 CLNE 06/21/24 Call 14.00 @ 0.95,95.00,1,95.00,-1.00,-0.14,100,CLNE,CLNE,6/21/24,14,CALL,335000001,93.86,USD',
        '2024-06-05T11:00:00-0400,Trade,Sell to Close,SELL_TO_CLOSE,SPY   240611C00537000,Equity Option,Sold 2 SPY 06/11/24 Call 537.00 @ 2.10,420.00,2,210.00,-2.00,-0.28,100,SPY,SPY,6/11/24,537,CALL,335000003,417.72,USD',
        '2024-06-04T10:00:00-0400,Trade,Buy to Open,BUY_TO_OPEN,SPY   240611C00537000,Equity Option,Bought 2 SPY 06/11/24 Call 537.00 @ 1.36,-272.00,2,-136.00,-2.00,-0.28,100,SPY,SPY,6/11/24,537,CALL,335000002,-274.28,USD',
        '2024-06-03T09:31:00-0400,Trade,Sell to Close,SELL_TO_CLOSE,AAPL,Equity,Sold 10 AAPL @ 195.00,"1,950.00",10,195.00,0.00,-0.05,,AAPL,AAPL,,,,335000004,"1,949.95",USD',
        '2024-06-03T09:30:00-0400,Money Movement,Deposit,,,,Wire Funds Received,"25,000.00",0,,--,0.00,,,,,,,,"25,000.00",USD',
      ]),
    );
    expect(r.preset).toBe('tastytrade_transactions');
    expect(r.problems).toEqual([]);
    expect(net(r)).toEqual({ SPY240611C00537000: '143.44', CLNE240621C00014000: '93.86' });
    expect(r.unopened.map((u) => [u.symbol, u.quantity.toString()])).toEqual([['AAPL', '10']]);
    expect(r.openLots).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/1 money movements/);
  });

  test('futures options take their size from the value (the Multiplier column says 1); a future’s value is its mark, not its cost', () => {
    const r = ok(
      parse([
        header,
        '2024-09-20T17:00:00-0400,Receive Deliver,Expiration,SELL_TO_CLOSE,./ESU4 EW4U4 240920P5100,Future Option,Removal of option due to expiration,0.00,1,0.00,--,0.00,1,./ESU4 EW4U4,/ESU4,9/20/24,5100.0,PUT,,0.00,USD',
        '2024-09-10T09:32:26-0400,Trade,Sell,SELL,/CLV4,Future,Sold 2 /CLV4 @ 68.40,-300.00,2,-150.00,-2.50,-3.64,,/CL,/CLV4,,,,7004,-306.14,USD',
        '2024-09-10T09:12:32-0400,Trade,Buy,BUY,/CLV4,Future,Bought 2 /CLV4 @ 68.55,0.00,2,0.00,-2.50,-3.64,,/CL,/CLV4,,,,7003,-6.14,USD',
        '2024-05-23T11:01:37-0400,Trade,Buy to Open,BUY_TO_OPEN,./ESU4 EW4U4 240920P5100,Future Option,Bought 1 /ESU4 EW4U4 09/20/24 Put 5100.00 @ 12.25,-612.50,1,-612.50,-1.50,-0.46,1,./ESU4 EW4U4,/ESU4,9/20/24,5100.0,PUT,7001,-614.46,USD',
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.grossPnl.toString(), t.netPnl.toString()])).toEqual([
      ['/CLV4', '-300', '-312.28'],
      ['./ESU4 EW4U4 240920P5100', '-612.5', '-614.46'],
    ]);
  });

  test('a reverse split with a new symbol moves the lot at the same cost, with no trade', () => {
    const r = ok(
      parse([
        header,
        '2020-05-01T10:00:00-0400,Trade,Sell to Close,SELL_TO_CLOSE,USO1,Equity,Sold 10 USO1 @ 20.00,200.00,10,20.00,-1.00,-0.01,,USO1,USO1,,,,9003,198.99,USD',
        '2020-04-29T12:35:00-0400,Receive Deliver,Reverse Split,BUY_TO_OPEN,USO1,Equity,Reverse split: Open 10 USO1,-160.00,10,-16.00,--,0.00,,USO1,USO1,,,,,-160.00,USD',
        '2020-04-29T12:35:00-0400,Receive Deliver,Reverse Split,SELL_TO_CLOSE,USO,Equity,Reverse split: Close 80 USO,160.00,80,2.00,--,0.00,,USO,USO,,,,,160.00,USD',
        '2020-04-01T10:00:00-0400,Trade,Buy to Open,BUY_TO_OPEN,USO,Equity,Bought 80 USO @ 2.00,-160.00,80,-2.00,-1.00,-0.01,,USO,USO,,,,9001,-161.01,USD',
      ]),
    );
    expect(r.trades.map((t) => [t.symbol, t.grossPnl.toString(), t.netPnl.toString()])).toEqual([['USO1', '40', '37.98']]);
    expect(r.openLots).toEqual([]);
  });

  test('fees written as a binary float in full (0.1399999999999999) are that fee, not a shifted column', () => {
    // tastyworks exports of 2020-2022 wrote some fees with float noise; every row of such a file was refused before.
    const r = ok(
      parse([
        'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Currency',
        '2021-03-02T15:30:00+0000,Trade,Sell to Close,SELL_TO_CLOSE,XYZ   210319C00030000,Equity Option,Sold 2 XYZ 03/19/21 Call 30.00 @ 1.50,300,2,150.0,0,0.2839999999999999,100,XYZ,XYZ,3/19/21,30,CALL,123456,USD',
        '2021-03-01T15:30:00+0000,Trade,Buy to Open,BUY_TO_OPEN,XYZ   210319C00030000,Equity Option,Bought 2 XYZ 03/19/21 Call 30.00 @ 1.00,-200,2,100.0,-2.00,0.1419999999999999,100,XYZ,XYZ,3/19/21,30,CALL,123456,USD',
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.grossPnl.toString(), t.fees.toString(), t.netPnl.toString()])).toEqual([
      ['XYZ210319C00030000', '100', '2.426', '97.574'],
    ]);
  });

  test('shares trade at the cash they cost: the description rounds the price to the cent, the value does not', () => {
    // `Bought 29 XYZW @ 2.96` for 85.72 (2.9558... a share): the value is what was paid, and shares have no multiplier to infer.
    const r = ok(
      parse([
        header,
        '2021-01-20T18:55:21+0100,Trade,Sell to Close,SELL_TO_CLOSE,XYZW,Equity,Sold 100 XYZW @ 4.17,417.00,100,4.17,0.00,-0.10,,,,,,,124000002,417.00,USD',
        '2020-12-09T15:45:24+0100,Trade,Buy to Open,BUY_TO_OPEN,XYZW,Equity,Bought 29 XYZW @ 2.96,-85.72,29,-2.96,0.00,-0.02,,,,,,,117000001,-85.74,USD',
        '2020-12-09T15:45:24+0100,Trade,Buy to Open,BUY_TO_OPEN,XYZW,Equity,Bought 71 XYZW @ 2.96,-210.16,71,-2.96,0.00,-0.06,,,,,,,117000001,-210.22,USD',
        '2020-12-08T15:00:00+0100,Trade,Buy to Open,BUY_TO_OPEN,ABC,Equity,Bought 100 ABC @ 9.40,-940.50,100,-9.41,0.00,0.00,,,,,,,117000000,-940.50,USD',
        '2020-12-09T15:00:00+0100,Trade,Sell to Close,SELL_TO_CLOSE,ABC,Equity,Sold 100 ABC @ 9.50,950.00,100,9.50,0.00,0.00,,,,,,,117000003,950.00,USD',
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.grossPnl.toString(), t.netPnl.toString()]).sort()).toEqual([
      ['ABC', '9.5', '9.5'],
      ['XYZW', '121.12', '120.94'],
    ]);
  });

  test('the 2018 tastyworks layout, with side and open/close in their own columns', () => {
    const r = ok(
      parse([
        'Date/Time,Transaction Code,Transaction Subcode,Symbol,Buy/Sell,Open/Close,Quantity,Expiration Date,Strike,Call/Put,Price,Fees,Amount,Description,Account Reference',
        '07/20/2018 10:00 PM,Receive Deliver,Expiration,MU,,,1,07/20/2018,70,C,,0.00,0,Removal of 1 MU 07/20/18 Call 70.00 due to expiration.,Individual...39',
        '05/30/2018 6:24 PM,Trade,Buy to Open,MU,Buy,Open,1,07/20/2018,70,C,2.4,1.14,-240,Bought 1 MU 07/20/18 Call 70.00 @ 2.40,Individual...39',
      ]),
    );
    expect(r.trades.map((t) => [t.account, t.symbol, t.netPnl.toString()])).toEqual([['Individual...39', 'MU 07/20/2018 70 C', '-241.14']]);
  });
});

describe('Webull Orders Records', () => {
  const header = 'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time';

  test('a multi-leg order counts by its legs (the summary row has no symbol); stocks at 1, a short sale opens a short', () => {
    const r = ok(
      parse([
        header,
        'ACME Corp,ACME,Buy,Filled,100,100,@MKT,10.0500000000,DAY,03/28/2026 10:00:00 EDT,03/28/2026 10:00:01 EDT',
        'ACME Corp,ACME,Short,Filled,100,100,@10.3000000000,10.3000000000,DAY,03/28/2026 09:40:00 EDT,03/28/2026 09:40:02 EDT',
        'SPXW Vertical,,Buy,Filled,2,2,@0.4000000000,0.4000000000,DAY,03/27/2026 11:32:19 EDT,03/27/2026 11:32:30 EDT',
        ',SPXW260327C06540000,Buy,Filled,2,2,@1.10,1.10,DAY,03/27/2026 11:32:19 EDT,03/27/2026 11:32:30 EDT',
        ',SPXW260327C06545000,Sell,Filled,2,2,@0.70,0.70,DAY,03/27/2026 11:32:19 EDT,03/27/2026 11:32:30 EDT',
        'SPXW Vertical,,Sell,Filled,2,2,@1.2500000000,1.2500000000,DAY,03/26/2026 16:01:46 EDT,03/26/2026 16:01:46 EDT',
        ',SPXW260327C06540000,Sell,Filled,2,2,@12.97,12.97,DAY,03/26/2026 16:01:46 EDT,03/26/2026 16:01:46 EDT',
        ',SPXW260327C06545000,Buy,Filled,2,2,@11.72,11.72,DAY,03/26/2026 16:01:46 EDT,03/26/2026 16:01:46 EDT',
        'ACME Corp,ACME,Buy,Cancelled,0,100,@9.00,,GTC,03/25/2026 10:00:00 EDT,',
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(r.fills).toBe(6);
    expect(net(r)).toEqual({ ACME: '25', SPXW260327C06545000: '-2204' });
    // A plain "Sell" of an option with nothing open is not taken for a sale to open: the trader says which.
    expect(r.unopened.map((u) => [u.line, u.symbol])).toEqual([[8, 'SPXW260327C06540000']]);
    expect(lots(r)).toEqual([['SPXW260327C06540000', 'long', '2', '1.1']]);
    expect(r.notes.join(' ')).toMatch(/2 multi-leg orders are counted by their legs/);
  });
});

describe('Interactive Brokers Activity Statement', () => {
  const header = 'Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price,Proceeds,Comm/Fee,Basis,Realized P/L,Code';

  test('a statement with Trade rows and no Order rows counts each execution once', () => {
    const r = ok(
      parse([
        header,
        'Trades,Data,Trade,Equity and Index Options,EUR,XYZ 16AUG24 50 P,"2024-07-01, 10:00:00",-1,2.5,250,-1,-249,0,O',
        'Trades,Data,Trade,Equity and Index Options,EUR,XYZ 16AUG24 50 P,"2024-08-16, 16:20:00",1,0,0,0,249,249,A;C',
        'Trades,Data,ClosedLot,Equity and Index Options,EUR,XYZ 16AUG24 50 P,2024-07-01,-1,2.49,,,-249,249,ST',
        'Trades,Data,Trade,Stocks,EUR,XYZ,"2024-08-16, 16:20:00",100,50,-5000,0,5000,0,A;O',
      ]),
    );
    expect(totalsByAccount(r.trades).map((t) => [t.currency, t.trades, t.net.toString()])).toEqual([['EUR', 1, '249']]);
    expect(r.notes.join(' ')).toMatch(/without Order rows: each execution is counted once.*2 opening executions/);
  });

  test('a statement without Realized P/L is read as fills and matched FIFO, its codes saying open or close', () => {
    const r = ok(
      parse([
        'Statement,Header,Field Name,Field Value',
        'Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price,Proceeds,Comm/Fee,Code',
        'Trades,Data,Order,Stocks,USD,MPC,"2024-10-31, 09:30:00",8,146.21,-1169.68,-0.36,O',
        'Trades,Data,Order,Stocks,USD,MPC,"2024-12-17, 09:31:09",-8,136.00,1088,-0.36,C',
        'Trades,Data,Order,Equity and Index Options,USD,TQQQ 19DEC25 50 P,"2025-12-01, 10:45:00",-1,0.5,50,-1,C',
      ]),
    );
    expect(r.preset).toBe('ibkr_activity_statement');
    expect(net(r)).toEqual({ MPC: '-82.4' });
    expect(r.unopened.map((u) => [u.symbol, u.quantity.toString()])).toEqual([['TQQQ 19DEC25 50 P', '1']]);
  });

  test('a statement with only opening orders says why nothing is imported', () => {
    const r = parse([header, 'Trades,Data,Order,Stocks,USD,XYZ,"2024-08-16, 10:00:00",-100,50,5000,-1,-4999,0,O']);
    expect(r).toMatchObject({
      ok: false,
      message: 'The file has no trades in it: there is nothing to import. 1 opening orders have no realized P&L yet and are not trades.',
    });
  });
});
