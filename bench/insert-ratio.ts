import type { Core } from '../src-main/app/core.ts';
import { AppError } from '../src-main/errors/app-error.ts';
import { toMicros } from '../src-main/money/money.ts';
import { findActiveProfile } from '../src-main/profiles/profile-repository.ts';
import { recordTrades, type TradeInput } from '../src-main/trades/trade-recording.ts';
import { timed } from './bench-table.ts';

/**
 * The real recording path against raw prepared inserts of the same rows into the same table,
 * each inside a write transaction rolled back afterwards, so both start from the same state. The raw
 * side gets its values ready-made; everything the app does beyond inserting is what it costs.
 * Best of 3 each, taken in turn: the side measured first would otherwise also pay for reading the
 * table's pages into the cache, which the other then finds there.
 */
export async function insertTimes(core: Core, inputs: readonly TradeInput[], now: number): Promise<{ ours: number; raw: number }> {
  let ours = Infinity;
  let raw = Infinity;
  for (let round = 0; round < 3; round += 1) {
    const times = await insertTimesOnce(core, inputs, now);
    ours = Math.min(ours, times.ours);
    raw = Math.min(raw, times.raw);
  }
  return { ours, raw };
}

async function insertTimesOnce(core: Core, inputs: readonly TradeInput[], now: number): Promise<{ ours: number; raw: number }> {
  const profile = (await findActiveProfile(core.storage.read))!;
  let ours = 0;
  // Ended by an error, so the write transaction itself is rolled back, as the raw side's is: a
  // savepoint around ours alone would make SQLite copy each existing page it changes into a
  // sub-journal first, which no recording in the app pays (it opens none), nor the raw side.
  await core.storage
    .write(async (tx) => {
      ours = await timed(() => recordTrades(tx, profile, inputs, now));
      throw MEASURED;
    })
    .catch((error: unknown) => {
      if (error !== MEASURED) throw error;
    });
  const rows = inputs.map((t) => [
    profile.id,
    t.source,
    t.externalId ?? null,
    t.account ?? null,
    t.symbol ?? null,
    t.side ?? null,
    t.quantity ?? null,
    t.entryPrice ?? null,
    t.exitPrice ?? null,
    t.pointValue ?? null,
    toMicros(t.fees),
    toMicros(t.realizedPnl),
    t.openedAt ?? null,
    t.closedAt,
    now,
  ]);
  const sqlite = core.storage.sqlite;
  const insert = sqlite.prepare(
    'INSERT INTO trade (userId, sessionId, source, externalId, account, symbol, side, quantity, entryPrice, exitPrice, pointValue, fees, realizedPnl, openedAt, closedAt, note, createdAt) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)',
  );
  sqlite.exec('BEGIN');
  const raw = await timed(() => {
    for (const row of rows) insert.run(...row);
  });
  sqlite.exec('ROLLBACK');
  return { ours, raw };
}

/** Ends the measured write; not a failure anyone is told of (not a storage failure). */
const MEASURED = new AppError('internal', 'Measured, then rolled back.');
