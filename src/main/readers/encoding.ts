// Encoding detection from the first bytes of a file, and the refusal of files
// that are not text at all (archives, binaries). One-line ReaderErrors only.
import { ReaderError } from '../../shared/reader/errors';
import type { FileDescription } from '../../shared/reader/types';

export type Encoding = FileDescription['encoding'];

export interface DetectedEncoding {
  encoding: Encoding;
  /** Why, in a few words (goes into FileDescription.why). */
  why: string;
}

function startsWith(bytes: Uint8Array, ...sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Decides the encoding of a file from its first bytes (up to 64 KB). */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return { encoding: 'utf-8', why: 'UTF-8 byte-order mark' };
  if (startsWith(head, 0xff, 0xfe)) return { encoding: 'utf-16le', why: 'UTF-16 LE byte-order mark' };
  if (startsWith(head, 0xfe, 0xff)) return { encoding: 'utf-16be', why: 'UTF-16 BE byte-order mark' };
  if (startsWith(head, 0x1f, 0x8b))
    throw new ReaderError('gzip-compressed twice (a .gz inside a .gz): unpack the outer one first');
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) {
    throw new ReaderError('a ZIP file (or an Excel .xlsx workbook): unpack it or save the sheet as CSV first');
  }
  // UTF-16 without BOM: ASCII text has a zero in every other byte.
  const pairs = Math.min(head.length >> 1, 4096);
  if (pairs >= 4) {
    let zeroOdd = 0;
    let zeroEven = 0;
    for (let i = 0; i < pairs; i++) {
      if (head[2 * i] === 0) zeroEven++;
      if (head[2 * i + 1] === 0) zeroOdd++;
    }
    if (zeroOdd > pairs * 0.6 && zeroEven < pairs * 0.05)
      return { encoding: 'utf-16le', why: 'UTF-16 LE without BOM (zero high bytes)' };
    if (zeroEven > pairs * 0.6 && zeroOdd < pairs * 0.05)
      return { encoding: 'utf-16be', why: 'UTF-16 BE without BOM (zero high bytes)' };
  }
  if (head.includes(0)) throw new ReaderError('a binary file (it contains NUL bytes), not a CSV or JSON Lines export');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', why: 'valid UTF-8' };
  } catch {
    return { encoding: 'windows-1252', why: 'not valid UTF-8: read as Windows-1252 (ANSI)' };
  }
}

/** Refuses decoded text that is mostly control characters (binary garbage that happened to decode). */
export function assertLooksLikeText(text: string): void {
  let bad = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++;
  }
  if (bad > Math.max(2, n * 0.01)) {
    throw new ReaderError(
      `a binary file (${bad} control characters in the first ${n} characters), not a CSV or JSON Lines export`,
    );
  }
}
