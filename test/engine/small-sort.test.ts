// sortInPlace (src/shared/engine/small-sort.ts) stands in for Array.prototype.sort in the engine: for
// every consistent comparator it must give the very order the built-in sort gives, ties included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SMALL_SORT_MAX, sortInPlace } from '../../src/shared/engine/small-sort';

interface Item {
  key: number;
  tag: string;
}

/** Few distinct keys, so that most arrays hold ties; the tag tells equal-keyed items apart. */
const items = fc.array(fc.record({ key: fc.integer({ min: 0, max: 3 }), tag: fc.string({ maxLength: 2 }) }), {
  maxLength: SMALL_SORT_MAX * 2 + 3,
});
const byKey = (a: Item, b: Item): number => a.key - b.key;

describe('sortInPlace (insertion sort for short arrays)', () => {
  it('gives the order Array.prototype.sort gives, equal elements in their first order, at every length', () => {
    fc.assert(
      fc.property(items, (list) => {
        const builtIn = list.slice().sort(byKey);
        const ours = sortInPlace(list.slice(), byKey);
        // The same objects in the same places: a tie put the other way round fails here.
        expect(ours.length).toBe(builtIn.length);
        ours.forEach((item, i) => expect(item).toBe(builtIn[i]));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts in place and returns the array, as the built-in sort does', () => {
    const a = [3, 1, 2];
    expect(sortInPlace(a, (x, y) => x - y)).toBe(a);
    expect(a).toEqual([1, 2, 3]);
  });

  it('a comparator that answers NaN leaves the pair as it is (the built-in sort reads NaN as 0)', () => {
    const a = [{ v: 2 }, { v: Number.NaN }, { v: 1 }];
    expect(sortInPlace(a.slice(), (x, y) => x.v - y.v)).toEqual(a.slice().sort((x, y) => x.v - y.v));
  });
});
