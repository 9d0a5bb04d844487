import { describe, expect, test } from 'vitest';
import { niceTicks } from '../../src-renderer/charts/nice-ticks.ts';

describe('chart ticks are round, with zero on a tick (issue 16 item 9)', () => {
  test.each([
    [
      [92.3, 49.8, -0.3],
      [-25, 0, 25, 50, 75, 100],
    ],
    [
      [-2550, -1300],
      [-3000, -2000, -1000, 0],
    ],
    [
      [-2500, -37.5],
      [-3000, -2000, -1000, 0],
    ],
    [
      [12.34, 7],
      [0, 5, 10, 15],
    ],
    [[0.3], [0, 0.1, 0.2, 0.3]],
  ])('%j gives %j', (values, ticks) => {
    expect(niceTicks(values)).toEqual(ticks);
  });

  test('whatever the values, zero is a tick, the steps are equal and the ticks cover every value', () => {
    for (const values of [[5], [-5], [0.01, 99999], [-123.45, 678.9], [1e-3, 2e-3], [-7, -6.5]]) {
      const ticks = niceTicks(values);
      expect(ticks).toContain(0);
      expect(ticks.some((t) => Object.is(t, -0))).toBe(false);
      const steps = ticks.slice(1).map((t, i) => Number((t - ticks[i]!).toPrecision(10)));
      expect(new Set(steps).size).toBe(1);
      expect(ticks[0]!).toBeLessThanOrEqual(Math.min(0, ...values));
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(Math.max(0, ...values));
    }
  });

  test('counts step by whole numbers: one session is 0 and 1, not 0 to 4', () => {
    expect(niceTicks([1], { integers: true })).toEqual([0, 1]);
    expect(niceTicks([3, 7], { integers: true })).toEqual([0, 2, 4, 6, 8]);
  });
});
