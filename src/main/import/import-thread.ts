// The import thread (loaded by ./import-worker): opens its own connection to the
// archive and imports the files one by one (each all-or-nothing), posting
// progress. Big files are derived in a derive worker started from the same entry.
// importFiles({ inProcess: true }) runs the same work in the calling thread (runImport).
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive } from '../store/archive';
import { quickDamageCheck } from '../store/damage';
import { ArchiveError } from '../store/errors';
import { basename } from 'node:path';
import { statSync } from 'node:fs';
import { recordImportAttempt } from '../store/import-attempts';
import { sha256File } from './hash';
import { openInput, type ByteSource, type OpenedInput } from '../readers/byte-source';
import { importFile, unfinishedRecord } from './file-import';
import { readerOpener } from './source';
import type { WorkerRequest, WorkerMessage } from './worker-protocol';
import { firstLine } from '../../shared/text/first-line';
import { threadLayout } from './thread-layout';

/** Imports the request's files, posting each message to `post` (ends with `done`; throws on failure). */
export async function runImport(req: WorkerRequest, post: (m: WorkerMessage) => void): Promise<void> {
  const cancelled = new Int32Array(req.cancel);
  const archive = openArchive(req.dbPath, { readonly: req.readonly ?? false, busyTimeoutMs: req.busyTimeoutMs });
  try {
    if (!archive.readonly) assertUndamaged(archive.db, req.dbPath);
    if (req.maxPageCount) archive.db.pragma(`max_page_count = ${Math.floor(req.maxPageCount)}`);
    const isCancelled = () => Atomics.load(cancelled, 0) === 1;
    // Every input opened first: a ZIP becomes its members; one that cannot be opened is reported now.
    const inputs: (OpenedInput | null)[] = [];
    const remaining: number[] = [];
    try {
      for (const [i, file] of req.files.entries()) {
        const startedAt = new Date().toISOString();
        try {
          const input = await openInput(file, {
            onNotice: (message) => post({ type: 'notice', fileIndex: i, message }),
            isCancelled,
          });
          inputs.push(input);
          remaining.push(input.sources.length);
        } catch (err) {
          inputs.push(null);
          remaining.push(0);
          const message = `${firstLine(err)}; nothing of it was imported`;
          const record = unfinishedRecord(
            basename(file),
            'failed',
            message,
            req.timeZone,
            startedAt,
            ...(await identity(file)),
          );
          // An attempt like any refused file (a ZIP refused while listed: a bomb, no files in it).
          recordImportAttempt(archive.db, record);
          post({ type: 'file-start', fileIndex: i });
          post({ type: 'file-done', fileIndex: i, record });
        }
        if ((remaining[i] ?? 0) === 0) post({ type: 'file-end', fileIndex: i });
      }
      const started = new Set<number>();
      const layout = threadLayout(req.singleThread ? 1 : req.cores, req.deriveWorkers);
      for (const { fileIndex: i, source } of await companionsFirst(inputs, req.timeZone)) {
        if (!started.has(i)) post({ type: 'file-start', fileIndex: i });
        started.add(i);
        const record = await importFile(archive.db, source, {
          timeZone: req.timeZone,
          open: readerOpener,
          chunkRows: req.chunkRows,
          isCancelled,
          onProgress: (p) => post({ type: 'progress', fileIndex: i, ...p }),
          deriveWorker: layout.deriveWorkers > 0 ? req.entry : undefined,
          deriveWorkers: layout.deriveWorkers,
          parseWorker: layout.parseWorker ? req.entry : undefined,
          compressBlocksElsewhere: layout.compressor,
        });
        source.dispose();
        post({ type: 'file-done', fileIndex: i, record });
        remaining[i] = (remaining[i] ?? 1) - 1;
        if (remaining[i] === 0) post({ type: 'file-end', fileIndex: i });
        if (record.status === 'cancelled') break;
      }
    } finally {
      for (const input of inputs) await input?.dispose();
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

/** When the input was opened, its size and SHA-256 (a file that cannot be read, or a pipe: none). */
async function identity(file: string): Promise<[size: number, sha: string]> {
  try {
    const st = statSync(file);
    return st.isFile() ? [st.size, await sha256File(file)] : [0, ''];
  } catch {
    return [0, ''];
  }
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
 * Sources in import order: companion tables (agents, queues, menus, …) before call-events files,
 * so calls are derived once with their names instead of being derived again when a companion table
 * arrives after them. Otherwise as given. Streams (standard input, pipes) are not looked at (they can
 * be read once) and count as call-events files.
 */
async function companionsFirst(
  inputs: (OpenedInput | null)[],
  timeZone: string,
): Promise<{ fileIndex: number; source: ByteSource }[]> {
  const { openExportSource } = await import('../readers/index');
  const all: { fileIndex: number; source: ByteSource; companion: boolean }[] = [];
  for (const [fileIndex, input] of inputs.entries()) {
    for (const source of input?.sources ?? []) {
      let companion = false;
      if (source.reopenable) {
        try {
          const ex = await openExportSource(source, { timeZone });
          companion = ex.description.table !== 'call_events';
          await ex.close();
        } catch {
          // Not a call-events file: an Asterisk queues table names calls too (else its import will report why).
          companion = await isPlatformNamingTable(source);
        }
      }
      all.push({ fileIndex, source, companion });
    }
  }
  return [...all.filter((s) => s.companion), ...all.filter((s) => !s.companion)];
}

/** A platform export that only names things (the Asterisk queues table): imported with the companions. */
async function isPlatformNamingTable(source: ByteSource): Promise<boolean> {
  const { detectPlatformFormat } = await import('../readers/platforms');
  try {
    return (await detectPlatformFormat(source.name, source))?.id === 'asterisk-queues';
  } catch {
    return false;
  }
}

/** The worker's role: the request is its workerData, the messages go to the thread that started it. */
export function runImportThread(): void {
  const post = (m: WorkerMessage) => parentPort?.postMessage(m);
  runImport(workerData as WorkerRequest, post).catch((err: unknown) => {
    post({ type: 'error', message: firstLine(err) });
  });
}
