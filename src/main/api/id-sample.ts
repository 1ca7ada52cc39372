// A sample of the calls: every n-th call id, read by rowid. Calls are numbered densely in import
// order, so the sample spreads over the whole archive and its counts, scaled by n, estimate the
// whole's. Used for facet estimates (call-facets.ts) and for the match estimate that decides how
// an uncounted page is read (call-search.ts).
import { sql } from '../store/sql';

/**
 * The smallest and largest call id, each its own subquery: SQLite reads min() or max() of the
 * rowid from the b-tree's edge only when it is the query's one aggregate; both in one SELECT
 * scanned the whole table (45 ms at 1M calls, on every uncounted page).
 */
export const ID_SPAN = sql<{ lo: number | null; hi: number | null }, []>(
  'SELECT (SELECT min(id) FROM calls) AS lo, (SELECT max(id) FROM calls) AS hi',
);

/** Calls sampled for a facet estimate: counts within a few per cent, tens of milliseconds at any size. */
export const ESTIMATE_SAMPLE = 16_384;
/**
 * Calls sampled for the match estimate that decides walk or sort for a page: only its order of
 * magnitude matters (the walk has a budget), and it is paid by every uncounted first page.
 */
export const MATCH_ESTIMATE_SAMPLE = 4096;

/**
 * `c.id IN (every n-th id from lo to hi)`: SQLite drives the query from the generated ids (a rowid
 * lookup each) whatever index the rest of the filter could use, so a sample reads only its own
 * calls (`c.id % n = 0` reads every matching call to drop most of them). Integers only, so inlined.
 */
export function sampledIds(lo: number, hi: number, every: number): string {
  const [a, b, n] = [lo, hi, Math.max(1, every)].map((x) => Math.trunc(x));
  return `c.id IN (WITH RECURSIVE s(id) AS (SELECT ${a} WHERE ${a} <= ${b} UNION ALL SELECT id + ${n} FROM s WHERE id + ${n} <= ${b}) SELECT id FROM s)`;
}

/** `sampleEvery` for "about ESTIMATE_SAMPLE calls of this archive" (see sampleEveryFor). */
export const AUTO_SAMPLE = 0;

/** Every how many calls an estimate of an archive of `total` calls reads: at least every 2nd. */
export function sampleEveryFor(total: number): number {
  return Math.max(2, Math.floor(total / ESTIMATE_SAMPLE));
}
