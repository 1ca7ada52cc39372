// Messages between runImportWorker and the import worker.
import type { ImportPhase, ImportRecord } from '../../shared/api/archive-api';

export interface WorkerRequest {
  dbPath: string;
  files: string[];
  timeZone: string;
  /** SharedArrayBuffer(4): set to 1 to cancel (checked between batches). */
  cancel: SharedArrayBuffer;
  readonly?: boolean;
  busyTimeoutMs?: number;
  chunkRows?: number;
  /** Fault tests: PRAGMA max_page_count on the worker's connection (simulates a full disk). */
  maxPageCount?: number;
  /** The worker's own entry (file path) and options: it starts its derive worker from it. */
  entry?: { path: string; execArgv: string[] };
  /** Everything in this thread: no parse or derive worker, no block compressor. */
  singleThread?: boolean;
  /** The derive pool's size (default: thread-layout.ts's for the cores). */
  deriveWorkers?: number;
  /** Plan the threads as for a machine of this many cores (default: this one's; thread-layout.ts). */
  cores?: number;
}

export type WorkerMessage =
  | { type: 'file-start'; fileIndex: number }
  | {
      type: 'progress';
      fileIndex: number;
      bytesRead: number;
      bytesTotal: number;
      rows: number;
      calls: number;
      phase?: ImportPhase;
    }
  | { type: 'file-done'; fileIndex: number; record: ImportRecord }
  /** Every source of the file is done (a ZIP: one file-done per member, then this). */
  | { type: 'file-end'; fileIndex: number }
  /** A line for the user while nothing moves, e.g. "waiting for data on /tmp/fifo…". */
  | { type: 'notice'; fileIndex: number; message: string }
  | { type: 'done' }
  | { type: 'error'; message: string }
  /** An import process's own figures, posted after its last message (import-process.ts): for the bench. */
  | { type: 'usage'; maxRssMb: number; cpuSeconds: number };

/** An import in a process of its own (./import-process.ts): its request; the cancel flag is the child's own. */
export type ProcessRequest = Omit<WorkerRequest, 'cancel'>;

/** Messages to an import process: the request (once), then perhaps a cancel. */
export type ToImportProcess = { type: 'start'; request: ProcessRequest } | { type: 'cancel' };
