import { appendFileSync } from 'node:fs';

export interface SoakRow {
  metric: string;
  /** How many runs, kills, payloads or files the figure stands on. */
  runs: number;
  value: number;
  unit: string;
  target: string;
  ok: boolean;
}

/**
 * Under `npm run soak` (SESSIONGUARD_SOAK_REPORT names a file), a check appends its figures so
 * the soak table shows how much was tried and what failed; in `npm test` it does nothing.
 */
export function reportSoak(row: SoakRow): void {
  const file = process.env.SESSIONGUARD_SOAK_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}
