// MatchLists (src/main/api/fts-text.ts): full match lists kept per columns generation, least recently
// used out first beyond the byte budget; the ones read here handed out once for the other workers.
import { describe, expect, it } from 'vitest';
import { MatchLists } from '../../src/main/api/fts-text';

const ids = (n: number) => new Int32Array(n).map((_, i) => i + 1);

describe('MatchLists', () => {
  it('keeps lists up to its byte budget, dropping the least recently used first (never the one just kept)', () => {
    const lists = new MatchLists(7, 100 * 4);
    lists.put('a', ids(40), true);
    lists.put('b', ids(40), false);
    expect(lists.get('a')?.length).toBe(40); // a is now the most recently used
    lists.put('c', ids(40), true);
    expect([lists.get('a') !== undefined, lists.get('b') !== undefined, lists.get('c') !== undefined]).toEqual([
      true,
      false,
      true,
    ]);
    lists.put('huge', ids(500), true);
    expect(lists.size).toBe(1);
    expect(lists.get('huge')?.length).toBe(500);
  });

  it('hands out the lists read here once, not the ones passed in by the pool', () => {
    const lists = new MatchLists(1);
    lists.put('read here', ids(3), true);
    lists.put('passed in', ids(2), false);
    expect(lists.takeFresh().map((l) => l.match)).toEqual(['read here']);
    expect(lists.takeFresh()).toEqual([]);
  });
});
