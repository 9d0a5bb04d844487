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
 * It costs about 11 µs per 4 KiB page on a quiet machine (a million trades are ~22,000 pages,
 * ~250 ms), so at open it runs before anything is written up to this many pages (~45 ms, so
 * start-up stays well under 200 ms even on a busy machine), and on a larger database on a
 * worker thread while the app starts; writes wait for it (see connection.ts).
 */
export const CHECKED_BEFORE_OPEN_PAGES = 4096;
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

/** A quick_check running on a worker thread. */
export interface BackgroundCheck {
  /**
   * The problems found (none when the file is whole); null when the worker itself could not
   * run (the caller then checks in place); 'stopped' when given up before it finished.
   */
  readonly done: Promise<string[] | null | 'stopped'>;
  /**
   * Gives the check up: `done` settles at once. The worker ends when SQLite hands control back
   * (a pragma can't be interrupted), without holding up the process meanwhile.
   */
  stop(): void;
}

/** quick_check on its own read-only connection in a worker thread, so the event loop keeps running. */
export function quickCheckInBackground(file: string): BackgroundCheck {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver } });
  let settle: (outcome: string[] | null | 'stopped') => void = () => undefined;
  const done = new Promise<string[] | null | 'stopped'>((resolve) => {
    settle = resolve;
  });
  worker.once('message', (problems: string[]) => settle(problems));
  worker.once('error', () => settle(null));
  worker.once('exit', () => settle(null));
  return {
    done,
    stop: () => {
      settle('stopped');
      worker.unref();
      void worker.terminate();
    },
  };
}

export function damagedDatabase(file: string, problems: readonly string[]): AppError {
  // SQLite can report several damaged pages in one row, a line each: the sentence stays on one line.
  const problem = problems[0]?.replace(/\s*\n\s*/g, '; ') ?? null;
  return new AppError('database_corrupt', `${file} is damaged (${problem ?? 'unreadable'}). Sessionguard did not write to it.`, { details: { file, problem } });
}
