import { Worker } from 'node:worker_threads';
import type { Snapshot } from '../backup/backup-service.ts';
import type { ExportReads } from '../export/export-handlers.ts';
import { AppError } from '../errors/app-error.ts';
import type { HistoryReads } from '../history/history-handlers.ts';
import { EncodedJson, type Plain } from '../ipc/encoded-json.ts';
import type { ReadJobName, ReadJobs } from './read-jobs.ts';
import type { ReadJobReply, ReadJobRequest, ReadWorkerData } from './read-protocol.ts';

/**
 * Run from source (tests, `npm run web`) the worker is the .ts file beside this one; in the
 * desktop bundle electron-vite builds it as an entry of its own beside main.js, and every chunk
 * lands in that folder too (see electron.vite.config.ts).
 */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './read-worker.ts' : './read-worker.js', import.meta.url);

/** Reads waiting for the worker, all windows together; past this a read is refused as busy. */
export const MAX_QUEUED_READS = 64;

/**
 * The worker's heap. Exports are built a page of rows at a time and leave as bytes outside the
 * heap, so this is room for a session of 100,000 trades; without it V8 lets an idle worker's
 * heap grow with every export it has made.
 */
const WORKER_HEAP_MB = 256;
/**
 * Its young generation. Left to itself V8 grows it by tens of MiB once an overview or an export
 * allocates fast, and keeps that committed while the worker idles; the worker's work is throughput, not latency, so
 * more frequent small scavenges cost it nothing a person notices.
 */
const WORKER_YOUNG_MB = 8;

interface Job {
  request: ReadJobRequest;
  resolve(value: EncodedJson): void;
  reject(error: AppError): void;
  signal: AbortSignal | undefined;
  onAbort(): void;
}

/**
 * The main thread's handle on the read worker (`read-worker.ts`): heavy reads go there so that
 * recording a trade and announcing a breach never wait behind an export. One job runs at a
 * time; the rest wait here, not in the worker, so a read whose caller left (its socket closed)
 * is dropped before it starts. The worker starts on the first read (or when the runtime warms
 * it) and again if it dies; it keeps the process alive only while it has work.
 */
export class ReadThread {
  readonly history: HistoryReads = {
    page: (request, signal) => this.run('historyPage', [request], signal),
    detail: (sessionId, signal) => this.run('sessionDetail', [sessionId], signal),
    overview: (request, signal) => this.run('overview', [request], signal),
    trades: (request, signal) => this.run('tradesPage', [request], signal),
    discipline: (request, signal) => this.run('discipline', [request], signal),
    dailyPnl: (month, signal) => this.run('dailyPnl', [month], signal),
    pnlSummary: (now, signal) => this.run('pnlSummary', [now], signal),
  };
  readonly exports: ExportReads = {
    csvExport: (kind, now, signal) => this.run('csvExport', [kind, now], signal),
  };
  readonly snapshot: Snapshot = async (destination) => void (await this.run('backup', [destination]));

  private readonly file: string;
  private worker: Worker | null = null;
  private running: Job | null = null;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  private readonly onDamage: (error: AppError) => void;

  /** `onDamage` hears of a damaged file the worker met, so the main connection stops writing too. */
  constructor(options: { file: string; onDamage?: (error: AppError) => void }) {
    this.file = options.file;
    this.onDamage = options.onDamage ?? (() => undefined);
  }

  /** Runs `job` in the worker; its value comes back encoded, for the transports to forward as it is. */
  run<K extends ReadJobName>(job: K, args: Parameters<ReadJobs[K]>, signal?: AbortSignal): Promise<EncodedJson<Plain<Awaited<ReturnType<ReadJobs[K]>>>>> {
    const answer = new Promise<EncodedJson>((resolve, reject) => {
      if (this.closed) return reject(new AppError('internal', 'Sessionguard is closing; try again after it starts.'));
      if (signal?.aborted) return reject(cancelled());
      if (this.queue.length >= MAX_QUEUED_READS)
        return reject(new AppError('busy', 'Sessionguard is busy with earlier reads (history, exports, backups); try again in a moment.'));
      const entry: Job = {
        request: { id: this.nextId++, job, args },
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.queue.indexOf(entry);
          if (at === -1) return;
          this.queue.splice(at, 1);
          reject(cancelled());
        },
      };
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      this.queue.push(entry);
      this.pump();
    });
    // The worker ran ReadJobs[K]: its value is that job's.
    return answer as Promise<EncodedJson<Plain<Awaited<ReturnType<ReadJobs[K]>>>>>;
  }

  /** Starts the worker ahead of the first read, which would otherwise wait for it to load. */
  warm(): void {
    if (this.closed || this.worker) return;
    this.start().unref();
  }

  /** Reads waiting, and the one running: for tests and the bench. */
  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new AppError('cancelled', 'Sessionguard closed before this read ran.'));
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
    this.settle(null, new AppError('cancelled', 'Sessionguard closed before this read finished.'));
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) {
      this.worker?.unref();
      return;
    }
    job.signal?.removeEventListener('abort', job.onAbort);
    this.running = job;
    const worker = this.worker ?? this.start();
    worker.ref();
    worker.postMessage(job.request);
  }

  private start(): Worker {
    const worker = new Worker(WORKER_URL, {
      workerData: { file: this.file } satisfies ReadWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    worker.on('message', (reply: ReadJobReply) => {
      if (reply.id !== this.running?.request.id) return;
      if (reply.ok) this.settle(new EncodedJson(reply.json), null);
      else {
        const error = new AppError(reply.error.code, reply.error.message, reply.error);
        if (error.code === 'database_corrupt') this.onDamage(error);
        this.settle(null, error);
      }
    });
    const died = (error: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.settle(
        null,
        new AppError(
          'internal',
          outOfMemory ? 'This read needed more memory than Sessionguard gives its reads; nothing was changed.' : 'A read stopped halfway; try again.',
          { cause: error },
        ),
      );
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`read worker exited with ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(value: EncodedJson | null, error: AppError | null): void {
    const job = this.running;
    this.running = null;
    if (job) {
      if (error || !value) job.reject(error ?? new AppError('internal', 'A read ended without an answer.'));
      else job.resolve(value);
    }
    this.pump();
  }
}

function cancelled(): AppError {
  return new AppError('cancelled', 'The window that asked for this read has closed.');
}
