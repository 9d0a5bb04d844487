import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { openStorage } from '../../src-main/storage/connection.ts';
import { tempDir } from '../support/temp-storage.ts';

const NOW = Date.parse('2026-03-02T14:00:00Z');

/** A database as the app before migration 5 left it, with sessions in every state, trades and events. */
async function databaseBeforeRules(): Promise<string> {
  const file = join(tempDir(), 'sessionguard.db');
  const storage = await openStorage({ file, now: NOW, migrations: migrations.filter((m) => m.version < 5) });
  await storage.close();
  const db = new BetterSqlite3(file);
  db.exec(`
    INSERT INTO profile (id, name, currency, balance, timeZone, applyPnlToBalance, lockoutMinutes, createdAt, updatedAt) VALUES (1, 'Ann', 'USD', 10000000000, 'UTC', 1, NULL, ${NOW}, ${NOW});
    INSERT INTO TradingSession (id, userId, durationMinutes, lossLimitAmount, lossLimitPercentage, balanceAtCreation, status, startTime, plannedEndTime, endTime, actualDurationMinutes, totalTrades, winningTrades, losingTrades, realizedPnl, grossProfit, grossLoss, sessionPerformancePercentage, terminationReason, lockoutUntil, balanceApplied, createdAt, updatedAt, ledgerState)
    VALUES
      (3, 1, 60, 1000000000, 1000, 10000000000, 'stopped', ${NOW - 7_200_000}, ${NOW - 3_600_000}, ${NOW - 5_000_000}, 37, 2, 0, 2, -1200000000, 0, -1200000000, -1200, 'loss_limit', ${NOW + 600_000}, 1, ${NOW - 7_300_000}, ${NOW - 5_000_000}, '{"fees":0,"peak":0,"low":-1200000000,"maxDrawdown":1200000000,"lossStreak":2,"longestLossStreak":2,"largestWin":null,"largestLoss":-700000000,"last":{"closedAt":${NOW - 5_000_000},"id":12}}'),
      (5, 1, 240, 1000000000, 1000, 10000000000, 'completed', ${NOW - 30_000_000}, ${NOW - 15_600_000}, ${NOW - 15_600_000}, 240, 0, 0, 0, 0, 0, 0, 0, 'time_limit', NULL, 1, ${NOW - 30_000_000}, ${NOW - 15_600_000}, NULL),
      (9, 1, 1440, 2000000000, 2000, 10000000000, 'active', ${NOW - 60_000}, ${NOW + 86_340_000}, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, 0, ${NOW - 60_000}, ${NOW - 60_000}, NULL);
    INSERT INTO trade (id, userId, sessionId, source, fees, realizedPnl, closedAt, createdAt) VALUES (11, 1, 3, 'manual', 0, -500000000, ${NOW - 6_000_000}, ${NOW}), (12, 1, 3, 'feed', 0, -700000000, ${NOW - 5_000_000}, ${NOW}), (13, 1, NULL, 'manual', 0, -10000000, ${NOW - 4_000_000}, ${NOW});
    INSERT INTO session_event (sessionId, type, at, payload, onceKey) VALUES (3, 'created', ${NOW}, '{}', NULL), (3, 'warning_raised', ${NOW}, '{"kind":"loss_50"}', 'loss_50'), (9, 'started', ${NOW}, '{}', NULL);
  `);
  db.close();
  return file;
}

const schemaOf = (db: BetterSqlite3.Database) =>
  db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'TradingSession' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name")
    .all();

describe('migration 5 on a database with data in it', () => {
  test('rebuilds TradingSession: every row and id kept, indexes and the final-status trigger exactly as they were, references intact', async () => {
    const file = await databaseBeforeRules();
    const before = new BetterSqlite3(file, { readonly: true });
    const rowsBefore = before.prepare('SELECT * FROM TradingSession ORDER BY id').all();
    const schemaBefore = schemaOf(before);
    before.close();
    expect(schemaBefore.map((s) => (s as { name: string }).name)).toContain('TradingSession_one_open_per_profile');

    // Only up to 5: later migrations (0012 rebuilds the history indexes) change what this one kept.
    const storage = await openStorage({ file, now: NOW, migrations: migrations.filter((m) => m.version <= 5) });
    await storage.close();

    const db = new BetterSqlite3(file);
    db.pragma('foreign_keys = ON');
    expect(db.prepare('SELECT * FROM TradingSession ORDER BY id').all()).toEqual(rowsBefore.map((row) => ({ ...(row as object), rules: null })));
    expect(schemaOf(db)).toEqual(schemaBefore);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM trade WHERE sessionId = 3').get()).toEqual({ n: 2 });

    const insertOpen = db.prepare(
      `INSERT INTO TradingSession (userId, durationMinutes, lossLimitAmount, lossLimitPercentage, balanceAtCreation, status, createdAt, updatedAt) VALUES (1, 60, 1000000, 100, 1000000000, 'pending', ${NOW}, ${NOW})`,
    );
    expect(() => insertOpen.run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE TradingSession SET status = 'active' WHERE id = 3").run()).toThrow(/an ended session is final/);
    expect(() =>
      db.prepare("INSERT INTO trade (userId, sessionId, source, fees, realizedPnl, closedAt, createdAt) VALUES (1, 999, 'manual', 0, 1, 1, 1)").run(),
    ).toThrow(/FOREIGN KEY/);

    for (const reason of ['trailing_drawdown', 'profit_target', 'trade_cap', 'losing_streak', 'daily_loss_limit']) {
      db.prepare(`UPDATE TradingSession SET terminationReason = ? WHERE id = 5`).run(reason);
    }
    expect(() => db.prepare("UPDATE TradingSession SET terminationReason = 'bored' WHERE id = 5").run()).toThrow(/CHECK/);
    db.prepare("UPDATE TradingSession SET status = 'stopped', terminationReason = 'trade_cap', endTime = ? WHERE id = 9").run(NOW);
    expect(db.prepare('SELECT dayBoundaryMinutes, dailyLossLimit, dayBoundaryZone FROM profile').get()).toEqual({
      dayBoundaryMinutes: 0,
      dailyLossLimit: null,
      dayBoundaryZone: null,
    });
    expect(db.prepare('SELECT DISTINCT inCooldown FROM trade').all()).toEqual([{ inCooldown: 0 }]);
    db.close();
  });

  test('an early-end request keeps its times, and its outcome once given', async () => {
    const file = await databaseBeforeRules();
    await (await openStorage({ file, now: NOW })).close();
    const db = new BetterSqlite3(file);
    db.prepare(
      `INSERT INTO early_end_request (id, sessionId, kind, requestedAt, confirmableAt, expiresAt) VALUES (1, 9, 'stop', ${NOW}, ${NOW + 1_800_000}, ${NOW + 2_400_000})`,
    ).run();
    expect(() =>
      db.prepare(`INSERT INTO early_end_request (sessionId, kind, requestedAt, confirmableAt, expiresAt) VALUES (9, 'stop', ${NOW}, ${NOW}, ${NOW + 1})`).run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE early_end_request SET confirmableAt = requestedAt WHERE id = 1').run()).toThrow(/final/);
    db.prepare(`UPDATE early_end_request SET outcome = 'cancelled', resolvedAt = ${NOW + 5} WHERE id = 1`).run();
    expect(() => db.prepare(`UPDATE early_end_request SET outcome = 'confirmed' WHERE id = 1`).run()).toThrow(/final/);
    db.close();
  });
});
