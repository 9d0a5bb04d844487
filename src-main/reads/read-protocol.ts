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

export type ReadJobReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: AppErrorData };
