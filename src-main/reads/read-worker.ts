import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import { toAppError } from '../errors/app-error.ts';
import { EncodedJson } from '../ipc/encoded-json.ts';
import { StatementCache } from '../storage/statement-cache.ts';
import type { Database } from '../storage/tables.ts';
import { readJobs, type ReadJobs } from './read-jobs.ts';
import type { ReadJobRequest, ReadJobReply, ReadWorkerData } from './read-protocol.ts';

/**
 * The read worker's thread: its own read-only connection to the database, opened as it starts
 * (so it holds the file as the main connection does; a failure to open is each job's answer,
 * and the next job tries again), and the heavy reads of `ReadJobs`, one message in, one out. It never imports
 * electron, so the desktop and browser mode run the same file.
 */
const { file } = workerData as ReadWorkerData;
let jobs: ReadJobs | null = null;

// On Linux a thread has its own nice value: where cores are scarce, an export gives way to the
// main thread recording trades. Elsewhere the call would lower the whole process, so it is not made.
if (process.platform === 'linux') {
  try {
    setPriority(19);
  } catch {
    // Not allowed here (a container's policy): the worker runs at the main thread's priority.
  }
}

function open(): ReadJobs {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 2000 });
  // 4 MiB of page cache holds the sessions table and its indexes (10k sessions are ~2.5 MiB);
  // the scans over all trades (overview, exports, backups) are larger than any cache and read
  // from the OS's file cache either way, so a larger one only holds on to their last pages.
  sqlite.pragma('cache_size = -4096');
  // Damage met here reaches the trader through the main connection's own checks; a read only fails.
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new StatementCache(sqlite, () => undefined) }) });
  return readJobs(db, sqlite, migrations);
}

try {
  jobs = open();
} catch {
  // Answered to the first job, which opens again.
}

parentPort!.on('message', (request: ReadJobRequest) => {
  void run(request).then((reply) => parentPort!.postMessage(reply, reply.ok ? [reply.json.buffer as ArrayBuffer] : []));
});

async function run({ id, job, args }: ReadJobRequest): Promise<ReadJobReply> {
  try {
    jobs ??= open();
    const method = jobs[job] as (...values: unknown[]) => Promise<unknown>;
    // Encoded here (if the job did not already), so the main thread only forwards the bytes.
    const value = await method(...args);
    return { id, ok: true, json: value instanceof EncodedJson ? value.bytes : new TextEncoder().encode(JSON.stringify(value ?? null)) };
  } catch (error) {
    return { id, ok: false, error: toAppError(error, `read worker: ${job}`).toData() };
  }
}
