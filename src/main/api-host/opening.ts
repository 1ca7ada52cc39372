// Opening an archive for the app (Electron main, browser mode): an archive of an older schema
// is upgraded first in a worker thread — the upgrade rewrites every stored row, minutes on a
// large archive — so the host stays responsive and the page can show a progress bar
// (archive.opening). Calls made meanwhile wait for the archive. A failed upgrade leaves the
// archive as it was (one transaction, docs/archive.md); it is then opened read-only when its
// schema can be read as it is, and archive.opening says why in one line.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import type { ArchiveApi, ArchiveOpening } from '../../shared/api/archive-api';
import { API_METHODS } from '../../shared/api/methods';
import { firstLine } from '../../shared/text/first-line';
import { sourceWorkerEntry, type ImportWorkerEntry } from '../import/run-import';
import { isWritable } from '../store/archive';
import { openDatabase } from '../store/native';
import { SCHEMA_VERSION, schemaVersionOf, type UpgradeProgress } from '../store/schema';
import type { UpgradeMessage } from '../store/upgrade-thread';
import type { ExportFiles } from '../export/export-files';
import { ApiError } from './dispatch';
import { openArchiveApi, type OpenedArchive } from './open';

/** Runs the upgrade of the archive at path somewhere else than this thread; resolves when it is done. */
export type RunUpgrade = (path: string, onProgress: (p: UpgradeProgress) => void) => Promise<void>;

export interface OpeningArchive extends OpenedArchive {
  /** Where opening is: ready, upgrading (with progress) or failed. */
  opening(): ArchiveOpening;
  /** Settles when the archive is open (after an upgrade, or read-only after a failed one). */
  ready: Promise<void>;
}

/**
 * Whether the file is an archive of an older schema that opening it for writing would upgrade.
 * Read on a read-only connection; anything odd (missing, not an archive, newer) is left to the
 * ordinary open, which explains it in one line.
 */
export function needsUpgrade(path: string): boolean {
  if (!existsSync(path) || !isWritable(path)) return false;
  try {
    const db = openDatabase(path, { readonly: true });
    try {
      const version = schemaVersionOf(db);
      return version > 0 && version < SCHEMA_VERSION;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** The upgrade in a worker thread (role 'upgrade' of the import worker entry: store/upgrade-thread.ts). */
export function upgradeInWorker(entry: ImportWorkerEntry = sourceWorkerEntry()): RunUpgrade {
  return (path, onProgress) =>
    new Promise<void>((resolve, reject) => {
      const file = entry.path instanceof URL ? fileURLToPath(entry.path) : entry.path;
      const worker = new Worker(file, { workerData: { role: 'upgrade', path }, execArgv: entry.execArgv ?? [] });
      let settled = false;
      const settle = (err?: Error) => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve();
      };
      worker.on('message', (m: UpgradeMessage) => {
        if (m.type === 'progress') onProgress(m.progress);
        else if (m.type === 'done') settle();
        else settle(new Error(m.message));
      });
      worker.once('error', (err) => settle(err));
      worker.once('exit', (code) => settle(code === 0 ? undefined : new Error(`the upgrade stopped (exit ${code})`)));
    });
}

/** The upgrade's progress as the API states it. */
export function upgradingState(p: UpgradeProgress): ArchiveOpening {
  return {
    state: 'upgrading',
    phase: p.phase === 'compacting' ? 'compacting' : 'rows',
    toVersion: p.toVersion,
    done: p.done,
    total: p.total,
  };
}

/** An ArchiveApi whose calls wait for the archive, except archive.opening, which answers at once. */
function waitingApi(opened: () => Promise<OpenedArchive>, opening: () => ArchiveOpening): ArchiveApi {
  type Fn = (...args: unknown[]) => Promise<unknown>;
  const api: Record<string, Record<string, Fn>> = {};
  for (const method of API_METHODS) {
    const [ns, name] = method.split('.') as [string, string];
    (api[ns] ??= {})[name] = async (...args) => {
      const real = (await opened()).api as unknown as Record<string, Record<string, Fn>>;
      return (real[ns]?.[name] as Fn)(...args);
    };
  }
  (api['archive'] as Record<string, Fn>)['opening'] = async () => opening();
  return api as unknown as ArchiveApi;
}

/**
 * Opens path for the app. Without an upgrade to do, the archive is open when this returns
 * (errors thrown as by openArchiveApi); with one, it runs (runUpgrade, default a worker thread)
 * and the archive opens when it is done.
 */
export function openArchiveForApp(
  path: string,
  options: {
    create?: boolean;
    worker?: ImportWorkerEntry;
    runUpgrade?: RunUpgrade;
    /** Every state change (tests, logs). */
    onState?: (s: ArchiveOpening) => void;
  } = {},
): OpeningArchive {
  let state: ArchiveOpening = { state: 'ready' };
  const setState = (next: ArchiveOpening) => {
    state = next;
    options.onState?.(next);
  };
  let opened: OpenedArchive | null = null;
  let closed = false;
  let ready: Promise<void>;
  if (!needsUpgrade(path)) {
    opened = openArchiveApi(path, { create: options.create, worker: options.worker });
    ready = Promise.resolve();
  } else {
    setState({ state: 'upgrading', phase: 'rows', toVersion: SCHEMA_VERSION, done: 0, total: 0 });
    const run = options.runUpgrade ?? upgradeInWorker(options.worker);
    ready = run(path, (p) => setState(upgradingState(p))).then(
      () => {
        if (closed) return;
        opened = openArchiveApi(path, { worker: options.worker });
        setState({ state: 'ready' });
      },
      (err: unknown) => {
        if (closed) return;
        const message = firstLine(err, 'the upgrade failed', 300);
        // The archive is as it was: read it as it is (an older schema that can be read without the upgrade).
        opened = openArchiveApi(path, { worker: options.worker, readonly: true });
        setState({ state: 'failed', message, readOnly: true });
      },
    );
    // Not even read-only: every waiting call gets the reason.
    ready = ready.catch((err: unknown) => {
      const message = state.state === 'failed' ? state.message : firstLine(err, 'the upgrade failed', 300);
      setState({ state: 'failed', message, readOnly: false });
      throw new ApiError('unavailable', `the archive could not be opened: ${message}`);
    });
    ready.catch(() => undefined); // waited for by the calls; no unhandled rejection meanwhile
  }
  const whenOpen = async (): Promise<OpenedArchive> => {
    await ready;
    if (!opened) throw new ApiError('unavailable', 'the archive is closed');
    return opened;
  };
  const exportFiles: ExportFiles = {
    file: (jobId, kind) => opened?.exportFiles.file(jobId, kind) ?? null,
    forget: (jobId) => opened?.exportFiles.forget(jobId),
  };
  return {
    path,
    api: waitingApi(whenOpen, () => state),
    exportFiles,
    recordAction: (entry) => opened?.recordAction(entry) ?? false,
    opening: () => state,
    ready,
    close() {
      closed = true;
      opened?.close();
      opened = null;
    },
  };
}
