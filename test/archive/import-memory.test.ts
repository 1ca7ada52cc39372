// The import's SQLite memory is bounded whatever the file's size (src/main/import/memory-budget.ts):
// the page cache fills up to cache_size as the archive grows, and SQLite's sorter (the indexes built at
// the end, the caches' GROUP BY) takes up to cache_size more. At 1,000,000 calls both reached the
// archive connection's 64 MB and the import's peak RSS passed 400 MB; the import runs at its own
// budget, in every phase, and gives the connection its own setting back.
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { cacheSize, IMPORT_CACHE_KIB } from '../../src/main/import/memory-budget';
import type { ImportPhase } from '../../src/shared/api/archive-api';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { freshArchive, TZ } from './helpers';

describe("the import's memory budget", () => {
  it('reads, derives and indexes a file with the page cache (and so the sorter) at the budget', async () => {
    const file = writeFile(tempDir(), 'calls.csv', csv(manyCalls(600).flatMap(inboundRows)));
    const { archive } = freshArchive();
    const own = cacheSize(archive.db);
    expect(own).not.toBe(-IMPORT_CACHE_KIB);
    const seen = new Map<ImportPhase | undefined, Set<number>>();
    const r = await importFile(archive.db, file, {
      timeZone: TZ,
      open: readerOpener,
      chunkRows: 500, // several chunks: derived while read
      deferIndexes: true, // the indexes built at the end, by SQLite's sorter
      onProgress: (p) => {
        const sizes = seen.get(p.phase) ?? new Set<number>();
        sizes.add(cacheSize(archive.db));
        seen.set(p.phase, sizes);
      },
    });
    expect(r.status, r.message ?? '').toBe('done');
    for (const phase of ['checking', 'reading', 'deriving', 'indexing'] as const)
      expect([...(seen.get(phase) ?? [])], phase).toEqual([-IMPORT_CACHE_KIB]);
    expect(cacheSize(archive.db)).toBe(own);
    archive.close();
  });

  it('gives the connection its own page cache back after a failed file', async () => {
    const file = writeFile(tempDir(), 'calls.csv', csv(manyCalls(3).flatMap(inboundRows)).slice(0, -20));
    const { archive } = freshArchive();
    const own = cacheSize(archive.db);
    const r = await importFile(archive.db, file, { timeZone: TZ, open: readerOpener });
    expect(r.status).toBe('failed');
    expect(cacheSize(archive.db)).toBe(own);
    archive.close();
  });
});
