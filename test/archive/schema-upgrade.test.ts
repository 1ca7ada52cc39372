// Archives written by an older Callscope: upgraded when opened for writing,
// readable as they are when opened read-only (an auditor's copy on read-only
// media) as long as the newer migrations only add to the schema.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { OLDEST_READABLE_SCHEMA, SCHEMA_VERSION } from '../../src/main/store/schema';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { freshArchive, TZ } from './helpers';

const opened: Archive[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) a.close();
});

/** An archive with calls, taken back to schema v1 (without what v2 added). */
async function v1Archive(): Promise<{ path: string; total: number }> {
  const s = freshArchive();
  const file = writeFile(s.dir, 'calls.csv', csv(manyCalls(12, 0).flatMap(inboundRows)));
  s.archive.close();
  const [r] = await importFiles(s.path, [file], { timeZone: TZ, inProcess: true });
  expect(r!.status).toBe('done');
  const a = openArchive(s.path);
  a.db.exec(
    'ALTER TABLE imports DROP COLUMN format_why; ALTER TABLE imports DROP COLUMN unknown_names; DROP TABLE platform_links',
  );
  // And what the review migration (#15) added.
  a.db.exec(`DROP TABLE erased_imports; DROP TABLE erased_rows; DROP TABLE erasures; DROP TABLE action_log;
    DROP TABLE review_status; DROP TABLE review_call_tags; DROP TABLE review_tags;
    DROP TABLE review_note_versions; DROP TABLE review_notes;`);
  a.db.pragma('user_version = 1');
  const total = (await new SqliteArchiveApi(a).calls.search({})).total;
  a.close();
  return { path: s.path, total };
}

describe('archives of an older schema', () => {
  it('a v1 archive opened read-only is read as it is, without an upgrade', async () => {
    expect(OLDEST_READABLE_SCHEMA).toBeLessThanOrEqual(1);
    const { path, total } = await v1Archive();
    const ro = openArchive(path, { readonly: true });
    opened.push(ro);
    expect(ro.db.pragma('user_version', { simple: true })).toBe(1);
    const api = new SqliteArchiveApi(ro);
    expect((await api.calls.search({})).total).toBe(total);
    const [record] = await api.imports.list();
    expect(record!.rowsRead).toBeGreaterThan(0);
    expect(record!.unknownNames ?? []).toEqual([]);
  });

  it('a v1 archive opened for writing is upgraded to the current schema', async () => {
    const { path, total } = await v1Archive();
    const rw = openArchive(path);
    opened.push(rw);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect((await new SqliteArchiveApi(rw).calls.search({})).total).toBe(total);
  });
});
