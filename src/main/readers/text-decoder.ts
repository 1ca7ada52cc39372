// The text decoder of an export read as UTF-8, which must not lose a byte. The encoding is chosen
// from the first 64 KB (encoding.ts); a file whose start is valid UTF-8 (often plain ASCII) can hold
// Windows-1252 bytes later ("Søren" from an old Excel export, far down the file). A plain UTF-8
// decoder turns each such byte into U+FFFD, and the archive, which keeps the decoded values, would
// have lost the original bytes without a word. Here the first byte that is not UTF-8 switches the
// rest of the file to Windows-1252, which maps every byte to a character (WHATWG), and the switch
// is said in the import's record and by `convert`.
import type { Encoding } from './encoding';

type Decoder = InstanceType<typeof TextDecoder>;

const EMPTY = new Uint8Array(0);

/**
 * The bytes at the end of `bytes` that start a UTF-8 sequence the chunk does not finish (what a
 * streaming decoder holds back for the next chunk); empty when the chunk ends on a whole character.
 */
export function unfinishedUtf8Tail(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = bytes[n - k] as number;
    if (b < 0x80) return EMPTY;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return k < length ? bytes.slice(n - k) : EMPTY;
    }
  }
  return EMPTY;
}

/** A TextDecoder's decode for an export: UTF-8 until its first invalid byte, then Windows-1252. */
export class ExportTextDecoder {
  private readonly plain: Decoder | null;
  private utf8: Decoder | null = null;
  private ansi: Decoder | null = null;
  /** What the UTF-8 decoder holds back of the chunks so far (an unfinished character). */
  private held: Uint8Array = EMPTY;
  private decoded = 0;
  /** Byte offset (in the decoded content) of the chunk in which the switch happened; null before. */
  switchedAt: number | null = null;

  constructor(encoding: Encoding) {
    if (encoding === 'utf-8') {
      this.plain = null;
      this.utf8 = new TextDecoder('utf-8', { fatal: true });
    } else {
      this.plain = new TextDecoder(encoding);
    }
  }

  /** As TextDecoder.decode: `chunk` absent (or `stream` false) ends the content. */
  decode(chunk?: Uint8Array, options?: { stream?: boolean }): string {
    if (this.plain) return this.plain.decode(chunk, options);
    const bytes = chunk ?? EMPTY;
    const offset = this.decoded;
    this.decoded += bytes.length;
    if (this.ansi) return this.ansi.decode(bytes);
    try {
      const text = (this.utf8 as Decoder).decode(bytes, options);
      if (options?.stream) this.held = bytes.length >= 3 ? unfinishedUtf8Tail(bytes) : this.heldWith(bytes);
      else this.held = EMPTY;
      return text;
    } catch {
      // The bytes the UTF-8 decoder held from the chunk before were never output: they come first.
      this.switchedAt = offset;
      this.ansi = new TextDecoder('windows-1252');
      const rest = this.held.length ? Buffer.concat([this.held, bytes]) : bytes;
      this.held = EMPTY;
      return this.ansi.decode(rest);
    }
  }

  /** A chunk shorter than a character: what is held now is the old held bytes and it together. */
  private heldWith(bytes: Uint8Array): Uint8Array {
    return unfinishedUtf8Tail(this.held.length ? Buffer.concat([this.held, bytes]) : bytes);
  }

  /** One line for the import's record when the decoder switched; null when it did not. */
  note(): string | null {
    if (this.switchedAt === null) return null;
    return (
      `not valid UTF-8 from about byte ${this.switchedAt.toLocaleString('en-US')} on: ` +
      'read as Windows-1252 from there (each byte kept as a character)'
    );
  }
}
