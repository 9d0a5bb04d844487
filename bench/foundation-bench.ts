import { rmSync } from 'node:fs';
import { openCore } from '../src-main/app/core.ts';
import { Decimal } from '../src-main/money/money.ts';
import type { TradeInput } from '../src-main/trades/trade-recording.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../src-main/time/clock.ts';
import { percentile, timed, type BenchRow } from './bench-table.ts';
import { historyPageTimes } from './history-bench.ts';
import { insertTimes } from './insert-ratio.ts';
import { machine } from './machine-reference.ts';
import { SEED_START, seededDataDir } from './seeded-database.ts';

const SESSIONS = 10_000;
const TRADES = 1_000_000;
const BULK = 100_000;
/** Recordings at the end of the record loop, past the first ~900 in which V8 still optimises the path (stop 24's --trace-opt). */
const STEADY_RECORDS = 1000;

/** Issue "Foundation": a database of 10,000 ended sessions and 1,000,000 trades. */
export async function foundationBench(log: (line: string) => void): Promise<BenchRow[]> {
  const dataDir = await seededDataDir({ sessions: SESSIONS, tradesPerSession: TRADES / SESSIONS }, log);
  const start = SEED_START;
  try {
    let now = start + SESSIONS * DAY_MS;
    const clock = { now: () => now };
    const openMs = await timed(async () => (await openCore({ dataDir, clock })).close());
    const core = await openCore({ dataDir, clock });
    const checkMs = await timed(() => core.storage.verified());

    const createMs: number[] = [];
    for (let i = 0; i < 350; i += 1) {
      const measure = i >= 50;
      (measure ? createMs : []).push(
        await timed(() =>
          core.sessions.create({ durationMinutes: 60, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true }),
        ),
      );
      const open = await core.sessions.getActiveData();
      now += MINUTE_MS;
      await core.sessions.stop(open!.session.id);
      // The stop syncs itself to disk; let that finish outside the next measurement.
      await core.storage.checkpoint();
    }

    const createFloorMs = await rawCreationWrites(core, () => (now += MINUTE_MS));
    const createFloor = { p50: percentile(createFloorMs, 50), p99: percentile(createFloorMs, 99) };

    await core.sessions.create({ durationMinutes: 10080, lossLimit: { kind: 'percentage', percentage: '10' }, acknowledgeRisk: false, start: true });
    const recordMs: number[] = [];
    // The first 200 warm the JIT and the statement cache and are not counted.
    for (let i = 0; i < 2200; i += 1) {
      now += 1000;
      const ms = await timed(() =>
        core.trades.record([
          { source: 'feed', externalId: `b${i}`, fees: new Decimal('0.62'), realizedPnl: new Decimal(i % 2 === 0 ? '12.5' : '-12.25'), closedAt: now },
        ]),
      );
      if (i >= 200) recordMs.push(ms);
      // The running app syncs the WAL every few seconds; do the same here (unmeasured).
      if (i % 500 === 499) await core.storage.checkpoint();
    }

    log(
      `record: p50 ${percentile(recordMs, 50).toFixed(3)} p90 ${percentile(recordMs, 90).toFixed(3)} p99 ${percentile(recordMs, 99).toFixed(3)} max ${Math.max(...recordMs).toFixed(3)}`,
    );
    const floorMs = rawRecordingWrites(core, () => (now += 1000));
    const floor = { p50: percentile(floorMs, 50), p99: percentile(floorMs, 99) };
    const historyMs = await historyPageTimes(core);

    const { ours, raw } = await bulkRatio(core, start);
    await core.close();

    const commitMs = machine.commitMicros / 1000;
    const steadyRecord = { p50: percentile(recordMs.slice(-STEADY_RECORDS), 50), p99: percentile(recordMs.slice(-STEADY_RECORDS), 99) };
    const [create, record, history] = [createMs, recordMs, historyMs].map((samples) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99) })) as [
      Spread,
      Spread,
      Spread,
    ];
    return [
      {
        metric: `create session (validation + insert + event), p99 (p99/p50 ${spread(create)})`,
        value: create.p99,
        unit: 'ms',
        target: '< 2 ms, p99/p50 < 3',
        ok: create.p99 < 2 && create.p99 / create.p50 < 3,
      },
      {
        metric: 'create session, p99 / one raw committed one-row transaction (machine row, same run)',
        value: create.p99 / commitMs,
        unit: 'x',
        target: '<= 10',
        ok: create.p99 / commitMs <= 10,
      },
      {
        metric: `floor: the rows one created session writes (session, its two events), raw prepared statements, timed the same way, p99 / one raw commit (p50 ${createFloor.p50.toFixed(3)} ms, p99 ${createFloor.p99.toFixed(3)} ms)`,
        value: createFloor.p99 / commitMs,
        unit: 'x',
        target: 'reported (what the schema costs a create before any code: the session table has 8 indexes)',
        ok: true,
      },
      {
        metric: `record a trade in the active session, p99 (p99/p50 ${spread(record)})`,
        value: record.p99,
        unit: 'ms',
        target: '< 1 ms, p99/p50 < 3',
        ok: record.p99 < 1 && record.p99 / record.p50 < 3,
      },
      {
        metric: `record a trade in the active session (statistics, rules, events, commit), p50 / one raw commit (p50 ${record.p50.toFixed(3)} ms)`,
        value: record.p50 / commitMs,
        unit: 'x',
        target: '<= 4',
        ok: record.p50 / commitMs <= 4,
      },
      {
        metric: 'record a trade in the active session, p99 / one raw commit',
        value: record.p99 / commitMs,
        unit: 'x',
        target: '<= 10',
        ok: record.p99 / commitMs <= 10,
      },
      {
        metric: `record a trade, the last ${STEADY_RECORDS} only (V8 has finished optimising the path by then; p50 ${steadyRecord.p50.toFixed(3)} ms, p99/p50 ${spread(steadyRecord)}), p99 / one raw commit`,
        value: steadyRecord.p99 / commitMs,
        unit: 'x',
        target: "reported (the row above less the JIT's tier-up in a fresh process, which makes its tail)",
        ok: true,
      },
      {
        metric: `floor: the rows one recorded trade writes (trade, event, session), raw prepared statements, p50 / one raw commit (p50 ${floor.p50.toFixed(3)} ms, p99 ${floor.p99.toFixed(3)} ms)`,
        value: floor.p50 / commitMs,
        unit: 'x',
        target: 'reported (what the schema costs before any code: its indexes make ~9 pages per commit)',
        ok: true,
      },
      {
        metric: `history page of 50 with filters (10k sessions, 1M trades), p99 (p99/p50 ${spread(history)})`,
        value: history.p99,
        unit: 'ms',
        target: '< 2 ms, p99/p50 < 3',
        ok: history.p99 < 2 && history.p99 / history.p50 < 3,
      },
      { metric: 'open database + migrate + catch-up (10k sessions, 1M trades)', value: openMs, unit: 'ms', target: '< 200 ms', ok: openMs < 200 },
      {
        metric: 'whole-file check (quick_check) of that database after open, on a worker thread; a write that changes something waits for it',
        value: checkMs,
        unit: 'ms',
        target: 'reported (off the open path: it reads every page, ~11 µs each)',
        ok: true,
      },
      {
        metric: `bulk insert of ${BULK} trades: raw better-sqlite3 time / ours (best of 3 each, in turn)`,
        value: raw / ours,
        unit: 'x',
        target: '>= 0.5',
        ok: raw / ours >= 0.5,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The least any recording can cost on this schema: one transaction writing what recording one
 * trade writes (the trade, its event, the session's figures), as raw prepared statements with
 * values ready-made, into the same tables and indexes, timed the same way. Measured after the
 * recording rows (it leaves the session's figures behind), checkpointed as they are.
 */
function rawRecordingWrites(core: Awaited<ReturnType<typeof openCore>>, nextTime: () => number): number[] {
  const sqlite = core.storage.sqlite;
  const session = sqlite.prepare(`SELECT id, userId FROM TradingSession WHERE status = 'active'`).get() as { id: number; userId: number };
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const trade = sqlite.prepare(
    `INSERT INTO trade (userId, sessionId, source, externalId, fees, realizedPnl, closedAt, createdAt) VALUES (?, ?, 'feed', ?, 620000, ?, ?, ?)`,
  );
  const event = sqlite.prepare(`INSERT INTO session_event (sessionId, type, at, payload) VALUES (?, 'trade_recorded', ?, ?)`);
  const figures = sqlite.prepare(
    'UPDATE TradingSession SET totalTrades = totalTrades + 1, realizedPnl = realizedPnl + ?, sessionPerformancePercentage = ?, ledgerState = ?, updatedAt = ? WHERE id = ? RETURNING *',
  );
  const samples: number[] = [];
  for (let i = 0; i < 2200; i += 1) {
    const at = nextTime();
    const pnl = i % 2 === 0 ? 12_500_000 : -12_250_000;
    const start = performance.now();
    begin.run();
    const id = trade.run(session.userId, session.id, `raw-${i}`, pnl, at, at).lastInsertRowid;
    event.run(session.id, at, `{"count":1,"tradeIds":[${id}],"pnl":"12.50","source":"feed"}`);
    figures.get(pnl, i % 3, `{"fees":${i},"peak":0,"low":0}`, at, session.id);
    commit.run();
    if (i >= 200) samples.push(performance.now() - start);
    if (i % 500 === 499) sqlite.pragma('wal_checkpoint(PASSIVE)');
  }
  return samples;
}

/**
 * The least creating a session can cost on this schema: one transaction writing what a create
 * writes (the session row, every column given, and its created and started events), as raw
 * prepared statements with values ready-made, timed as the create rows are: each after a stop
 * and the app's own checkpoint (unmeasured).
 */
async function rawCreationWrites(core: Awaited<ReturnType<typeof openCore>>, nextTime: () => number): Promise<number[]> {
  const sqlite = core.storage.sqlite;
  const template = sqlite.prepare('SELECT * FROM TradingSession ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
  const columns = Object.keys(template).filter((name) => name !== 'id');
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const insert = sqlite.prepare(`INSERT INTO TradingSession (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const events = sqlite.prepare(`INSERT INTO session_event (sessionId, type, at, payload) VALUES (?, 'created', ?, ?), (?, 'started', ?, ?)`);
  // Ended as the template was (the create rows' stop), so no copy is left open or locking.
  const stop = sqlite.prepare(
    `UPDATE TradingSession SET status = ?, terminationReason = ?, endTime = ?, actualDurationMinutes = 1, updatedAt = ? WHERE id = ?`,
  );
  const samples: number[] = [];
  for (let i = 0; i < 350; i += 1) {
    const at = nextTime();
    const row: Record<string, unknown> = {
      ...template,
      status: 'active',
      terminationReason: null,
      lockoutUntil: null,
      actualDurationMinutes: null,
      startTime: at,
      plannedEndTime: at + HOUR_MS,
      endTime: null,
      createdAt: at,
      updatedAt: at,
    };
    const start = performance.now();
    begin.run();
    const id = insert.run(columns.map((name) => row[name])).lastInsertRowid;
    events.run(id, at, '{"durationMinutes":60,"lossLimitAmount":"10000.00","lossLimitPercentage":"10.00"}', id, at, '{"plannedEndTime":"x"}');
    commit.run();
    if (i >= 50) samples.push(performance.now() - start);
    stop.run(template.status, template.terminationReason, at, at, id);
    await core.storage.checkpoint();
  }
  return samples;
}

interface Spread {
  p50: number;
  p99: number;
}

function spread({ p50, p99 }: Spread): string {
  return (p99 / p50).toFixed(1);
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
