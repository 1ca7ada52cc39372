// importFiles: imports files into an archive in a worker thread, so the caller
// (CLI, Electron main, browser-mode server) never blocks. Progress covers all
// files (rows, bytes, calls, ETA from bytes); an AbortSignal cancels: the file
// in progress is rolled back, finished files stay imported.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportProgress, ImportRecord } from '../../shared/api/archive-api';
import type { Archive } from '../store/archive';
import type { WorkerMessage, WorkerRequest } from './worker-protocol';
import { firstLine } from '../../shared/text/first-line';
import { importProcessEnv, type ImportProcessLauncher } from './import-process-host';

export interface ImportWorkerEntry {
  /** Path or file URL of the worker module (import-worker.ts, or the bundled one in Electron). */
  path: string | URL;
  /** Node options for the worker, e.g. ['--import', 'tsx'] for the TypeScript source. */
  execArgv?: string[];
  /**
   * The app's: imports run in a process of their own started by this (./import-process-host.ts), from
   * the same entry, instead of a worker thread of the caller. Read pools and upgrades ignore it.
   */
  importProcess?: ImportProcessLauncher;
}

/**
 * The TypeScript worker source, loaded through tsx by a small .mjs bootstrap:
 * for the CLI, tests and the bench. (The Electron adapter passes its bundled
 * worker instead: `import workerPath from './import-worker?modulePath'`.)
 */
export function sourceWorkerEntry(): ImportWorkerEntry {
  return { path: new URL(`./import-${'worker'}-tsx.mjs`, import.meta.url), execArgv: [] };
}

/** The import thread's young generation in MB (its new space is then 16 MB, V8's default 32 MB). */
const IMPORT_YOUNG_MB = 16;
/** After its last message, how long an import process may take to end before it is ended (ms). */
const PROCESS_END_GRACE_MS = 10_000;

/** The running figures of an import: the counting part of the API's ImportProgress. */
export type ImportTotals = Pick<
  ImportProgress,
  | 'fileIndex'
  | 'fileCount'
  | 'bytesRead'
  | 'bytesTotal'
  | 'rows'
  | 'calls'
  | 'etaSec'
  | 'filesDone'
  | 'fileName'
  | 'phase'
>;

export interface ImportFilesOptions {
  timeZone: string;
  onProgress?: (p: ImportTotals) => void;
  /**
   * Called as each file finishes (done, duplicate, failed or cancelled); a ZIP once per member, with
   * the ZIP's index. Companion tables are imported before call-events files; the resolved list is in
   * request order (a ZIP's members in the order they were imported).
   */
  onFile?: (record: ImportRecord, fileIndex: number) => void;
  /** A line for the user while nothing moves (e.g. "waiting for data on /tmp/fifo…"). */
  onNotice?: (message: string, fileIndex: number) => void;
  /** An import process's own peak RSS and CPU, as it ends (worker.importProcess only; the bench's). */
  onProcessUsage?: (usage: { maxRssMb: number; cpuSeconds: number }) => void;
  signal?: AbortSignal;
  worker?: ImportWorkerEntry;
  readonly?: boolean;
  busyTimeoutMs?: number;
  chunkRows?: number;
  maxPageCount?: number;
  /**
   * Everything in the import thread (no parse or derive worker, no block compressor): a one-core
   * machine's import. The default uses the workers that get a core of their own.
   */
  singleThread?: boolean;
  /**
   * How many derive workers (engine + rows to write) a big file runs in, beside the one thread that
   * reads and writes SQLite. Default: thread-layout.ts's for the machine's cores (one from three cores on).
   */
  deriveWorkers?: number;
  /**
   * Plan the import's threads as for a machine of this many cores (thread-layout.ts); default: this
   * machine's (os.availableParallelism()). The bench runs a 4-core layout here to measure each thread.
   */
  cores?: number;
  /**
   * Import in the calling thread, with no worker at all (no import thread, parse worker or derive
   * pool). For tests that are not about the threads: starting a worker from the TypeScript sources
   * costs about a second. Default (as in production): off.
   */
  inProcess?: boolean;
}

function sizeOrZero(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // standard input, a pipe that is gone: no share of the progress bar
  }
}

export function importFiles(
  archive: Archive | string,
  files: string[],
  options: ImportFilesOptions,
): Promise<ImportRecord[]> {
  const dbPath = typeof archive === 'string' ? archive : archive.path;
  const sizes = files.map(sizeOrZero);
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  const cancel = new SharedArrayBuffer(4);
  const entry = options.worker ?? sourceWorkerEntry();
  const request: WorkerRequest = {
    dbPath,
    files,
    timeZone: options.timeZone,
    cancel,
    readonly: options.readonly,
    busyTimeoutMs: options.busyTimeoutMs,
    chunkRows: options.chunkRows,
    maxPageCount: options.maxPageCount,
    entry: { path: entry.path instanceof URL ? fileURLToPath(entry.path) : entry.path, execArgv: entry.execArgv ?? [] },
    singleThread: options.singleThread,
    deriveWorkers: options.deriveWorkers,
    cores: options.cores,
  };
  const results: ImportRecord[][] = [];
  const started = Date.now();
  let doneBytes = 0;
  let doneRows = 0;
  let doneCalls = 0;

  return new Promise<ImportRecord[]>((resolve, reject) => {
    let cancelProcess = () => {};
    const onAbort = () => {
      Atomics.store(new Int32Array(cancel), 0, 1);
      cancelProcess();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(results.flatMap((r) => r ?? [])); // request order; files not started are absent
    };
    let filesDone = 0;
    let lastPhase: ImportTotals['phase'] = null;
    const totals = (fileIndex: number, bytesRead: number, rows: number, calls: number): ImportTotals => {
      const elapsed = (Date.now() - started) / 1000;
      // No estimate while the file finishes (deriving, indexing): "0:00 left" would be untrue.
      const finishing = lastPhase === 'deriving' || lastPhase === 'indexing';
      const etaSec =
        !finishing && bytesRead > 0 && elapsed > 0.5
          ? Math.max(0, (elapsed * (bytesTotal - bytesRead)) / bytesRead)
          : null;
      return {
        fileIndex,
        fileCount: files.length,
        bytesRead,
        bytesTotal,
        rows,
        calls,
        etaSec,
        filesDone,
        fileName: basename(files[fileIndex] ?? ''),
        phase: lastPhase,
      };
    };
    const onMessage = (m: WorkerMessage) => {
      if (m.type === 'file-start') {
        // Files are taken in import order (companion tables first): the position is the files done so far.
        lastPhase = 'checking';
        options.onProgress?.(totals(m.fileIndex, doneBytes, doneRows, doneCalls));
      } else if (m.type === 'progress') {
        lastPhase = m.phase ?? lastPhase;
        options.onProgress?.(totals(m.fileIndex, doneBytes + m.bytesRead, doneRows + m.rows, doneCalls + m.calls));
      } else if (m.type === 'notice') {
        options.onNotice?.(m.message, m.fileIndex);
      } else if (m.type === 'usage') {
        options.onProcessUsage?.({ maxRssMb: m.maxRssMb, cpuSeconds: m.cpuSeconds });
      } else if (m.type === 'file-end') {
        // A request file is done when all its sources are (a ZIP: every member).
        filesDone++;
        // A cancelled file's bytes were not all read: "129 MB / 129 MB" beside "Cancelled" would say they were.
        const cancelled = (results[m.fileIndex] ?? []).some((r) => r.status === 'cancelled');
        if (!cancelled) doneBytes += sizes[m.fileIndex] ?? 0;
        options.onProgress?.(totals(m.fileIndex, doneBytes, doneRows, doneCalls));
      } else if (m.type === 'file-done') {
        (results[m.fileIndex] ??= []).push(m.record);
        doneRows += m.record.status === 'done' ? m.record.rowsRead : 0;
        doneCalls += m.record.status === 'done' ? m.record.callsDerived : 0;
        lastPhase = null;
        options.onFile?.(m.record, m.fileIndex);
        options.onProgress?.(totals(m.fileIndex, doneBytes, doneRows, doneCalls));
      } else if (m.type === 'error' || m.type === 'done') {
        outcome = m.type === 'error' ? new Error(m.message) : null;
        if (options.inProcess) finish(outcome);
        else onLastMessage();
      }
    };
    let onLastMessage = () => {};
    let outcome: Error | null | undefined; // settled on the thread's or process's exit
    if (options.inProcess) {
      void import('./import-thread')
        .then(({ runImport }) => runImport({ ...request, singleThread: true, entry: undefined }, onMessage))
        .catch((err: unknown) => finish(new Error(firstLine(err))));
      return;
    }
    const runner: Runner = { onMessage, finish, ended: (why) => finish(outcome !== undefined ? outcome : why) };
    if (entry.importProcess) {
      if (files.includes('-')) return finish(new Error('standard input can only be imported by the CLI'));
      const child = startImportProcess(entry.importProcess, request, runner);
      onLastMessage = child.onLastMessage;
      cancelProcess = child.cancel;
      if (options.signal?.aborted) cancelProcess();
    } else startImportThread(entry, request, runner);
  });
}

/** An import process that posted no last message: why it ended (its exit code or signal). */
export function processEnded(code: number | null, signal: string | null): Error | null {
  if (code === 0) return null; // as a worker thread's exit: the results that came are the import's
  const how = signal ? `was ended by ${signal}` : `stopped (exit code ${code ?? '?'})`;
  return new Error(`the import process ${how}; the file in progress was not imported`);
}

/** What starts an import's thread or process reports to (importFiles). */
interface Runner {
  onMessage: (m: WorkerMessage) => void;
  finish: (err: Error | null) => void;
  /** The thread or process has ended: settles with its last message's outcome, else with `why` it ended. */
  ended: (why: Error | null) => void;
}

/** The import thread: a worker of this process. Settles on its exit (no thread of it then holds the archive or our stdio). */
function startImportThread(entry: ImportWorkerEntry, request: WorkerRequest, runner: Runner): void {
  // `-` is read by the worker from its own stdin, fed from this process's (a worker cannot read fd 0's stream).
  const readsStdin = request.files.includes('-');
  const worker = new Worker(entry.path, {
    workerData: request,
    execArgv: entry.execArgv ?? [],
    stdin: readsStdin,
    // A smaller young generation: the import allocates fast and keeps little of it, and V8 grows its new
    // space to 32 MB of touched pages (measured). The old generation is left alone (platform exports are read whole).
    resourceLimits: { maxYoungGenerationSizeMb: IMPORT_YOUNG_MB },
  });
  if (readsStdin && worker.stdin) {
    const input = worker.stdin;
    process.stdin.pipe(input);
    worker.once('exit', () => {
      process.stdin.unpipe(input);
      process.stdin.pause();
    });
  }
  worker.on('message', runner.onMessage);
  worker.on('error', (err) => runner.finish(new Error(`import worker failed: ${firstLine(err)}`)));
  const stopped = (code: number) => (code === 0 ? null : new Error(`import worker stopped (exit code ${code})`));
  worker.on('exit', (code) => runner.ended(stopped(code)));
}

/** The import in a process of its own (the app's). Settles on the process's exit. */
function startImportProcess(
  launch: ImportProcessLauncher,
  request: WorkerRequest,
  runner: Runner,
): { cancel: () => void; onLastMessage: () => void } {
  const child = launch({
    path: request.entry?.path ?? '',
    // No V8 flag for its young generation: at 200,000 calls in a 4-core layout the process peaked
    // 309–317 MB without one and 329–330 MB with the worker thread's size (a 5 MB semi-space).
    execArgv: request.entry?.execArgv ?? [],
    env: importProcessEnv(),
  });
  child.onMessage((m) => runner.onMessage(m as WorkerMessage));
  child.onError((err) => runner.finish(new Error(`the import process could not start: ${firstLine(err)}`)));
  let linger: NodeJS.Timeout | undefined;
  child.onExit(({ code, signal }) => {
    clearTimeout(linger);
    runner.ended(processEnded(code, signal));
  });
  // The cancel flag is the child's own (shared memory does not cross processes).
  const { cancel: _ownFlag, ...processRequest } = request;
  child.send({ type: 'start', request: processRequest });
  return {
    cancel: () => child.send({ type: 'cancel' }),
    // It ends after its last message; one that lingers (a handle left open) is ended.
    onLastMessage: () => (linger = setTimeout(() => child.kill(), PROCESS_END_GRACE_MS).unref()),
  };
}
