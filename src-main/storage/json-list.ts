import { sql, type RawBuilder } from 'kysely';

/**
 * A list of values for `in (...)` as one JSON parameter, so a query over 100,000 keys is one
 * statement instead of thousands of bound parameters in chunks.
 */
export function inJsonList<T extends string | number>(values: readonly T[]): RawBuilder<T> {
  return sql<T>`(select value from json_each(${JSON.stringify(values)}))`;
}
