import { describe, expect, test } from 'vitest';
import { parseImport, type ParseResult } from '../../src-main/imports/parse-import.ts';

// Layouts the same platforms write in other versions and settings than the shared fixtures:
// each must still be recognised (certain, so applied without asking) and read exactly.
const read = (lines: string[], timeZone = 'America/New_York') =>
  parseImport({ bytes: new Uint8Array(Buffer.from(lines.join('\r\n'))), preset: 'auto', timeZone });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const nets = (r: Extract<ParseResult, { ok: true }>) => r.trades.map((t) => [t.grossPnl.toFixed(2), t.fees.toFixed(2), t.netPnl.toFixed(2)]);

describe('format variants', () => {
  test('NinjaTrader Executions with "Account display name", an add-on column and 24-hour times without seconds', () => {
    const r = ok(
      read([
        'Instrument,Action,Quantity,Price,Time,ID,E/X,Position,Order ID,Name,Commission,Rate,Account display name,Connection,TradeValidation',
        'MNQ SEP25,Buy,4,22089.25,6/16/2025 21:08,e1,Entry,4 L,24901,Entry,$0.00,1,Sim101,Apex Trader Funding,',
        'MNQ SEP25,Sell,4,22092,6/16/2025 21:09,e2,Exit,-,24903,Target1,$2.48,1,Sim101,Apex Trader Funding,',
      ]),
    );
    expect(r.preset).toBe('ninjatrader_executions');
    expect(r.trades.map((t) => t.account)).toEqual(['Sim101']);
    expect(nets(r)).toEqual([['22.00', '2.48', '19.52']]);
  });

  test('NinjaTrader Executions with columns hidden and reordered (no ID): identical rows are separate fills', () => {
    const r = ok(
      read([
        'Instrument,Action,Time,Price,E/X,Connection,Quantity,Account display name',
        'MNQZ6,Buy,9/15/2026 9:31,29431.25,Entry,TRADEIFY,3,ACCOUNT-1',
        'MNQZ6,Buy,9/15/2026 9:31,29431.25,Entry,TRADEIFY,3,ACCOUNT-1',
        'MNQZ6,Sell,9/15/2026 9:39,29441.25,Exit,TRADEIFY,6,ACCOUNT-1',
      ]),
    );
    expect(r.preset).toBe('ninjatrader_executions');
    expect(r.trades.map((t) => [t.account, t.symbol, t.side, t.quantity?.toString()])).toEqual([['ACCOUNT-1', 'MNQZ6', 'long', '6']]);
    expect(nets(r)).toEqual([['120.00', '0.00', '120.00']]);
    expect(new Set(r.fillKeys).size).toBe(3);
  });

  test('Tradovate Fills without the underscore columns: local Timestamp in the file’s zone', () => {
    const r = ok(
      read([
        'Fill ID,Order ID,Timestamp,Date,Account,B/S,Quantity,Price,_priceFormat,_priceFormatType,_tickSize,Contract,Product,Product Description,commission',
        'buy-1,order-buy,06/12/2026 09:49:42,6/12/26,DEMO, Buy,1,29320.00,-2,0,0.25,MNQM6,MNQ,Micro E-mini NASDAQ-100,0.52',
        'sell-1,order-sell,06/12/2026 09:50:11,6/12/26,DEMO, Sell,1,29330.00,-2,0,0.25,MNQM6,MNQ,Micro E-mini NASDAQ-100,0.52',
      ]),
    );
    expect(r.preset).toBe('tradovate_fills');
    expect(nets(r)).toEqual([['20.00', '1.04', '18.96']]);
    expect(new Date(r.trades[0]!.closedAt).toISOString()).toBe('2026-06-12T13:50:11.000Z');
  });

  test('Tradovate Performance without underscores, quoted $(x) and clock-style durations', () => {
    const r = ok(
      read([
        'symbol,priceFormat,priceFormatType,tickSize,buyFillId,sellFillId,qty,buyPrice,sellPrice,pnl,boughtTimestamp,soldTimestamp,duration',
        'MGCM6,1,0,0.1,660290950163,660290950170,1,4348.4,4348.1,"$(3.00)",05/05/2026 20:11:36,05/05/2026 20:11:40,0:00:15',
        'MNQM6,1,0,0.25,660290950007,660290950014,1,28331.75,28320.25,$(23.00),05/05/2026 20:11:36,05/05/2026 20:13:52,0:02:16',
        'MNQM6,1,0,0.25,660290950020,660290950021,1,28300.00,28400.00,"$1,200.00",05/05/2026 20:20:00,05/05/2026 20:15:00,5min',
      ]),
    );
    expect(r.preset).toBe('tradovate_performance');
    expect(r.trades.map((t) => [t.side, t.netPnl.toFixed(2)])).toEqual([
      ['long', '-3.00'],
      ['long', '-23.00'],
      ['short', '1200.00'],
    ]);
  });

  test('NinjaTrader Trades grid with the fee columns: Profit before costs, every fee counted', () => {
    const r = ok(
      read([
        'Trade number,Instrument,Account,Strategy,Market pos.,Qty,Entry price,Exit price,Entry time,Exit time,Entry name,Exit name,Profit,Cum. net profit,Commission,Clearing Fee,Exchange Fee,IP Fee,NFA Fee,MAE,MFE,ETD,Bars,',
        '1,NQ 12-26,Sim101,,Long,1,20000.00,20010.00,9/15/2026 9:35:00 AM,9/15/2026 9:42:00 AM,Entry,Exit,$200.00,$195.50,$4.50,$0.00,$0.00,$0.00,$0.00,$45.00,$220.00,$20.00,7,',
        '2,NQ 12-26,Sim101,,Short,2,20050.00,20060.00,9/15/2026 10:05:00 AM,9/15/2026 10:15:00 AM,Entry,Exit,($400.00),($213.50),$9.00,$0.00,$0.00,$0.00,$0.00,$400.00,$40.00,$440.00,10,',
      ]),
    );
    expect(r.preset).toBe('ninjatrader_trades');
    expect(nets(r)).toEqual([
      ['200.00', '4.50', '195.50'],
      ['-400.00', '9.00', '-409.00'],
    ]);
    expect(r.notes.join(' ')).toMatch(/own Cum\. net profit \(-213\.50\)/);
  });

  test('NinjaTrader 7 Trades grid (Trade-#, Quantity, Cum. profit): the same trades, checked against its Cum. profit', () => {
    const r = ok(
      read([
        'Trade-#,Instrument,Account,Strategy,Market pos.,Quantity,Entry price,Exit price,Entry time,Exit time,Entry name,Exit name,Profit,Cum. profit,Commission,MAE,MFE,ETD,Bars,',
        '1,ES 03-26,Sim101,Breakout,Long,2,5250.50,5260.75,3/10/2026 9:31:00 AM,3/10/2026 10:15:00 AM,Buy,Sell,"$1,025.00","$1,025.00",$8.24,$125.00,"$1,250.00",$225.00,5,',
        '2,NQ 03-26,Sim101,Fade,Short,1,18500.25,18475.50,3/10/2026 11:00:00 AM,3/10/2026 11:30:00 AM,Sell,Buy,$495.00,"$1,520.00",$4.12,$75.00,$550.00,$55.00,3,',
      ]),
    );
    expect(r.preset).toBe('ninjatrader_trades');
    expect(r.trades.map((t) => [t.symbol, t.side, t.quantity?.toString()])).toEqual([
      ['ES 03-26', 'long', '2'],
      ['NQ 03-26', 'short', '1'],
    ]);
    expect(nets(r)).toEqual([
      ['1025.00', '8.24', '1016.76'],
      ['495.00', '4.12', '490.88'],
    ]);
    expect(r.notes.join(' ')).toMatch(/own Cum\. profit \(1520\.00\)/);
  });

  test('thinkorswim spreads: the legs after the first, with no Exec Time of their own, are fills of the same order', () => {
    const r = ok(
      read([
        '\uFEFFAccount Statement for 123456789 (ira) since 4/20/26 through 4/21/26',
        '',
        'Account Trade History',
        ',Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type',
        ',4/21/26 15:10:00,VERTICAL,SELL,-1,TO CLOSE,SPY,21 APR 26,500,PUT,2.10,1.05,LMT',
        ',,,BUY,+1,TO CLOSE,SPY,21 APR 26,495,PUT,1.05,CREDIT,',
        ',4/21/26 14:33:52,VERTICAL,BUY,+1,TO OPEN,SPY,21 APR 26,500,PUT,3.00,1.50,LMT',
        ',,,SELL,-1,TO OPEN,SPY,21 APR 26,495,PUT,1.50,DEBIT,',
        '',
      ]),
    );
    expect(r.preset).toBe('thinkorswim_statement');
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.netPnl.toFixed(2), new Date(t.openedAt!).toISOString(), new Date(t.closedAt).toISOString()])).toEqual([
      ['SPY 21 APR 26 495 PUT', 'short', '45.00', '2026-04-21T18:33:52.000Z', '2026-04-21T19:10:00.000Z'],
      ['SPY 21 APR 26 500 PUT', 'long', '-90.00', '2026-04-21T18:33:52.000Z', '2026-04-21T19:10:00.000Z'],
    ]);
  });

  test('thinkorswim statement saved again by a spreadsheet: Exec Time with a four-digit year and no seconds (3/4/2024 11:27), rows padded with empty cells', () => {
    const r = ok(
      read([
        '\uFEFFAccount Statement for 00*****XX (example) since 3/4/24 through 3/4/24,,,,,,,,,,,,,,',
        ',,,,,,,,,,,,,,',
        'Account Trade History,,,,,,,,,,,,,,',
        ',Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type,,',
        ',3/4/2024 11:27,STOCK,SELL,-200,TO CLOSE,XYZ,,,STOCK,13.32,13.32,LMT,,',
        ',3/4/2024 11:27,STOCK,SELL,-100,TO CLOSE,XYZ,,,STOCK,13.33,13.33,LMT,,',
        ',3/4/2024 10:31,STOCK,BUY,300,TO OPEN,XYZ,,,STOCK,13.22,13.22,LMT,,',
        ',3/4/2024 10:16,STOCK,BUY,300,TO CLOSE,ABC,,,STOCK,9.6399,9.6399,LMT,,',
        ',3/4/2024 10:04,STOCK,SELL,-300,TO OPEN,ABC,,,STOCK,9.65,9.65,LMT,,',
        ',,,,,,,,,,,,,,',
      ]),
    );
    expect(r.preset).toBe('thinkorswim_statement');
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.grossPnl.toFixed(2), new Date(t.closedAt).toISOString()])).toEqual([
      ['ABC', 'short', '3.03', '2024-03-04T15:16:00.000Z'],
      ['XYZ', 'long', '11.00', '2024-03-04T16:27:00.000Z'],
      ['XYZ', 'long', '20.00', '2024-03-04T16:27:00.000Z'],
    ]);
    expect(r.openLots).toEqual([]);
  });

  test('NinjaTrader Trades grid whose Profit is already net of costs (Include commission on, fee columns hidden): Profit is the net, the price move the gross', () => {
    const r = ok(
      read([
        'Instrument,Account,Market pos.,Qty,Entry time,Exit time,Entry price,Exit price,Profit,Commission',
        'MNQ SEP26,DEMO1234567,Long,1,7/2/2026 9:12,7/2/2026 9:13,30220,30245,$48.10 ,$0.78 ',
        'MNQ SEP26,DEMO1234567,Short,1,7/2/2026 9:17,7/2/2026 9:18,30151.25,30126.25,$48.10 ,$0.78 ',
        'MNQ SEP26,DEMO1234567,Long,2,7/2/2026 9:23,7/2/2026 9:23,30123.75,30086.75,($151.80),$1.56 ',
        ',,,,,,,,,',
      ]),
    );
    expect(r.preset).toBe('ninjatrader_trades');
    expect(r.problems).toEqual([]);
    expect(nets(r)).toEqual([
      ['50.00', '1.90', '48.10'],
      ['50.00', '1.90', '48.10'],
      ['-148.00', '3.80', '-151.80'],
    ]);
  });

  test('NinjaTrader Trades grid whose Profit falls short of the price moves by different costs per contract (a report in points): Profit read as before costs, not as net', () => {
    const r = ok(
      read([
        'Instrument,Account,Market pos.,Qty,Entry time,Exit time,Entry price,Exit price,Profit,Commission',
        'ES 12-26,Sim101,Long,1,9/15/2026 9:35,9/15/2026 9:42,6000.00,6005.00,5.00,0.00',
        'ES 12-26,Sim101,Long,1,9/15/2026 10:05,9/15/2026 10:15,6010.00,6020.00,10.00,0.00',
      ]),
    );
    expect(nets(r)).toEqual([
      ['5.00', '0.00', '5.00'],
      ['10.00', '0.00', '10.00'],
    ]);
  });

  test('NinjaTrader Trades grid from a French NinjaTrader: French column names, Longue / Courte, comma decimals and day-first dates', () => {
    const r = ok(
      read([
        "Numéro d\u2019ordre;Instrument;Compte;Stratégie;Pos. marché.;Qté;Prix d'entrée;Prix de sortie;Heure d'entrée;Heure de sortie;Nom d'entrée;Nom de la sortie;Profit;Commission;MAE;MFE;ETD",
        '1;NQ JUN26;Sim101;S1;Longue;1;23955,50;23960,00;13/04/2026 10:00:00;13/04/2026 10:03:00;Entrée;Sortie;90,00 $;0,52 $;20,00 $;95,00 $;5,00 $',
        '2;NQ JUN26;Sim101;S1;Courte;2;23970,25;23975,25;14/04/2026 11:00:00;14/04/2026 11:30:00;Entrée;Stop;-200,00 $;1,04 $;200,00 $;10,00 $;210,00 $',
      ]),
    );
    expect(r.preset).toBe('ninjatrader_trades');
    expect(r.trades.map((t) => [t.account, t.symbol, t.side, t.quantity?.toString(), new Date(t.closedAt).toISOString()])).toEqual([
      ['Sim101', 'NQ JUN26', 'long', '1', '2026-04-13T14:03:00.000Z'],
      ['Sim101', 'NQ JUN26', 'short', '2', '2026-04-14T15:30:00.000Z'],
    ]);
    expect(nets(r)).toEqual([
      ['90.00', '0.52', '89.48'],
      ['-200.00', '1.04', '-201.04'],
    ]);
  });

  test('TopstepX with a Commissions column, ISO times and money signs', () => {
    const r = ok(
      read([
        'Id,ContractName,EnteredAt,ExitedAt,EntryPrice,ExitPrice,Fees,PnL,Size,Type,TradeDay,TradeDuration,Commissions',
        '3142050021,MNQZ6,09/28/2026 10:43:54 +02:00,09/28/2026 10:47:38 +02:00,30584.000000000,30600.250000000,0.72000,-32.500000000,1,Short,09/28/2026 00:00:00 -05:00,00:03:44.2166590,0.50000',
        'a1b2,MESU5,2026-07-30T14:31:00+00:00,2026-07-30T14:45:00+00:00,5000.00,5010.00,$2.72,$100.00,2,Long,,,',
      ]),
    );
    expect(r.preset).toBe('topstepx_trades');
    expect(nets(r)).toEqual([
      ['100.00', '2.72', '97.28'],
      ['-32.50', '1.22', '-33.72'],
    ]);
    expect(new Date(r.trades[1]!.closedAt).toISOString()).toBe('2026-09-28T08:47:38.000Z');
  });

  test('IBKR Activity Statement of one account with the "Realized P/L %" column: applied by itself, IBKR’s realized P/L', () => {
    const r = ok(
      read([
        'Statement,Header,Field Name,Field Value',
        'Statement,Data,BrokerName,Interactive Brokers LLC',
        'Account Information,Header,Field Name,Field Value',
        'Account Information,Data,Account,U7654321 (Custom Consolidated)',
        'Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price,C. Price,Proceeds,Comm/Fee,Basis,Realized P/L,Realized P/L %,MTM P/L,Code',
        'Trades,Data,Order,Stocks,USD,ABC,"2026-01-02, 10:00:00",10,10,10,-100,-1,101,0,0,0,O',
        'Trades,Data,Order,Stocks,USD,ABC,"2026-01-05, 15:30:00",-10,12,12,120,-1.2,-101,17.8,17.62376,0,C',
        'Trades,SubTotal,,Stocks,USD,ABC,,0,,,20,-2.2,0,17.8,,0,',
        'Trades,Total,,Stocks,,,,,,,20,-2.2,0,17.8,,0,',
      ]),
    );
    expect(r.preset).toBe('ibkr_activity_statement');
    expect(r.trades.map((t) => [t.account, t.symbol, t.side])).toEqual([['U7654321', 'ABC', 'long']]);
    expect(nets(r)).toEqual([['19.00', '1.20', '17.80']]);
  });

  test('IBKR Activity Statement with a commission finer than the millionth (-1.4200182, as IBKR writes for options): rounded to it with a note, the trade or fill kept', () => {
    const realized = ok(
      read([
        'Trades,Header,DataDiscriminator,Asset Category,Currency,Account,Symbol,Date/Time,Exchange,Quantity,T. Price,Proceeds,Comm/Fee,Basis,Realized P/L,Code',
        'Trades,Data,Order,Equity and Index Options,USD,U7654321,XYZ 16JUL21 20.0 C,"2021-06-21, 10:38:40",-,2,0.20,-40,-1.4200182,41.4200182,0,O',
        'Trades,Data,Order,Equity and Index Options,USD,U7654321,XYZ 16JUL21 20.0 C,"2021-06-22, 11:00:00",-,-2,0.41,82,-1.4200182,-41.4200182,39.1599636,C',
      ]),
    );
    expect(realized.problems).toEqual([]);
    expect(nets(realized)).toEqual([['40.58', '1.42', '39.16']]);
    expect(realized.trades.map((t) => [t.fees.toString(), t.netPnl.toString()])).toEqual([['1.420018', '39.159964']]);
    expect(realized.notes.join(' ')).toMatch(/finer than the millionth/);

    const fills = ok(
      read([
        'Trades,Header,DataDiscriminator,Asset Category,Currency,Account,Symbol,Date/Time,Exchange,Quantity,T. Price,Proceeds,Comm/Fee,Code',
        'Trades,Data,Order,Stocks,USD,U7654321,ABC,"2026-01-02, 10:00:00",-,10,10,-100,-1.0029095,O',
        'Trades,Data,Order,Stocks,USD,U7654321,ABC,"2026-01-05, 15:30:00",-,-10,12,120,-1.0029095,C',
      ]),
    );
    expect(fills.problems).toEqual([]);
    expect(fills.trades.map((t) => [t.grossPnl.toString(), t.fees.toString()])).toEqual([['20', '2.00582']]);
  });

  test('Webull Orders with combined columns (Filled/Total Qty, Price/Avg Price) and the name under the symbol: the filled part at the average price', () => {
    const r = ok(
      read([
        'Symbol,Side,Status,Filled/Total Qty,Price/Avg Price,Time-in-Force,Placed Time,Filled Time',
        '"AAPL\nApple Inc",Sell,Filled,10/10,"Market\n152.00",DAY,2026/01/06 10:00:00 EST,2026/01/06 10:00:01 EST',
        '"AAPL\nApple Inc",Buy,Cancelled,0/5,"@140.00\n-",DAY,2026/01/05 09:00:00 EST,',
        '"AAPL\nApple Inc",Buy,Filled,"1,000/1,000","@150.00\n150.50",DAY,2026/01/05 09:30:00 EST,2026/01/05 09:30:02 EST',
      ]),
    );
    expect(r.preset).toBe('webull_orders');
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.quantity?.toString(), new Date(t.closedAt).toISOString()])).toEqual([
      ['AAPL', 'long', '10', '2026-01-06T15:00:01.000Z'],
    ]);
    expect(nets(r)).toEqual([['15.00', '0.00', '15.00']]);
    expect(r.openLots.map((l) => [l.symbol, l.side, l.quantity.toString(), l.price.toString()])).toEqual([['AAPL', 'long', '990', '150.5']]);
  });

  test('MetaTrader 4 statement’s Closed Transactions table saved as a CSV: closed buys and sells, swap in the result, commission as a fee, the deposit left out', () => {
    const r = ok(
      read(
        [
          'Ticket,Open Time,Type,Size,Item,Price,S / L,T / P,Close Time,Price,Commission,Taxes,Swap,Profit',
          '101,2026.01.12 08:30:00,buy,0.10,xauusd,2000.00,1990.00,2020.00,2026.01.12 16:30:00,2010.00,-0.70,0.00,-0.25,100.00',
          '102,2026.01.14 09:00:00,sell,1.00,eurusd,1.08500,0.00000,0.00000,2026.01.14 17:00:00,1.08400,-7.00,0.00,0.00,100.00',
          '103,2026.01.15 00:00:00,balance,,Deposit,,,,,,,,,1000.00',
        ],
        'UTC',
      ),
    );
    expect(r.preset).toBe('mt4_statement');
    expect(r.trades.map((t) => [t.symbol, t.side, t.quantity?.toString(), new Date(t.closedAt).toISOString()])).toEqual([
      ['XAUUSD', 'long', '0.1', '2026-01-12T16:30:00.000Z'],
      ['EURUSD', 'short', '1', '2026-01-14T17:00:00.000Z'],
    ]);
    expect(nets(r)).toEqual([
      ['99.75', '0.70', '99.05'],
      ['100.00', '7.00', '93.00'],
    ]);
    expect(r.notes.join(' ')).toMatch(/1 balance or credit rows/);
  });

  test('a header with a column the format never writes is not applied silently: the trader is asked', () => {
    const r = read([
      'Id,ContractName,EnteredAt,ExitedAt,EntryPrice,ExitPrice,Fees,PnL,Size,Type,Strategy',
      '1,MNQZ6,2026-07-30T14:31:00+00:00,2026-07-30T14:45:00+00:00,1,2,0,2,1,Long,x',
    ]);
    expect(r).toMatchObject({
      ok: false,
      needsChoice: true,
      candidates: [{ preset: 'topstepx_trades', confidence: 'likely', reason: expect.stringContaining('“Strategy”') }],
    });
  });
});
