import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openCore, DATABASE_FILE } from '../src-main/app/core.ts';
import { CHECKED_BEFORE_OPEN_PAGES } from '../src-main/storage/quick-check.ts';
import { Decimal } from '../src-main/money/money.ts';
import type { TradeInput } from '../src-main/trades/trade-recording.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../src-main/time/clock.ts';
import { percentile, timed, type BenchRow } from './bench-table.ts';
import { insertTimes } from './insert-ratio.ts';

const SESSIONS = 10_000;
const TRADES = SESSIONS * 100;
/** Sessions of 100 trades that fill just under CHECKED_BEFORE_OPEN_PAGES. */
const LIMIT_SESSIONS = 1_700;
const BULK = 100_000;

/** Issue "Foundation": a database of 10,000 ended sessions and 1,000,000 trades. */
export async function foundationBench(log: (line: string) => void): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessionguard-bench-'));
  try {
    log(`seeding ${SESSIONS} sessions and ${TRADES} trades…`);
    const start = Date.parse('2024-01-01T09:00:00Z');
    const setup = await openCore({ dataDir, clock: { now: () => start } });
    await setup.profiles.create({ name: 'Bench', currency: 'USD', balance: '100000.00', timeZone: 'America/New_York' });
    await setup.profiles.update({ lockoutMinutes: 0, applyPnlToBalance: false });
    await setup.close();
    seed(join(dataDir, DATABASE_FILE), start, SESSIONS);

    let now = start + SESSIONS * DAY_MS;
    const clock = { now: () => now };
    // Open is done when openCore resolves; the file's quick_check goes on in the background
    // (writes wait for it), so it is timed to when the storage says the file is verified.
    const openStarted = performance.now();
    const opened = await openCore({ dataDir, clock });
    const openMs = performance.now() - openStarted;
    await opened.storage.verified();
    const verifiedMs = performance.now() - openStarted;
    await opened.close();
    const atLimitMs = await openAtCheckLimit(start, log);
    const core = await openCore({ dataDir, clock });

    const createMs: number[] = [];
    for (let i = 0; i < 350; i += 1) {
      const measure = i >= 50;
      (measure ? createMs : []).push(await timed(() => core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true })));
      const open = await core.sessions.getActiveData();
      now += MINUTE_MS;
      await core.sessions.stop(open!.session.id);
      // The stop syncs itself to disk; let that finish outside the next measurement.
      await core.storage.checkpoint();
    }

    await core.sessions.create({ durationMinutes: 10080, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    const recordMs: number[] = [];
    // The first 200 warm the JIT and the statement cache and are not counted.
    for (let i = 0; i < 2200; i += 1) {
      now += 1000;
      const ms = await timed(() => core.trades.record([{ source: 'feed', externalId: `b${i}`, fees: new Decimal('0.62'), realizedPnl: new Decimal(i % 2 === 0 ? '12.5' : '-12.25'), closedAt: now }]));
      if (i >= 200) recordMs.push(ms);
      // The running app syncs the WAL every few seconds; do the same here (unmeasured).
      if (i % 500 === 499) await core.storage.checkpoint();
    }

    log(`record: p50 ${percentile(recordMs, 50).toFixed(3)} p90 ${percentile(recordMs, 90).toFixed(3)} p99 ${percentile(recordMs, 99).toFixed(3)} max ${Math.max(...recordMs).toFixed(3)}`);
    const historyMs: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      historyMs.push(await timed(() => core.history.page({ statuses: ['completed', 'stopped', 'expired'], durations: [60, 240], sort: i % 2 ? 'pnl' : 'start', page: 1 + (i % 40), pageSize: 50 })));
    }

    const { ours, raw } = await bulkRatio(core, start);
    await core.close();

    return [
      { metric: 'create session (validation + insert + event), p99', value: percentile(createMs, 99), unit: 'ms', target: '< 2 ms', ok: percentile(createMs, 99) < 2 },
      { metric: 'record a trade in the active session, p99', value: percentile(recordMs, 99), unit: 'ms', target: '< 1 ms', ok: percentile(recordMs, 99) < 1 },
      { metric: 'history page of 50 with filters, p99', value: percentile(historyMs, 99), unit: 'ms', target: '< 5 ms', ok: percentile(historyMs, 99) < 5 },
      { metric: 'open database + file checks + migrate + catch-up (10k sessions, 1M trades)', value: openMs, unit: 'ms', target: '< 200 ms', ok: openMs < 200 },
      { metric: `open with quick_check before opening, at its limit (${CHECKED_BEFORE_OPEN_PAGES} pages, ${LIMIT_SESSIONS * 100} trades)`, value: atLimitMs, unit: 'ms', target: '< 200 ms', ok: atLimitMs < 200 },
      { metric: 'open until quick_check of the whole file is done (1M trades, on a worker; writes wait for it)', value: verifiedMs, unit: 'ms', target: '< 1000 ms', ok: verifiedMs < 1000 },
      { metric: `bulk insert of ${BULK} trades: raw better-sqlite3 time / ours`, value: raw / ours, unit: 'x', target: '>= 0.5', ok: raw / ours >= 0.5 },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The largest database still checked in full before the app opens: CHECKED_BEFORE_OPEN_PAGES
 * of pages (a seeded trade takes ~45 per page, indexes included), so the slowest open the
 * check can cause.
 */
async function openAtCheckLimit(start: number, log: (line: string) => void): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sessionguard-bench-limit-'));
  try {
    log(`seeding ${LIMIT_SESSIONS * 100} trades, just under the size checked before opening…`);
    const setup = await openCore({ dataDir, clock: { now: () => start } });
    await setup.profiles.create({ name: 'Bench', currency: 'USD', balance: '100000.00', timeZone: 'America/New_York' });
    await setup.close();
    seed(join(dataDir, DATABASE_FILE), start, LIMIT_SESSIONS);
    const clock = { now: () => start + LIMIT_SESSIONS * DAY_MS };
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const core = await openCore({ dataDir, clock });
      best = Math.min(best, performance.now() - started);
      await core.close();
    }
    return best;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Ended sessions of every duration and outcome, 100 trades each, straight into SQLite (seeding only). */
function seed(file: string, start: number, sessions: number): void {
  const db = new BetterSqlite3(file);
  const session = db.prepare(
    `INSERT INTO TradingSession (userId, durationMinutes, lossLimitAmount, lossLimitPercentage, balanceAtCreation, status, startTime, plannedEndTime, endTime, actualDurationMinutes, totalTrades, winningTrades, losingTrades, realizedPnl, grossProfit, grossLoss, sessionPerformancePercentage, terminationReason, createdAt, updatedAt)
     VALUES (1, ?, 10000000000, 1000, 100000000000, ?, ?, ?, ?, ?, 100, 50, 50, ?, 0, 0, 0, ?, ?, ?)`,
  );
  const trade = db.prepare('INSERT INTO trade (userId, sessionId, source, fees, realizedPnl, closedAt, createdAt) VALUES (1, ?, ?, 0, ?, ?, ?)');
  const durations = [60, 240, 1440, 10080];
  const outcomes: Array<[string, string]> = [['completed', 'time_limit'], ['stopped', 'manual'], ['stopped', 'loss_limit'], ['expired', 'time_limit']];
  db.transaction(() => {
    for (let s = 0; s < sessions; s += 1) {
      const begin = start + s * DAY_MS;
      const duration = durations[s % 4]!;
      const [status, reason] = outcomes[s % 4]!;
      const end = begin + Math.min(duration, 60) * MINUTE_MS;
      const id = Number(session.run(duration, status, begin, begin + duration * MINUTE_MS, end, Math.min(duration, 60), ((s % 7) - 3) * 1_000_000, reason, begin, end).lastInsertRowid);
      for (let t = 0; t < 100; t += 1) trade.run(id, 'import', ((t % 5) - 2) * 1_000_000, begin + t * 30_000, begin);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** A bulk of trades into the 1M-row table, ours against raw inserts (see insert-ratio.ts). */
async function bulkRatio(core: Awaited<ReturnType<typeof openCore>>, start: number): Promise<{ ours: number; raw: number }> {
  const inputs: TradeInput[] = Array.from({ length: BULK }, (_, i) => ({
    source: 'import',
    externalId: `bulk-${i}`,
    symbol: 'MNQ',
    side: 'long',
    quantity: '1',
    entryPrice: '21000.25',
    exitPrice: '21001.50',
    pointValue: '2',
    fees: new Decimal('0.62'),
    realizedPnl: new Decimal('1.88'),
    closedAt: start - HOUR_MS - i,
  }));
  return insertTimes(core, inputs, start);
}
