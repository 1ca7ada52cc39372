// SeenCalls (src/main/import/seen-calls.ts) lets the import skip a call's row count only where it says
// "surely not seen": it must never say so of an id it was given.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeenCalls } from '../../src/main/import/seen-calls';

describe('SeenCalls (the Bloom filter of calls a file has handed on)', () => {
  it('every id added is "maybe seen", in a small filter full of ids too', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 300 }), (ids) => {
        const seen = new SeenCalls(10); // 1,024 bits: crowded, many false positives, never a false negative
        for (const id of ids) seen.add(id);
        for (const id of ids) expect(seen.mightHave(id)).toBe(true);
      }),
    );
  });

  it('answers "not seen" for nearly every id never added (else it would save nothing)', () => {
    const seen = new SeenCalls();
    for (let i = 0; i < 100_000; i++) seen.add(String(731000000000 + 2 * i));
    let maybe = 0;
    for (let i = 0; i < 100_000; i++) if (seen.mightHave(String(731000000001 + 2 * i))) maybe++;
    expect(maybe).toBeLessThan(100); // 2^25 bits, 4 probes, 100,000 ids: about 1 in 100,000 expected
  });
});
