import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { GenericMapping } from '../../src-main/contract/import-schemas.ts';
import { inspectFile, parseImport, type ParseResult } from '../../src-main/imports/parse-import.ts';
import { mappingErrors } from '../../src-main/imports/presets/generic-mapping.ts';
import { parseBrokerNumber } from '../../src-main/imports/money-text.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const base: GenericMapping = { kind: 'fills', columns: {}, dateFormat: 'auto', decimalStyle: 'auto', pointValue: 'futures' };

describe('a mapping that reads any CSV', () => {
  test('the header is found past a BOM, title rows and blank lines, and a footer is not data', () => {
    const text =
      '\uFEFFBrokerage Account History\n\n"Run on 03/09/2026"\n\nDate,Symbol,Action,Qty,Price,Fee\n3/9/2026 9:30,MNQH6,Buy,1,"$21,000.25",0.62\n3/9/2026 9:35,MNQH6,Sell,1,"$21,004.75",0.62\n\n***END OF FILE***\n';
    expect(inspectFile('f.csv', bytes(text), [])).toMatchObject({ headerLine: 5, columns: ['Date', 'Symbol', 'Action', 'Qty', 'Price', 'Fee'] });
    const mapping: GenericMapping = {
      ...base,
      columns: { time: 'date', symbol: 'SYMBOL', side: 'Action', quantity: 'Qty', price: 'Price', fees: 'Fee' },
      dateFormat: 'M/D/YYYY H:mm',
    };
    const r = ok(parseImport({ bytes: bytes(text), preset: 'generic', mapping, timeZone: 'America/New_York' }));
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.grossPnl.toFixed(2), t.fees.toFixed(2), new Date(t.closedAt).toISOString()])).toEqual([
      ['9.00', '1.24', '2026-03-09T13:35:00.000Z'],
    ]);
  });

  test('the header is found when the first data rows are sparse cash rows (Fidelity after comma-only rows, TD Ameritrade on line 1)', () => {
    const fidelity = [
      ',,,,,,,,,,,',
      ',,,,,,,,,,,',
      'Run Date,Action,Symbol,Security Description,Security Type,Quantity,Price ($),Commission ($),Fees ($),Accrued Interest ($),Amount ($),Settlement Date',
      '01/27/2023, DIRECT DEBIT TREASURY (Cash),  , No Description,Cash,,,,,,-10000,',
      '01/23/2023,TRANSFERRED FROM VS XYYYYYYY (Cash),  , No Description,Cash,,,,,,3085.92,',
      '01/20/2023,YOU BOUGHT APPLE INC (AAPL) (Cash),AAPL,APPLE INC,Cash,10,135.5,,,,-1355,01/24/2023',
    ].join('\n');
    expect(inspectFile('History_for_Account.csv', bytes(fidelity), [])).toMatchObject({
      headerLine: 3,
      columns: expect.arrayContaining(['Run Date', 'Amount ($)']),
    });
    const td = [
      'DATE,TRANSACTION ID,DESCRIPTION,QUANTITY,SYMBOL,PRICE,COMMISSION,AMOUNT,REG FEE,SHORT-TERM RDM FEE,FUND REDEMPTION FEE, DEFERRED SALES CHARGE',
      '06/10/2021,35000000001,CLIENT REQUESTED ELECTRONIC FUNDING RECEIPT (FUNDS NOW),,,,,6000.00,,,,',
      '06/11/2021,35000000002,Bought 30 BP @ 27.71,30,BP,27.71,0.00,-831.30,,,,',
      '***END OF FILE***',
    ].join('\n');
    expect(inspectFile('transactions.csv', bytes(td), [])).toMatchObject({ headerLine: 1, columns: expect.arrayContaining(['DATE', 'AMOUNT']) });
  });

  test('a TopstepX Orders export maps to fills through a mapping too: Bid buys, Ask sells, cancelled orders filtered out', () => {
    const text = [
      'Id,AccountName,ContractName,Status,Type,Size,Side,CreatedAt,TradeDay,FilledAt,CancelledAt,TriggeredAt,StopPrice,LimitPrice,ExecutePrice,TriggeredPrice,PositionDisposition,CreationDisposition,RejectionReason,ExchangeOrderId,PlatformOrderId',
      '11,A,MNQZ6,Filled,Market,3,Bid,10/07/2026 16:20:37 +02:00,,10/07/2026 16:20:37 +02:00,,,,,31246.5,,Opening,Trader,,,',
      '12,A,MNQZ6,Filled,Limit,3,Ask,10/07/2026 16:20:37 +02:00,,10/07/2026 17:49:06 +02:00,,,,31366.5,31366.5,,Closing,TakeProfit,,,',
      '13,A,MNQZ6,Cancelled,Stop,3,Ask,10/07/2026 16:20:37 +02:00,,,10/07/2026 17:49:06 +02:00,,31227.5,,,,Undetermined,StopLoss,,,',
    ].join('\n');
    const mapping: GenericMapping = {
      ...base,
      columns: { time: 'FilledAt', symbol: 'ContractName', side: 'Side', quantity: 'Size', price: 'ExecutePrice', account: 'AccountName' },
      filters: [{ column: 'Status', op: 'equals', value: 'Filled' }],
    };
    const r = ok(parseImport({ bytes: bytes(text), preset: 'generic', mapping, timeZone: 'UTC' }));
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, String(t.quantity), t.grossPnl.toFixed(2), new Date(t.closedAt).toISOString()])).toEqual([
      ['MNQZ6', 'long', '3', '720.00', '2026-10-07T15:49:06.000Z'],
    ]);
  });

  test('a row filter counts one level of a file (IBKR Order rows, not Order + Trade + ClosedLot)', () => {
    const text = [
      'Trades,Header,DataDiscriminator,Currency,Symbol,Date/Time,Quantity,T. Price,Comm/Fee,Realized P/L',
      'Trades,Data,Order,USD,AAPL,"2026-03-09, 10:00:00",-10,180.5,-1,40.5',
      'Trades,Data,Trade,USD,AAPL,"2026-03-09, 10:00:00",-10,180.5,-1,40.5',
      'Trades,Data,ClosedLot,USD,AAPL,2026-03-01,10,176.4,,40.5',
    ].join('\n');
    const mapping: GenericMapping = {
      kind: 'trades',
      columns: { time: 'Date/Time', symbol: 'Symbol', pnl: 'Realized P/L', fees: 'Comm/Fee' },
      filters: [{ column: 'DataDiscriminator', op: 'equals', value: 'Order' }],
      dateFormat: 'auto',
      decimalStyle: 'dot',
      pointValue: '1',
    };
    const r = ok(parseImport({ bytes: bytes(text), preset: 'generic', mapping, timeZone: 'UTC' }));
    expect(r.trades.map((t) => [t.netPnl.toString(), t.fees.toString()])).toEqual([['40.5', '1']]);
    expect(r.notes.join(' ')).toMatch(/2 rows were left out by the row filter/);
  });

  test('closed trades with entry and exit times, money as brokers write it, zone in the text', () => {
    const text =
      'Opened;Closed;Instrument;Direction;Result;Costs\n09.03.2026 09:30 CET;09.03.2026 10:15 CET;DAX;Short;1.234,50 €;(2,10)\n09.03.2026 11:00 CET;09.03.2026 11:20 CET;DAX;Long;-75,90 €;2,10\n';
    const mapping: GenericMapping = {
      kind: 'trades',
      columns: { openTime: 'Opened', time: 'Closed', symbol: 'Instrument', side: 'Direction', pnl: 'Result', fees: 'Costs' },
      dateFormat: 'D.M.YYYY H:mm',
      decimalStyle: 'comma',
      pointValue: '1',
    };
    const r = ok(parseImport({ bytes: bytes(text), preset: 'generic', mapping, timeZone: 'America/New_York' }));
    expect(r.problems).toEqual([]);
    expect(
      r.trades.map((t) => [t.side, t.netPnl.toString(), t.fees.toString(), new Date(t.openedAt!).toISOString(), new Date(t.closedAt).toISOString()]),
    ).toEqual([
      ['short', '1234.5', '2.1', '2026-03-09T08:30:00.000Z', '2026-03-09T09:15:00.000Z'],
      ['long', '-75.9', '2.1', '2026-03-09T10:00:00.000Z', '2026-03-09T10:20:00.000Z'],
    ]);
  });

  test('a signed quantity gives the side; a futures contract at point value 1 is warned about', () => {
    const text = 'When,What,Amount,At\n2026-03-09 09:30:00,ESM6,+2,@5000.25\n2026-03-09 09:40:00,ESM6,-2,@5004.25\n';
    const mapping: GenericMapping = { ...base, columns: { time: 'When', symbol: 'What', quantity: 'Amount', price: 'At' }, pointValue: '1' };
    const r = ok(parseImport({ bytes: bytes(text), preset: 'generic', mapping, timeZone: 'UTC' }));
    expect(r.trades.map((t) => [t.side, t.grossPnl.toString()])).toEqual([['long', '8']]);
    expect(r.warnings).toEqual([expect.stringMatching(/ES is a futures contract, but the mapping multiplies every row by 1/)]);
  });

  test('what a mapping lacks is said in the trader’s words', () => {
    expect(mappingErrors({ ...base, kind: 'trades', columns: { symbol: 'S', pnl: 'P' } }).map((e) => e.message)).toEqual([
      'Choose the column that holds the close time.',
    ]);
    expect(mappingErrors({ ...base, columns: { time: 'T', symbol: 'S' } }).map((e) => [e.field, e.message])).toEqual([
      ['mapping.columns.quantity', 'Choose the column that holds the quantity.'],
      ['mapping.columns.price', 'Choose the column that holds the price.'],
    ]);
  });

  test('a saved mapping is recognised on a file with the same header, and applied when it alone is certain', () => {
    const text = 'When,What,Amount,At\n2026-03-09 09:30:00,ESM6,+2,5000.25\n2026-03-09 09:40:00,ESM6,-2,5004.25\n';
    const mapping: GenericMapping = {
      ...base,
      header: ['When', 'What', 'Amount', 'At'],
      columns: { time: 'When', symbol: 'What', quantity: 'Amount', price: 'At' },
    };
    const r = ok(parseImport({ bytes: bytes(text), preset: 'auto', timeZone: 'UTC', savedMappings: [{ name: 'My desk', mapping }] }));
    expect(r.preset).toBe('generic');
    expect(r.presetLabel).toBe('Your mapping “My desk”');
    expect(r.trades.map((t) => t.grossPnl.toString())).toEqual(['400']);
    const other = parseImport({ bytes: bytes(text.replace('When', 'Time')), preset: 'auto', timeZone: 'UTC', savedMappings: [{ name: 'My desk', mapping }] });
    expect(other).toMatchObject({ ok: false, needsChoice: true, candidates: [] });
  });

  test.each([
    ['@1.36', '1.36'],
    ["1'234.50", '1234.5'],
    ['1 234 567,89', '1234567.89'],
    ['USD 1,200.00', '1200'],
  ])('the number %s is %s', (text, value) => {
    const r = parseBrokerNumber(text);
    expect(r.ok && r.value.toString()).toBe(value);
  });
});

describe('row filters, as properties', () => {
  test('a mapping with a row filter counts each kept row once and leaves every other row out', () => {
    const row = fc.record({ level: fc.constantFrom('Order', 'Trade', 'ClosedLot', 'order', ' Order '), cents: fc.integer({ min: -100_000, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.constantFrom<'equals' | 'not_equals'>('equals', 'not_equals'), (rows, op) => {
        const text = [
          'Level,When,Symbol,PnL',
          ...rows.map((r, i) => `${r.level},2026-03-02 10:${String(i % 60).padStart(2, '0')}:00,ES,${(r.cents / 100).toFixed(2)}`),
        ].join('\n');
        const mapping: GenericMapping = {
          kind: 'trades',
          columns: { time: 'When', symbol: 'Symbol', pnl: 'PnL' },
          filters: [{ column: 'Level', op, value: 'Order' }],
          dateFormat: 'auto',
          decimalStyle: 'dot',
          pointValue: '1',
        };
        const kept = rows.filter((r) => (r.level.trim().toLowerCase() === 'order') === (op === 'equals'));
        const r = parseImport({ bytes: bytes(text), preset: 'generic', mapping, timeZone: 'UTC' });
        if (kept.length === 0) return !r.ok || r.trades.length === 0;
        if (!r.ok) return false;
        const lines = r.trades.flatMap((t) => t.lines);
        return (
          r.trades.length === kept.length &&
          new Set(lines).size === lines.length &&
          r.trades.reduce((s, t) => s + t.netPnl.times(100).toNumber(), 0) === kept.reduce((s, k) => s + k.cents, 0)
        );
      }),
      { numRuns: 200 },
    );
  });
});
