import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_FILE, openCore } from '../src-main/app/core.ts';
import { DAY_MS, MINUTE_MS } from '../src-main/time/clock.ts';

/** The first seeded session starts here; session `s` starts `s` days later. */
export const SEED_START = Date.parse('2024-01-01T09:00:00Z');

export interface SeedSize {
  sessions: number;
  tradesPerSession: number;
}

/** Seeded databases of this bench run, by size, each built once and copied for every use. */
const scratch = mkdtempSync(join(tmpdir(), 'sessionguard-bench-seed-'));
const built = new Map<string, string>();
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

/**
 * A data folder holding `sessions` ended sessions of every duration and outcome with
 * `tradesPerSession` trades each, for profile 1 ("Bench", balance 100,000.00, New York, no
 * lockout, P&L not applied to the balance). Built once per size and run (bulk inserts in one
 * transaction, about a million rows a second here), then copied into a fresh folder per caller,
 * who owns (and removes) it.
 */
export async function seededDataDir(size: SeedSize, log: (line: string) => void): Promise<string> {
  const key = `${size.sessions}x${size.tradesPerSession}`;
  let template = built.get(key);
  if (!template) {
    template = join(scratch, key);
    mkdirSync(template);
    const started = performance.now();
    const setup = await openCore({ dataDir: template, clock: { now: () => SEED_START } });
    await setup.profiles.create({ name: 'Bench', currency: 'USD', balance: '100000.00', timeZone: 'America/New_York' });
    await setup.profiles.update({ lockoutMinutes: 0, applyPnlToBalance: false });
    await setup.close();
    seed(join(template, DATABASE_FILE), size);
    log(`seeded ${size.sessions} sessions and ${size.sessions * size.tradesPerSession} trades in ${(performance.now() - started).toFixed(0)} ms`);
    built.set(key, template);
  }
  const copy = mkdtempSync(join(tmpdir(), 'sessionguard-bench-'));
  copyFileSync(join(template, DATABASE_FILE), join(copy, DATABASE_FILE));
  return copy;
}

function seed(file: string, { sessions, tradesPerSession }: SeedSize): void {
  const db = new BetterSqlite3(file);
  const session = db.prepare(
    `INSERT INTO TradingSession (userId, durationMinutes, lossLimitAmount, lossLimitPercentage, balanceAtCreation, status, startTime, plannedEndTime, endTime, actualDurationMinutes, totalTrades, winningTrades, losingTrades, realizedPnl, grossProfit, grossLoss, sessionPerformancePercentage, terminationReason, createdAt, updatedAt)
     VALUES (1, ?, 10000000000, 1000, 100000000000, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?)`,
  );
  const trade = db.prepare('INSERT INTO trade (userId, sessionId, source, fees, realizedPnl, closedAt, createdAt) VALUES (1, ?, ?, 0, ?, ?, ?)');
  const durations = [60, 240, 1440, 10080];
  const outcomes: Array<[string, string]> = [
    ['completed', 'time_limit'],
    ['stopped', 'manual'],
    ['stopped', 'loss_limit'],
    ['expired', 'time_limit'],
  ];
  db.transaction(() => {
    for (let s = 0; s < sessions; s += 1) {
      const begin = SEED_START + s * DAY_MS;
      const duration = durations[s % 4]!;
      const [status, reason] = outcomes[s % 4]!;
      const end = begin + Math.min(duration, 60) * MINUTE_MS;
      const half = Math.floor(tradesPerSession / 2);
      const id = Number(
        session.run(
          duration,
          status,
          begin,
          begin + duration * MINUTE_MS,
          end,
          Math.min(duration, 60),
          tradesPerSession,
          half,
          tradesPerSession - half,
          ((s % 7) - 3) * 1_000_000,
          reason,
          begin,
          end,
        ).lastInsertRowid,
      );
      for (let t = 0; t < tradesPerSession; t += 1) trade.run(id, 'import', ((t % 5) - 2) * 1_000_000, begin + t * 30_000, begin);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
