import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ClosedTrade } from '../../src-main/imports/import-types.ts';
import { parseImport, totalsByAccount, type ParseResult } from '../../src-main/imports/parse-import.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');
const present = existsSync(FIXTURES);
const text = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const parse = (content: string) => parseImport({ bytes: new TextEncoder().encode(content), preset: 'auto', timeZone: 'America/New_York' });
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const byCurrency = (trades: ClosedTrade[]) =>
  Object.fromEntries(totalsByAccount(trades).map((t) => [`${t.account} ${t.currency}`, { trades: t.trades, fees: t.fees.toString(), net: t.net.toString() }]));
/** Flat-to-flat positions: a contract is flat after a trade when no later trade closed a lot opened by then. */
const roundTrips = (trades: ClosedTrade[]) =>
  trades.filter((t, i) => !trades.some((u, j) => j > i && u.symbol === t.symbol && u.openedAt! <= t.closedAt)).length;

describe.skipIf(!present)('stock and option exports (shared/fixtures/brokers)', () => {
  test('IBKR Activity Statement, by detection alone: Order rows only, realized P/L per currency as IBKR gives it', () => {
    const r = ok(parse(text('ibkr-activity-statement-trades.csv')));
    expect(r.preset).toBe('ibkr_activity_statement');
    expect(r.candidates.filter((c) => c.confidence === 'certain').map((c) => c.preset)).toEqual(['ibkr_activity_statement']);
    expect(byCurrency(r.trades)).toEqual({
      'U12345 USD': { trades: 2, fees: '0.07905', net: '-90.463462' },
      'U12345 SEK': { trades: 1, fees: '49', net: '9254.23' },
    });
    expect(r.problems).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/3 opening orders/);
  });

  test('the same statement for a single account (no Account column) reads the account from Account Information', () => {
    const rows = text('ibkr-activity-statement-trades.csv').trimEnd().split('\n');
    const withoutAccount = rows.map((line) => {
      const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      return [...cells.slice(0, 5), ...cells.slice(6)].join(',');
    });
    const statement = [
      'Statement,Header,Field Name,Field Value',
      'Statement,Data,BrokerName,Interactive Brokers LLC',
      'Account Information,Header,Field Name,Field Value',
      'Account Information,Data,Account,U7654321',
      ...withoutAccount,
    ].join('\n');
    const r = ok(parse(statement));
    expect(r.preset).toBe('ibkr_activity_statement');
    expect(byCurrency(r.trades)).toEqual({
      'U7654321 USD': { trades: 2, fees: '0.07905', net: '-90.463462' },
      'U7654321 SEK': { trades: 1, fees: '49', net: '9254.23' },
    });
  });

  test('IBKR Trade Confirmation Flex CSV with a header and no rows: recognised, and an empty import with a clear message', () => {
    const content = text('ibkr-trade-confirmation-flex-header-only.csv');
    const r = parse(content);
    expect(r).toMatchObject({ ok: false, message: 'The file has no trades in it: there is nothing to import.' });
    expect(r.candidates.find((c) => c.confidence === 'certain')?.preset).toBe('ibkr_flex_csv');
  });

  test('Webull Orders Records (options): 28 filled orders, 14 exits in 11 round trips, -14.00, open +2 SPY240611C00537000 @ 1.36', () => {
    const r = ok(parse(text('webull-orders-options.csv')));
    expect(r.preset).toBe('webull_orders');
    expect(r.fills).toBe(28);
    expect(r.problems).toEqual([]);
    expect(r.trades).toHaveLength(14);
    expect(roundTrips(r.trades)).toBe(11);
    expect(byCurrency(r.trades)).toEqual({ 'Webull null': { trades: 14, fees: '0', net: '-14' } });
    expect(r.openLots.map((l) => [l.symbol, l.side, l.quantity.toString(), l.price.toString(), l.pointValue.toString()])).toEqual([
      ['SPY240611C00537000', 'long', '2', '1.36', '100'],
    ]);
    expect(r.unopened).toEqual([]);
    // Times carry their zone: 09:34:57 EDT is 13:34:57 UTC whatever zone the file is read in.
    const first = r.trades.find((t) => t.symbol === 'QQQ240604C00456000')!;
    expect(new Date(first.openedAt!).toISOString()).toBe('2024-06-03T13:34:57.000Z');
  });

  test('Webull: a sale of an option with nothing open in the file is no known opening position, not a short', () => {
    const lines = text('webull-orders-options.csv').trimEnd().split('\n');
    // Only the sells of one contract: the buys that opened it fell outside this export.
    const partial = [lines[0]!, ...lines.filter((l) => l.includes('SPY240604P00526000') && l.includes(',Sell,'))].join('\n');
    const r = ok(parse(partial));
    expect(r.trades).toEqual([]);
    expect(r.openLots).toEqual([]);
    expect(r.unopened.map((u) => [u.line, u.side, u.quantity.toString()])).toEqual([
      [3, 'sell', '1'],
      [2, 'sell', '1'],
    ]);
  });
});
