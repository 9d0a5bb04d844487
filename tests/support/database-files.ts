import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, openCore, type Core } from '../../src-main/app/core.ts';
import { Decimal } from '../../src-main/money/money.ts';
import type { Clock } from '../../src-main/time/clock.ts';

/**
 * The database file and its WAL with a hash of their bytes: equal before and after means
 * nothing was written. An empty WAL counts as none: SQLite creates one, holding nothing,
 * whenever it opens a WAL-mode file, even read-only.
 */
export function folderBytes(dir: string, names: readonly string[] = [DATABASE_FILE, `${DATABASE_FILE}-wal`]): Record<string, string> {
  const present = names.filter((name) => existsSync(join(dir, name)) && statSync(join(dir, name)).size > 0);
  return Object.fromEntries(
    present.map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex'),
    ]),
  );
}

/** A profile with a week-long active session, as a trader would have. */
export async function coreWithSession(dataDir: string, clock?: Clock): Promise<Core> {
  const core = await openCore({ dataDir, ...(clock && { clock }) });
  await core.profiles.create({ name: 'Ann', currency: 'USD', balance: '1000000.00', timeZone: 'UTC' });
  await core.sessions.create({ durationMinutes: 10080, lossLimit: { kind: 'amount', amount: '100000.00' }, acknowledgeRisk: true, start: true });
  return core;
}

/** `count` small trades through the real recording path, in batches of 100. */
export async function recordTrades(core: Core, count: number, prefix = 't'): Promise<void> {
  for (let done = 0; done < count; done += 100) {
    const batch = Array.from({ length: Math.min(100, count - done) }, (_, i) => ({
      source: 'feed' as const,
      externalId: `${prefix}${done + i}`,
      fees: new Decimal(0),
      realizedPnl: new Decimal((done + i) % 2 === 0 ? '1.25' : '-1.00'),
      closedAt: core.clock.now(),
      note: 'recorded while testing damaged files',
    }));
    await core.trades.record(batch);
  }
}

/** A data folder with `count` trades, closed cleanly (everything in the database file). */
export async function databaseWithTrades(dataDir: string, count: number): Promise<void> {
  const core = await coreWithSession(dataDir);
  await recordTrades(core, count);
  await core.close();
}

/**
 * What a killed app leaves behind: the database file and its WAL as they are on disk while
 * the app runs, copied into `target` (recorded trades are in the WAL, not yet in the file).
 */
export function copyAsIfKilled(dataDir: string, target: string): void {
  for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) copyFileSync(join(dataDir, name), join(target, name));
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

export function tradeCount(core: Core): number {
  return (core.storage.sqlite.prepare('SELECT count(*) AS n FROM trade').get() as { n: number }).n;
}

export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}
