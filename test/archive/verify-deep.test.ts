// #11 item 3: `verify --deep` derives every call again from its stored rows and finds an edited
// calls column, an edited event and an edited contract, each with call id and field.
import { describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { deepVerify, jsonDifferences } from '../../src/main/verify/deep-verify';
import { verifyArchive } from '../../src/main/store/verify';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { freshArchive, TZ } from './helpers';
import { callOutcomeCode } from '../../src/main/store/coded-columns';

async function archiveWithCalls(n: number) {
  const s = freshArchive();
  const file = writeFile(s.dir, 'calls.csv', csv(manyCalls(n).flatMap(inboundRows)));
  expect((await importFile(s.archive.db, file, { timeZone: TZ, open: readerOpener })).status).toBe('done');
  return { ...s, api: new SqliteArchiveApi(s.archive) };
}

describe('verify --deep', () => {
  it('an untouched archive: every call derived again, no difference, progress to the end', async () => {
    const s = await archiveWithCalls(30);
    const seen: number[] = [];
    const r = await deepVerify(s.archive.db, s.api, { batch: 7, onProgress: (p) => seen.push(p.done) });
    expect(r).toMatchObject({ ok: true, calls: 30, differences: [] });
    expect(seen.at(-1)).toBe(30);
    expect(seen.length).toBeGreaterThan(3);
  });

  it('finds calls.outcome, an event and the contract edited in the database (plain verify does not)', async () => {
    const s = await archiveWithCalls(10);
    const db = s.archive.db;
    const [a, b, c] = db.prepare('SELECT id, call_id FROM calls ORDER BY id LIMIT 3').all() as {
      id: number;
      call_id: string;
    }[];
    db.prepare(`UPDATE calls SET call_outcome_code = ${callOutcomeCode('abandoned')} WHERE id = ?`).run(a!.id);
    db.prepare('UPDATE event_rows SET dur_ms = dur_ms + 60000 WHERE call = ? AND seq = 1').run(b!.id);
    // Schema 3 builds a call's contract on read from its rows: an edit can only reach the calls row.
    const caller = db.prepare('SELECT caller_number FROM calls WHERE id = ?').pluck().get(c!.id);
    db.prepare("UPDATE calls SET caller_number = '+4500000000' WHERE id = ?").run(c!.id);

    expect(verifyArchive(db).ok).toBe(true); // the stored rows are untouched: the plain verify passes
    const r = await deepVerify(db, s.api);
    expect(r.ok).toBe(false);
    const stored = db.prepare('SELECT outcome FROM calls WHERE id = ?').pluck().get(a!.id);
    expect(r.differences).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^call ${a!.call_id}: calls\\.outcome: stored "${stored}", derived "(?!abandoned)`),
        ),
        // An event stores its length (dur_ms): its end [3] and its duration [4] are both read from it.
        expect.stringMatching(
          new RegExp(`^call ${b!.call_id}: events table \\[1\\]\\[3\\]: stored \\d+, derived \\d+$`),
        ),
        expect.stringMatching(
          new RegExp(`^call ${b!.call_id}: events table \\[1\\]\\[4\\]: stored [\\d.]+, derived [\\d.]+$`),
        ),
        `call ${c!.call_id}: calls.caller_number: stored "+4500000000", derived ${JSON.stringify(caller)}`,
      ]),
    );
    expect(r.differences).toHaveLength(4);
  });

  it('finds a call whose free-text names were changed or dropped (call_name_sets, text-names.ts)', async () => {
    const s = await archiveWithCalls(10);
    const db = s.archive.db;
    const [a, b] = db
      .prepare('SELECT c.id, c.call_id FROM calls c JOIN call_name_sets n ON n.call = c.id ORDER BY c.id LIMIT 2')
      .all() as { id: number; call_id: string }[];
    db.prepare('DELETE FROM call_name_sets WHERE call = ?').run(a!.id);
    db.prepare("INSERT INTO text_names (name) VALUES ('Not a menu of this call')").run();
    db.prepare("INSERT INTO text_name_sets (names) VALUES ('-1')").run();
    db.prepare(
      "INSERT INTO text_name_set_names (name, name_set) SELECT (SELECT id FROM text_names WHERE name = 'Not a menu of this call'), id FROM text_name_sets WHERE names = '-1'",
    ).run();
    db.prepare(
      "UPDATE call_name_sets SET name_set = (SELECT id FROM text_name_sets WHERE names = '-1') WHERE call = ?",
    ).run(b!.id);
    const r = await deepVerify(db, s.api);
    expect(r.ok).toBe(false);
    expect(r.differences).toEqual([
      expect.stringMatching(new RegExp(`^call ${a!.call_id}: free-text names `)),
      expect.stringMatching(new RegExp(`^call ${b!.call_id}: free-text names .*Not a menu of this call`)),
    ]);
  });

  it('runs from the API (the app button): verify.startDeep, then verify.progress until done', async () => {
    const s = await archiveWithCalls(12);
    s.archive.db.prepare(`UPDATE calls SET call_outcome_code = ${callOutcomeCode('abandoned')} WHERE id = 1`).run();
    const { jobId } = await s.api.verify.startDeep();
    let p = await s.api.verify.progress(jobId);
    for (let i = 0; i < 100 && p.state === 'running'; i++) {
      await new Promise((r) => setImmediate(r));
      p = await s.api.verify.progress(jobId);
    }
    expect(p).toMatchObject({ state: 'done', done: 12, total: 12, moreDifferences: 0, error: null });
    expect(p.differences).toHaveLength(1);
    expect(p.differences[0]).toMatch(/calls\.outcome: stored "abandoned"/);
    await expect(s.api.verify.progress('nope')).rejects.toThrow(/no verification job nope/);
  });

  it('jsonDifferences names nested fields', () => {
    expect(jsonDifferences({ a: 1, e: [{ x: 1 }, { x: 2 }] }, { a: 1, e: [{ x: 1 }, { x: 3 }] })).toEqual([
      'e[1].x: stored 2, derived 3',
    ]);
  });
});
