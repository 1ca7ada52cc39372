// A ZIP of exports: each member a source of its own (./byte-source), read straight out of the ZIP
// (yauzl: random access to the central directory, each member inflated as a stream; nothing is
// unpacked to disk). Directory entries carry no content and are skipped; every other member is a
// source, so a member that matches no format is reported by its import, never dropped.
//
// Checks, each a one-line ReaderError:
// - a ZIP that cannot be listed (cut short, not a ZIP) is refused whole, before anything is read;
// - an Office document (.xlsx, .docx: a ZIP with [Content_Types].xml) is refused whole: save the sheet as CSV;
// - more than MAX_ZIP_MEMBERS members, or members declaring more than MAX_RATIO × the ZIP's size in
//   all (plus RATIO_ALLOWANCE), is refused whole as a decompression bomb;
// - per member: encrypted or an unsupported compression method; a declared size above MAX_RATIO × its
//   compressed size (+ allowance); the real size differing from the declared one (yauzl's
//   validateEntrySizes); a CRC-32 that does not match (yauzl does not check it: we do, while read).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { ReaderError } from '../../shared/reader/errors';
import { ByteSource, MAX_RATIO, RATIO_ALLOWANCE, type OpenedInput, type SourceOptions } from './byte-source';
import { firstLine } from '../../shared/text/first-line';

export const MAX_ZIP_MEMBERS = 10_000;

function reasonOf(err: unknown): string {
  return firstLine(err, 'unknown error');
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The member's inflated bytes, checked against its CRC-32 at the end. */
async function openMember(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  label: string,
  { ratio, allowance }: { ratio: number; allowance: number },
): Promise<Readable> {
  if (entry.isEncrypted()) throw new ReaderError(`${label}: an encrypted ZIP member; not supported`);
  if (!entry.canDecodeFileData())
    throw new ReaderError(
      `${label}: a ZIP member packed with compression method ${entry.compressionMethod} (only stored and deflate are read)`,
    );
  if (entry.uncompressedSize > ratio * entry.compressedSize + allowance)
    throw new ReaderError(
      `${label}: declares ${n(entry.uncompressedSize)} bytes from ${n(entry.compressedSize)} compressed (more than ${ratio} times: a decompression bomb?)`,
    );
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (err) {
    throw new ReaderError(`${label}: the ZIP member cannot be read (${reasonOf(err)})`);
  }
  let crc = 0;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      done(
        crc >>> 0 === entry.crc32 >>> 0
          ? null
          : new ReaderError(`${label}: the ZIP member is damaged (its CRC-32 does not match its content)`),
      );
    },
  });
  stream.on('error', (err) =>
    check.destroy(
      err instanceof ReaderError ? err : new ReaderError(`${label}: the ZIP member is damaged (${reasonOf(err)})`),
    ),
  );
  return stream.pipe(check);
}

/** A byte count as people read it (314,573,091). */
const n = (bytes: number) => bytes.toLocaleString('en-US');

/** Lists a ZIP and makes a source of each member; see the comment at the top of this file. */
export async function openZip(path: string, size: number, options: SourceOptions): Promise<OpenedInput> {
  const name = basename(path);
  const limits = options.limits ?? { ratio: MAX_RATIO, allowance: RATIO_ALLOWANCE };
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (err) {
    throw new ReaderError(`${name}: not a readable ZIP file (${reasonOf(err)})`);
  }
  const entries: yauzl.Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      if (entries.length > MAX_ZIP_MEMBERS)
        throw new ReaderError(`${name}: more than ${MAX_ZIP_MEMBERS} members; split the ZIP`);
    }
    if (entries.some((e) => e.fileName === '[Content_Types].xml'))
      throw new ReaderError(
        `${name}: an Office document (e.g. an Excel .xlsx workbook), not a ZIP of exports: save the sheet as CSV first`,
      );
    const declared = entries.reduce((a, e) => a + e.uncompressedSize, 0);
    if (declared > limits.ratio * size + limits.allowance)
      throw new ReaderError(
        `${name}: its members declare ${n(declared)} bytes in all from a ${n(size)}-byte ZIP (more than ${limits.ratio} times: a decompression bomb?)`,
      );
  } catch (err) {
    zip.close();
    throw err instanceof ReaderError ? err : new ReaderError(`${name}: not a readable ZIP file (${reasonOf(err)})`);
  }
  const sha256 = await sha256Of(path).catch((err: unknown) => {
    zip.close();
    throw new ReaderError(`cannot read ${path}: ${reasonOf(err)}`);
  });
  const sources = entries
    .filter((e) => !e.fileName.endsWith('/'))
    .map((e) => {
      const label = `${name}/${e.fileName}`;
      // Progress: the member's place in the ZIP plus its share of the compressed bytes.
      const scale = e.uncompressedSize > 0 ? e.compressedSize / e.uncompressedSize : 1;
      return new ByteSource(
        label,
        path,
        'zip-member',
        () => openMember(zip, e, label, limits),
        size,
        options,
        { kind: 'zip', name, sha256, size, member: e.fileName },
        e.relativeOffsetOfLocalHeader,
        scale,
      );
    });
  if (sources.length === 0) {
    zip.close();
    throw new ReaderError(`${name}: a ZIP with no files in it`);
  }
  return {
    path,
    sources,
    dispose: async () => {
      for (const s of sources) s.dispose();
      zip.close();
    },
  };
}
