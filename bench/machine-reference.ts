import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { percentile, type BenchRow } from './bench-table.ts';

/** This run's raw SQLite figures, for the rows whose targets are ratios to them (issue 15); NaN until the machine suite ran. */
export const machine = { commitMicros: Number.NaN };

/** What raw SQLite does on the machine the millisecond targets were set on. */
const REFERENCE = { bulkRowsPerSecond: 800_000, commitMicros: 11 };

/**
 * The machine's speed right now, in the terms of the reference: raw SQLite bulk inserts (the
 * machine row's first measurement, 100,000 rows in one transaction on a fresh file), as a
 * ratio to the reference rate. Taken beside a timed run, it says how far the shared machine
 * was from the reference while that run ran (the machine row is measured once, at the start).
 */
export function machineRatioNow(): number {
  const dir = mkdtempSync(join(tmpdir(), 'sessionguard-bench-moment-'));
  const db = new BetterSqlite3(join(dir, 'moment.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c REAL)');
    const insert = db.prepare('INSERT INTO t (a, b, c) VALUES (?, ?, ?)');
    const start = performance.now();
    db.transaction(() => {
      for (let i = 0; i < 100_000; i += 1) insert.run(`row ${i}`, i, i / 2);
    })();
    return 100_000 / ((performance.now() - start) / 1000) / REFERENCE.bulkRowsPerSecond;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A millisecond figure as it would read on the reference machine, given the machine's ratio to it while the figure was taken. */
export function atReference(ms: number, ratio: number): string {
  return `; ${(ms * ratio).toFixed(0)} ms at the reference speed (machine ${ratio.toFixed(2)}x the reference beside it)`;
}

/**
 * How fast this machine is today, in the terms the targets were set in: raw SQLite inserts on a
 * bare table, in bulk and as one committed row at a time. The absolute targets (milliseconds)
 * assume the reference figures; on a shared machine running at a third of them, read those
 * rows against this one. Reported, not judged.
 */
export async function machineReference(): Promise<BenchRow[]> {
  // Runnable processes per core over the last minute: above 1, every latency row's tail is
  // mostly time this process spent waiting for a core (wall time far above its CPU time).
  const load = loadavg()[0]! / availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'sessionguard-bench-machine-'));
  const db = new BetterSqlite3(join(dir, 'reference.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c REAL)');
    const insert = db.prepare('INSERT INTO t (a, b, c) VALUES (?, ?, ?)');
    let bulkBest = 0;
    let commitBest = Number.POSITIVE_INFINITY;
    const commits: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      let start = performance.now();
      db.transaction(() => {
        for (let i = 0; i < 100_000; i += 1) insert.run(`row ${i}`, i, i / 2);
      })();
      bulkBest = Math.max(bulkBest, 100_000 / ((performance.now() - start) / 1000));
      start = performance.now();
      for (let i = 0; i < 2_000; i += 1) {
        const one = performance.now();
        db.transaction(() => insert.run('one', i, 1))();
        commits.push((performance.now() - one) * 1000);
      }
      commitBest = Math.min(commitBest, ((performance.now() - start) * 1000) / 2_000);
    }
    machine.commitMicros = commitBest;
    const commitP50 = percentile(commits, 50);
    const commitP99 = percentile(commits, 99);
    return [
      {
        metric: 'machine: raw SQLite bulk inserts (100k rows, one transaction), best of 3',
        value: bulkBest / 1e6,
        unit: 'M rows/s',
        target: `reported (reference ${REFERENCE.bulkRowsPerSecond / 1e6}-0.95)`,
        ok: true,
      },
      {
        metric: 'machine: one committed one-row transaction (synchronous=NORMAL), best of 3',
        value: commitBest,
        unit: 'us',
        target: `reported (reference ${REFERENCE.commitMicros} us)`,
        ok: true,
      },
      {
        metric: `machine: one committed one-row transaction, each timed (6,000), p99 (p50 ${commitP50.toFixed(1)} us, p99/p50 ${(commitP99 / commitP50).toFixed(1)})`,
        value: commitP99,
        unit: 'us',
        target: 'reported (the tail this machine gives any commit: time spent waiting for a core)',
        ok: true,
      },
      {
        metric: `machine: load average per core at the start (${availableParallelism()} cores)`,
        value: load,
        unit: '',
        target: 'reported (quiet: < 0.5)',
        ok: true,
      },
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
