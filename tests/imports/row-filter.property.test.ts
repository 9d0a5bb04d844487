import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { GenericMapping } from '../../src-main/contract/import-schemas.ts';
import { matchImport, readImportFile, type ReadResult } from '../../src-main/imports/parse-import.ts';
import { Decimal } from '../../src-main/money/money.ts';

/**
 * A file with levels, as Interactive Brokers writes one: each order is an `Order` row followed
 * by the `Trade` rows (partial executions) that add up to it and, for a closing order, its
 * `ClosedLot` tax lots. Counting two levels doubles the P&L; a row filter counts one.
 */
const order = fc.record({
  buy: fc.boolean(),
  parts: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
  price: fc.integer({ min: 100, max: 200 }),
  lots: fc.integer({ min: 0, max: 2 }),
});
const orders = fc.array(order, { minLength: 1, maxLength: 25 });

function levelledFile(list: Array<{ buy: boolean; parts: number[]; price: number; lots: number }>): { csv: string; kinds: Map<number, string> } {
  const lines = ['Kind,Time,Symbol,Side,Qty,Price'];
  const kinds = new Map<number, string>();
  const add = (kind: string, cells: string) => {
    lines.push(`${kind},${cells}`);
    kinds.set(lines.length, kind);
  };
  list.forEach((o, i) => {
    const time = `2026-03-02 ${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    const side = o.buy ? 'Buy' : 'Sell';
    const total = o.parts.reduce((a, b) => a + b, 0);
    add('Order', `${time},MNQH6,${side},${total},${o.price}.25`);
    for (const part of o.parts) add('Trade', `${time},MNQH6,${side},${part},${o.price}.25`);
    for (let lot = 0; lot < o.lots; lot++) add('ClosedLot', `${time},MNQH6,${o.buy ? 'Sell' : 'Buy'},1,${o.price - 3}.00`);
  });
  return { csv: lines.join('\n'), kinds };
}

const mapping = (filters: GenericMapping['filters']): GenericMapping => ({
  kind: 'fills',
  columns: { time: 'Time', symbol: 'Symbol', side: 'Side', quantity: 'Qty', price: 'Price' },
  filters,
  dateFormat: 'YYYY-MM-DD HH:mm:ss',
  decimalStyle: 'dot',
  pointValue: 'futures',
});
const read = (csv: string, filters: GenericMapping['filters']) =>
  readImportFile({ bytes: new TextEncoder().encode(csv), preset: 'generic', mapping: mapping(filters), timeZone: 'UTC' });
const ok = (r: ReadResult) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};
const total = (r: Extract<ReadResult, { ok: true }>) => matchImport(r, {}).trades.reduce((sum, t) => sum.plus(t.grossPnl), new Decimal(0));
/** The lines the import read a fill or a problem from: a row counted twice would appear twice. */
const usedLines = (r: Extract<ReadResult, { ok: true }>) => [...r.output.fills.map((f) => f.line), ...r.problems.map((p) => p.line)];

describe('a mapping with a row filter', () => {
  test('never counts a row twice: one level of a levelled file, each kept row once, the P&L of either level the same', () => {
    fc.assert(
      fc.property(orders, (list) => {
        const { csv, kinds } = levelledFile(list);
        const byOrder = ok(read(csv, [{ column: 'Kind', op: 'equals', value: 'Order' }]));
        const byTrade = ok(
          read(csv, [
            { column: 'Kind', op: 'not_equals', value: 'Order' },
            { column: 'Kind', op: 'not_equals', value: 'ClosedLot' },
          ]),
        );
        const orderRows = [...kinds.values()].filter((k) => k === 'Order').length;
        const tradeRows = [...kinds.values()].filter((k) => k === 'Trade').length;
        for (const [r, kept, rows] of [
          [byOrder, 'Order', orderRows],
          [byTrade, 'Trade', tradeRows],
        ] as const) {
          const used = usedLines(r);
          expect(used.every((line) => kinds.get(line) === kept)).toBe(true);
          expect(new Set(used).size).toBe(used.length);
          expect(r.output.fills).toHaveLength(rows);
        }
        expect(total(byOrder).equals(total(byTrade))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('whatever the filter, a row it leaves out is never read, and no row is read twice', () => {
    fc.assert(
      fc.property(
        orders,
        fc.constantFrom('Kind', 'Side', 'Qty'),
        fc.constantFrom<'equals' | 'not_equals'>('equals', 'not_equals'),
        fc.constantFrom('Order', 'Trade', 'ClosedLot', 'Buy', 'Sell', '1', '2'),
        (list, column, op, value) => {
          const { csv } = levelledFile(list);
          const rows = csv.split('\n').map((line) => line.split(','));
          const at = rows[0]!.indexOf(column);
          const kept = new Set(rows.flatMap((cells, i) => (i > 0 && (cells[at] === value) === (op === 'equals') ? [i + 1] : [])));
          const r = read(csv, [{ column, op, value }]);
          if (!r.ok) return kept.size === 0;
          const used = usedLines(r);
          return new Set(used).size === used.length && used.every((line) => kept.has(line)) && used.length === kept.size;
        },
      ),
      { numRuns: 200 },
    );
  });
});
