// ImportJobs: the imports.start / progress / cancel part of the archive API.
// Jobs run one at a time (one writer per archive), each in its own worker.
import { randomUUID } from 'node:crypto';
import type { ImportProgress, ImportRecord, ImportRequest } from '../../shared/api/archive-api';
import { importRequestSchema } from '../../shared/api/schemas';
import { ArchiveError } from '../store/errors';
import { parseArg } from '../api/validate';
import { importFiles, type ImportWorkerEntry } from './run-import';
import { firstLine } from '../../shared/text/first-line';

interface Job {
  progress: ImportProgress;
  request: ImportRequest;
  abort: AbortController;
  startedAt: number;
}

const KEEP_FINISHED = 50;

/**
 * The job's state from its files' results. A job fails only when no file got in: one good and one
 * broken file is a done job whose report says, per file, which failed (it was "The import failed"
 * although the good file's calls were imported). Cancelled when the user cancelled.
 */
export function jobOutcome(
  results: readonly Pick<ImportRecord, 'status' | 'message'>[],
  aborted: boolean,
): { state: 'done' | 'failed' | 'cancelled'; error: string | null } {
  if (aborted || results.some((r) => r.status === 'cancelled')) return { state: 'cancelled', error: null };
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length > 0 && failed.length === results.length)
    return { state: 'failed', error: failed.length === 1 ? (failed[0]?.message ?? null) : null };
  return { state: 'done', error: null };
}

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly dbPath: string,
    private readonly options: { worker?: ImportWorkerEntry; busyTimeoutMs?: number } = {},
  ) {}

  start(request: ImportRequest): { jobId: string } {
    const req = parseArg(importRequestSchema, request, 'import request');
    const jobId = randomUUID();
    const job: Job = {
      request: req,
      abort: new AbortController(),
      startedAt: Date.now(),
      progress: {
        jobId,
        state: 'queued',
        fileIndex: 0,
        fileCount: req.files.length,
        bytesRead: 0,
        bytesTotal: 0,
        rows: 0,
        calls: 0,
        etaSec: null,
        results: [],
        error: null,
      },
    };
    this.jobs.set(jobId, job);
    this.prune();
    this.chain = this.chain.then(() => this.run(job));
    return { jobId };
  }

  progress(jobId: string): ImportProgress {
    const job = this.jobs.get(jobId);
    if (!job) throw new ArchiveError(`no import job ${jobId}`, 'NOTFOUND');
    return { ...job.progress, results: [...job.progress.results] };
  }

  cancel(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) throw new ArchiveError(`no import job ${jobId}`, 'NOTFOUND');
    if (job.progress.state === 'queued') job.progress.state = 'cancelled';
    job.abort.abort();
  }

  cancelAll(): void {
    for (const job of this.jobs.values()) job.abort.abort();
  }

  /** Resolves when every started job has finished. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async run(job: Job): Promise<void> {
    const p = job.progress;
    if (p.state === 'cancelled') return;
    p.state = 'running';
    try {
      await importFiles(this.dbPath, job.request.files, {
        timeZone: job.request.timeZone,
        signal: job.abort.signal,
        worker: this.options.worker,
        busyTimeoutMs: this.options.busyTimeoutMs,
        onProgress: (t) =>
          Object.assign(p, {
            fileIndex: t.fileIndex,
            bytesRead: t.bytesRead,
            bytesTotal: t.bytesTotal,
            rows: t.rows,
            calls: t.calls,
            etaSec: t.etaSec,
            filesDone: t.filesDone,
            fileName: t.fileName,
            phase: t.phase,
          }),
        onFile: (record) => p.results.push(record),
      });
      const outcome = jobOutcome(p.results, job.abort.signal.aborted);
      p.state = outcome.state;
      p.error = outcome.error;
      p.etaSec = 0;
      p.phase = null;
      p.fileName = null;
    } catch (err) {
      p.state = 'failed';
      p.error = firstLine(err, 'import failed');
    }
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => !['queued', 'running'].includes(j.progress.state));
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
