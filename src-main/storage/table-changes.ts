import type BetterSqlite3 from 'better-sqlite3';

/** The tables whose rows the core keeps in memory between transactions (the active profile and the setting naming it). */
export type WatchedTable = 'profile' | 'setting';
const WATCHED: readonly WatchedTable[] = ['profile', 'setting'];
const FUNCTION = 'sessionguard_table_changed';

/**
 * Counts changes to the watched tables, so a copy of their rows held in memory knows when it is
 * stale without asking the database. Temporary triggers (this connection's own, not part of the
 * schema, so no migration) call back into JS on every insert, update and delete, whatever code
 * made it. What triggers can't see moves every count too: a write transaction rolled back (a
 * copy read inside it may hold what was undone), a restore replacing the content, and a commit
 * by another connection (`PRAGMA data_version`).
 */
export class TableChanges {
  private readonly counts = new Map<WatchedTable, number>(WATCHED.map((table) => [table, 0]));
  private epoch = 0;
  private readonly dataVersion: BetterSqlite3.Statement;
  private readonly totalChanges: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    sqlite.function(FUNCTION, { deterministic: false, directOnly: false }, (table: unknown) => {
      const name = table as WatchedTable;
      this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
      return null;
    });
    for (const table of WATCHED) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        sqlite.exec(
          `CREATE TEMP TRIGGER IF NOT EXISTS "watch_${table}_${event.toLowerCase()}" AFTER ${event} ON main."${table}" BEGIN SELECT ${FUNCTION}('${table}'); END`,
        );
      }
    }
    this.dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
    this.totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  }

  /** Moves whenever a row of any of `tables` may have changed since it was last read (one `data_version` read however many tables). */
  count(...tables: WatchedTable[]): number {
    let changes = 0;
    for (const table of tables) changes += this.counts.get(table)!;
    return changes + this.epoch + (this.dataVersion.get() as number);
  }

  /**
   * Moves whenever any row of any table may have changed: every row this connection inserted,
   * updated or deleted (kept or rolled back, triggers included), plus what `count` adds.
   */
  countAll(): number {
    return (this.totalChanges.get() as number) + this.epoch + (this.dataVersion.get() as number);
  }

  /** Everything may have changed (a rollback, a restore). */
  forgetAll(): void {
    this.epoch += 1;
  }
}
