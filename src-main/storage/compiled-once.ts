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
    if (compiled === undefined) {
      const first = build(db, ...args).compile();
      if (first.parameters.length !== parameters.length || first.parameters.some((value, i) => value !== parameters[i])) {
        throw new Error(`compiledOnce: the values of ${first.sql} are not in the order the query binds them`);
      }
      compiled = first;
    }
    if (isWriteTx(db)) {
      const statement = db.statement(compiled);
      if (statement.reader) return statement.all(parameters) as Row[];
      statement.run(parameters);
      return [];
    }
    return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
  };
}

function isWriteTx(db: ReadDb): db is ReadDb & WriteTx {
  return typeof (db as Partial<WriteTx>).statement === 'function';
}
