// The range filters' covering indexes (schema.ts V_RANGE_COVERING_INDEXES, issue 18): counts and
// type × outcome facets under a duration / wait / speaking-time / callback-attempts filter, and a
// walk of the start order testing those filters, read an index alone instead of every call's row.
// New archives have them, older ones get them on upgrade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallFacets } from '../../src/main/api/call-facets';
import { CallSearcher } from '../../src/main/api/call-search';
import { buildWhere } from '../../src/main/api/search-sql';
import { callSearchSchema } from '../../src/shared/api/schemas';
import type { Archive } from '../../src/main/store/archive';
import { migrate, RANGE_COVERING_VERSION, SCHEMA_VERSION } from '../../src/main/store/schema';
// Since CALL_CODES_VERSION the indexes hold the type and outcome codes (call-codes.ts).
import { START_CODES, TYPE_OUTCOME_START_CODES } from '../../src/main/store/call-codes';
import { callOutcomeText, callTypeText } from '../../src/main/store/coded-columns';
import { archiveOfInboundCalls } from './helpers';

let archive: Archive;

beforeAll(async () => {
  archive = (await archiveOfInboundCalls(150)).archive;
});
afterAll(() => archive.close());

const columns = (index: string) =>
  (
    archive.db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(index) as {
      name: string | null;
    }[]
  ).map((c) => c.name);
const indexExists = (name: string) =>
  archive.db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?").pluck().get(name) === 1;
const facetsOf = (q: object) =>
  new CallFacets(archive.db, new CallSearcher(archive.db)).facets(callSearchSchema.parse(q));

/**
 * The filters the indexes must answer alone, as the search builds them (buildWhere): every range,
 * types, outcomes, a time range. Forced onto the index, the plan must say COVERING: no row of calls
 * is read. (Which index the planner picks depends on the archive's size and statistics: on this
 * fixture's 150 calls a seek can win; the random search bench shows the choice at scale.)
 */
const FILTERS = [
  { durationSec: { min: 0, max: 598 } },
  { waitTimeSec: { min: 0 } },
  { speakTimeSec: { min: 10 }, callbackAttempts: { min: 1, max: 3 } },
  { types: ['inbound' as const], outcomes: ['answered' as const], durationSec: { min: 30 } },
  { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', waitTimeSec: { min: 5, max: 60 } },
];
const planOf = (q: object, sql: (where: string) => string) => {
  const where = buildWhere(callSearchSchema.parse(q));
  return (archive.db.prepare(`EXPLAIN QUERY PLAN ${sql(where.sql)}`).all(...where.params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
};
const QUERIES: [index: string, sql: (where: string) => string][] = [
  ['calls_type_outcome_start', (w) => `SELECT count(*) FROM calls c INDEXED BY calls_type_outcome_start WHERE ${w}`],
  [
    'calls_type_outcome_start',
    (w) =>
      `SELECT ${callTypeText('c')}, ${callOutcomeText('c')}, count(*) FROM calls c INDEXED BY calls_type_outcome_start ` +
      `WHERE ${w} GROUP BY c.call_type_code, c.call_outcome_code`,
  ],
  // The walk of the list's default order: the filters are tested on the index's entries.
  [
    'calls_start',
    (w) => `SELECT c.id FROM calls c INDEXED BY calls_start WHERE ${w} ORDER BY c.start_ms DESC, c.id DESC LIMIT 100`,
  ],
];
const covered = () => {
  for (const q of FILTERS)
    for (const [index, sql] of QUERIES) expect(planOf(q, sql)).toContain(`COVERING INDEX ${index}`);
};

describe('the range filters covering indexes', () => {
  it('are on a new archive, with every filter column (and calls_start_type_outcome is gone)', () => {
    expect(columns('calls_type_outcome_start')).toEqual(TYPE_OUTCOME_START_CODES.split(', '));
    expect(columns('calls_start')).toEqual(START_CODES.split(', '));
    expect(indexExists('calls_start_type_outcome')).toBe(false);
  });

  it('answer counts, type × outcome facets and walks of the start order alone (no row of calls)', covered);

  it('an archive of the previous schema gets them on upgrade, with the same facets', () => {
    const q = { durationSec: { min: 30, max: 500 }, waitTimeSec: { min: 5 }, from: '2026-01-01T00:00:00Z' };
    const before = facetsOf(q);
    archive.db
      .exec(`DROP INDEX calls_type_outcome_start; CREATE INDEX calls_type_outcome_start ON calls(type, outcome, start_ms);
      DROP INDEX calls_start; CREATE INDEX calls_start ON calls(start_ms, id);
      CREATE INDEX calls_start_type_outcome ON calls(start_ms, type, outcome);`);
    archive.db.pragma(`user_version = ${RANGE_COVERING_VERSION - 1}`);
    // The old indexes read every call's row for a range (what the migration is for).
    for (const [, sql] of QUERIES) expect(planOf(FILTERS[0] ?? {}, sql)).not.toContain('COVERING');
    const progress: number[][] = [];
    migrate(archive.db, (p) => p.toVersion === RANGE_COVERING_VERSION && progress.push([p.done, p.total]));
    expect(archive.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(columns('calls_type_outcome_start')).toEqual(TYPE_OUTCOME_START_CODES.split(', '));
    expect(indexExists('calls_start_type_outcome')).toBe(false);
    expect(progress).toEqual([
      [0, 150],
      [150, 150],
    ]);
    expect(facetsOf(q)).toEqual(before);
    covered();
  });
});
