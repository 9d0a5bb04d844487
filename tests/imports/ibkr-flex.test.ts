import { describe, expect, test } from 'vitest';
import { parseImport, totalsByAccount } from '../../src-main/imports/parse-import.ts';

const parse = (text: string) => parseImport({ bytes: new TextEncoder().encode(text), preset: 'auto', timeZone: 'America/New_York' });
const ok = (r: ReturnType<typeof parse>) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const flex = (trades: string, account = 'U7654321') => `<?xml version="1.0" encoding="UTF-8"?>
<FlexQueryResponse queryName="trades" type="AF">
<FlexStatements count="1">
<FlexStatement accountId="${account}" fromDate="20240603" toDate="20240607" period="Last5CalendarDays" whenGenerated="20240608;101010">
<Trades>
${trades}
</Trades>
</FlexStatement>
</FlexStatements>
</FlexQueryResponse>
`;

describe('Interactive Brokers Flex Query, XML', () => {
  test('with fifoPnlRealized: one level only (orders), each closing order a trade at IBKR’s own P&L', () => {
    const r = ok(
      parse(
        flex(`<Trade accountId="U7654321" currency="USD" assetCategory="STK" symbol="TSLA" dateTime="20240603;093501" quantity="100" tradePrice="180.10" ibCommission="-1" fifoPnlRealized="0" openCloseIndicator="O" buySell="BUY" transactionID="11" levelOfDetail="EXECUTION" />
<Order accountId="U7654321" currency="USD" assetCategory="STK" symbol="TSLA" dateTime="20240603;093501" quantity="100" tradePrice="180.10" ibCommission="-1" fifoPnlRealized="0" openCloseIndicator="O" buySell="BUY" levelOfDetail="ORDER" />
<Trade accountId="U7654321" currency="USD" assetCategory="STK" symbol="TSLA" dateTime="20240604;101500" quantity="-60" tradePrice="182.00" ibCommission="-0.6" fifoPnlRealized="112.4" openCloseIndicator="C" buySell="SELL" transactionID="12" levelOfDetail="EXECUTION" />
<Trade accountId="U7654321" currency="USD" assetCategory="STK" symbol="TSLA" dateTime="20240604;101501" quantity="-40" tradePrice="182.00" ibCommission="-0.4" fifoPnlRealized="74.6" openCloseIndicator="C" buySell="SELL" transactionID="13" levelOfDetail="EXECUTION" />
<Order accountId="U7654321" currency="USD" assetCategory="STK" symbol="TSLA" dateTime="20240604;101500" quantity="-100" tradePrice="182.00" ibCommission="-1" fifoPnlRealized="187" openCloseIndicator="C" buySell="SELL" levelOfDetail="ORDER" />
<Lot accountId="U7654321" currency="USD" assetCategory="STK" symbol="TSLA" dateTime="20240604;101500" quantity="-100" tradePrice="180.10" fifoPnlRealized="187" openCloseIndicator="C" levelOfDetail="CLOSED_LOT" />`),
      ),
    );
    expect(r.preset).toBe('ibkr_flex_xml');
    expect(r.trades).toHaveLength(1);
    expect(r.trades.map((t) => [t.account, t.symbol, t.side, t.netPnl.toString(), t.fees.toString(), t.lines])).toEqual([
      ['U7654321', 'TSLA', 'long', '187', '1', [10]],
    ]);
    expect(new Date(r.trades[0]!.closedAt).toISOString()).toBe('2024-06-04T14:15:00.000Z');
    expect(r.notes.join(' ')).toMatch(/order rows only: 4 other rows/);
    expect(r.notes.join(' ')).toMatch(/1 opening rows/);
  });

  test('without fifoPnlRealized: executions matched FIFO with the file’s multiplier; an expiry closes at 0', () => {
    const r = ok(
      parse(
        flex(`<Trade currency="USD" assetCategory="OPT" symbol="AAPL  240607C00195000" multiplier="100" dateTime="20240603;100000" quantity="2" tradePrice="1.50" ibCommission="-1.3" openCloseIndicator="O" buySell="BUY" transactionID="21" levelOfDetail="EXECUTION" />
<Trade currency="USD" assetCategory="OPT" symbol="AAPL  240607C00195000" multiplier="100" dateTime="20240604;110000" quantity="-1" tradePrice="2.10" ibCommission="-0.65" openCloseIndicator="C" buySell="SELL" transactionID="22" levelOfDetail="EXECUTION" />
<Trade currency="USD" assetCategory="OPT" symbol="AAPL  240607C00195000" multiplier="100" dateTime="20240607;162000" quantity="-1" tradePrice="0" ibCommission="0" openCloseIndicator="C" buySell="SELL" notes="Ep" transactionID="23" levelOfDetail="EXECUTION" />
<Trade currency="USD" assetCategory="FUT" symbol="MESM4" multiplier="5" dateTime="2024-06-05;09:31:00" quantity="-1" tradePrice="5300.25" ibCommission="-0.62" buySell="SELL" transactionID="24" levelOfDetail="EXECUTION" />
<Trade currency="USD" assetCategory="FUT" symbol="MESM4" multiplier="5" dateTime="2024-06-05;09:40:00" quantity="1" tradePrice="5295.25" ibCommission="-0.62" buySell="BUY" transactionID="25" levelOfDetail="EXECUTION" />`),
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.grossPnl.toString(), t.fees.toString()])).toEqual([
      ['AAPL240607C00195000', 'long', '60', '1.3'],
      ['MESM4', 'short', '25', '1.24'],
      ['AAPL240607C00195000', 'long', '-150', '0.65'],
    ]);
    expect(r.openLots).toEqual([]);
  });

  test('commissions finer than the millionth (IBKR’s tiered -1.1108314) are rounded to it, with a note: the sale is not lost as a problem', () => {
    const r = ok(
      parse(
        flex(`<Trade accountId="U7654321" currency="USD" assetCategory="STK" symbol="KO" multiplier="1" dateTime="20240603;115715" quantity="691" tradePrice="43.1" ibCommission="-3.455" buySell="BUY" transactionID="31" levelOfDetail="EXECUTION" />
<Trade accountId="U7654321" currency="USD" assetCategory="STK" symbol="KO" multiplier="1" dateTime="20240605;130207" quantity="-100" tradePrice="44.19" ibCommission="-1.1108314" buySell="SELL" transactionID="32" levelOfDetail="EXECUTION" />`),
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.grossPnl.toString(), t.fees.toString(), t.netPnl.toString()])).toEqual([
      ['KO', 'long', '109', '1.610831', '107.389169'],
    ]);
    expect(r.openLots.map((l) => [l.symbol, l.quantity.toString()])).toEqual([['KO', '591']]);
    expect(r.notes.join(' ')).toMatch(/1 commissions are finer than the millionth/);
  });

  test('with fifoPnlRealized finer than the millionth: IBKR’s P&L and commission rounded to it, the trade kept', () => {
    const r = ok(
      parse(
        flex(
          `<Trade accountId="U7654321" currency="USD" assetCategory="STK" symbol="KO" dateTime="20240605;130207" quantity="-100" tradePrice="44.19" ibCommission="-1.1108314" fifoPnlRealized="107.3891686" openCloseIndicator="C" buySell="SELL" transactionID="32" levelOfDetail="EXECUTION" />`,
        ),
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.grossPnl.toString(), t.fees.toString(), t.netPnl.toString()])).toEqual([['108.5', '1.110831', '107.389169']]);
    expect(r.notes.join(' ')).toMatch(/finer than the millionth/);
  });

  test('a stock sale the query closes without its opening in the file is no known opening position', () => {
    const r = ok(
      parse(
        flex(
          `<Trade currency="USD" assetCategory="STK" symbol="KO" dateTime="20240603;100000" quantity="-10" tradePrice="62.10" ibCommission="-1" openCloseIndicator="C" buySell="SELL" transactionID="31" levelOfDetail="EXECUTION" />`,
        ),
      ),
    );
    expect(r.trades).toEqual([]);
    expect(r.unopened.map((u) => [u.line, u.symbol, u.quantity.toString()])).toEqual([[6, 'KO', '10']]);
    expect(r.openLots).toEqual([]);
  });

  test('a cancellation and the execution it cancels are left out; the correction booked under the same trade id stays', () => {
    const r = ok(
      parse(
        flex(`<Trade currency="USD" assetCategory="OPT" symbol="CZR   260821C00030000" multiplier="100" tradeID="501" dateTime="20260717;120440" quantity="2" tradePrice="0.73" ibCommission="-1.36" openCloseIndicator="O" buySell="BUY" transactionID="9001" levelOfDetail="EXECUTION" />
<Trade currency="USD" assetCategory="OPT" symbol="CZR   260821C00030000" multiplier="100" tradeID="" origTradeID="501" dateTime="20260717;120440" quantity="-2" tradePrice="0.73" ibCommission="0" openCloseIndicator="" notes="Ca" buySell="BUY (Ca.)" transactionID="9002" levelOfDetail="EXECUTION" />
<Trade currency="USD" assetCategory="OPT" symbol="CZR   260821C00030000" multiplier="100" tradeID="501" dateTime="20260717;120440" quantity="1" tradePrice="0.73" ibCommission="-0.68" openCloseIndicator="O" buySell="BUY" transactionID="9003" levelOfDetail="EXECUTION" />
<Trade currency="USD" assetCategory="OPT" symbol="CZR   260821C00030000" multiplier="100" tradeID="502" dateTime="20260720;101500" quantity="-1" tradePrice="1.10" ibCommission="-0.68" openCloseIndicator="C" buySell="SELL" transactionID="9004" levelOfDetail="EXECUTION" />`),
      ),
    );
    expect(r.trades.map((t) => [t.grossPnl.toString(), t.fees.toString()])).toEqual([['37', '1.36']]);
    expect(r.openLots).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/2 rows were left out as cancellations/);
  });

  test('a query set to day-first dates with the zone (31/10/2025;14:07:12 EDT): read day first, as the statement’s own dates (fromDate 14/10/2025) show', () => {
    const r = ok(
      parse(`<?xml version="1.0" encoding="UTF-8"?>
<FlexQueryResponse queryName="history" type="AF">
<FlexStatements count="1">
<FlexStatement accountId="U7654321" fromDate="14/10/2025" toDate="24/04/2026" period="LastNCalendarDays" whenGenerated="27/04/2026;04:38:59 EDT">
<Trades>
<Trade accountId="U7654321" currency="USD" assetCategory="STK" symbol="QQQ" tradeID="1" dateTime="31/10/2025;14:07:12 EDT" quantity="2" ibCommission="-2" buySell="BUY" ibExecID="e1" tradeDate="31/10/2025" tradePrice="628.8" />
<Trade accountId="U7654321" currency="USD" assetCategory="STK" symbol="QQQ" tradeID="2" dateTime="05/11/2025;10:30:00 EST" quantity="-2" ibCommission="-2" buySell="SELL" ibExecID="e2" tradeDate="05/11/2025" tradePrice="630.0" />
</Trades>
</FlexStatement>
</FlexStatements>
</FlexQueryResponse>`),
    );
    expect(r.problems).toEqual([]);
    expect(
      r.trades.map((t) => [t.symbol, t.grossPnl.toFixed(2), t.fees.toFixed(2), new Date(t.openedAt!).toISOString(), new Date(t.closedAt).toISOString()]),
    ).toEqual([['QQQ', '2.40', '4.00', '2025-10-31T18:07:12.000Z', '2025-11-05T15:30:00.000Z']]);
  });

  test('a query set to month-first dates and compact times (05/11/2025;103000): read month first', () => {
    const r = ok(
      parse(
        flex(`<Trade currency="USD" assetCategory="STK" symbol="QQQ" dateTime="05/10/2025;093000" quantity="2" tradePrice="628.8" ibCommission="-2" buySell="BUY" transactionID="41" levelOfDetail="EXECUTION" />
<Trade currency="USD" assetCategory="STK" symbol="QQQ" dateTime="05/11/25;103000" quantity="-2" tradePrice="630" ibCommission="-2" buySell="SELL" transactionID="42" levelOfDetail="EXECUTION" />`),
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [new Date(t.openedAt!).toISOString(), new Date(t.closedAt).toISOString()])).toEqual([
      ['2025-05-10T13:30:00.000Z', '2025-05-11T14:30:00.000Z'],
    ]);
  });

  test('a Trade Confirmation Flex says open or close in its codes (O;P, C)', () => {
    const confirms = `<?xml version="1.0"?>
<FlexQueryResponse queryName="today" type="TCF"><FlexStatements count="1"><FlexStatement accountId="U99" fromDate="20260928" toDate="20260928">
<TradeConfirms>
<TradeConfirm accountId="U99" currency="USD" assetCategory="OPT" symbol="NVDA  260928C00232500" multiplier="100" tradeID="1" execID="e1" dateTime="20260928;093105" buySell="BUY" quantity="2" price="1.00" commission="-1.30" code="O;P" levelOfDetail="EXECUTION" />
<TradeConfirm accountId="U99" currency="USD" assetCategory="OPT" symbol="NVDA  260928C00232500" multiplier="100" tradeID="2" execID="e2" dateTime="20260928;093149" buySell="SELL" quantity="-2" price="1.25" commission="-1.30" code="C" levelOfDetail="EXECUTION" />
<TradeConfirm accountId="U99" currency="USD" assetCategory="OPT" symbol="TSLA  260928P00365000" multiplier="100" tradeID="3" execID="e3" dateTime="20260928;094000" buySell="SELL" quantity="-1" price="2.00" commission="-0.65" code="C" levelOfDetail="EXECUTION" />
</TradeConfirms></FlexStatement></FlexStatements></FlexQueryResponse>`;
    const r = ok(parse(confirms));
    expect(r.trades.map((t) => [t.account, t.symbol, t.netPnl.toString()])).toEqual([['U99', 'NVDA260928C00232500', '47.4']]);
    expect(r.unopened.map((u) => u.symbol)).toEqual(['TSLA260928P00365000']);
  });

  test('a DOCTYPE’s entities are not expanded', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<FlexQueryResponse><FlexStatements count="1"><FlexStatement accountId="U1"><Trades>
<Trade currency="USD" assetCategory="STK" symbol="&lol3;" dateTime="20240603;100000" quantity="10" tradePrice="1" buySell="BUY" transactionID="1" levelOfDetail="EXECUTION" />
</Trades></FlexStatement></FlexStatements></FlexQueryResponse>`;
    const r = ok(parse(bomb));
    expect(r.openLots.map((l) => l.symbol)).toEqual(['&LOL3;']);
  });

  test('the Flex Web Service’s error reply is not applied as a statement', () => {
    const r = parse(
      '<FlexStatementResponse timestamp="08 June, 2024 10:10 AM EDT"><Status>Fail</Status><ErrorCode>1019</ErrorCode><ErrorMessage>Statement generation in progress.</ErrorMessage></FlexStatementResponse>',
    );
    expect(r).toMatchObject({ ok: false, needsChoice: true });
  });
});

describe('Interactive Brokers Flex Query, CSV', () => {
  test('with section records (BOF, HEADER, DATA, EOF): trades read, cash sections passed over', () => {
    const csv = [
      '"BOF","U7654321","Trades","1","20240603","20240607","20240608;101010","Trade Confirmation Flex"',
      '"BOA","U7654321"',
      '"BOS","TRNT","Trades; trade date basis"',
      '"HEADER","TRNT","ClientAccountID","CurrencyPrimary","AssetClass","Symbol","Multiplier","Date/Time","Buy/Sell","Quantity","TradePrice","IBCommission","FifoPnlRealized","Open/CloseIndicator","LevelOfDetail","TransactionID"',
      '"DATA","TRNT","U7654321","USD","STK","KO","1","20240603;100000","BUY","10","60.00","-1","0","O","EXECUTION","41"',
      '"DATA","TRNT","U7654321","USD","STK","KO","1","20240604;100000","SELL","-10","61.50","-1","13","C","EXECUTION","42"',
      '"EOS","TRNT","2"',
      '"BOS","CTRN","Cash Transactions"',
      '"HEADER","CTRN","ClientAccountID","CurrencyPrimary","Date/Time","Amount","Type"',
      '"DATA","CTRN","U7654321","USD","20240605","25000","Deposits/Withdrawals"',
      '"EOS","CTRN","1"',
      '"EOA","U7654321"',
      '"EOF","U7654321"',
    ].join('\n');
    const r = ok(parse(csv));
    expect(r.preset).toBe('ibkr_flex_csv');
    expect(totalsByAccount(r.trades).map((t) => [t.account, t.trades, t.net.toString()])).toEqual([['U7654321', 1, '13']]);
  });

  test('a plain header and its rows, FIFO where the query has no realized P&L; Forex conversions are not trades', () => {
    const csv = [
      '"ClientAccountID","CurrencyPrimary","AssetClass","Symbol","Date/Time","Buy/Sell","Quantity","TradePrice","IBCommission","Open/CloseIndicator"',
      '"U1","USD","STK","MSFT","20240603;100000","BUY","3","400.00","-1","O"',
      '"U1","USD","CASH","EUR.USD","20240603;100500","SELL","-1000","1.08","-2",""',
      '"U1","USD","STK","MSFT","20240603;150000","SELL","-3","410.00","-1","C"',
    ].join('\n');
    const r = ok(parse(csv));
    expect(r.trades.map((t) => [t.grossPnl.toString(), t.netPnl.toString()])).toEqual([['30', '28']]);
    expect(r.notes.join(' ')).toMatch(/1 currency conversions/);
  });
});
