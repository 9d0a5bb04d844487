import type { Core } from '../../src-main/app/core.ts';

/**
 * `count` closed futures trades of the active profile, outside any session, a minute apart
 * from `from`, straight into SQLite in one transaction: a long history for reads to chew on,
 * in a second instead of through the recording path. Seeding only.
 */
export function seedTrades(core: Core, count: number, from = Date.parse('2025-01-02T14:00:00Z'), idPrefix = 'seed'): void {
  const insert = core.storage.sqlite.prepare(
    `INSERT INTO trade (userId, sessionId, source, externalId, account, symbol, side, quantity, entryPrice, exitPrice, pointValue, fees, realizedPnl, openedAt, closedAt, note, createdAt)
     VALUES ((SELECT id FROM profile ORDER BY id LIMIT 1), NULL, 'import', ?, 'Sim101', 'MNQZ6', 'long', '2', '21000.25', ?, '2', 1240000, ?, ?, ?, NULL, ?)`,
  );
  core.storage.sqlite.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const points = (i % 9) - 4;
      const closedAt = from + i * 60_000;
      insert.run(`${idPrefix}-${i}`, (21000.25 + points).toFixed(2), points * 4_000_000 - 1_240_000, closedAt - 30_000, closedAt, from);
    }
  })();
}
