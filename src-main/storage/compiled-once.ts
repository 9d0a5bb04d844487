import type { Compilable, CompiledQuery } from 'kysely';
import type { ReadDb, WriteTx } from './tables.ts';

/**
 * A query whose SQL never changes, built and compiled by Kysely once; every run after that binds
 * its own values (in the order `values` returns them) and goes straight to the executor. Building
 * and compiling are most of what a small query costs in JS, and recording a trade runs several.
 * The first run builds with its own values and checks that `values` puts them where Kysely did,
 * so a wrong order fails at once instead of binding the wrong value.
 *
 * Inside a write transaction the connection is already held, so the prepared statement runs
 * directly: Kysely's executor would only hand the same connection over again, through a chain
 * of promises, for each of the half-dozen statements of every recorded trade. (A failure still
 * reaches the transaction, which rolls back and has the storage look at it.)
 */
export function compiledOnce<Row, Args extends unknown[]>(
  build: (db: ReadDb, ...args: Args) => Compilable<Row>,
  values: (...args: Args) => readonly unknown[],
): (db: ReadDb, ...args: Args) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined;
  return async (db, ...args) => {
    const parameters = values(...args);
    compiled ??= checkedCompile(build(db, ...args), parameters);
    return run(db, compiled, parameters);
  };
}

/**
 * `compiledOnce` for an INSERT of one row inside a write transaction, returning the new row's
 * rowid. For the row itself the caller keeps what it inserted: RETURNING would make SQLite open a
 * temporary table on every run to hold it (20-30 µs, more than the insert of a session itself).
 */
export function compiledInsertOnce<Args extends unknown[]>(
  build: (db: ReadDb, ...args: Args) => Compilable<unknown>,
  values: (...args: Args) => readonly unknown[],
): (tx: WriteTx, ...args: Args) => number {
  let compiled: CompiledQuery<unknown> | undefined;
  return (tx, ...args) => {
    const parameters = values(...args);
    compiled ??= checkedCompile(build(tx, ...args), parameters);
    return Number(tx.statement(compiled).run(parameters).lastInsertRowid);
  };
}

/** Past this many shapes of one query, the oldest is compiled again when it comes back. */
const SHAPES_KEPT = 64;

/**
 * `compiledOnce` for a query whose SQL takes one of a few forms (a filter present or not, a list
 * of some length, a sort): compiled once per form, which `shape` names.
 */
export function compiledPerShape<Row, Args extends unknown[]>(
  build: (db: ReadDb, ...args: Args) => Compilable<Row>,
  shape: (...args: Args) => string,
  values: (...args: Args) => readonly unknown[],
): (db: ReadDb, ...args: Args) => Promise<Row[]> {
  const compiled = new Map<string, CompiledQuery<Row>>();
  return async (db, ...args) => {
    const key = shape(...args);
    const parameters = values(...args);
    let query = compiled.get(key);
    if (query === undefined) {
      query = checkedCompile(build(db, ...args), parameters);
      if (compiled.size >= SHAPES_KEPT) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, query);
    }
    return run(db, query, parameters);
  };
}

function checkedCompile<Row>(query: Compilable<Row>, parameters: readonly unknown[]): CompiledQuery<Row> {
  const first = query.compile();
  if (first.parameters.length !== parameters.length || first.parameters.some((value, i) => value !== parameters[i])) {
    throw new Error(`compiledOnce: the values of ${first.sql} are not in the order the query binds them`);
  }
  return first;
}

async function run<Row>(db: ReadDb, compiled: CompiledQuery<Row>, parameters: readonly unknown[]): Promise<Row[]> {
  if (isWriteTx(db)) {
    const statement = db.statement(compiled);
    if (statement.reader) return statement.all(parameters) as Row[];
    statement.run(parameters);
    return [];
  }
  return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
}

function isWriteTx(db: ReadDb): db is ReadDb & WriteTx {
  return typeof (db as Partial<WriteTx>).statement === 'function';
}
