// The walk-or-sort decision's reach (search-state.ts walkReach): how many matching rows a walk of
// the sort index passes before its page ends. Found by the random-search bench: a jump judged by
// its page alone walked the caller index past 19,305 matches (34 s at 1M calls).
import { describe, expect, it } from 'vitest';
import { walkReach } from '../../src/main/api/search-state';

describe('walkReach', () => {
  it('a first page or a cursor page passes its own rows only', () => {
    expect(walkReach({ limit: 100 }, 30_000)).toBe(100);
    expect(walkReach({ limit: 100, offset: 0 }, 30_000)).toBe(100);
  });
  it('a jump before the middle passes the rows before its position', () => {
    expect(walkReach({ limit: 100, offset: 10_000 }, 30_000)).toBe(10_100);
  });
  it('a jump past the middle is sought from the other end', () => {
    expect(walkReach({ limit: 100, offset: 19_305 }, 30_000)).toBe(10_795);
    expect(walkReach({ limit: 100, offset: 30_000 }, 30_000)).toBe(100);
  });
});
