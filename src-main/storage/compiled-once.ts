import type { Compilable, CompiledQuery } from 'kysely';
import type { ReadDb } from './tables.ts';

/**
 * A query whose SQL never changes, built and compiled by Kysely once; every run after that binds
 * its own values (in the order `values` returns them) and goes straight to the executor. Building
 * and compiling are most of what a small query costs in JS, and recording a trade runs several.
 * The first run builds with its own values and checks that `values` puts them where Kysely did,
 * so a wrong order fails at once instead of binding the wrong value.
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
    return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
  };
}
