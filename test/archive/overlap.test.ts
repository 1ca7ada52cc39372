// Re-import, overlapping exports, re-delivery and calls cut across files: the
// archive ends up exactly as if each call had been imported once, complete,
// and every stored row is accounted for (used, or kept with a reason).
import { afterEach, describe, expect, it } from 'vitest';
import { callContractJson } from '../../src/main/api/call-doc';
import { importFiles } from '../../src/main/import/run-import';
import type { Archive } from '../../src/main/store/archive';
import { verifyArchive } from '../../src/main/store/verify';
import { csv, inboundRows, manyCalls, writeFile, type SimpleCall } from './fixtures';
import { counts, freshArchive, textFinder, TZ } from './helpers';
import { bundledWorkerEntry } from '../common/worker-entry';

const opened: Archive[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

function archive() {
  const s = freshArchive();
  opened.push(s.archive);
  return s;
}

function callJson(a: Archive): Map<string, string> {
  const ids = a.db.prepare('SELECT call_id FROM calls ORDER BY call_id').pluck().all() as string[];
  return new Map(ids.map((id) => [id, callContractJson(a.db, id)!.json]));
}

/** The archive built from one complete file of these rows: the reference. */
async function reference(rows: string[]): Promise<Map<string, string>> {
  const s = archive();
  const [r] = await importFiles(s.archive, [writeFile(s.dir, 'all.csv', csv(rows))], { timeZone: TZ, inProcess: true });
  expect(r?.status).toBe('done');
  return callJson(s.archive);
}

function statusOf(a: Archive, importId: number) {
  return a.db.prepare('SELECT status, reason FROM raw_rows WHERE import_id = ? ORDER BY id').all(importId) as {
    status: string;
    reason: string | null;
  }[];
}

describe('re-import and overlap', () => {
  it('the same file again is a no-op that says so', async () => {
    const s = archive();
    const f = writeFile(s.dir, 'a.csv', csv(manyCalls(25).flatMap(inboundRows)));
    const [first] = await importFiles(s.archive, [f], { timeZone: TZ, inProcess: true });
    const before = counts(s.archive);
    const copy = writeFile(s.dir, 'renamed-copy.csv', csv(manyCalls(25).flatMap(inboundRows)));
    const [again, copied] = await importFiles(s.archive, [f, copy], { timeZone: TZ, inProcess: true });
    expect(again?.status).toBe('duplicate');
    expect(again?.message).toMatch(new RegExp(`already imported as import #${first!.id} \\(a\\.csv\\) on \\d{4}-`));
    expect(copied?.status).toBe('duplicate');
    expect(again?.message).not.toMatch(/read in/);
    expect(counts(s.archive)).toEqual(before);
  });

  it('the same file again in another time zone says the first zone stays (a user correcting the zone)', async () => {
    const s = archive();
    const f = writeFile(s.dir, 'a.csv', csv(manyCalls(3).flatMap(inboundRows)));
    await importFiles(s.archive, [f], { timeZone: TZ, inProcess: true });
    const before = counts(s.archive);
    const [again] = await importFiles(s.archive, [f], { timeZone: 'UTC', inProcess: true });
    expect(again?.status).toBe('duplicate');
    expect(again?.message).toMatch(
      /; its local times were read in Europe\/Copenhagen, not in UTC as asked now, and stay so; nothing to do$/,
    );
    expect(counts(s.archive)).toEqual(before);
  });

  it('an export overlapping an earlier one neither duplicates nor loses calls', async () => {
    const calls = manyCalls(50);
    const expected = await reference(calls.flatMap(inboundRows));
    const s = archive();
    const a = writeFile(s.dir, 'jan.csv', csv(calls.slice(0, 30).flatMap(inboundRows)));
    const b = writeFile(s.dir, 'jan-feb.csv', csv(calls.slice(20).flatMap(inboundRows)));
    const [ra, rb] = await importFiles(s.archive, [a, b], { timeZone: TZ, inProcess: true });
    expect(ra?.status).toBe('done');
    expect(rb?.status).toBe('done');
    expect(callJson(s.archive)).toEqual(expected);
    // The 10 overlapping calls' rows are stored twice: one copy used, the other kept as a duplicate.
    const overlapRows = calls.slice(20, 30).flatMap(inboundRows).length;
    const c = counts(s.archive);
    expect(c.raw).toBe(calls.flatMap(inboundRows).length + overlapRows);
    const kept = s.archive.db.prepare("SELECT reason FROM raw_rows WHERE status = 'kept'").pluck().all() as string[];
    expect(kept).toHaveLength(overlapRows);
    for (const reason of kept) expect(reason).toMatch(/duplicate/);
    expect(verifyArchive(s.archive.db).ok).toBe(true);
  });

  it('a re-delivery with more rows replaces the older delivery, in either import order', async () => {
    const base: SimpleCall = {
      callId: '9001',
      start: '2026-03-10 10:00:00.000',
      caller: '+4531313131',
      agent: 'a101',
      queue: 'support',
      waitSec: 20,
      speakSec: 60,
      recBase: 500,
      updated: '2026-03-10 10:05:00.000',
    };
    const first = inboundRows(base);
    const second = inboundRows({ ...base, recBase: 900, updated: '2026-03-10 12:00:00.000', speakSec: 60 });
    // The platform re-inserted all rows of the call with one more: a message played after the conversation.
    second.push(
      [
        '9001',
        '900101',
        5,
        'm',
        '2026-03-10 10:01:30.000',
        4,
        '',
        '',
        '',
        '',
        'k',
        '',
        '',
        '',
        'Survey',
        905,
        '2026-03-10 12:00:00.000',
      ].join(','),
    );
    const expected = await reference(second);
    for (const order of ['old-first', 'new-first'] as const) {
      const s = archive();
      const fOld = writeFile(s.dir, 'morning.csv', csv(first));
      const fNew = writeFile(s.dir, 'noon.csv', csv(second));
      const files = order === 'old-first' ? [fOld, fNew] : [fNew, fOld];
      const recs = await importFiles(s.archive, files, { timeZone: TZ, inProcess: true });
      expect(recs.map((r) => r.status)).toEqual(['done', 'done']);
      expect(callJson(s.archive)).toEqual(expected);
      const oldId = recs[order === 'old-first' ? 0 : 1]!.id;
      const newId = recs[order === 'old-first' ? 1 : 0]!.id;
      for (const r of statusOf(s.archive, oldId)) {
        expect(r.status).toBe('kept');
        expect(r.reason).toMatch(/supersed|duplicate/);
      }
      for (const r of statusOf(s.archive, newId)) expect(r.status).toBe('used');
      expect(verifyArchive(s.archive.db).ok).toBe(true);
      // One free-text entry, with the text of the newer delivery (its 'Survey' menu).
      const fts = textFinder(s.archive.db);
      const id = s.archive.db.prepare("SELECT id FROM calls WHERE call_id = '9001'").pluck().get();
      expect(fts.all('"9001"')).toEqual([id]);
      expect(fts.all('"Survey"')).toEqual([id]);
    }
  });

  it('a call cut across two files is derived again from all its rows', async () => {
    const calls = manyCalls(12, 3000).filter((c) => c.agent);
    const rows = calls.map(inboundRows);
    const expected = await reference(rows.flat());
    const s = archive();
    const head = writeFile(s.dir, 'part1.csv', csv(rows.flatMap((r) => r.slice(0, 2))));
    const tail = writeFile(s.dir, 'part2.csv', csv(rows.flatMap((r) => r.slice(2))));
    const [r1, r2] = await importFiles(s.archive, [head, tail], { timeZone: TZ, inProcess: true });
    expect(r1?.status).toBe('done');
    expect(r2?.status).toBe('done');
    expect(r2?.callsDerived).toBe(calls.length);
    expect(callJson(s.archive)).toEqual(expected);
    const kept = s.archive.db.prepare("SELECT count(*) FROM raw_rows WHERE status = 'kept'").pluck().get();
    expect(kept).toBe(0);
    // Each event's sources point at rows of either file.
    const files = s.archive.db
      .prepare('SELECT DISTINCT r.import_id FROM events e, json_each(e.source_ids) j JOIN raw_rows r ON r.id = j.value')
      .pluck()
      .all();
    expect(new Set(files)).toEqual(new Set([r1!.id, r2!.id]));
  });

  it('cancel mid-import leaves the archive as before', async () => {
    const s = archive();
    const seed = writeFile(s.dir, 'seed.csv', csv(manyCalls(10).flatMap(inboundRows)));
    await importFiles(s.archive, [seed], { timeZone: TZ, inProcess: true });
    const before = counts(s.archive);
    const big = writeFile(s.dir, 'big.csv', csv(manyCalls(30_000, 100_000).flatMap(inboundRows)));
    const abort = new AbortController();
    let rowsAtCancel = 0;
    const [r] = await importFiles(s.archive, [big], {
      timeZone: TZ,
      // The import thread and its derive workers from the bundled entry: the cancel is tested, not tsx's start.
      worker: bundledWorkerEntry(),
      signal: abort.signal,
      chunkRows: 2000,
      onProgress: (p) => {
        if (p.rows > 0 && !abort.signal.aborted) {
          rowsAtCancel = p.rows;
          abort.abort();
        }
      },
    });
    expect(rowsAtCancel).toBeGreaterThan(0);
    expect(r?.status).toBe('cancelled');
    expect(r?.message).toMatch(/cancelled; the archive is unchanged/);
    expect(counts(s.archive)).toEqual(before);
  });
});
