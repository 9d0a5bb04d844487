import type { AppErrorData } from '../contract/errors.ts';
import type { ReadJobName } from './read-jobs.ts';

/** The messages between `ReadThread` (main thread) and `read-worker.ts`. */
export interface ReadWorkerData {
  file: string;
}

export interface ReadJobRequest {
  id: number;
  job: ReadJobName;
  args: unknown[];
}

/** A value comes back as JSON in UTF-8, its buffer transferred: the main thread gets it without a copy. */
export type ReadJobReply = { id: number; ok: true; json: Uint8Array } | { id: number; ok: false; error: AppErrorData };
