// The call ids an import of one file has already handed to derivation, kept as a Bloom filter (fixed
// size, whatever the file's size). ImportSink.completeness asks the archive how many rows a call has
// (one SQL count per call: about 7 µs, 1.5 s at 200,000 calls) to know whether its rows in memory are
// all of them. In a file imported into an archive that held no call-events row before it, a call
// this file has not handed on before has no row but those in memory: the filter says "surely not
// seen" for it, and the count is skipped. "Maybe seen" (a call cut across chunks, or a false
// positive) asks the archive as before: the filter can cost a count, never a wrong answer.

import { hash53 } from './call-rows';

/** 2^25 bits (4 MB): at 3 million calls about 1 % of new calls are counted anyway; at 10 million, 23 %. */
const DEFAULT_BITS_LOG2 = 25;
/** Bits set per id. */
const PROBES = 4;

export class SeenCalls {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(bitsLog2 = DEFAULT_BITS_LOG2) {
    this.bits = new Uint32Array(2 ** Math.max(5, bitsLog2) / 32);
    this.mask = this.bits.length * 32 - 1;
  }

  add(callId: string): void {
    const [a, b] = twoHashes(callId);
    for (let i = 0; i < PROBES; i++) {
      const bit = (a + i * b) & this.mask;
      const word = bit >>> 5;
      this.bits[word] = (this.bits[word] ?? 0) | (1 << (bit & 31));
    }
  }

  /** False only for an id never added; true for every id added (and now and then for another). */
  mightHave(callId: string): boolean {
    const [a, b] = twoHashes(callId);
    for (let i = 0; i < PROBES; i++) {
      const bit = (a + i * b) & this.mask;
      if (((this.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/**
 * Two hashes of the id for the probes: the two FNV-1a variants hash53 folds together (call-rows.ts),
 * taken apart again (its top 32 bits and its low 21, made odd so that the probes differ).
 */
function twoHashes(s: string): [number, number] {
  const h = hash53(s);
  return [Math.floor(h / 0x200000), (h % 0x200000) | 1];
}
