// Per-call lists of dictionary positions in compressed rows, on shared memory: the calls' queues
// and agents (./call-columns) and their text terms (./call-text-columns), built and read alike.

/** A call's multi-valued links (queues, agents, terms) in compressed rows: call c has codes[offsets[c] .. offsets[c+1]). */
export interface LinkColumn {
  offsets: Int32Array;
  codes: Int32Array;
}

/** A typed array on shared memory: posted to another thread, it is shared, not copied. */
export function sharedArray<T>(make: new (buffer: SharedArrayBuffer) => T, bytesPer: number, length: number): T {
  return new make(new SharedArrayBuffer(Math.max(1, length) * bytesPer));
}

/** Whether any of call `id`'s links is marked in `wanted` (a mask by dictionary position). */
export function anyLink(links: LinkColumn, id: number, wanted: Uint8Array): boolean {
  for (let i = links.offsets[id] as number, end = links.offsets[id + 1] as number; i < end; i++)
    if (wanted[links.codes[i] as number]) return true;
  return false;
}

/**
 * Builds a LinkColumn call by call in increasing id order, streamed (no array per call kept):
 * startRow(call) opens a call's row (calls skipped before it get empty rows), push adds to it.
 */
export class LinkColumnBuilder {
  private readonly offsets: Int32Array;
  private codes = new Int32Array(1 << 16);
  private n = 0;
  /** The first call whose row is not opened yet. */
  private next = 0;

  constructor(private readonly size: number) {
    this.offsets = sharedArray(Int32Array, 4, size + 1);
  }

  startRow(call: number): void {
    while (this.next <= call) this.offsets[this.next++] = this.n;
  }

  push(code: number): void {
    if (this.n === this.codes.length) {
      const grown = new Int32Array(this.codes.length * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.n++] = code;
  }

  finish(): LinkColumn {
    this.startRow(this.size);
    const codes = sharedArray(Int32Array, 4, this.n);
    codes.set(this.codes.subarray(0, this.n));
    return { offsets: this.offsets, codes };
  }
}
