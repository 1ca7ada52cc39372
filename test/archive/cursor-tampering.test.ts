// A cursor comes back from the page, so it is untrusted: one edited by hand (base64 of other JSON)
// is refused as invalid_argument before it reaches SQL, whatever it holds. A sort value of the wrong
// type used to pass: a string as the start time ended as a 500 ("Invalid time value").
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/main/api/search-sql';
import { SORT_COLUMNS, type SortColumn } from '../../src/shared/api/schemas';
import { ArchiveError } from '../../src/main/store/errors';

const TEXT_SORTS: SortColumn[] = ['callerNumber', 'accessNumber', 'queue', 'agent'];
const handMade = (data: unknown) => Buffer.from(JSON.stringify(data)).toString('base64url');

function refused(cursor: string, sort: SortColumn): ArchiveError {
  try {
    decodeCursor(cursor, sort, 'desc');
  } catch (err) {
    if (err instanceof ArchiveError) return err;
    throw err;
  }
  throw new Error(`cursor accepted for ${sort}`);
}

describe('decodeCursor', () => {
  it('gives back what encodeCursor wrote, for every sort column', () => {
    for (const sort of SORT_COLUMNS) {
      const v = TEXT_SORTS.includes(sort) ? 'Kundeservice' : 1_791_293_640_503;
      expect(decodeCursor(encodeCursor(sort, 'desc', v, 7), sort, 'desc')).toEqual({ value: v, id: 7 });
    }
  });

  it('refuses a sort value of the wrong type for its column', () => {
    for (const sort of SORT_COLUMNS) {
      const wrong = TEXT_SORTS.includes(sort) ? 5 : '1 OR 1=1';
      const err = refused(encodeCursor(sort, 'desc', wrong, 7), sort);
      expect(err.code).toBe('INVALID');
      expect(err.message).toMatch(/invalid cursor/);
    }
  });

  it('refuses a number that is not finite (1e400 reads as Infinity)', () => {
    const cursor = Buffer.from('{"s":"start","d":"desc","v":1e400,"i":7}').toString('base64url');
    expect(refused(cursor, 'start').message).toMatch(/invalid cursor/);
  });

  it('refuses other shapes', () => {
    for (const data of [null, 1, [], { s: 'start', d: 'desc', v: 1 }, { s: 'start', d: 'desc', v: {}, i: 1 }])
      expect(refused(handMade(data), 'start').message).toMatch(/invalid cursor/);
  });
});
