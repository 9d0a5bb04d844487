import { describe, expect, test } from 'vitest';
import type { GenericMapping } from '../../src-main/contract/import-schemas.ts';
import { parseImport, totalsByAccount, type ParseResult } from '../../src-main/imports/parse-import.ts';

/**
 * Kraken exports written as Kraken writes them: every text cell quoted, numbers bare, times in
 * UTC with a fraction of a second, pairs in Kraken's codes or with a slash.
 */
const parse = (lines: string[], mapping?: GenericMapping) =>
  parseImport({
    bytes: new TextEncoder().encode(`${lines.join('\n')}\n`),
    fileName: 'trades.csv',
    preset: mapping ? 'generic' : 'auto',
    ...(mapping && { mapping }),
    timeZone: 'America/New_York',
  });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};

const HEADER =
  '"txid","ordertxid","pair","aclass","subclass","time","type","ordertype","price","cost","fee","vol","margin","misc","ledgers","posttxid","posstatuscode","cprice","ccost","cfee","cvol","cmargin","net","trades"';
const row = (id: string, pair: string, time: string, type: string, price: string, cost: string, fee: string, vol: string, margin = '0.00000', misc = '') =>
  `"T${id}-AAAAA-BBBBBB","O${id}-CCCCC-DDDDDD","${pair}","forex","crypto","${time}","${type}","limit",${price},${cost},${fee},${vol},${margin},"${misc}","L${id}-EEEEE-FFFFFF,L${id}-GGGGG-HHHHHH","","","","","","","","","",""`;

describe('Kraken trades', () => {
  const trades = [
    HEADER,
    row('1', 'XXBTZUSD', '2021-01-05 14:21:33.1234', 'buy', '30000.0', '300.00000', '0.78000', '0.01000000'),
    row('2', 'XBT/USD', '2021-01-06 09:00:00.5', 'buy', '32000.0', '320.00000', '0.83000', '0.01000000'),
    row('3', 'XXBTZUSD', '2021-01-07 10:00:00.0001', 'sell', '35000.0', '525.00000', '1.36500', '0.01500000'),
    row('4', 'XETHZEUR', '2021-02-01 08:00:00.2500', 'buy', '1000.00', '1500.00000', '2.40000', '1.50000000'),
    row('5', 'ETH/EUR', '2021-02-02 08:00:00.2500', 'sell', '1100.00', '1650.00000', '2.64000', '1.50000000'),
    row('6', 'SOLUSD', '2021-02-03 12:00:00.0000', 'sell', '20.000', '200.00000', '0.52000', '10.00000000'),
    row('7', 'XETHXXBT', '2021-03-01 00:00:01.1000', 'buy', '0.05000', '0.05000000', '0.00001234', '1.00000000'),
    row('8', 'XETHXXBT', '2021-03-02 00:00:01.1000', 'sell', '0.05500', '0.05500000', '0.00001357', '1.00000000'),
  ];

  test('detected by itself: Kraken codes and slashed pairs are one instrument, FIFO per pair, amounts in the quote currency', () => {
    const r = ok(parse(trades));
    expect(r.preset).toBe('kraken_trades');
    expect(r.problems).toEqual([]);
    expect(r.fills).toBe(8);
    expect(r.trades.map((t) => [t.symbol, t.currency, t.grossPnl.toString(), t.fees.toString(), t.netPnl.toString()])).toEqual([
      ['BTC/USD', 'USD', '65', '2.56', '62.44'],
      ['ETH/EUR', 'EUR', '150', '5.04', '144.96'],
      ['ETH/BTC', 'BTC', '0.005', '0.000026', '0.004974'],
    ]);
    expect(totalsByAccount(r.trades).map((t) => [t.account, t.currency, t.trades, t.net.toString()])).toEqual([
      ['Kraken', 'USD', 1, '62.44'],
      ['Kraken', 'EUR', 1, '144.96'],
      ['Kraken', 'BTC', 1, '0.004974'],
    ]);
    expect(r.openLots.map((l) => [l.symbol, l.side, l.quantity.toString(), l.price.toString(), l.fees.toString()])).toEqual([
      ['BTC/USD', 'long', '0.005', '32000', '0.415'],
    ]);
    // Times are UTC, whatever zone the trader chose, with their fraction of a second.
    expect(new Date(r.trades[0]!.closedAt).toISOString()).toBe('2021-01-07T10:00:00.000Z');
    expect(new Date(r.trades[0]!.openedAt!).toISOString()).toBe('2021-01-05T14:21:33.123Z');
  });

  test('a spot sale with nothing open is no known opening position, not a short; fees in bitcoin are rounded to the millionth, with a note', () => {
    const r = ok(parse(trades));
    expect(r.unopened.map((u) => [u.line, u.symbol, u.quantity.toString()])).toEqual([[7, 'SOL/USD', '10']]);
    expect(r.notes.join(' ')).toMatch(/2 fees are finer than the millionth/);
  });

  test('a margin sale opens a short, closed by the margin buy (a time a spreadsheet saved without seconds still reads)', () => {
    const r = ok(
      parse([
        '"txid","ordertxid","pair","time","type","ordertype","price","cost","fee","vol","margin","misc","ledgers"',
        '"TA1-AAAAA-BBBBBB","OA1-CCCCC-DDDDDD","XXBTZEUR","2019-05-01 10:00:00.0000","sell","limit",5000.0,500.00000,1.30000,0.10000000,100.00000,"",""',
        '"TA2-AAAAA-BBBBBB","OA2-CCCCC-DDDDDD","XXBTZEUR","2019-05-02 10:00","buy","limit",4800.0,480.00000,1.25000,0.10000000,96.00000,"closing",""',
      ]),
    );
    expect(r.preset).toBe('kraken_trades');
    expect(r.problems).toEqual([]);
    expect(r.trades.map((t) => [t.symbol, t.side, t.netPnl.toString()])).toEqual([['BTC/EUR', 'short', '17.45']]);
  });

  test('a trades export with a column Kraken never writes is offered, not applied by itself', () => {
    const r = parse([`${HEADER},"note"`, `${trades[1]},""`]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.candidates.map((c) => [c.preset, c.confidence])).toEqual([['kraken_trades', 'likely']]);
  });
});

describe('Kraken ledgers', () => {
  const ledgers = [
    '"txid","refid","time","type","subtype","aclass","asset","wallet","amount","fee","balance"',
    '"L4UESK-KG3EQ-UFO4T5","FTQcuQ-V143K-VNFZE3","2024-01-05 12:00:00","deposit","","currency","ZEUR","spot / main",1000.0000,0,1000.0000',
    '"LTR01A-AAAAA-BBBBB1","TRD001-XYZKQ-CCCCC1","2024-01-06 08:20:02","trade","","currency","ZEUR","spot / main",-100.0000,0.2600,899.7400',
    '"LTR01B-AAAAA-BBBBB2","TRD001-XYZKQ-CCCCC1","2024-01-06 08:20:02","trade","","currency","XXBT","spot / main",0.0025000000,0,0.0025000000',
    '"LST001-AAAAA-BBBBB3","STK001-XYZKQ-CCCCC2","2024-01-07 00:00:00","staking","","currency","DOT.S","spot / main",0.0123000000,0,0.0123000000',
    '"LWD001-AAAAA-BBBBB4","WDR001-XYZKQ-CCCCC3","2024-01-08 09:00:00","withdrawal","","currency","ZEUR","spot / main",-500.0000,0.0900,399.6500',
  ];

  test('recognised as a cash history by detection, never read as trades, with no total across its assets', () => {
    const r = parse(ledgers);
    expect(r).toMatchObject({ ok: false, cashHistory: { kind: 'cash', totals: [] } });
    expect(!r.ok && r.message).toMatch(/^This is a cash history .*Kraken's ledgers export.*Nothing in it is imported as trades/);
  });

  test('the older layout without a wallet column, mapped as fills, is still not imported', () => {
    const r = parse(
      ledgers.map((line) => line.replace(/,"wallet"|,"spot \/ main"/, '')),
      {
        kind: 'fills',
        columns: { time: 'time', symbol: 'asset', quantity: 'amount', price: 'balance' },
        dateFormat: 'auto',
        decimalStyle: 'dot',
        pointValue: '1',
      },
    );
    expect(r).toMatchObject({ ok: false, cashHistory: { kind: 'cash' } });
  });
});
