// Where an export's bytes come from: a file, a gzip file, a ZIP member (./zip-source), standard input
// or a pipe (a FIFO, `<(zcat …)` = /dev/fd/N). Every kind is read front to back as a stream: pipes
// cannot seek ("ESPIPE: invalid seek" was the reader's positional read on /dev/fd/N).
//
//   const input = await openInput(path, { onNotice, isCancelled });  // ByteSource[]: one, or a ZIP's members
//   const reader = source.open();          // the content (gzip is unpacked on the fly), from its start
//   for (let c; (c = await reader.read()); ) ...
//   source.digest()                        // SHA-256 + size of the content once read to its end
//   await input.dispose()
//
// - Files, gzip files and ZIP members can be opened again (`reopenable`): the import hashes them in a
//   first pass (`hashContent`) and so finds a re-import before writing anything. Standard input and pipes
//   are read once and hashed while read; what was read is kept for the next open() (the reader trying
//   a second format) until commit().
// - gzip is recognised by its first two bytes (1f 8b), whatever the name: `cat x.csv.gz | callscope
//   import -` works too. Decompressed bytes are counted: more than MAX_RATIO × the compressed bytes
//   read so far (plus RATIO_ALLOWANCE) stops the file as a decompression bomb. Memory stays bounded by
//   one chunk: nothing is unpacked to disk.
// - A pipe with no writer waits (the event loop is free: the FIFO is opened non-blocking) and says so
//   after WAIT_NOTICE_MS through onNotice; isCancelled is polled while waiting.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, constants as fsConstants, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ReaderError } from '../../shared/reader/errors';
import { fsReason } from '../store/errors';
import { firstLine } from '../../shared/text/first-line';

/** Decompressed bytes allowed per compressed byte: deflate's own ceiling is about 1032:1, call exports pack 5–30:1. */
export const MAX_RATIO = 200;
/** Decompressed bytes always allowed on top of the ratio (small, very regular files). */
export const RATIO_ALLOWANCE = 64 * 1024 * 1024;
/** After this long without a byte from a pipe or standard input, onNotice hears "waiting for data on …". */
export const WAIT_NOTICE_MS = 1000;
const READ_CHUNK = 256 * 1024;

export interface ContainerInfo {
  kind: 'gzip' | 'zip';
  /** The compressed file's name as given (base name). */
  name: string;
  /** SHA-256 and size of the compressed file. */
  sha256: string;
  size: number;
  /** The member: a ZIP entry's path, or a gzip file's name without ".gz". */
  member: string;
}

export interface ContentDigest {
  sha256: string;
  size: number;
}

export interface SourceOptions {
  /** Told once when a pipe or standard input has given no byte for WAIT_NOTICE_MS. */
  onNotice?: (message: string) => void;
  /** Polled while waiting for a pipe: true stops the read with SourceCancelled. */
  isCancelled?: () => boolean;
  /** Standard input for `-` (the import worker's own stream fed by the main thread); default process.stdin. */
  stdin?: Readable;
  /** Decompression bomb limits (tests use small ones); default MAX_RATIO and RATIO_ALLOWANCE. */
  limits?: { ratio: number; allowance: number };
}

export class SourceCancelled extends Error {
  constructor() {
    super('cancelled while waiting for data');
  }
}

export interface ChunkReader {
  /** The next chunk of content, null at its end. Throws a one-line ReaderError on damaged input. */
  read(): Promise<Uint8Array | null>;
  /** Stops reading this pass (a stream source keeps its stream for the next open()). */
  close(): Promise<void>;
}

/** What one read of the content saw (counted and, when asked, hashed while read). */
class Pass {
  raw = 0;
  content = 0;
  ended = false;
  gzip = false;
  tail: Buffer = Buffer.alloc(0);
  /** The stored bytes' hash: only for gzip (else it equals the content's), started once gzip is seen. */
  rawHash: Hash | null = null;
  readonly contentHash: Hash | null;
  constructor(readonly hashing: boolean) {
    this.contentHash = hashing ? createHash('sha256') : null;
  }
  deliver(c: Buffer): void {
    this.content += c.length;
    this.contentHash?.update(c);
    this.tail = c.length >= 2 ? c.subarray(c.length - 2) : Buffer.concat([this.tail, c]).subarray(-2);
  }
}

type RawOpen = () => Readable | Promise<Readable>;
export type SourceKind = 'file' | 'zip-member' | 'stdin' | 'pipe';

/** One export's bytes; see the comment at the top of this file. */
export class ByteSource {
  /** Container (gzip / ZIP) facts, known once the compressed bytes were read (gzip) or from the start (ZIP). */
  container: ContainerInfo | null;
  private last: Pass | null = null;
  private digested: { content: ContentDigest; raw: ContentDigest } | null = null;
  /** Stream sources: the one content stream, and the chunks given out so far (replayed until commit()). */
  private stream: AsyncIterator<Buffer> | null = null;
  private kept: Buffer[] | null = [];
  private rawStream: Readable | null = null;

  constructor(
    /** For messages, row origins and the import record: "calls.csv", "stdin", "calls.zip/2024/calls.csv". */
    readonly name: string,
    /** As given ("-" for standard input). */
    readonly path: string,
    readonly kind: SourceKind,
    private readonly rawOpen: RawOpen,
    /** Bytes as stored (compressed), for progress; null when unknown (a stream). */
    readonly storedSize: number | null,
    private readonly options: SourceOptions = {},
    container: ContainerInfo | null = null,
    /** Added to bytesRead (a ZIP member's offset in its ZIP: progress over the whole ZIP). */
    private readonly rawOffset = 0,
    /** Stored bytes per byte read (a ZIP member: yauzl gives inflated bytes; progress wants compressed ones). */
    private readonly rawScale = 1,
  ) {
    this.container = container;
  }

  /** Files, gzip files and ZIP members can be read again; standard input and pipes once. */
  get reopenable(): boolean {
    return this.kind === 'file' || this.kind === 'zip-member';
  }

  /** Stored bytes read by the current (last) pass: for progress against storedSize. */
  bytesRead(): number {
    return this.rawOffset + Math.round((this.last?.raw ?? 0) * this.rawScale);
  }

  /** The content read to its end ends with a line break (a cut export usually does not); null before. */
  endsWithNewline(): boolean | null {
    if (!this.last?.ended) return null;
    const t = this.last.tail;
    const isBreak = (x: number | undefined) => x === 0x0a || x === 0x0d;
    // UTF-16LE ends "\n\0".
    return isBreak(t[t.length - 1]) || (t[t.length - 1] === 0 && isBreak(t[t.length - 2]));
  }

  /** SHA-256 and size of the content, once a hashing pass has read it to its end (streams: always hashed). */
  digest(): ContentDigest | null {
    return this.digested?.content ?? null;
  }

  /** Reads a reopenable source once to its end: SHA-256 and size of its content (and of a gzip file as stored). */
  async hashContent(onBytes?: (rawBytes: number) => void): Promise<ContentDigest> {
    if (!this.reopenable) throw new Error(`${this.name}: a stream is hashed while read, not before`);
    const reader = this.openPass(true);
    try {
      let seen = 0;
      while ((await reader.read()) !== null) {
        onBytes?.(this.bytesRead() - seen);
        seen = this.bytesRead();
      }
    } finally {
      await reader.close();
    }
    return this.digest() as ContentDigest;
  }

  /** A fresh read of the content from its start (streams: what was read so far, then the rest). */
  open(): ChunkReader {
    if (this.reopenable) return this.openPass(false);
    if (!this.stream) {
      const pass = new Pass(true);
      this.last = pass;
      this.stream = this.contentOf(pass)[Symbol.asyncIterator]();
    }
    const stream = this.stream;
    const replay = this.kept ? [...this.kept] : [];
    let i = 0;
    return {
      read: async () => {
        if (i < replay.length) return replay[i++] as Buffer;
        const r = await stream.next();
        if (r.done) return null;
        this.kept?.push(r.value);
        return r.value;
      },
      close: async () => {},
    };
  }

  /** The reader now open is the last one: stop keeping a copy of what a stream gave for replay. */
  commit(): void {
    this.kept = null;
  }

  /** Frees the stream (a pipe left unread is closed). */
  dispose(): void {
    this.rawStream?.destroy();
    this.rawStream = null;
  }

  private openPass(hashing: boolean): ChunkReader {
    const pass = new Pass(hashing);
    this.last = pass;
    const it = this.contentOf(pass)[Symbol.asyncIterator]();
    return {
      read: async () => {
        const r = await it.next();
        return r.done ? null : r.value;
      },
      close: async () => {
        await it.return?.(undefined);
      },
    };
  }

  private async *rawChunks(pass: Pass): AsyncGenerator<Buffer> {
    let raw: Readable;
    try {
      raw = await this.rawOpen();
    } catch (err) {
      if (err instanceof ReaderError) throw err;
      throw this.readError(err);
    }
    this.rawStream = raw;
    const waits = this.kind === 'stdin' || this.kind === 'pipe';
    let waiting: NodeJS.Timeout | undefined;
    let noticed = false;
    const started = Date.now();
    if (waits) {
      waiting = setInterval(() => {
        if (this.options.isCancelled?.()) raw.destroy(new SourceCancelled());
        else if (!noticed && Date.now() - started >= WAIT_NOTICE_MS) {
          noticed = true;
          const what = this.kind === 'stdin' ? 'standard input' : this.path;
          this.options.onNotice?.(`waiting for data on ${what}… (nothing has been written to it yet)`);
        }
      }, 200);
      waiting.unref?.();
    }
    try {
      for await (const chunk of raw) {
        if (waiting) {
          clearInterval(waiting);
          waiting = undefined;
        }
        const c = chunk as Buffer;
        pass.raw += c.length;
        pass.rawHash?.update(c);
        yield c;
      }
    } catch (err) {
      if (err instanceof SourceCancelled || err instanceof ReaderError) throw err;
      throw this.readError(err);
    } finally {
      if (waiting) clearInterval(waiting);
      raw.destroy();
      if (this.rawStream === raw) this.rawStream = null;
    }
  }

  private async *contentOf(pass: Pass): AsyncGenerator<Buffer> {
    const it = this.rawChunks(pass)[Symbol.asyncIterator]();
    let head: Buffer = Buffer.alloc(0);
    let done = false;
    while (head.length < 4) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      head = head.length ? Buffer.concat([head, r.value]) : r.value;
    }
    async function* rest(): AsyncGenerator<Buffer> {
      if (head.length) yield head;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    }
    if (isGzip(head)) {
      pass.gzip = true;
      if (pass.hashing) pass.rawHash = createHash('sha256').update(head);
      yield* this.gunzip(rest(), pass);
    } else {
      if (isZip(head) && !this.reopenable)
        throw new ReaderError(
          `${this.name}: a ZIP file cannot be read as a stream (its table of contents is at its end): save it to a file and import that`,
        );
      for await (const c of rest()) {
        pass.deliver(c);
        yield c;
      }
    }
    pass.ended = true;
    this.finishDigest(pass);
  }

  private async *gunzip(compressed: AsyncGenerator<Buffer>, pass: Pass): AsyncGenerator<Buffer> {
    const gunzip = createGunzip({ chunkSize: 64 * 1024 });
    const input = Readable.from(compressed);
    let inputError: unknown;
    input.on('error', (err) => {
      inputError = err;
      gunzip.destroy(err);
    });
    input.pipe(gunzip);
    try {
      for await (const chunk of gunzip) {
        const c = chunk as Buffer;
        pass.deliver(c);
        const { ratio, allowance } = this.options.limits ?? { ratio: MAX_RATIO, allowance: RATIO_ALLOWANCE };
        if (pass.content > ratio * pass.raw + allowance)
          throw new ReaderError(
            `${this.name}: decompresses to more than ${ratio} times its compressed size (a decompression bomb?); refused`,
          );
        yield c;
      }
    } catch (err) {
      if (err instanceof ReaderError || err instanceof SourceCancelled) throw err;
      if (inputError instanceof ReaderError || inputError instanceof SourceCancelled) throw inputError;
      throw new ReaderError(`${this.name}: the gzip data is damaged (${gzipReason(err)})`);
    } finally {
      input.destroy();
      gunzip.destroy();
    }
  }

  private finishDigest(pass: Pass): void {
    if (!pass.contentHash) return;
    const content = { sha256: pass.contentHash.digest('hex'), size: pass.content };
    const raw = pass.rawHash ? { sha256: pass.rawHash.digest('hex'), size: pass.raw } : content;
    this.digested = { content, raw };
    if (pass.gzip && !this.container)
      this.container = {
        kind: 'gzip',
        name: this.name,
        sha256: raw.sha256,
        size: raw.size,
        member: this.name.replace(/\.(gz|gzip)$/i, '') || this.name,
      };
  }

  private readError(err: unknown): ReaderError {
    const reason = fsReason(err) ?? firstLine(err);
    return new ReaderError(`cannot read ${this.path}: ${reason}`);
  }
}

function isGzip(b: Uint8Array): boolean {
  return b[0] === 0x1f && b[1] === 0x8b;
}

/** A ZIP's local file header, or the end record of an empty ZIP. */
export function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

function gzipReason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e?.message ?? '')) return 'it ends too early: cut short?';
  return firstLine(err, 'unknown error');
}

/** A display name for a pipe: a FIFO's name, the whole path for /dev/fd/N and the like. */
function pipeName(path: string): string {
  return /^\/(dev|proc)\//.test(path) ? path : basename(path);
}

/** Opens a FIFO without blocking (no writer yet: the event loop waits, not a thread); elsewhere a plain stream. */
function openPipe(path: string): Readable {
  const nonBlocking = fsConstants.O_NONBLOCK as number | undefined;
  if (process.platform === 'win32' || nonBlocking === undefined)
    return createReadStream(path, { highWaterMark: READ_CHUNK });
  const fd = openSync(path, fsConstants.O_RDONLY | nonBlocking);
  return new Socket({ fd, readable: true, writable: false });
}

/** Standard input (`-`): the given stream, read once. */
export function stdinSource(options: SourceOptions = {}): ByteSource {
  const stream = options.stdin ?? process.stdin;
  return new ByteSource('stdin', '-', 'stdin', () => stream, null, options);
}

/** The first bytes of a regular file (format sniffing before choosing a source). */
function fileHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(n);
    const got = readSync(fd, b, 0, n, 0);
    return b.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** A regular file that starts like gzip (1f 8b). */
export function isGzipFile(path: string): boolean {
  try {
    return isGzip(fileHead(path, 2));
  } catch {
    return false;
  }
}

/** An input that is one source, or a ZIP's members (dispose closes the ZIP). */
export interface OpenedInput {
  /** As given. */
  path: string;
  sources: ByteSource[];
  dispose(): Promise<void>;
}

/** A source over one regular file (gzip or not), without looking at it. */
export function fileSource(path: string, options: SourceOptions = {}, size: number | null = null): ByteSource {
  return new ByteSource(
    basename(path),
    path,
    'file',
    () => createReadStream(path, { highWaterMark: READ_CHUNK }),
    size,
    options,
  );
}

/**
 * Opens what a user named: `-` (standard input), a FIFO or pipe, a ZIP (each member a source of its
 * own: ./zip-source), or a file (gzip or not). Rejects with a one-line ReaderError when it cannot be read.
 */
export async function openInput(path: string, options: SourceOptions = {}): Promise<OpenedInput> {
  const one = (s: ByteSource): OpenedInput => ({
    path,
    sources: [s],
    dispose: async () => s.dispose(),
  });
  if (path === '-') return one(stdinSource(options));
  let st;
  try {
    st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  } catch (err) {
    throw new ReaderError(`cannot read ${path}: ${fsReason(err) ?? firstLine(err)}`);
  }
  if (st.isFIFO() || st.isSocket())
    return one(new ByteSource(pipeName(path), path, 'pipe', () => openPipe(path), null, options));
  if (!st.isFile())
    return one(
      new ByteSource(
        pipeName(path),
        path,
        'pipe',
        () => createReadStream(path, { highWaterMark: READ_CHUNK }),
        null,
        options,
      ),
    );
  let head: Buffer;
  try {
    head = fileHead(path, 4);
  } catch (err) {
    throw new ReaderError(`cannot read ${path}: ${fsReason(err) ?? firstLine(err)}`);
  }
  if (isZip(head)) {
    const { openZip } = await import('./zip-source');
    return openZip(path, st.size, options);
  }
  return one(fileSource(path, options, st.size));
}
