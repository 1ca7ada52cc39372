// Node adapter for the other platforms' exports (src/shared/formats):
// Asterisk queue_log (+ CDR Master.csv), Genesys Cloud conversation details,
// Amazon Connect contact records. Consulted when the call-events reader does
// not recognise a file.
//
//   const found = await detectPlatformFormat(path);        // { id, why } | null
//   const ex = await openPlatformExport(path, { timeZone, fileLabel, cdrPaths });
//   ex.description.format / .why                           // for the import report
//   for await (const batch of ex.batches) ...              // ReaderItem: 'call' | 'kept' | 'rejected'
//   describeUnknown(ex.unknown)                            // after the batches: unknown names with counts
//
//   // After the call-events reader refused a file (the import opener's one call):
//   const ex = await openPlatformFallback(path, options, readerError);
//
// Whole-file read, on purpose: a queue_log callid, a Genesys conversation and
// a chain of Connect contacts can each span the whole file, and JSON documents
// are parsed whole. The records are held at once; calls are built as the
// batches are consumed (not all kept). Files above PLATFORM_MAX_BYTES are
// refused with a clear error asking to split the export (memory figures:
// `npm run bench`, part "platforms", and docs/formats/*.md). Linear time.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import {
  DETECT_SAMPLE_BYTES,
  PLATFORM_FORMATS,
  detectPlatform,
  pendingCall,
  streamAsterisk,
} from '../../shared/formats';
import type { KeptRecord, PlatformFormat, PlatformStream, UnknownCounts } from '../../shared/formats';
import { ReaderError } from '../../shared/reader/errors';
import { fsReason } from '../store/errors';
import { callIdTooLong } from '../../shared/model/limits';
import { fileSource, isGzipFile, type ByteSource } from './byte-source';
import type { RowOrigin } from '../../shared/model/call-events';
import type { FileDescription, ReaderItem, ReaderOptions } from '../../shared/reader/types';
import { firstLine } from '../../shared/text/first-line';

/** V8 cannot hold a string much above 512 MiB: the hard ceiling of a whole-file read. */
export const PLATFORM_MAX_BYTES = 500 * 1024 * 1024;
/**
 * Heap needed per byte of file while a format's records are held (measured by
 * the bench part "platforms" with forced GC: queue_log ≈ 6×, Connect ≈ 1.5×,
 * Genesys ≈ 2.5× plus JSON.parse's transient), with a margin.
 */
const HEAP_PER_BYTE: Record<string, number> = {
  'asterisk-queue-log': 8,
  'asterisk-cdr': 8,
  'genesys-cloud-conversations': 5,
  'amazon-connect-ctr': 4,
};

/** Refuses a file this process cannot hold (a clear error instead of running out of memory). */
export function assertFits(
  fileLabel: string,
  formatId: string,
  bytes: number,
  heapLimit = getHeapStatistics().heap_size_limit,
): void {
  const need = bytes * (HEAP_PER_BYTE[formatId] ?? 8);
  if (need > heapLimit * 0.8) {
    const mb = (n: number): number => Math.round(n / 1048576);
    throw new ReaderError(
      `${fileLabel}: a ${mb(bytes)} MiB ${formatId} export needs about ${mb(need)} MiB of memory to read whole; this process has ${mb(heapLimit)} MiB: split the export into smaller files`,
    );
  }
}

const BATCH = 2048;

/** The call-events formats of the project's own reader, named in "no format matched" messages. */
const CALL_EVENTS_FORMATS = ['call-events CSV', 'call-events JSON Lines'];

/** Every format an import tries, for the "matches no format" error (short: messages are cut at 300 characters). */
export function describeTriedFormats(): string {
  return [...CALL_EVENTS_FORMATS, ...PLATFORM_FORMATS.map((f) => f.name)].join(', ');
}

/** One-line error for a file no reader recognises. */
export function noFormatMessage(fileLabel: string): string {
  return `${fileLabel}: matches no known format (tried: ${describeTriedFormats()})`;
}

/** Bytes → text: BOM-aware UTF-8 / UTF-16LE; bytes that are not UTF-8 are read as Latin-1 (old CDR files). */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: FileDescription['encoding'] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // WHATWG "latin1" is windows-1252: a superset of ISO-8859-1 for printable text.
    return { text: new TextDecoder('latin1').decode(body), encoding: 'windows-1252' };
  }
}

/** The first DETECT_SAMPLE_BYTES of a source's content (a stream source replays them to the next reader). */
async function readHead(source: ByteSource): Promise<Uint8Array> {
  const reader = source.open();
  try {
    const parts: Uint8Array[] = [];
    let n = 0;
    while (n < DETECT_SAMPLE_BYTES) {
      const c = await reader.read();
      if (c === null) break;
      parts.push(c);
      n += c.length;
    }
    return Buffer.concat(parts).subarray(0, DETECT_SAMPLE_BYTES);
  } finally {
    await reader.close();
  }
}

function fsMessage(path: string, err: unknown): string {
  const reason = fsReason(err);
  if (reason) return `cannot read ${path}: ${reason}`;
  return `cannot read ${path}: ${firstLine(err)}`;
}

/** Which platform format a file's content matches (first 64 KB), or null. Never throws for a readable file. */
export async function detectPlatformFormat(
  path: string,
  source: ByteSource = fileSource(path),
): Promise<{ id: string; why: string } | null> {
  let head: Uint8Array;
  try {
    head = await readHead(source);
  } catch (err) {
    if (err instanceof ReaderError) throw err;
    throw new ReaderError(fsMessage(path, err));
  }
  if (head.includes(0) && !(head[0] === 0xff && head[1] === 0xfe)) return null;
  const { found } = detectPlatform(decodeBytes(head).text);
  return found ? { id: found.format.id, why: found.why } : null;
}

export interface PlatformOpenOptions extends ReaderOptions {
  /** Asterisk only: CDR Master.csv files to join to a queue_log (by uniqueid / linkedid). */
  cdrPaths?: string[];
  /** Records waiting for the rest of their call come as pending 'call' items (the archive import; see parseItems). */
  pendingCalls?: boolean;
  /** Where the bytes come from (./byte-source: gzip, a ZIP member, a stream); default the file at `path`. */
  source?: ByteSource;
}

export interface PlatformExport {
  description: FileDescription;
  /** Unknown event / field names with counts: complete once the batches are consumed. */
  unknown: UnknownCounts;
  /** Records read (= call records + kept + rejected items): complete once the batches are consumed. */
  readonly recordCount: number;
  bytesTotal: number;
  bytesRead(): number;
  batches: AsyncIterable<ReaderItem[]>;
  close(): Promise<void>;
}

function tooBig(name: string, size: number): ReaderError {
  return new ReaderError(
    `${name}: ${Math.round(size / 1048576)} MiB is over the ${PLATFORM_MAX_BYTES / 1048576} MiB limit for platform exports (read whole to join calls across the file): split the export`,
  );
}

async function readText(
  path: string,
  source?: ByteSource,
): Promise<{ text: string; encoding: FileDescription['encoding']; size: number }> {
  if (source && source.kind !== 'file') return readSourceText(source);
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (err) {
    throw new ReaderError(fsMessage(path, err));
  }
  if (size > PLATFORM_MAX_BYTES) throw tooBig(basename(path), size);
  // A gzip file is read through its source (unpacked on the fly); the size limit then applies while read.
  if (source && isGzipFile(path)) return readSourceText(source);
  const bytes = await readFile(path);
  return { ...decodeBytes(bytes), size };
}

/** A source's whole content (a stream's, a gzip's, a ZIP member's), refused past PLATFORM_MAX_BYTES while read. */
async function readSourceText(
  source: ByteSource,
): Promise<{ text: string; encoding: FileDescription['encoding']; size: number }> {
  const reader = source.open();
  source.commit(); // this reader reads to the end: nothing more to replay
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (let c = await reader.read(); c !== null; c = await reader.read()) {
      size += c.length;
      if (size > PLATFORM_MAX_BYTES) throw tooBig(source.name, size);
      parts.push(c);
    }
  } finally {
    await reader.close();
  }
  return { ...decodeBytes(Buffer.concat(parts)), size };
}

/**
 * Reader items of a stream: calls as they are built, then kept, then rejected records. With
 * `pendingCalls`, kept records that wait for the rest of their call (KeptRecord.callId) come as
 * one 'call' item per call id with `pending` set, so that the archive can file them under that
 * call and derive it once a later import brings the rest; without it they are plain kept items.
 */
export function* parseItems(parse: PlatformStream, table: string, pendingCalls = false): Generator<ReaderItem> {
  // A naming table's records (Asterisk queues: number → name) are companion records, as a call-events queues table's.
  for (const n of parse.names ?? [])
    yield { kind: 'queue', origin: n.origin, queueKey: n.key, name: n.name, raw: n.raw };
  for (const c of parse.calls) {
    const tooLong = callIdTooLong(c.derived.call.callId);
    if (tooLong) yield* rejectAll(c.records, tooLong);
    else yield { kind: 'call', derived: c.derived, records: c.records };
  }
  const waiting = new Map<string, KeptRecord[]>();
  for (const k of parse.kept) {
    if (pendingCalls && k.callId) {
      const list = waiting.get(k.callId) ?? [];
      if (list.length === 0) waiting.set(k.callId, list);
      list.push(k);
    } else yield { kind: 'kept', origin: k.origin, table: k.table || table, reason: k.reason, raw: k.raw };
  }
  for (const [callId, records] of waiting) {
    const p = pendingCall(callId, records);
    const tooLong = callIdTooLong(p.derived.call.callId);
    if (tooLong) {
      yield* rejectAll(p.records, tooLong);
      continue;
    }
    yield { kind: 'call', derived: p.derived, records: p.records, pending: p.pending };
  }
  for (const r of parse.rejected) yield { kind: 'rejected', rejected: r };
}

/** Every source record of a call that cannot be an archive call (its id is too long), rejected with the reason. */
function* rejectAll(records: readonly { origin: RowOrigin; raw: Record<string, string> }[], reason: string) {
  for (const r of records) {
    yield {
      kind: 'rejected',
      rejected: { origin: r.origin, reason, raw: JSON.stringify(r.raw) },
    } as ReaderItem;
  }
}

/**
 * Opens a platform export: detects its format from the content, reads and maps
 * it whole. Rejects with a one-line ReaderError when the file is unreadable,
 * too large, or matches none of the formats (the message names every format tried).
 */
export async function openPlatformExport(path: string, options: PlatformOpenOptions): Promise<PlatformExport> {
  const fileLabel = options.fileLabel || basename(path);
  const { text, encoding, size } = await readText(path, options.source);
  const { found } = detectPlatform(text.slice(0, DETECT_SAMPLE_BYTES));
  if (!found) throw new ReaderError(noFormatMessage(fileLabel));
  const format: PlatformFormat = found.format;
  assertFits(fileLabel, format.id, size);
  let parse: PlatformStream;
  let why = found.why;
  // The mappers never throw on data; a throw is a defect, still reported on one line.
  const defect = (err: unknown): ReaderError =>
    new ReaderError(
      `${fileLabel}: ${format.label} could not be read (${err instanceof Error ? err.message : String(err)})`,
    );
  try {
    if (format.id === 'asterisk-queue-log' && options.cdrPaths?.length) {
      const cdrs = await Promise.all(
        options.cdrPaths.map(async (p) => ({ text: (await readText(p)).text, file: basename(p) })),
      );
      parse = streamAsterisk([{ text, file: fileLabel }], cdrs, options.timeZone);
      why += `; joined with CDR ${cdrs.map((c) => c.file).join(', ')}`;
    } else {
      parse = format.open(text, { fileLabel, timeZone: options.timeZone });
    }
  } catch (err) {
    throw err instanceof ReaderError ? err : defect(err);
  }
  let consumed = 0;
  async function* batches(): AsyncGenerator<ReaderItem[]> {
    let batch: ReaderItem[] = [];
    const items = parseItems(parse, format.id, options.pendingCalls === true);
    for (;;) {
      let next: IteratorResult<ReaderItem>;
      try {
        next = items.next();
      } catch (err) {
        throw defect(err);
      }
      if (next.done) break;
      batch.push(next.value);
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    consumed = size;
    if (batch.length) yield batch;
  }
  return {
    description: {
      format: format.id,
      table: parse.names !== undefined ? 'queues' : 'call_events',
      encoding,
      delimiter: null,
      why,
    },
    unknown: parse.unknown,
    get recordCount() {
      return parse.recordCount;
    },
    bytesTotal: size,
    bytesRead: () => consumed,
    batches: batches(),
    close: async () => {},
  };
}

/**
 * The fallback after the call-events reader refused a file: when the content
 * is a platform export, opens it; otherwise one ReaderError line naming every
 * format tried plus the call-events reader's own reason. Errors that are not
 * ReaderErrors (defects) are rethrown as they are.
 */
export async function openPlatformFallback(
  path: string,
  options: PlatformOpenOptions,
  readerError: unknown,
): Promise<PlatformExport> {
  if (!(readerError instanceof ReaderError)) throw readerError;
  const fileLabel = options.fileLabel || basename(path);
  if (await detectPlatformFormat(path, options.source ?? fileSource(path)))
    return openPlatformExport(path, { ...options, fileLabel });
  const reason = readerError.message.startsWith(`${fileLabel}: `)
    ? readerError.message.slice(fileLabel.length + 2)
    : readerError.message;
  throw new ReaderError(`${noFormatMessage(fileLabel)}; the call-events reader said: ${reason}`);
}
