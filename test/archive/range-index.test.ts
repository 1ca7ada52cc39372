// The range filters' covering index (schema.ts V_RANGE_COVERING_INDEX, issue 18): counts and
// type × outcome facets under a duration / wait / speaking-time / callback-attempts filter read
// the index alone instead of every call's row. New archives have it, older ones get it on
// upgrade, and the planner takes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallFacets } from '../../src/main/api/call-facets';
import { CallSearcher } from '../../src/main/api/call-search';
import { callSearchSchema } from '../../src/shared/api/schemas';
import { buildWhere } from '../../src/main/api/search-sql';
import { importFiles } from '../../src/main/import/run-import';
import type { Archive } from '../../src/main/store/archive';
import { FILTER_INDEX_COLUMNS, migrate, SCHEMA_VERSION } from '../../src/main/store/schema';
import { csv, inboundRows, manyCalls, writeFile } from './fixtures';
import { freshArchive, TZ } from './helpers';

let archive: Archive;

beforeAll(async () => {
  const s = freshArchive();
  archive = s.archive;
  const file = writeFile(s.dir, 'a.csv', csv(manyCalls(150).flatMap(inboundRows)));
  expect((await importFiles(archive, [file], { timeZone: TZ })).map((r) => r.status)).toEqual(['done']);
});
afterAll(() => archive.close());

const columns = () =>
  (
    archive.db.prepare("SELECT name FROM pragma_index_info('calls_type_outcome_start') ORDER BY seqno").all() as {
      name: string;
    }[]
  ).map((c) => c.name);
const facetsOf = (q: object) =>
  new CallFacets(archive.db, new CallSearcher(archive.db)).facets(callSearchSchema.parse(q));

/**
 * The filters the index must answer alone, as the search builds them (buildWhere): every range,
 * types, outcomes and a time range. Forced onto the index, the plan must say COVERING: no row of
 * calls is read. (Which index the planner picks depends on the archive's size and statistics: on
 * this fixture's 150 calls a seek can win; the bench shows the choice at 200,000 and 1,000,000.)
 */
const FILTERS = [
  { durationSec: { min: 0, max: 598 } },
  { waitTimeSec: { min: 0 } },
  { speakTimeSec: { min: 10 }, callbackAttempts: { min: 1, max: 3 } },
  { types: ['inbound' as const], outcomes: ['answered' as const], durationSec: { min: 30 } },
  { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', waitTimeSec: { min: 5, max: 60 } },
];
const coveredPlan = (q: object, select: string) => {
  const where = buildWhere(callSearchSchema.parse(q));
  const sql = `SELECT ${select} FROM calls c INDEXED BY calls_type_outcome_start WHERE ${where.sql}`;
  return (archive.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...where.params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
};
const covered = () => {
  for (const q of FILTERS) {
    expect(coveredPlan(q, 'count(*)')).toContain('COVERING INDEX calls_type_outcome_start');
    expect(coveredPlan(q, 'c.type, c.outcome, count(*)')).toContain('COVERING INDEX calls_type_outcome_start');
  }
};

describe('the range filters covering index', () => {
  it('is on a new archive, with every range column', () => {
    expect(columns()).toEqual(FILTER_INDEX_COLUMNS.split(', '));
  });

  it('answers counts and type × outcome facets of range filters alone (no row of calls)', covered);

  it('an archive of the previous schema gets it on upgrade, with the same facets', () => {
    const q = { durationSec: { min: 30, max: 500 }, waitTimeSec: { min: 5 } };
    const before = facetsOf(q);
    archive.db.exec(
      'DROP INDEX calls_type_outcome_start; CREATE INDEX calls_type_outcome_start ON calls(type, outcome, start_ms)',
    );
    archive.db.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    expect(columns()).toEqual(['type', 'outcome', 'start_ms']);
    // The old index reads every call's row for a range (what the migration is for).
    expect(coveredPlan(FILTERS[0] ?? {}, 'count(*)')).not.toContain('COVERING');
    const progress: number[][] = [];
    migrate(archive.db, (p) => progress.push([p.done, p.total]));
    expect(archive.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(columns()).toEqual(FILTER_INDEX_COLUMNS.split(', '));
    expect(progress).toEqual([
      [0, 150],
      [150, 150],
    ]);
    expect(facetsOf(q)).toEqual(before);
    covered();
  });
});
