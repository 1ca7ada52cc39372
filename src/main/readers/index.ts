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
// - Formats accepted: docs/formats/call-events.md.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { ReaderError } from '../../shared/reader/errors';
import { createExportParser, type ExportParser } from '../../shared/reader/export-parser';
import type { FileDescription, ReaderItem, ReaderOptions } from '../../shared/reader/types';
import { fsReason } from '../store/errors';
import { assertLooksLikeText, detectEncoding } from './encoding';

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
  return `cannot read ${path}: ${(err as Error).message.split('\n')[0]}`;
}

/** Opens an export file and reads its header; see the comment at the top of this file. */
export async function openExport(
  path: string,
  options: Partial<ReaderOptions> & { timeZone: string },
): Promise<OpenedExport> {
  const opts: ReaderOptions = {
    ...options,
    fileLabel: options.fileLabel ?? basename(path),
    timeZone: options.timeZone,
  };
  let handle: FileHandle;
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = st.size;
    handle = await open(path, 'r');
  } catch (err) {
    throw new ReaderError(errnoMessage(path, err));
  }
  let position = 0;
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await handle.close();
    }
  };
  try {
    if (size === 0) throw new ReaderError(`${opts.fileLabel}: empty file`);
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    const readChunk = async (max = READ_CHUNK): Promise<Uint8Array | null> => {
      const { bytesRead } = await handle.read(buffer, 0, max, position);
      position += bytesRead;
      return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
    };
    const head = (await readChunk(HEAD_BYTES)) as Uint8Array;
    const { encoding, why } = detectEncoding(head);
    const decoder = new TextDecoder(encoding);
    const headText = decoder.decode(head, { stream: true });
    if (headText.trim() === '') {
      if (position >= size) throw new ReaderError(`${opts.fileLabel}: empty file (only blanks)`);
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
        const chunk = await readChunk();
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

    async function* batches(): AsyncGenerator<ReaderItem[]> {
      try {
        let items = first;
        for (;;) {
          for (let i = 0; i < items.length; i += BATCH_SIZE) yield items.slice(i, i + BATCH_SIZE);
          if (finished) break;
          items = [];
          const chunk = await readChunk();
          try {
            if (chunk === null) {
              parser.push(decoder.decode(), items);
              parser.finish(items);
              finished = true;
            } else {
              parser.push(decoder.decode(chunk, { stream: true }), items);
            }
          } catch (err) {
            if (err instanceof ReaderError) throw new ReaderError(`${opts.fileLabel}: ${err.message}`);
            throw err;
          }
        }
      } finally {
        await close();
      }
    }
    return { description, bytesTotal: size, bytesRead: () => position, batches: batches(), close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Reads a whole (small) export into memory: for tests and tools, not for imports. */
export async function readExportItems(path: string, options: Partial<ReaderOptions> & { timeZone: string }) {
  const ex = await openExport(path, options);
  const items: ReaderItem[] = [];
  for await (const batch of ex.batches) items.push(...batch);
  return { description: ex.description, items };
}
