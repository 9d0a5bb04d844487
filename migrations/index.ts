import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_query_indexes.ts';
import * as m0003 from './0003_imports.ts';
import * as m0004 from './0004_session_ledger.ts';
import * as m0005 from './0005_session_rules.ts';
import * as m0007 from './0007_feed_executions.ts';
import * as m0012 from './0012_history_page_indexes.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

/** Every migration, in order. A static list so the bundled main process needs no file scan. */
export const migrations: readonly Migration[] = [
  { version: 1, name: '0001_initial', up: m0001.up },
  { version: 2, name: '0002_query_indexes', up: m0002.up },
  { version: 3, name: '0003_imports', up: m0003.up },
  { version: 4, name: '0004_session_ledger', up: m0004.up },
  { version: 5, name: '0005_session_rules', up: m0005.up },
  { version: 7, name: '0007_feed_executions', up: m0007.up },
  { version: 12, name: '0012_history_page_indexes', up: m0012.up },
];
