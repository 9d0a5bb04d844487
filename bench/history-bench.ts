import { rmSync } from 'node:fs';
import { openCore, type Core } from '../src-main/app/core.ts';
import { DAY_MS } from '../src-main/time/clock.ts';
import { percentile, timed, type BenchRow } from './bench-table.ts';
import { SEED_START, seededDataDir } from './seeded-database.ts';

const SIZES = [1_000, 10_000, 100_000];
const TRADES_PER_SESSION = 10;
const PAGES = 300;

/**
 * Issue 15, cost as work grows: the history page of 50 with filters (three statuses, two
 * durations, sorted by start or P&L, pages 1 to 40) on 1k, 10k and 100k sessions. The page
 * itself is constant work; counting the matching sessions for the pager is linear in them, so
 * a row may grow at most as fast as the sessions do (10x per step).
 */
/**
 * The history page's timing, the same in every history row: 300 pages of 50 with filters, both
 * sorts, pages 1 to 40. The first 50 compile each form of the page's statements and are not counted.
 */
export async function historyPageTimes(core: Core): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < PAGES + 50; i += 1) {
    const ms = await timed(() =>
      core.history.page({
        statuses: ['completed', 'stopped', 'expired'],
        durations: [60, 240],
        sort: i % 2 ? 'pnl' : 'start',
        page: 1 + (i % 40),
        pageSize: 50,
      }),
    );
    if (i >= 50) samples.push(ms);
  }
  return samples;
}

export async function historyBench(log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  let previous: { sessions: number; p99: number } | null = null;
  for (const sessions of SIZES) {
    const dataDir = await seededDataDir({ sessions, tradesPerSession: TRADES_PER_SESSION }, log);
    const core = await openCore({ dataDir, clock: { now: () => SEED_START + (sessions + 1) * DAY_MS } });
    try {
      const samples = await historyPageTimes(core);
      const p99 = percentile(samples, 99);
      log(`history ${sessions} sessions: p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);
      const growth = previous ? p99 / previous.p99 : null;
      rows.push({
        metric: `history page of 50 with filters, ${sessions.toLocaleString('en-US')} sessions (${TRADES_PER_SESSION} trades each), p99${growth === null ? '' : ` (${growth.toFixed(1)}x the ${previous!.sessions.toLocaleString('en-US')} row)`}`,
        value: p99,
        unit: 'ms',
        target: growth === null ? 'reported (the base of the growth rows)' : `<= ${sessions / previous!.sessions}x the previous row`,
        ok: growth === null || growth <= sessions / previous!.sessions,
      });
      previous = { sessions, p99 };
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}
