// The derive worker: a second thread that runs the engine (and prepares the
// rows to write) for chunk after chunk, while the import thread goes on reading
// the file and writing to SQLite. Only the import thread touches the database:
// it sends each chunk's rows and companion data, and writes the results in
// chunk order. Started from the import worker's own entry (workerData.role =
// 'derive'), so the Electron bundle needs no second entry.
import { Worker } from 'node:worker_threads';
import { deriveJob, type CallResult, type ChunkJob, type CompanionNames } from './derive-job';
import { firstLine } from '../../shared/text/first-line';

export interface DeriveWorkerEntry {
  /** A file path (not a URL): the import worker's entry module. */
  path: string;
  execArgv: string[];
}

export interface DeriveWorkerData {
  role: 'derive';
}

const HEAP_MB = 96;

type ToWorker = { type: 'names'; names: CompanionNames } | { type: 'job'; job: ChunkJob };
type FromWorker = { seq: number; results: CallResult[] } | { seq: number; error: string };

/** The import thread's handle on its derive worker. */
export class DeriveWorker {
  private readonly worker: Worker;
  private readonly waiting: { seq: number; resolve: (r: CallResult[]) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;
  private closed = false;

  constructor(entry: DeriveWorkerEntry) {
    this.worker = new Worker(entry.path, {
      workerData: { role: 'derive' } satisfies DeriveWorkerData,
      execArgv: entry.execArgv,
      // It holds one chunk at a time: a small heap keeps the import's peak RSS down (V8 would grow it lazily).
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 8 },
    });
    this.worker.on('message', (m: FromWorker) => {
      const w = this.waiting.shift();
      if (!w) return;
      if (m.seq !== w.seq) w.reject(new Error(`derive worker: answer ${m.seq} to job ${w.seq}`));
      else if ('error' in m) w.reject(new Error(`derive worker: ${m.error}`));
      else w.resolve(m.results);
    });
    this.worker.on('error', (err) => this.fail(new Error(`derive worker failed: ${firstLine(err)}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`derive worker stopped (exit code ${code})`)));
  }

  /** The companion names later jobs are derived with (messages arrive in order). */
  setNames(names: CompanionNames): void {
    this.post({ type: 'names', names });
  }

  /** Queues a job; its results, in job order. */
  derive(job: ChunkJob): Promise<CallResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    const result = new Promise<CallResult[]>((resolve, reject) => this.waiting.push({ seq: job.seq, resolve, reject }));
    this.post({ type: 'job', job });
    return result;
  }

  close(): void {
    this.closed = true;
    void this.worker.terminate();
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  private fail(err: Error): void {
    if (this.closed) return;
    this.failure ??= err;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }
}

/**
 * The derive pool: `size` derive workers (the machine's cores by default, 1 allowed). Chunk jobs go
 * to the workers in turn; the sink awaits their results in job order, so the one writer (the import
 * thread, which alone touches SQLite) writes them exactly as a single worker's. Companion names go
 * to every worker (messages to one worker arrive in order, so a job sees the names posted before it).
 */
export class DerivePool {
  private readonly workers: DeriveWorker[] = [];
  private next = 0;

  constructor(
    private readonly entry: DeriveWorkerEntry,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`derive pool: size ${size} (at least 1)`);
  }

  setNames(names: CompanionNames): void {
    this.names = names;
    for (const w of this.workers) w.setNames(names);
  }

  private names: CompanionNames | null = null;

  /** Queues a job on the next worker (started on first use: a file of two chunks starts two, not all). */
  derive(job: ChunkJob): Promise<CallResult[]> {
    const i = this.next;
    this.next = (this.next + 1) % this.size;
    let w = this.workers[i];
    if (w === undefined) {
      w = new DeriveWorker(this.entry);
      if (this.names !== null) w.setNames(this.names);
      this.workers[i] = w;
    }
    return w.derive(job);
  }

  close(): void {
    for (const w of this.workers.splice(0)) w.close();
  }
}

/** The worker side: answers every job with its results (or one error line), in order. */
export function serveDerive(port: {
  on(event: 'message', f: (m: ToWorker) => void): void;
  postMessage(m: FromWorker): void;
}): void {
  let names: CompanionNames = { agents: new Map(), queues: new Map(), menus: new Map() };
  port.on('message', (m) => {
    if (m.type === 'names') {
      names = m.names;
      return;
    }
    try {
      port.postMessage({ seq: m.job.seq, results: deriveJob(m.job, names) });
    } catch (err) {
      port.postMessage({ seq: m.job.seq, error: firstLine(err) });
    }
  });
}
