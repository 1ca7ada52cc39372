// Secondary indexes built once at the end of a large import (src/main/import/deferred-indexes.ts):
// the archive and its schema are the same as with indexes kept up to date, and a file that fails or
// is cancelled leaves every index (and everything else) as it was.
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { DEFER_MIN_BYTES, dropDeferrableIndexes, shouldDeferIndexes } from '../../src/main/import/deferred-indexes';
import { verifyArchive } from '../../src/main/store/verify';
import type { Archive } from '../../src/main/store/archive';
import { csv, inboundRows, manyCalls, tempDir, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';

const schema = (a: Archive) =>
  a.db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();

const contents = (a: Archive) => ({
  calls: a.db.prepare('SELECT * FROM calls ORDER BY id').raw().all(),
  events: a.db.prepare('SELECT * FROM events ORDER BY call, seq').raw().all(),
  queues: a.db.prepare('SELECT * FROM call_queues ORDER BY call, queue').raw().all(),
  agents: a.db.prepare('SELECT * FROM call_agents ORDER BY call, agent').raw().all(),
  rows: a.db.prepare('SELECT id, import_id, line, status, reason FROM raw_rows ORDER BY id').raw().all(),
});

function exportFile(calls: number): string {
  return writeFile(tempDir(), 'calls.csv', csv(manyCalls(calls).flatMap(inboundRows)));
}

describe('indexes built at the end of a large import', () => {
  it('gives the same archive and the same indexes as keeping them up to date', async () => {
    const file = exportFile(600);
    const kept = freshArchive();
    const deferred = freshArchive();
    const before = schema(deferred.archive);
    for (const [s, deferIndexes] of [
      [kept, false],
      [deferred, true],
    ] as const) {
      const r = await importFile(s.archive.db, file, {
        timeZone: TZ,
        open: readerOpener,
        chunkRows: 500,
        deferIndexes,
      });
      expect(r.status, r.message ?? '').toBe('done');
    }
    expect(schema(deferred.archive)).toEqual(before);
    expect(schema(deferred.archive)).toEqual(schema(kept.archive));
    expect(contents(deferred.archive)).toEqual(contents(kept.archive));
    expect(verifyArchive(deferred.archive.db).problems).toEqual([]);
    kept.archive.close();
    deferred.archive.close();
  });

  it('drops only indexes the import does not look up by, read from the schema', () => {
    const s = freshArchive();
    const db = s.archive.db;
    db.exec('BEGIN');
    const dropped = dropDeferrableIndexes(db).map((d) => d.name);
    db.exec('ROLLBACK');
    expect(dropped).toContain('calls_start');
    expect(dropped).toContain('call_queues_start');
    // Unique ones (a constraint), those led by `call` (a call derived again is replaced by it), raw_rows' (the import's own).
    for (const kept of ['call_queues_call', 'call_agents_call', 'raw_rows_call']) expect(dropped).not.toContain(kept);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all();
    for (const name of dropped) expect(indexes).toContain(name);
    s.archive.close();
  });

  it('a file that fails after the indexes were dropped leaves the archive and its indexes as before', async () => {
    const s = freshArchive();
    const first = await importFile(s.archive.db, exportFile(50), { timeZone: TZ, open: readerOpener });
    expect(first.status).toBe('done');
    const before = { schema: schema(s.archive), counts: counts(s.archive), contents: contents(s.archive) };
    let batches = 0;
    const r = await importFile(s.archive.db, exportFile(600), {
      timeZone: TZ,
      open: readerOpener,
      chunkRows: 500,
      deferIndexes: true,
      // Cancelled half-way: the indexes are dropped and rows written by then.
      isCancelled: () => ++batches > 3,
    });
    expect(r.status).toBe('cancelled');
    expect(schema(s.archive)).toEqual(before.schema);
    expect(counts(s.archive)).toEqual(before.counts);
    expect(contents(s.archive)).toEqual(before.contents);
    s.archive.close();
  });

  it('is chosen for a large file into a small archive only', () => {
    const s = freshArchive();
    expect(shouldDeferIndexes(s.archive.db, DEFER_MIN_BYTES - 1)).toBe(false);
    expect(shouldDeferIndexes(s.archive.db, DEFER_MIN_BYTES)).toBe(true);
    s.archive.close();
  });
});
