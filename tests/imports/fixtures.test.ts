import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ClosedTrade } from '../../src-main/imports/import-types.ts';
import { parseImport, totalsByAccount, type ParseResult } from '../../src-main/imports/parse-import.ts';
import { futuresRoot } from '../../src-main/imports/point-values.ts';
import { Decimal } from '../../src-main/money/money.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');
const present = existsSync(FIXTURES);
if (!present) console.warn(`broker fixture tests skipped: ${FIXTURES} is missing`);
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const parse = (name: string) => parseImport({ bytes: read(name), preset: 'auto', timeZone: 'America/New_York' });
const money = (d: { toFixed(n: number): string }) => d.toFixed(2);
const sum = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));
/** Trades, gross, fees and net per account, as the README lists them. */
const byAccount = (trades: ClosedTrade[]) =>
  Object.fromEntries(totalsByAccount(trades).map((t) => [t.account, { trades: t.trades, gross: money(t.gross), fees: money(t.fees), net: money(t.net) }]));
const bySymbol = (trades: ClosedTrade[], root: (s: string) => string = (s) => s) => {
  const out: Record<string, { trades: number; gross: string }> = {};
  for (const t of trades) {
    const key = root(t.symbol);
    const entry = out[key] ?? { trades: 0, gross: '0.00' };
    out[key] = { trades: entry.trades + 1, gross: money(new Decimal(entry.gross).plus(t.grossPnl)) };
  }
  return out;
};
/** Flat-to-flat positions: a contract is flat after a trade when no trade closed after it had a lot opened by then. */
const roundTrips = (trades: ClosedTrade[]) =>
  trades.filter((t, i) => !trades.some((u, j) => j > i && u.symbol === t.symbol && u.openedAt! <= t.closedAt)).length;
const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe.skipIf(!present)('real broker exports (shared/fixtures/brokers)', () => {
  test('Tradovate Orders: 12 fills, 6 round trips, +1944.50 gross, flat', () => {
    const r = parse('tradovate-orders-history.csv');
    if (!r.ok) throw new Error(r.message);
    expect(r.preset).toBe('tradovate_orders');
    expect(r.fills).toBe(12);
    expect(r.trades.map((t) => money(t.grossPnl))).toEqual(['-400.00', '1200.00', '-492.50', '1200.00', '800.00', '-363.00']);
    expect(money(r.trades.reduce((s, t) => s.plus(t.netPnl), r.trades[0]!.netPnl.minus(r.trades[0]!.netPnl)))).toBe('1944.50');
    expect(r.openLots).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  test('NinjaTrader Executions: per-account gross, fees and net, flat in every account', () => {
    const r = parse('ninjatrader-executions.csv');
    if (!r.ok) throw new Error(r.message);
    expect(r.preset).toBe('ninjatrader_executions');
    const totals = Object.fromEntries(totalsByAccount(r.trades).map((t) => [t.account, [money(t.gross), money(t.fees), money(t.net)]]));
    expect(totals).toEqual({
      Sim101: ['89.50', '0.00', '89.50'],
      APEX1279810000026: ['70.00', '18.60', '51.40'],
      APEX1279810000027: ['100.00', '18.60', '81.40'],
      APEX1279810000028: ['100.00', '18.60', '81.40'],
    });
    expect(r.openLots).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  test('thinkorswim Account Statement: 83 NVDA fills, +99.00, flat', () => {
    const r = parse('thinkorswim-account-statement.csv');
    if (!r.ok) throw new Error(r.message);
    expect(r.preset).toBe('thinkorswim_statement');
    expect(r.fills).toBe(83);
    expect(money(totalsByAccount(r.trades).reduce((s, t) => s.plus(t.net), r.trades[0]!.netPnl.minus(r.trades[0]!.netPnl)))).toBe('99.00');
    expect(r.openLots).toEqual([]);
  });

  test('IBKR Activity Statement: realized P/L per currency as the statement gives it', () => {
    const r = parse('ibkr-activity-statement-trades.csv');
    if (!r.ok) throw new Error(r.message);
    expect(r.preset).toBe('ibkr_activity_statement');
    const byCurrency = Object.fromEntries(totalsByAccount(r.trades).map((t) => [t.currency, t.net.toString()]));
    expect(byCurrency).toEqual({ USD: '-90.463462', SEK: '9254.23' });
    expect(r.notes.join(' ')).toMatch(/3 opening orders/);
  });

  test('IBKR Flex header only: an empty import with a clear message', () => {
    const r = parse('ibkr-trade-confirmation-flex-header-only.csv');
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/no trades/) });
  });

  test('re-reading a file whose fills are known adds nothing', () => {
    const first = parse('ninjatrader-executions.csv');
    if (!first.ok) throw new Error(first.message);
    const again = parseImport({ bytes: read('ninjatrader-executions.csv'), preset: 'auto', timeZone: 'America/New_York', knownFills: new Set(first.fillKeys) });
    expect(again.ok && again.trades).toEqual([]);
  });

  test('Tradovate Fills: UTC timestamps, per-fill commission; 10 lots in 4 round trips, +136.25 gross, 6.08 fees, +130.17 net, flat', () => {
    const r = ok(parse('tradovate-fills.csv'));
    expect(r.preset).toBe('tradovate_fills');
    expect(r.problems).toEqual([]);
    // One trade per closing fill, as the Performance report of the same fills lists them.
    expect(r.trades).toHaveLength(10);
    expect(r.trades.reduce((n, t) => n + t.lines.length - 1, 0)).toBe(10);
    expect(roundTrips(r.trades)).toBe(4);
    expect(bySymbol(r.trades)).toEqual({ NQH6: { trades: expect.any(Number), gross: '100.00' }, MESH6: { trades: expect.any(Number), gross: '36.25' } });
    expect([money(sum(r.trades.map((t) => t.grossPnl))), money(sum(r.trades.map((t) => t.fees))), money(sum(r.trades.map((t) => t.netPnl)))]).toEqual([
      '136.25',
      '6.08',
      '130.17',
    ]);
    expect(r.openLots).toEqual([]);
    // The first fill: 2026-02-11 06:34:46.772Z in _timestamp, 15:34:46 local (UTC+9) beside it.
    expect(new Date(Math.min(...r.trades.map((t) => t.openedAt!))).toISOString()).toBe('2026-02-11T06:34:46.772Z');
  });

  test('Tradovate Performance: 10 matched pairs, +136.25 (NQ +100.00, MES +36.25), no fees, the first a short', () => {
    const r = ok(parse('tradovate-performance.csv'));
    expect(r.preset).toBe('tradovate_performance');
    expect(r.problems).toEqual([]);
    expect(r.trades).toHaveLength(10);
    expect(bySymbol(r.trades, (s) => futuresRoot(s)!)).toEqual({
      NQ: { trades: expect.any(Number), gross: '100.00' },
      MES: { trades: expect.any(Number), gross: '36.25' },
    });
    expect(money(sum(r.trades.map((t) => t.netPnl)))).toBe('136.25');
    expect(money(sum(r.trades.map((t) => t.fees)))).toBe('0.00');
    expect(r.trades.find((t) => t.lines[0] === 2)!.side).toBe('short');
  });

  test('Tradovate Position History: 3 pairs, +1353.75 (MESM6 +1898.75, NQM6 -545.00); ESM6 +1 @ 7013.75 open, not a trade', () => {
    const r = ok(parse('tradovate-position-history.csv'));
    expect(r.preset).toBe('tradovate_position_history');
    expect(r.problems).toEqual([]);
    expect(r.trades).toHaveLength(3);
    expect(bySymbol(r.trades)).toEqual({ MESM6: { trades: expect.any(Number), gross: '1898.75' }, NQM6: { trades: expect.any(Number), gross: '-545.00' } });
    expect(money(sum(r.trades.map((t) => t.netPnl)))).toBe('1353.75');
    expect(r.openPositions.map((p) => [p.symbol, p.quantity.toString(), p.price?.toString()])).toEqual([['ESM6', '1', '7013.75']]);
  });

  test('NinjaTrader Trades grid: 93 trades, -500.00 = the last Cum. net profit, per account, no commission', () => {
    const r = ok(parse('ninjatrader-trades-grid.csv'));
    expect(r.preset).toBe('ninjatrader_trades');
    expect(r.problems).toEqual([]);
    expect(r.trades).toHaveLength(93);
    const accounts = byAccount(r.trades);
    expect(accounts.BreakOuts).toEqual({ trades: 52, gross: '212.50', fees: '0.00', net: '212.50' });
    expect(accounts.Sim101).toEqual({ trades: 21, gross: '-475.00', fees: '0.00', net: '-475.00' });
    const third = Object.entries(accounts).find(([name]) => name !== 'BreakOuts' && name !== 'Sim101')!;
    expect(third[0]).toMatch(/&.*!|!.*&/);
    expect(third[1]).toEqual({ trades: 20, gross: '-237.50', fees: '0.00', net: '-237.50' });
    expect(money(sum(r.trades.map((t) => t.netPnl)))).toBe('-500.00');
    expect(r.notes.join(' ')).toMatch(/add up to NinjaTrader’s own Cum\. net profit \(-500\.00\)/);
  });

  test('TopstepX Trades: 486 trades, +3891.75 gross, 398.36 fees, +3493.39 net, per contract', () => {
    const r = ok(parse('topstepx-trades-export.csv'));
    expect(r.preset).toBe('topstepx_trades');
    expect(r.problems).toEqual([]);
    expect(r.trades).toHaveLength(486);
    expect([money(sum(r.trades.map((t) => t.grossPnl))), money(sum(r.trades.map((t) => t.fees))), money(sum(r.trades.map((t) => t.netPnl)))]).toEqual([
      '3891.75',
      '398.36',
      '3493.39',
    ]);
    expect(bySymbol(r.trades, (s) => futuresRoot(s)!)).toEqual({
      MNQ: { trades: 462, gross: '3763.50' },
      MES: { trades: 13, gross: '131.25' },
      MGC: { trades: 3, gross: '9.00' },
      MBT: { trades: 8, gross: '-12.00' },
    });
    // Unsorted in the file, in time order after reading.
    expect(r.trades.every((t, i) => i === 0 || r.trades[i - 1]!.closedAt <= t.closedAt)).toBe(true);
  });

  test('MetaTrader 4 Detailed Statement: 124 closed trades, commission 2265.77, swap -308.60, closed P/L +8205.65; the open ticket is not a trade', () => {
    const r = ok(parse('mt4-detailed-statement.htm'));
    expect(r.preset).toBe('mt4_statement');
    expect(r.problems).toEqual([]);
    expect(r.trades).toHaveLength(124);
    expect([money(sum(r.trades.map((t) => t.grossPnl))), money(sum(r.trades.map((t) => t.fees))), money(sum(r.trades.map((t) => t.netPnl)))]).toEqual([
      '10471.42',
      '2265.77',
      '8205.65',
    ]);
    expect(r.openPositions.map((p) => p.id)).toEqual(['78412103']);
    expect(r.notes.join(' ')).toMatch(/Closed Trade P\/L/);
  });

  test('every fixture is recognised by exactly one certain format', () => {
    for (const name of [
      'tradovate-orders-history.csv',
      'tradovate-fills.csv',
      'tradovate-performance.csv',
      'tradovate-position-history.csv',
      'ninjatrader-executions.csv',
      'ninjatrader-trades-grid.csv',
      'topstepx-trades-export.csv',
      'thinkorswim-account-statement.csv',
      'ibkr-activity-statement-trades.csv',
      'mt4-detailed-statement.htm',
    ]) {
      const r = ok(parse(name));
      expect(
        r.candidates.filter((c) => c.confidence === 'certain'),
        name,
      ).toHaveLength(1);
    }
  });
});
