// Imports ONE file into an open archive, all or nothing: one transaction from
// the imports row to the last derived call; any failure or a cancel rolls it
// all back, and a crash leaves the WAL's last committed state (the archive as
// before). The same file again (same SHA-256) is a no-op that says so.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportPhase, ImportRecord, ImportUnknownName } from '../../shared/api/archive-api';
import { ArchiveError, explain, firstLine } from '../store/errors';
import type { Db } from '../store/native';
import { all, one, sql, value } from '../store/sql';
import { APP_VERSION } from '../store/version';
import { fileSource, SourceCancelled, type ByteSource } from '../readers/byte-source';
import { ImportSink, type DeriveFn } from './import-sink';
import { openInParseWorker, type ParsedSource, type SinkItem } from './parse-worker';
import { readerOpener } from './source';
import { truncatedFile } from '../readers/truncated';
import { createIndexes, dropDeferrableIndexes, shouldDeferIndexes } from './deferred-indexes';
import { refreshArchiveCaches } from './archive-caches';
import type { DeriveWorkerEntry } from './derive-worker';
import { importRecordOf, type ImportRow } from './import-record';
import type { ExportOpener } from './source';
import { recordImportAttempt } from '../store/import-attempts';
import { gcEvery } from './full-gc';
import { erasuresOfImport, recordImport } from '../review/import-hook';
import { IMPORT_CACHE_KIB, withCacheSize } from './memory-budget';

const IMPORT_BY_SHA = sql<ImportRow, [sha256: string]>('SELECT * FROM imports WHERE sha256 = ?');
const IMPORT_BY_ID = sql<ImportRow, [id: number]>('SELECT * FROM imports WHERE id = ?');
// The import's rows are a rowid range from its first (no index on import_id: it would only serve this).
const ROWS_BY_STATUS = sql<{ status: string; n: number }, [firstRawId: number, importId: number]>(
  'SELECT status, count(*) AS n FROM raw_rows WHERE id >= ? AND import_id = ? GROUP BY status',
);
const CALLS_OF_IMPORT = sql<number, [importId: number]>('SELECT count(*) FROM calls WHERE import_id = ?');

export interface FileProgress {
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  calls: number;
  /** What the import does now: the bar is full while it derives the last calls and builds the indexes. */
  phase?: ImportPhase;
}

export interface FileImportOptions {
  timeZone: string;
  open: ExportOpener;
  isCancelled?: () => boolean;
  onProgress?: (p: FileProgress) => void;
  /** Call-event rows per derivation chunk (memory bound). */
  chunkRows?: number;
  /** Tests: count every call's stored rows in the archive (SinkOptions.countEveryCall). */
  countEveryCall?: boolean;
  /** The engine (tests may pass another). */
  derive?: DeriveFn;
  /** Derive in a second thread started from this entry (the import worker passes its own); else in this thread. */
  deriveWorker?: DeriveWorkerEntry;
  /** How many derive workers a file of more than one chunk starts (default 1). */
  deriveWorkers?: number;
  /**
   * Read and interpret a file (not a stream) with the project's reader in a parse worker started
   * from this entry, so this thread only writes; else the reader runs in this thread.
   */
  parseWorker?: DeriveWorkerEntry;
  /**
   * Drop the search's secondary indexes at the start of the file and build them at its end (inside
   * its transaction); default: when the file is large and the archive small (shouldDeferIndexes).
   */
  deferIndexes?: boolean;
  /** Files from this size on go to the parse worker (default PARSE_WORKER_MIN_BYTES; tests pass 0). */
  parseWorkerMinBytes?: number;
  /** Compress the raw-value blocks in a worker of their own (block-compressor.ts); else in this thread. */
  compressBlocksElsewhere?: boolean;
}

/**
 * A full garbage collection every this many rows read (./full-gc): the import thread's heap
 * otherwise grows to 2-3 times its live data between V8's own major collections (measured at
 * 200,000 calls: 90-133 MB of heap for 25-110 MB live), which is most of the import's peak RSS
 * beyond SQLite's page cache.
 */
const GC_EVERY_ROWS = 50_000;

/** Smaller files are read in the import thread: a worker's start costs more than it would save. */
export const PARSE_WORKER_MIN_BYTES = 4 * 1024 * 1024;

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

/** A record for a file that was not imported (nothing of it is in the archive). */
export function unfinishedRecord(
  fileName: string,
  status: 'failed' | 'cancelled',
  message: string,
  timeZone: string,
  startedAt = new Date().toISOString(),
  size = 0,
  sha = '',
): ImportRecord {
  return {
    id: 0,
    fileName,
    fileSize: size,
    sha256: sha,
    timeZone,
    format: '',
    startedAt,
    finishedAt: new Date().toISOString(),
    status,
    rowsRead: 0,
    rowsUsed: 0,
    rowsKept: 0,
    rowsRejected: 0,
    callsDerived: 0,
    appVersion: APP_VERSION,
    message,
  };
}

function duplicateOf(db: Db, earlier: ImportRow, fileName: string, justNow: boolean, timeZone: string): ImportRecord {
  const when = justNow ? '(by another process just now) ' : '';
  const on = justNow ? '' : ` on ${earlier.finished_at ?? earlier.started_at}${erasuresOfImport(db, earlier.id)}`;
  // A user who imports again to correct the zone would otherwise not learn that nothing changed.
  const zone =
    earlier.time_zone === timeZone
      ? ''
      : `; its local times were read in ${earlier.time_zone}, not in ${timeZone} as asked now, and stay so`;
  return {
    ...importRecordOf(earlier),
    status: 'duplicate',
    message: `${fileName}: already imported ${when}as import #${earlier.id} (${earlier.file_name})${on}${zone}; nothing to do`,
  };
}

/**
 * Imports one file, or one byte source (./readers/byte-source: a gzip file, a ZIP member, standard
 * input, a pipe). A source that can be read twice is hashed first (a re-import is found before any
 * write); a stream is hashed while read and its duplicate check is made before the commit.
 */
export function importFile(db: Db, input: string | ByteSource, options: FileImportOptions): Promise<ImportRecord> {
  // SQLite's memory bounded for the whole file, its indexes and caches built at the end included (./memory-budget).
  return withCacheSize(db, IMPORT_CACHE_KIB, () => importWithin(db, input, options));
}

// eslint-disable-next-line complexity, max-lines-per-function -- the per-file import transaction from open to commit in one place; being reworked by #10
async function importWithin(db: Db, input: string | ByteSource, options: FileImportOptions): Promise<ImportRecord> {
  const path = typeof input === 'string' ? input : input.path;
  const fileName = typeof input === 'string' ? basename(input) : input.name;
  const startedAt = new Date().toISOString();
  // A failed or cancelled file is recorded as an attempt (its own row, after the rollback): the history shows it.
  const unfinished = (status: 'failed' | 'cancelled', message: string, size = 0, sha = ''): ImportRecord =>
    attempted(db, unfinishedRecord(fileName, status, message, options.timeZone, startedAt, size, sha));
  const cancelled = () => options.isCancelled?.() === true;
  let source: ByteSource;
  let size = 0;
  let sha = '';
  try {
    if (typeof input === 'string') {
      const st = statSync(input);
      if (!st.isFile()) throw new ArchiveError(`${fileName}: not a file`);
      source = fileSource(input, {}, st.size);
    } else source = input;
    size = source.storedSize ?? 0;
    options.onProgress?.({ bytesRead: 0, bytesTotal: size, rows: 0, calls: 0, phase: 'checking' });
    if (source.reopenable) {
      sha = (await source.hashContent()).sha256;
      const earlier = one(db, IMPORT_BY_SHA, sha);
      if (earlier) return duplicateOf(db, earlier, fileName, false, options.timeZone);
    }
    if (cancelled()) throw new ImportCancelled();
    beginImmediate(db, fileName);
    // Another process may have imported the same file between the check above and our write lock.
    const justNow = sha ? one(db, IMPORT_BY_SHA, sha) : undefined;
    if (justNow) {
      rollback(db);
      return duplicateOf(db, justNow, fileName, true, options.timeZone);
    }
  } catch (err) {
    if (err instanceof ImportCancelled || (err instanceof SourceCancelled && cancelled()))
      return unfinished('cancelled', `${fileName}: import cancelled; the archive is unchanged`, size, sha);
    return unfinished('failed', oneLine(err, fileName), size, sha);
  }

  let sink: ImportSink | undefined;
  let parsed: ParsedSource | undefined;
  try {
    const label = uniqueLabel(db, fileName);
    // A stream's hash is known at its end: a unique placeholder until then (imports.sha256 is UNIQUE).
    const shaNow = sha || `pending:${randomUUID()}`;
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (file_name, file_label, file_path, file_size, sha256, time_zone, format, started_at, status, app_version)
           VALUES (?, ?, ?, ?, ?, ?, '', ?, 'running', ?)`,
        )
        .run(fileName, label, path, size, shaNow, options.timeZone, startedAt, APP_VERSION).lastInsertRowid,
    );
    // A file read again (hashed first) can be read by the parse worker: this thread then only writes.
    const parseWorker = options.parseWorker;
    const inWorker =
      parseWorker !== undefined &&
      options.open === readerOpener &&
      source.kind === 'file' &&
      sha !== '' &&
      (source.storedSize ?? 0) >= (options.parseWorkerMinBytes ?? PARSE_WORKER_MIN_BYTES);
    const readerOptions = { timeZone: options.timeZone, fileLabel: label };
    // A large file into a small archive: the search's indexes are built once, before the commit (measured at
    // 200,000 calls into an empty archive: 5 % less CPU, 2 % fewer bytes; docs/archive.md).
    const deferIndexes = options.deferIndexes ?? shouldDeferIndexes(db, size);
    const deferred = deferIndexes ? dropDeferrableIndexes(db) : [];
    if (inWorker)
      parsed = (await openInParseWorker(parseWorker, source.path, source.storedSize, readerOptions)) ?? undefined;
    const opened = parsed ?? (await options.open(path, readerOptions, source));
    const bytesRead = () => (parsed ? parsed.bytesRead() : source.bytesRead());
    const endsWithNewline = () => (parsed ? parsed.endsWithNewline() : source.endsWithNewline());
    sink = new ImportSink(db, importId, label, {
      chunkRows: options.chunkRows,
      derive: options.derive,
      deriveWorker: options.deriveWorker,
      deriveWorkers: options.deriveWorkers,
      compressBlocksElsewhere: options.compressBlocksElsewhere,
      countEveryCall: options.countEveryCall,
      reinterpretable: opened.reinterpretable,
      timeZone: options.timeZone,
    });
    let lastReport = 0;
    let items = 0;
    let last: SinkItem | undefined;
    const total = () => source.storedSize ?? 0;
    const collect = gcEvery(GC_EVERY_ROWS);
    for await (const batch of opened.batches as AsyncIterable<SinkItem[]>) {
      if (cancelled()) throw new ImportCancelled();
      await sink.add(batch);
      const before = items;
      for (const item of batch) items += item.kind === 'packed-rows' ? item.line.length : 1;
      collect(items - before);
      if (batch.length) last = batch[batch.length - 1];
      const now = Date.now();
      if (options.onProgress && now - lastReport > 100) {
        lastReport = now;
        const bytes = bytesRead();
        options.onProgress({
          bytesRead: total() ? Math.min(bytes, total()) : bytes,
          bytesTotal: total(),
          rows: sink.rows,
          calls: sink.callsDerived,
          phase: 'reading',
        });
      }
    }
    if (cancelled()) throw new ImportCancelled();
    // A header the reader recognised and no record (a day without call variables, say) is an export of
    // no rows: imported as such, so that the day's files all import and the file is on record.
    const cut = truncatedFile(fileName, last, endsWithNewline());
    if (cut) throw new ArchiveError(cut);
    if (!sha) {
      // Hashed while read: now the duplicate check (nothing was committed; the rollback undoes it all).
      const digest = source.digest();
      if (!digest) throw new ArchiveError(`${fileName}: the input was not read to its end`);
      sha = digest.sha256;
      size = digest.size;
      const earlier = one(db, IMPORT_BY_SHA, sha);
      if (earlier) {
        rollback(db);
        return duplicateOf(db, earlier, fileName, false, options.timeZone);
      }
      db.prepare('UPDATE imports SET sha256 = ?, file_size = ? WHERE id = ?').run(sha, size, importId);
    } else {
      const digest = source.digest();
      if (digest) db.prepare('UPDATE imports SET file_size = ? WHERE id = ?').run(digest.size, importId);
    }
    const c = source.container;
    if (c)
      db.prepare(
        `UPDATE imports SET container_kind = ?, container_name = ?, container_sha256 = ?, container_size = ?,
           container_member = ? WHERE id = ?`,
      ).run(c.kind, c.name, c.sha256, c.size, c.member, importId);
    const finishing = (phase: ImportPhase) =>
      options.onProgress?.({
        bytesRead: size,
        bytesTotal: size,
        rows: sink?.rows ?? 0,
        calls: sink?.callsDerived ?? 0,
        phase,
      });
    finishing('deriving');
    await sink.finish();
    if (sink.raw.stored === 0 && sink.raw.rejected > 0)
      throw new ArchiveError(
        `${fileName}: every record was rejected (${sink.raw.rejected}); not an export of a known format?`,
      );
    const counts = all(db, ROWS_BY_STATUS, sink.raw.firstRawId ?? 0, importId);
    const used = counts.find((c) => c.status === 'used')?.n ?? 0;
    const kept = counts.find((c) => c.status === 'kept')?.n ?? 0;
    const calls = value(db, CALLS_OF_IMPORT, importId) ?? 0;
    db.prepare(
      `UPDATE imports SET format = ?, format_why = ?, unknown_names = ?, finished_at = ?, status = 'done', rows_read = ?, rows_used = ?,
         rows_kept = ?, rows_rejected = ?, rows_stored = ?, rows_digest = ?, rejected_digest = ?, calls_derived = ?, message = ? WHERE id = ?`,
    ).run(
      opened.format,
      opened.why ?? null,
      unknownJson(opened.unknownNames?.()),
      new Date().toISOString(),
      sink.raw.read,
      used,
      kept,
      sink.raw.rejected,
      sink.raw.stored,
      sink.finishDigest(),
      sink.raw.rejectedDigest.digest('hex'),
      calls,
      sink.raw.rejected
        ? `${sink.raw.rejected} row(s) rejected: see the import's rejected rows`
        : items === 0
          ? 'the file holds its header only: no records'
          : null,
      importId,
    );
    finishing('indexing');
    createIndexes(db, deferred);
    refreshArchiveCaches(db, sink.callsDerived);
    recordImport(db, importId); // the action log (#15): in the import's transaction
    if (cancelled()) throw new ImportCancelled();
    db.exec('COMMIT');
    options.onProgress?.({ bytesRead: total() || source.bytesRead(), bytesTotal: total(), rows: sink.rows, calls });
    const done = one(db, IMPORT_BY_ID, importId);
    if (!done) throw new Error(`import ${importId} is not in the archive after its commit`);
    return importRecordOf(done);
  } catch (err) {
    rollback(db);
    if (err instanceof ImportCancelled || (err instanceof SourceCancelled && cancelled()))
      return unfinished('cancelled', `${fileName}: import cancelled; the archive is unchanged`, size, sha);
    return unfinished('failed', `${oneLine(err, fileName)}; nothing of it was imported`, size, sha);
  } finally {
    sink?.close();
    parsed?.close();
  }
}

/** The record, with the attempt written to import_attempts (a failed / cancelled file; see store/import-attempts). */
function attempted(db: Db, record: ImportRecord): ImportRecord {
  rollback(db);
  recordImportAttempt(db, record);
  return record;
}

/** The import record's unknown names as stored (NULL when the reader knew every name). */
function unknownJson(names: readonly ImportUnknownName[] | undefined): string | null {
  return names && names.length ? JSON.stringify(names) : null;
}

function beginImmediate(db: Db, fileName: string): void {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    throw explain(err, `${fileName}: cannot write to the archive`);
  }
}

function rollback(db: Db): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK');
  } catch {
    // SQLite may already have rolled back (e.g. on SQLITE_FULL); nothing was committed either way.
  }
}

function oneLine(err: unknown, fileName: string): string {
  if (err instanceof ArchiveError) return firstLine(err.message);
  const e = err as { code?: unknown };
  if (typeof e?.code === 'string' && (e.code.startsWith('SQLITE_') || e.code.startsWith('E')))
    return explain(err, fileName).message;
  const text = firstLine(err instanceof Error ? err.message : String(err));
  // The reader already names the file (by its label: the name, or "name [2]").
  return text.startsWith(fileName) ? text : `${fileName}: ${text}`;
}

function uniqueLabel(db: Db, fileName: string): string {
  const taken = db.prepare('SELECT 1 FROM imports WHERE file_label = ?').pluck();
  if (!taken.get(fileName)) return fileName;
  for (let n = 2; ; n++) {
    const candidate = `${fileName} [${n}]`;
    if (!taken.get(candidate)) return candidate;
  }
}
