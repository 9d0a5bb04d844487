import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Enough for every distinct query the app runs; the oldest is dropped past it. */
const CAPACITY = 500;

/**
 * Kysely's SQLite driver prepares every query anew; preparing is most of the cost of a small
 * query. This hands Kysely the connection with a cache of prepared statements by SQL text, so
 * recording a trade (half a dozen small queries) stays well under a millisecond. Safe because
 * the app has one connection whose queries Kysely runs one at a time and never streams.
 */
export class StatementCache implements SqliteDatabase {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly sqlite: BetterSqlite3.Database;

  constructor(sqlite: BetterSqlite3.Database) {
    this.sqlite = sqlite;
  }

  prepare(sql: string): BetterSqlite3.Statement {
    const cached = this.statements.get(sql);
    if (cached) {
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const statement = this.sqlite.prepare(sql);
    this.statements.set(sql, statement);
    if (this.statements.size > CAPACITY) this.statements.delete(this.statements.keys().next().value!);
    return statement;
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}
