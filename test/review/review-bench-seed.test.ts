// The search bench's review work (#15): seeded once per archive (a second run finds it and
// writes nothing), what the bench's review queries filter by, and one `bench` entry that
// keeps the action log's hash chain intact.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { BENCH_TAGS, seedReviewWork } from '../../src/main/bench/review-seed';
import { importFiles } from '../../src/main/import/run-import';
import { verifyActionLog } from '../../src/main/review/action-log';
import type { Archive } from '../../src/main/store/archive';
import { csv, inboundRows, manyCalls, writeFile } from '../archive/fixtures';
import { freshArchive, TZ } from '../archive/helpers';

const opened: Archive[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) a.close();
});

describe('review work seeded for the search bench', () => {
  it('tags every 40th call, statuses every 9th / 53rd, notes every 300th; once', async () => {
    const s = freshArchive();
    opened.push(s.archive);
    const file = writeFile(s.dir, 'calls.csv', csv(manyCalls(700).flatMap(inboundRows)));
    await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
    const db = s.archive.db;
    const ids = db.prepare('SELECT id FROM calls').pluck().all() as number[];
    const every = (n: number) => ids.filter((id) => id % n === 0).length;

    const first = seedReviewWork(db);
    expect(first).toEqual({
      seeded: true,
      tagged: every(40),
      statuses: ids.filter((id) => id % 9 === 0 || id % 53 === 0).length,
      notes: every(300),
    });
    expect(first.tagged).toBeGreaterThan(10);
    const again = seedReviewWork(db);
    expect(again).toEqual({ ...first, seeded: false });

    const api = new SqliteArchiveApi(s.archive);
    expect((await api.calls.search({ statuses: ['flagged'], limit: 1 })).total).toBe(every(53));
    expect((await api.calls.search({ hasNotes: true, limit: 1 })).total).toBe(every(300));
    const tags = await api.review.tags();
    expect(tags.map((t) => t.name).sort()).toEqual([...BENCH_TAGS].sort());
    expect(tags.reduce((n, t) => n + t.calls, 0)).toBeGreaterThanOrEqual(first.tagged);
    const chain = verifyActionLog(db);
    expect(chain.problems).toEqual([]);
    const bench = db.prepare("SELECT count(*) FROM action_log WHERE action = 'bench'").pluck().get();
    expect(bench).toBe(1);
  });
});
