// #11 item 9: two processes import the same file at the same moment. The second one's check for an
// earlier import ran before the first committed; once it holds the write lock it looks again and says
// "already imported (by another process just now)" instead of a raw UNIQUE constraint error.
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { sha256File } from '../../src/main/import/hash';
import { openArchive } from '../../src/main/store/archive';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { counts, freshArchive, TZ } from './helpers';

describe('the same file imported by two processes at once', () => {
  it('the second says "already imported (by another process just now)" and writes nothing', async () => {
    const s = freshArchive();
    const file = writeFile(s.dir, 'calls.csv', csv(manyCalls(3).flatMap(inboundRows)));
    const sha = await sha256File(file);
    const other = openArchive(s.path); // the other process's connection
    let raced = false;
    const second = await importFile(s.archive.db, file, {
      timeZone: TZ,
      open: readerOpener,
      // Called after this import's duplicate check, just before it takes the write lock: the other
      // process commits its import of the same file right then (its imports row is what counts).
      isCancelled: () => {
        if (!raced) {
          raced = true;
          other.db
            .prepare(
              `INSERT INTO imports (file_name, file_label, file_path, file_size, sha256, time_zone, format, started_at, finished_at, status, app_version)
               VALUES ('calls.csv', 'calls.csv', ?, 1, ?, ?, 'call-events-csv', '2026-01-01', '2026-01-01', 'done', 'other')`,
            )
            .run(file, sha, TZ);
        }
        return false;
      },
    });
    expect(raced).toBe(true);
    expect(second.status).toBe('duplicate');
    expect(second.message).toMatch(/^calls\.csv: already imported \(by another process just now\) as import #1/);
    expect(second.message).not.toMatch(/UNIQUE/);
    expect(counts(s.archive)).toMatchObject({ imports: 1, raw: 0, calls: 0 });
    expect(s.archive.db.inTransaction).toBe(false);
    other.close();
    s.archive.close();
  });
});
