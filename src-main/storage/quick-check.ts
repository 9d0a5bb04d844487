import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors/app-error.ts';

/**
 * `PRAGMA quick_check` reads every page once: it finds pages that are not valid b-tree pages,
 * broken links between them, overflow and free-list errors, records that can't be decoded
 * and values that break NOT NULL, CHECK or a STRICT column type. It does not compare indexes
 * with their tables or verify UNIQUE constraints; only `integrity_check` does (three to four
 * times slower), which is why every backup gets that one instead.
 *
 * It costs about 11 µs per 4 KiB page here (a million trades are ~22,000 pages, ~250 ms), so
 * at open it runs before anything is written up to this many pages, and on a larger database
 * on a worker thread while the app starts; writes wait for it (see connection.ts).
 */
export const CHECKED_BEFORE_OPEN_PAGES = 8192;
const PROBLEMS_KEPT = 5;

/** The problems quick_check reports; empty when the database is whole. */
export function quickCheck(db: BetterSqlite3.Database): string[] {
  try {
    const rows = db.pragma(`quick_check(${PROBLEMS_KEPT})`) as Array<{ quick_check: string }>;
    return rows.map((r) => r.quick_check).filter((line) => line !== 'ok');
  } catch (error) {
    return [(error as Error).message];
  }
}

// A worker given as source text, so it runs the same from the TypeScript sources (browser
// mode, tests) and from the bundled desktop app, and loads the same better-sqlite3.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let problems;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    problems = db.pragma('quick_check(${PROBLEMS_KEPT})').map((r) => r.quick_check).filter((line) => line !== 'ok');
  } finally {
    db.close();
  }
} catch (error) {
  problems = [String(error && error.message)];
}
parentPort.postMessage(problems);
`;

/**
 * quick_check on its own read-only connection in a worker thread, so the event loop keeps
 * running. Null when the worker itself could not run (the caller then checks in place).
 */
export function quickCheckInBackground(file: string): Promise<string[] | null> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { file, driver } });
    worker.once('message', (problems: string[]) => resolve(problems));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}

export function damagedDatabase(file: string, problems: readonly string[]): AppError {
  return new AppError('database_corrupt', `${file} is damaged (${problems[0] ?? 'unreadable'}). Sessionguard did not write to it.`, { details: { file, problem: problems[0] ?? null } });
}
