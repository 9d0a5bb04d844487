import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseImport, totalsByAccount } from '../../src-main/imports/parse-import.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'brokers');
const present = existsSync(FIXTURES);
if (!present) console.warn(`broker fixture tests skipped: ${FIXTURES} is missing`);
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const parse = (name: string) => parseImport({ bytes: read(name), preset: 'auto', timeZone: 'America/New_York' });
const money = (d: { toFixed(n: number): string }) => d.toFixed(2);

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
});
