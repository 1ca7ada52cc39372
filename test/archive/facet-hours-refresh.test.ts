// The facet counts after an import that touched a few hours are counted again for those hours only
// (refreshFacetHours), and must equal a full count of every call (refreshFacetCache): after a real
// import of new calls and re-delivered ones, and after seeded random writes to calls and links.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fewHoursTouched, refreshArchiveCaches } from '../../src/main/import/archive-caches';
import { importFiles } from '../../src/main/import/run-import';
import { refreshFacetCache, refreshFacetHours } from '../../src/main/store/facet-cache';
import type { Db } from '../../src/main/store/native';
import { Rng } from '../../src/shared/simulator/prng';
import { freshArchive, TZ } from './helpers';
import { csv, inboundRows, manyCalls, writeFile, type SimpleCall } from './fixtures';

interface Counts {
  cache: unknown[];
  hours: unknown[];
}

const countsOf = (db: Db): Counts => ({
  cache: db.prepare('SELECT facet, value, count FROM facet_cache ORDER BY 1, 2').raw().all(),
  hours: db.prepare('SELECT facet, hour, value, count FROM facet_hours ORDER BY 1, 2, 3').raw().all(),
});

/** What a full count of every call gives (computed in a savepoint, then undone). */
function fullCount(db: Db): Counts {
  db.exec('SAVEPOINT full_count');
  try {
    refreshFacetCache(db);
    return countsOf(db);
  } finally {
    db.exec('ROLLBACK TO full_count; RELEASE full_count');
  }
}

/** A row no count writes, in an hour no call has: it survives exactly when the hours were counted one by one. */
const MARK = "INSERT INTO facet_hours (facet, hour, value, count) VALUES ('_test_marker', 1, '', 1)";
const marked = (db: Db): boolean =>
  db.prepare("SELECT 1 FROM facet_hours WHERE facet = '_test_marker'").get() !== undefined;
const unmark = (db: Db): void =>
  void db.exec(
    "DELETE FROM facet_hours WHERE facet = '_test_marker'; DELETE FROM facet_cache WHERE facet = '_test_marker'",
  );

let s: ReturnType<typeof freshArchive>;
const importCsv = async (name: string, calls: SimpleCall[]): Promise<void> => {
  const file = writeFile(s.dir, name, csv(calls.flatMap(inboundRows)));
  const [record] = await importFiles(s.archive, [file], { timeZone: TZ, inProcess: true });
  expect(record?.status).toBe('done');
};

beforeEach(async () => {
  s = freshArchive();
  // 400 calls over 45 hours (5 days, 08:00–16:59).
  await importCsv('week.csv', manyCalls(400));
});
afterEach(() => s.archive.close());

describe('facet counts of the touched hours', () => {
  it('an import of a new day and of re-delivered calls: only their hours counted again, equal to a full count', async () => {
    const db = s.archive.db;
    db.exec(MARK);
    const old = manyCalls(400);
    const redelivered = [old[7], old[123], old[301]].map((c, i): SimpleCall => ({
      ...(c as SimpleCall),
      agent: 'a109',
      queue: `overflow-${i}`,
      recBase: 9_000_000 + i * 10,
      updated: '2026-03-20 12:00:00.000',
    }));
    const newDay = manyCalls(3, 5000).map((c, i) => ({ ...c, start: `2026-03-09 1${i}:15:00.000` }));
    await importCsv('next-day.csv', [...newDay, ...redelivered]);
    expect(marked(db)).toBe(true);
    unmark(db);
    const counts = countsOf(db);
    expect(counts).toEqual(fullCount(db));
    expect(counts.cache).toContainEqual(['queue', 'overflow-1', 1]);
    expect(counts.cache).toContainEqual(['_total', '', 403]);
  });

  it('an archive whose hours no full count of this form built is counted in full once', async () => {
    const db = s.archive.db;
    db.exec(`${MARK}; DELETE FROM meta WHERE key = 'facet_hours_form'`);
    await importCsv('next-day.csv', manyCalls(2, 5000));
    expect(marked(db)).toBe(false);
    expect(countsOf(db)).toEqual(fullCount(db));
  });

  it('seeded random writes to calls and links: the touched hours counted again equal a full count', () => {
    const db = s.archive.db;
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = new Rng(seed);
      db.exec('BEGIN');
      const ids = db.prepare('SELECT id FROM calls ORDER BY id').pluck().all() as number[];
      const pick = (): number => ids[rng.int(0, ids.length - 1)] as number;
      for (let i = 0; i < 6; i++) {
        const id = pick();
        switch (rng.int(0, 4)) {
          case 0: // another outcome
            db.prepare('UPDATE calls SET call_outcome_code = (call_outcome_code + 1) % 3 WHERE id = ?').run(id);
            break;
          case 1: // another hour (a later delivery moved its start): both hours are touched
            db.prepare('UPDATE calls SET start_ms = start_ms + 3600000 * 30 WHERE id = ?').run(id);
            db.prepare('UPDATE call_queue_rows SET start_ms = start_ms + 3600000 * 30 WHERE call = ?').run(id);
            db.prepare('UPDATE call_agent_rows SET start_ms = start_ms + 3600000 * 30 WHERE call = ?').run(id);
            break;
          case 3: // another caller (a write of the call names every column, as the import's does)
            db.prepare("UPDATE calls SET caller_number = '+4599' || id, queue = queue WHERE id = ?").run(id);
            break;
          case 2: // the call's agents gone
            db.prepare('DELETE FROM call_agent_rows WHERE call = ?').run(id);
            break;
          default: // the call gone, with its links
            db.prepare('DELETE FROM calls WHERE id = ?').run(id);
        }
      }
      db.exec(MARK);
      expect(refreshArchiveCaches(db, 1)).toBe('hours');
      expect(marked(db)).toBe(true);
      unmark(db);
      expect(countsOf(db)).toEqual(fullCount(db));
      db.exec('ROLLBACK');
    }
  });

  it('counted in chunks of a few calls, with few hours held in memory: the same counts', () => {
    const db = s.archive.db;
    const tiny = { callsPerChunk: 7, hoursHeld: 2 };
    const whole = countsOf(db);
    db.exec('BEGIN');
    refreshFacetCache(db, tiny);
    expect(countsOf(db)).toEqual(whole);
    const hours = db.prepare("SELECT DISTINCT hour FROM facet_hours WHERE facet = '_total'").pluck().all() as number[];
    refreshFacetHours(db, [[hours[3] as number, (hours[20] as number) + 1]], tiny);
    expect(countsOf(db)).toEqual(whole);
    db.exec('ROLLBACK');
  });

  it('heuristic "few hours touched": fewer than half of the hours that hold calls', () => {
    expect(fewHoursTouched(0, 10)).toBe(true);
    expect(fewHoursTouched(4, 10)).toBe(true);
    expect(fewHoursTouched(5, 10)).toBe(false);
    expect(fewHoursTouched(1, 0)).toBe(false);
  });
});
