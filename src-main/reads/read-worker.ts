import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import { toAppError } from '../errors/app-error.ts';
import { StatementCache } from '../storage/statement-cache.ts';
import type { Database } from '../storage/tables.ts';
import { readJobs, type ReadJobs } from './read-jobs.ts';
import type { ReadJobRequest, ReadJobReply, ReadWorkerData } from './read-protocol.ts';

/**
 * The read worker's thread: its own read-only connection to the database, opened on the first
 * job, and the heavy reads of `ReadJobs`, one message in, one message out. It never imports
 * electron, so the desktop and browser mode run the same file.
 */
const { file } = workerData as ReadWorkerData;
let jobs: ReadJobs | null = null;

function open(): ReadJobs {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 2000 });
  sqlite.pragma('cache_size = -16384');
  // Damage met here reaches the trader through the main connection's own checks; a read only fails.
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new StatementCache(sqlite, () => undefined) }) });
  return readJobs(db, sqlite, migrations);
}

parentPort!.on('message', (request: ReadJobRequest) => {
  void run(request).then((reply) => parentPort!.postMessage(reply));
});

async function run({ id, job, args }: ReadJobRequest): Promise<ReadJobReply> {
  try {
    jobs ??= open();
    const method = jobs[job] as (...values: unknown[]) => Promise<unknown>;
    return { id, ok: true, value: await method(...args) };
  } catch (error) {
    return { id, ok: false, error: toAppError(error, `read worker: ${job}`).toData() };
  }
}
