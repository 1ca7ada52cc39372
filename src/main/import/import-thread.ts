// The import thread (loaded by ./import-worker): opens its own connection to the
// archive and imports the files one by one (each all-or-nothing), posting
// progress. Big files are derived in a derive worker started from the same entry.
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive } from '../store/archive';
import { quickDamageCheck } from '../store/damage';
import { ArchiveError } from '../store/errors';
import { importFile } from './file-import';
import { readerOpener } from './source';
import type { WorkerRequest, WorkerMessage } from './worker-protocol';

async function run(req: WorkerRequest): Promise<void> {
  const post = (m: WorkerMessage) => parentPort?.postMessage(m);
  const cancelled = new Int32Array(req.cancel);
  const archive = openArchive(req.dbPath, { readonly: req.readonly ?? false, busyTimeoutMs: req.busyTimeoutMs });
  try {
    if (!archive.readonly) assertUndamaged(archive.db, req.dbPath);
    if (req.maxPageCount) archive.db.pragma(`max_page_count = ${Math.floor(req.maxPageCount)}`);
    for (const i of await companionsFirst(req.files, req.timeZone)) {
      const file = req.files[i] as string;
      post({ type: 'file-start', fileIndex: i });
      const record = await importFile(archive.db, file, {
        timeZone: req.timeZone,
        open: readerOpener,
        chunkRows: req.chunkRows,
        isCancelled: () => Atomics.load(cancelled, 0) === 1,
        onProgress: (p) => post({ type: 'progress', fileIndex: i, ...p }),
        deriveWorker: req.singleThread ? undefined : req.entry,
      });
      post({ type: 'file-done', fileIndex: i, record });
      if (record.status === 'cancelled') break;
    }
    try {
      archive.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // a reader may hold the WAL; the next writer checkpoints
    }
  } finally {
    archive.close();
  }
  post({ type: 'done' });
}

/** Nothing is written into a damaged archive (a cheap check: store/damage.ts). */
function assertUndamaged(db: Parameters<typeof quickDamageCheck>[0], path: string): void {
  const problems = quickDamageCheck(db, path);
  if (problems.length)
    throw new ArchiveError(
      `the archive ${path} is damaged (${problems.slice(0, 2).join('; ')}); nothing was imported: ` +
        'import the exports into a new archive (callscope import <files...> --db <new path>) and run verify on this one',
      'CORRUPT',
    );
}

/**
 * File indexes in import order: companion tables (agents, queues, menus, …) before
 * call-events files, so calls are derived once with their names instead of being
 * derived again when a companion table arrives after them. Otherwise as given.
 */
async function companionsFirst(files: string[], timeZone: string): Promise<number[]> {
  const { openExport } = await import('../readers/index');
  const isCompanion: boolean[] = [];
  for (const file of files) {
    try {
      const ex = await openExport(file, { timeZone });
      isCompanion.push(ex.description.table !== 'call_events');
      await ex.close();
    } catch {
      // Not a call-events file: an Asterisk queues table names calls too (else its import will report why).
      isCompanion.push(await isPlatformNamingTable(file));
    }
  }
  const indexes = files.map((_, i) => i);
  return [...indexes.filter((i) => isCompanion[i]), ...indexes.filter((i) => !isCompanion[i])];
}

/** A platform export that only names things (the Asterisk queues table): imported with the companions. */
async function isPlatformNamingTable(file: string): Promise<boolean> {
  const { detectPlatformFormat } = await import('../readers/platforms');
  try {
    return (await detectPlatformFormat(file))?.id === 'asterisk-queues';
  } catch {
    return false;
  }
}

run(workerData as WorkerRequest).catch((err: unknown) => {
  const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  parentPort?.postMessage({ type: 'error', message } satisfies WorkerMessage);
});
