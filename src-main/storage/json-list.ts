import { sql, type RawBuilder } from 'kysely';

/**
 * A list of values for `in (...)` as one JSON parameter, so a query over 100,000 keys is one
 * statement instead of thousands of bound parameters in chunks.
 */
export function inJsonList(values: readonly string[]): RawBuilder<string> {
  return sql<string>`(select value from json_each(${JSON.stringify(values)}))`;
}
