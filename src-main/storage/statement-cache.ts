import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct query the app runs; the oldest is dropped past it. */
const CAPACITY = 500;

interface Entry {
  raw: BetterSqlite3.Statement;
  watched: SqliteStatement;
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing is most of the cost of a small
 * query. This hands Kysely the connection with a cache of prepared statements by SQL text, so
 * recording a trade (half a dozen small queries) stays well under a millisecond. Safe because
 * the app has one connection whose queries Kysely runs one at a time.
 *
 * Every failure of a statement Kysely runs is shown to `onError` first: reads happen outside
 * any write transaction, and the first sign of a damaged file may come from a history page.
 */
export class StatementCache implements SqliteDatabase {
  private readonly statements = new Map<string, Entry>();
  private readonly sqlite: BetterSqlite3.Database;
  private readonly onError: (error: unknown) => void;

  constructor(sqlite: BetterSqlite3.Database, onError: (error: unknown) => void) {
    this.sqlite = sqlite;
    this.onError = onError;
  }

  prepare(sql: string): SqliteStatement {
    return this.entry(sql).watched;
  }

  /** The statement itself, for code that runs it many times inside a write transaction. */
  raw(sql: string): BetterSqlite3.Statement {
    return this.entry(sql).raw;
  }

  /** Runs a statement without parameters (BEGIN, COMMIT), its failure shown to `onError` like any other. */
  run(sql: string): void {
    this.entry(sql).watched.run([]);
  }

  /** Runs a statement whose text is never run again, without caching it; its failure is shown to `onError` like any other. */
  runOnce(sql: string): void {
    this.watch(this.sqlite.prepare(sql)).run([]);
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }

  private entry(sql: string): Entry {
    const cached = this.statements.get(sql);
    if (cached) {
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const raw = this.sqlite.prepare(sql);
    const entry = { raw, watched: this.watch(raw) };
    this.statements.set(sql, entry);
    if (this.statements.size > CAPACITY) this.statements.delete(this.statements.keys().next().value!);
    return entry;
  }

  private watch(raw: BetterSqlite3.Statement): SqliteStatement {
    const guarded = <T>(run: () => T): T => {
      try {
        return run();
      } catch (error) {
        this.onError(error);
        throw error;
      }
    };
    const onError = this.onError;
    return {
      reader: raw.reader,
      all: (parameters) => guarded(() => raw.all(parameters)),
      run: (parameters) => guarded(() => raw.run(parameters)),
      iterate: (parameters) =>
        (function* () {
          try {
            yield* raw.iterate(parameters);
          } catch (error) {
            onError(error);
            throw error;
          }
        })(),
    };
  }
}
