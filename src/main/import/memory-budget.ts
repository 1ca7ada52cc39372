// The import's SQLite memory, bounded whatever the file's size (issue #10 goal 3: peak RSS < 400 MB).
//
// What grew with the export (measured, docs/archive.md "The import's memory"): SQLite's page cache
// fills up to `cache_size` as the archive grows (an archive's own connection keeps 64 MB for the
// app's reads), and SQLite's sorter — CREATE INDEX of the indexes built at the end, the GROUP BY /
// ORDER BY of the caches refreshed before the commit — holds up to another `cache_size` of keys in
// memory before it spills sorted runs to a temporary file. An index of 200,000 calls stays below
// that bound; one of 1,000,000 fills it, on top of a full page cache (64 + 64 MB at the end of the
// file, where the import's RSS peaked: 441 MB in process). The
// import's writes go mostly to the right edge of each b-tree (rows, and calls in call-id order),
// so they need few cached pages: with 16 MB the import took 1.6 % more CPU into an empty archive
// and 3.7 % more into a 1M-call archive with its indexes kept (paired runs), for 46–55 MB less.
import type { Db } from '../store/native';

/** The page cache (and so the sorter's memory) of the import's connection while a file is imported, in KiB. */
export const IMPORT_CACHE_KIB = 16 * 1024;

/** The connection's cache_size as set (negative: KiB; positive: pages). */
export function cacheSize(db: Db): number {
  return db.pragma('cache_size', { simple: true }) as number;
}

/**
 * Runs fn with the connection's page cache at `kib` KiB, then sets it back to what it was (also when
 * fn fails): the connection may be the app's own (tests, an import in process).
 */
export async function withCacheSize<T>(db: Db, kib: number, fn: () => Promise<T>): Promise<T> {
  const before = cacheSize(db);
  db.pragma(`cache_size = -${Math.floor(kib)}`);
  try {
    return await fn();
  } finally {
    if (db.open) db.pragma(`cache_size = ${Math.trunc(before)}`);
  }
}
