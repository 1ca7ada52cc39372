// Reading call-events exports from disk, streaming.
//
// API (used by `callscope convert`, the import worker and the bench):
//
//   const ex = await openExport('/path/export.csv', { timeZone: 'Europe/Oslo', fileLabel: 'export.csv' });
//   ex.description            // FileDescription: format, table (call_events | companion), encoding, delimiter, why
//   ex.bytesTotal             // file size in bytes
//   for await (const batch of ex.batches) {   // ReaderItem[] of at most BATCH_SIZE items, in file order
//     ... ex.bytesRead() ...  // bytes consumed so far (for a progress bar)
//   }
//   await ex.close()          // only needed when you stop before the end (breaking out of the loop also closes)
//
// - openExport reads up to the header before it resolves, so a file that is missing, empty, binary,
//   not an export (unknown header), or given an invalid IANA zone rejects with a ReaderError
//   (one line, no stack needed) before any batch is produced.
// - Every record becomes exactly one ReaderItem ('row', a companion kind, 'kept' or 'rejected'),
//   except blank lines, which are skipped. Origins carry the 1-based line the record starts on.
// - Memory is bounded by one read chunk (READ_CHUNK bytes) plus one batch, whatever the file size.
// - openExportSource(source, options) reads any ./byte-source (gzip, a ZIP member, standard input,
//   a pipe) front to back; openExport(path) is it over a plain file source.
// - Formats accepted: docs/formats/call-events.md.
import { stat } from 'node:fs/promises';
import { ReaderError } from '../../shared/reader/errors';
import { createExportParser, type ExportParser } from '../../shared/reader/export-parser';
import type { FileDescription, ReaderItem, ReaderOptions } from '../../shared/reader/types';
import { fsReason } from '../store/errors';
import { assertLooksLikeText, detectEncoding } from './encoding';
import { fileSource, type ByteSource } from './byte-source';
import { ExportTextDecoder } from './text-decoder';
import { firstLine } from '../../shared/text/first-line';

export { ReaderError } from '../../shared/reader/errors';
export type { FileDescription, ReaderItem, ReaderOptions } from '../../shared/reader/types';

export const READ_CHUNK = 256 * 1024;
export const BATCH_SIZE = 4096;
/** The first read: enough to detect encoding, format and (usually) the header. */
export const HEAD_BYTES = 64 * 1024;

export interface OpenedExport {
  description: FileDescription;
  bytesTotal: number;
  bytesRead(): number;
  batches: AsyncIterable<ReaderItem[]>;
  close(): Promise<void>;
}

function errnoMessage(path: string, err: unknown): string {
  const reason = fsReason(err);
  if (reason) return `cannot read ${path}: ${reason}`;
  return `cannot read ${path}: ${firstLine(err)}`;
}

/** Opens an export file and reads its header; see the comment at the top of this file. */
export async function openExport(
  path: string,
  options: Partial<ReaderOptions> & { timeZone: string },
): Promise<OpenedExport> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (err) {
    throw new ReaderError(errnoMessage(path, err));
  }
  return openExportSource(fileSource(path, {}, size), options);
}

export type SourceReadOptions = Partial<ReaderOptions> & {
  timeZone: string;
  /**
   * Parse each read chunk in pieces of this many bytes and yield each piece's items before the
   * next is parsed (default 0: a chunk at once). A consumer that does much work per item while
   * holding the rest of its batch (`convert` deriving calls as it reads) keeps fewer rows alive
   * across V8's young-generation collections, which copy every live object.
   */
  pieceBytes?: number;
};

/**
 * Opens an export from any byte source (./byte-source: a file, gzip, a ZIP member, standard input, a
 * pipe) and reads its header. The content is read front to back (pipes cannot seek); a stream source
 * is committed once the header is known (a refused one can still be offered to another reader).
 */
export async function openExportSource(source: ByteSource, options: SourceReadOptions): Promise<OpenedExport> {
  const piece = options.pieceBytes ?? 0;
  const opts: ReaderOptions = {
    ...options,
    fileLabel: options.fileLabel ?? source.name,
    timeZone: options.timeZone,
  };
  const reader = source.open();
  let ended = false;
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await reader.close();
    }
  };
  let pending: Uint8Array | null = null;
  const next = async (): Promise<Uint8Array | null> => {
    if (pending) {
      const p = pending;
      pending = null;
      return p;
    }
    if (ended) return null;
    const c = await reader.read();
    if (c === null) ended = true;
    return c;
  };
  try {
    /** The head: at least HEAD_BYTES (or all there is), for detection. */
    const readHead = async (): Promise<Uint8Array | null> => {
      const parts: Uint8Array[] = [];
      let n = 0;
      while (n < HEAD_BYTES) {
        const c = await next();
        if (c === null) break;
        parts.push(c);
        n += c.length;
      }
      if (n === 0) return null;
      const all = Buffer.concat(parts);
      if (all.length > HEAD_BYTES) pending = all.subarray(HEAD_BYTES);
      return all.subarray(0, HEAD_BYTES);
    };
    const head = await readHead();
    if (head === null) throw new ReaderError(`${opts.fileLabel}: empty file`);
    const { encoding, why } = detectEncoding(head);
    const decoder = new ExportTextDecoder(encoding);
    const headText = decoder.decode(head, { stream: true });
    if (headText.trim() === '') {
      if (ended && pending === null) throw new ReaderError(`${opts.fileLabel}: empty file (only blanks)`);
      throw new ReaderError(`${opts.fileLabel}: starts with ${HEAD_BYTES / 1024} KB of blanks, not an export`);
    }
    assertLooksLikeText(headText);
    let parser: ExportParser;
    let finished = false;
    const first: ReaderItem[] = [];
    try {
      parser = createExportParser(headText, encoding, opts);
      parser.push(headText, first);
      // Read on until the header is known, so errors surface before any batch.
      while (parser.description() === null) {
        const chunk = await next();
        if (chunk === null) {
          parser.push(decoder.decode(), first);
          parser.finish(first);
          finished = true;
          break;
        }
        parser.push(decoder.decode(chunk, { stream: true }), first);
      }
    } catch (err) {
      if (err instanceof ReaderError) throw new ReaderError(`${opts.fileLabel}: ${err.message}`);
      throw err;
    }
    const found = parser.description() as FileDescription | null;
    if (found === null) throw new ReaderError(`${opts.fileLabel}: no header found`);
    const description: FileDescription = { ...found, why: `${why}; ${found.why}` };
    source.commit();
    const noteEncoding = () => noteEncodingSwitch(decoder, description);
    noteEncoding(); // the header's bytes may already have switched it

    async function* batches(): AsyncGenerator<ReaderItem[]> {
      try {
        let items = first;
        for (;;) {
          for (let i = 0; i < items.length; i += BATCH_SIZE) yield items.slice(i, i + BATCH_SIZE);
          if (finished) break;
          items = [];
          const chunk = await next();
          try {
            if (chunk === null) {
              parser.push(decoder.decode(), items);
              parser.finish(items);
              finished = true;
            } else if (piece > 0) {
              yield* inPieces(chunk, piece, decoder, parser);
            } else {
              parser.push(decoder.decode(chunk, { stream: true }), items);
            }
          } catch (err) {
            if (err instanceof ReaderError) throw new ReaderError(`${opts.fileLabel}: ${err.message}`);
            throw err;
          }
          noteEncoding();
        }
      } finally {
        await close();
      }
    }
    return {
      description,
      bytesTotal: source.storedSize ?? 0,
      bytesRead: () => source.bytesRead(),
      batches: batches(),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A switch to Windows-1252 (text-decoder.ts) goes into the description, once: the import's record, convert. */
function noteEncodingSwitch(decoder: ExportTextDecoder, description: FileDescription): void {
  if (decoder.switchedAt === null || description.encodingNote) return;
  const note = decoder.note() as string;
  description.encodingNote = note;
  description.why = `${description.why}; ${note}`;
}

/** Parses a read chunk a piece at a time, yielding each piece's items (openExportSource's `pieceBytes`). */
function* inPieces(
  chunk: Uint8Array,
  piece: number,
  decoder: ExportTextDecoder,
  parser: ExportParser,
): Generator<ReaderItem[]> {
  for (let i = 0; i < chunk.length; i += piece) {
    const items: ReaderItem[] = [];
    parser.push(decoder.decode(chunk.subarray(i, i + piece), { stream: true }), items);
    for (let j = 0; j < items.length; j += BATCH_SIZE) yield items.slice(j, j + BATCH_SIZE);
  }
}

/** Reads a whole (small) export into memory: for tests and tools, not for imports. */
export async function readExportItems(path: string, options: Partial<ReaderOptions> & { timeZone: string }) {
  const ex = await openExport(path, options);
  const items: ReaderItem[] = [];
  for await (const batch of ex.batches) items.push(...batch);
  return { description: ex.description, items };
}
