/** Steps a person reads at a glance: 1, 2, 2.5 and 5 times a power of ten. */
const NICE = [1, 2, 2.5, 5, 10];

/**
 * Round axis ticks over a range that always includes zero, so the zero line sits on a tick
 * and every label is a multiple of one round step ($0, $25, $50 …, never $49.8). `integers`
 * keeps the step whole (counts). Chart positions only: money never passes through here.
 */
export function niceTicks(values: readonly number[], options: { count?: number; integers?: boolean } = {}): number[] {
  const finite = values.filter(Number.isFinite);
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  if (low === high) return [0, 1];
  const raw = (high - low) / Math.max(1, (options.count ?? 5) - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = NICE.map((n) => n * power).find((s) => s >= raw - 1e-12) ?? 10 * power;
  if (options.integers) step = Math.max(1, Math.ceil(step));
  const first = Math.floor(low / step + 1e-9);
  const last = Math.ceil(high / step - 1e-9);
  // Multiples of the step, computed from integers so no tick reads 0.30000000000000004 (or -0).
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)) + 0);
}

/** Room above the top tick and beside the last one, so their labels are not cut. */
export const CHART_MARGIN = { top: 12, right: 16, bottom: 0, left: 0 };
