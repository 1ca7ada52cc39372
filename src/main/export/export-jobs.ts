// ExportJobs: the exports.start / progress / cancel part of the archive API. A job
// writes into a temporary folder of this process; the host then hands the file on
// (Electron: a Save dialog moves it; browser mode: a token-checked download) and
// calls `take` / `forget`. Jobs run in this process, yielding between pages, so
// searches from the UI interleave with a long export.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportProgress, ExportRequest } from '../../shared/api/archive-api';
import { exportRequestSchema } from '../../shared/api/schemas';
import { parseArg } from '../api/validate';
import { ArchiveError } from '../store/errors';
import { exportResult, ExportCancelled, type ExportSource } from './run-export';
import { ZoneClock } from './zone-clock';
import { exportEntry } from './export-entry';
import type { ActionEntry } from '../review/action-log';
import { FIRST_LINE_MAX, firstLine } from '../../shared/text/first-line';

interface Job {
  progress: ExportProgress;
  abort: AbortController;
  paths: Partial<Record<'calls' | 'events', string>>;
  done: Promise<void>;
}

const KEEP_FINISHED = 20;
const EXTENSION = { csv: 'csv', xlsx: 'xlsx', jsonl: 'jsonl' } as const;

/**
 * "callscope-calls-2026-03-29-141507Z.csv": what the Save dialog and the download offer. The stamp
 * is UTC and says so (Z), to the second, so that it matches the action log's entry and two exports
 * of one minute are not named alike.
 */
export function exportFileName(kind: 'calls' | 'events', format: keyof typeof EXTENSION, at: Date): string {
  const stamp = `${at.toISOString().slice(0, 19).replace('T', '-').replaceAll(':', '')}Z`;
  return `callscope-${kind}-${stamp}.${EXTENSION[format]}`;
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  private dir: string | null = null;

  /**
   * `record` appends a done job's entry to the archive's action log (the API's archive: the app's
   * exports are logged as the CLI's are); it is awaited before the job reads as done.
   */
  constructor(
    private readonly source: ExportSource,
    private readonly record?: (entry: ActionEntry) => void,
  ) {}

  private folder(): string {
    this.dir ??= mkdtempSync(join(tmpdir(), 'callscope-export-'));
    return this.dir;
  }

  start(request: ExportRequest): { jobId: string } {
    const req = parseArg(exportRequestSchema, request, 'export request');
    try {
      new ZoneClock(req.timeZone);
    } catch (err) {
      throw new ArchiveError((err as Error).message, 'INVALID');
    }
    const jobId = randomUUID();
    const at = new Date();
    const names = {
      calls: exportFileName('calls', req.format, at),
      ...(req.includeEvents ? { events: exportFileName('events', req.format, at) } : {}),
    };
    const paths = {
      calls: join(this.folder(), `${jobId}-${names.calls}`),
      ...(names.events ? { events: join(this.folder(), `${jobId}-${names.events}`) } : {}),
    };
    const abort = new AbortController();
    const progress: ExportProgress = {
      jobId,
      state: 'running',
      calls: 0,
      total: 0,
      events: 0,
      bytes: 0,
      files: [],
      error: null,
    };
    const done = exportResult(this.source, req.search, {
      format: req.format,
      separator: req.separator,
      timeZone: req.timeZone,
      callsPath: paths.calls,
      ...(paths.events ? { eventsPath: paths.events } : {}),
      signal: abort.signal,
      onProgress: (p) => Object.assign(progress, p),
    })
      .then(async (summary) => {
        if (this.record)
          this.record(
            await exportEntry({
              format: req.format,
              timeZone: req.timeZone,
              calls: summary.calls,
              events: summary.events,
              callsPath: paths.calls,
              callsName: names.calls,
              ...(paths.events ? { eventsPath: paths.events, eventsName: names.events } : {}),
            }),
          );
        return summary;
      })
      .then(
        (summary) => {
          Object.assign(progress, { calls: summary.calls, total: summary.total, events: summary.events });
          progress.bytes = summary.bytes;
          progress.files = [
            { kind: 'calls', name: names.calls },
            ...(names.events ? [{ kind: 'events' as const, name: names.events }] : []),
          ];
          progress.state = 'done';
        },
        (err: unknown) => {
          progress.state = err instanceof ExportCancelled ? 'cancelled' : 'failed';
          progress.error = err instanceof ExportCancelled ? null : firstLine(err, 'export failed', FIRST_LINE_MAX);
        },
      );
    this.jobs.set(jobId, { progress, abort, paths, done });
    this.prune();
    return { jobId };
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new ArchiveError(`no export job ${jobId}`, 'NOTFOUND');
    return job;
  }

  progress(jobId: string): ExportProgress {
    const p = this.job(jobId).progress;
    return { ...p, files: [...p.files] };
  }

  async cancel(jobId: string): Promise<void> {
    const job = this.job(jobId);
    job.abort.abort();
    await job.done;
  }

  /** Resolves when the job has finished (done, failed or cancelled). */
  async settled(jobId: string): Promise<ExportProgress> {
    await this.job(jobId).done;
    return this.progress(jobId);
  }

  /** The finished file of a done job and the name to offer for it; null when there is none. */
  file(jobId: string, kind: 'calls' | 'events'): { path: string; name: string } | null {
    const job = this.jobs.get(jobId);
    if (!job || job.progress.state !== 'done') return null;
    const path = job.paths[kind];
    const name = job.progress.files.find((f) => f.kind === kind)?.name;
    return path && name ? { path, name } : null;
  }

  /** Drops a job's files (after they were saved elsewhere or downloaded). */
  forget(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job) return;
    job.abort.abort();
    for (const p of Object.values(job.paths)) rmSync(p, { force: true });
    this.jobs.delete(jobId);
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.progress.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.forget(id);
  }

  /** Cancels running exports and removes the folder (the archive is being closed). */
  closeAll(): void {
    for (const job of this.jobs.values()) job.abort.abort();
    const dir = this.dir;
    this.dir = null;
    if (dir)
      void Promise.allSettled([...this.jobs.values()].map((j) => j.done)).then(() =>
        rmSync(dir, { recursive: true, force: true }),
      );
    this.jobs.clear();
  }
}
