// `convert` prints its lines in (call start, call id) order, but derives the calls in call_id
// order. Call ids mostly grow with the start, so the lines come nearly in order: a window of
// REORDER_WINDOW lines is kept in a heap and its smallest line is appended to a temporary file,
// which is printed as it is at the end. Sorting every line in SQLite instead (the fallback) costs
// an insert, an index and a read of the whole output. A line that would have to go before one
// already in the file ends the shortcut: the file's lines, the window and every later line go to
// the fallback sort, so the order is the same either way.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** Lines held back to restore the order (about 1 KB each). */
export const REORDER_WINDOW = 2048;
const WRITE_CHUNK = 1 << 20;

/** The sort the shortcut falls back to (the stage's SQLite table). */
export interface OutputSort {
  add(startMs: number, callId: string, json: string): void;
  /** Every line added, ordered by start then call id (as SQLite orders TEXT: by UTF-8 bytes), then as added. */
  sorted(): Iterable<string>;
}

interface Entry {
  startMs: number;
  callId: string;
  seq: number;
  json: string;
}

/** UTF-16 order is UTF-8 byte order (SQLite's BINARY collation) unless a string holds a code unit from U+D800 on. */
const BEYOND_BMP_ORDER = /[\uD800-\uFFFF]/;

/** Two call ids in SQLite's order of TEXT (BINARY collation: UTF-8 bytes). */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  if (BEYOND_BMP_ORDER.test(a) || BEYOND_BMP_ORDER.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}

function compareEntries(a: Entry, b: Entry): number {
  return a.startMs - b.startMs || compareIds(a.callId, b.callId) || a.seq - b.seq;
}

export class OrderedOutput {
  private readonly heap: Entry[] = [];
  private fd: number | null = null;
  /** Lines encoded as UTF-8, waiting for their write to the file (`used` bytes of it). */
  private readonly pending = Buffer.allocUnsafe(WRITE_CHUNK);
  private used = 0;
  private last: Entry | null = null;
  private seq = 0;
  private fallback: OutputSort | null = null;
  /** The number of the line that broke the order (null: the shortcut held). */
  fellBackAt: number | null = null;

  constructor(
    private readonly path: string,
    private readonly makeFallback: () => OutputSort,
    private readonly window = REORDER_WINDOW,
  ) {}

  add(startMs: number, callId: string, json: string): void {
    if (this.fallback !== null) {
      this.fallback.add(startMs, callId, json);
      return;
    }
    const e: Entry = { startMs, callId, seq: this.seq++, json };
    if (this.last !== null && compareEntries(e, this.last) < 0) {
      this.fallBack(e);
      return;
    }
    this.push(e);
    if (this.heap.length > this.window) this.write(this.pop());
  }

  /**
   * The output in order, in pieces of whole lines (each ends with "\n"): bytes as read from the
   * file (printed as they are, never decoded and encoded again), then text (the window).
   */
  *text(): Generator<string | Buffer> {
    if (this.fallback !== null) {
      for (const line of this.fallback.sorted()) yield line + '\n';
      return;
    }
    this.flush();
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
      yield* wholeLines(this.path);
    }
    let piece = '';
    while (this.heap.length > 0) {
      piece += this.pop().json + '\n';
      if (piece.length >= WRITE_CHUNK) {
        yield piece;
        piece = '';
      }
    }
    if (piece) yield piece;
  }

  /** Closes the temporary file if open (the caller deletes its folder). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /**
   * Each line is encoded into one buffer, written when full: appending to a string and writing it
   * made V8 flatten a rope of a thousand lines per write (12 % of `convert`'s CPU).
   */
  private write(e: Entry): void {
    this.last = e;
    // A UTF-16 code unit is at most 3 UTF-8 bytes; the newline is 1.
    if (this.used + e.json.length * 3 + 1 > WRITE_CHUNK) {
      this.flush();
      if (e.json.length * 3 + 1 > WRITE_CHUNK) {
        writeSync(this.file(), e.json + '\n'); // a line longer than the buffer, on its own
        return;
      }
    }
    this.used += this.pending.write(e.json, this.used, 'utf8');
    this.pending[this.used++] = 0x0a;
  }

  private file(): number {
    this.fd ??= openSync(this.path, 'w');
    return this.fd;
  }

  private flush(): void {
    if (this.used === 0) return;
    writeSync(this.file(), this.pending, 0, this.used);
    this.used = 0;
  }

  /** The order broke: the lines written so far, the window and `e` go to the fallback sort. */
  private fallBack(e: Entry): void {
    const sort = this.makeFallback();
    this.fellBackAt = e.seq;
    let carry = '';
    // The file, then the window (text() drains it), read back before the fallback is in place.
    for (const piece of this.text()) {
      const lines = (carry + piece.toString()).split('\n');
      carry = lines.pop() as string;
      for (const line of lines) {
        const call = JSON.parse(line) as { start: string; callId: string };
        sort.add(Date.parse(call.start), call.callId, line);
      }
    }
    this.fallback = sort;
    sort.add(e.startMs, e.callId, e.json);
  }

  private push(e: Entry): void {
    const h = this.heap;
    let i = h.push(e) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareEntries(h[parent] as Entry, e) <= 0) break;
      h[i] = h[parent] as Entry;
      i = parent;
    }
    h[i] = e;
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0] as Entry;
    const end = h.pop() as Entry;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && compareEntries(h[r] as Entry, h[l] as Entry) < 0 ? r : l;
        if (compareEntries(h[c] as Entry, end) >= 0) break;
        h[i] = h[c] as Entry;
        i = c;
      }
      h[i] = end;
    }
    return top;
  }
}

/**
 * A file's bytes in pieces that end at a line break (so that each piece decodes on its own). One
 * buffer is read into again and again: a piece is valid until the next one is asked for.
 */
function* wholeLines(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(WRITE_CHUNK);
    let held = 0; // bytes of a line begun in the last read, at the start of buf
    for (;;) {
      if (held === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2); // a line longer than the buffer
        buf.copy(bigger, 0, 0, held);
        buf = bigger;
      }
      const n = readSync(fd, buf, held, buf.length - held, null);
      if (n === 0) break;
      const end = held + n;
      const cut = buf.lastIndexOf(0x0a, end - 1) + 1;
      if (cut > 0) yield buf.subarray(0, cut);
      buf.copyWithin(0, cut, end);
      held = end - cut;
    }
    if (held > 0) yield buf.subarray(0, held);
  } finally {
    closeSync(fd);
  }
}
