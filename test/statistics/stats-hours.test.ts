// #12 speed: the statistics pre-aggregated per UTC hour (stats-hours.ts) give exactly the figures of
// the per-call SQL and of the pure module, for any parameters, grouping, whole-hour period and zone
// (property, seeded), however the calls came to be written (deliveries cut in time re-deliver calls,
// a companion file re-derives them), after an erasure, after calls are removed, and for an archive the
// migration upgrades. Where the hours cannot answer exactly (a half-hour zone, a threshold of 2.5 s,
// a write not yet refreshed) the per-call SQL answers instead; a period from 09:30 reads its first half
// hour from the calls.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { erase } from '../../src/main/review/erasure';
import { hourPlan, hoursCurrent } from '../../src/main/statistics/hourly-statistics';
import { sqlPeriod, sqlStatistics, statsSources } from '../../src/main/statistics/sqlite-statistics';
import { openArchive, type Archive } from '../../src/main/store/archive';
import type { Db } from '../../src/main/store/native';
import { SCHEMA_VERSION, STATS_HOURS_VERSION, schemaVersionOf } from '../../src/main/store/schema';
import {
  STATS_HOURS_TABLES,
  dirtyRanges,
  refreshStatsHours,
  statsHoursDifferences,
} from '../../src/main/store/stats-hours';
import {
  computeStatistics,
  GROUPINGS,
  SL_ABANDONS,
  type StatsCall,
  type StatsParameters,
} from '../../src/shared/statistics';
import { tempDir } from '../archive/fixtures';
import { linksAsText } from '../archive/helpers';
import { cutDeliveriesArchive, SIM_ZONE, statsCallsOf } from './simulated';
import { callOutcomeCode } from '../../src/main/store/coded-columns';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-22T00:00:00Z');
const SPAN_HOURS = 9 * 24;
/** Whole-hour zones (one with a daylight-saving change in the span, one a day behind) and two that are not. */
const ZONES = [
  'Europe/Copenhagen',
  'UTC',
  'America/New_York',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Australia/Adelaide',
];
const HALF_HOUR_ZONES = new Set(['Asia/Kolkata', 'Australia/Adelaide']);

const dir = tempDir();
let path: string;
let archive: Archive;

beforeAll(async () => {
  path = await cutDeliveriesArchive({ calls: 2000, days: 8, seed: 21 });
  archive = openArchive(path);
}, 180_000);
afterAll(() => archive?.close());

function statsCalls(a: Archive): StatsCall[] {
  const api = new SqliteArchiveApi(a);
  const list = statsCallsOf(a, api);
  api.close();
  return list;
}

/** A bound: mostly a whole hour (a date is), else any millisecond (the part outside whole hours reads the calls). */
const hourArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -24, max: SPAN_HOURS + 24 }).map((h) => START + h * HOUR) },
  { weight: 1, arbitrary: fc.integer({ min: START - 24 * HOUR, max: START + (SPAN_HOURS + 24) * HOUR }) },
);
const paramsArb: fc.Arbitrary<StatsParameters> = fc
  .record({
    slSeconds: fc.integer({ min: 0, max: 120 }),
    slAbandons: fc.constantFrom(...SL_ABANDONS),
    shortAbandonSeconds: fc.integer({ min: 0, max: 30 }),
    timeZone: fc.constantFrom(...ZONES),
    fromMs: fc.option(hourArb, { nil: null }),
    toMs: fc.option(hourArb, { nil: null }),
    by: fc.uniqueArray(fc.constantFrom(...GROUPINGS), { maxLength: 2 }),
    silentLimitPct: fc.integer({ min: 0, max: 20 }),
  })
  .map((p) => (p.fromMs !== null && p.toMs !== null && p.toMs < p.fromMs ? { ...p, toMs: p.fromMs } : p));

/** Runs the property; returns how many runs the hours answered the queue table / the outbound table. */
function hoursEqualCallsEqualPure(db: Db, calls: readonly StatsCall[], seed: number, numRuns: number) {
  const used = { queue: 0, outbound: 0, halfHourQueue: 0, edges: 0 };
  fc.assert(
    fc.property(paramsArb, (p) => {
      const sources = statsSources(db, p, sqlPeriod(db, p), 'auto');
      if (sources.queue) used.queue++;
      if (sources.outbound) used.outbound++;
      if (sources.queue?.edges.length) used.edges++;
      if (sources.queue && HALF_HOUR_ZONES.has(p.timeZone) && p.by.some((g) => !['queue', 'type'].includes(g)))
        used.halfHourQueue++;
      const fromHours = sqlStatistics(db, p, 'auto');
      expect(fromHours).toEqual(sqlStatistics(db, p, 'calls'));
      expect(fromHours).toEqual(computeStatistics(calls, p));
    }),
    { numRuns, seed },
  );
  return used;
}

describe('statistics per hour == per-call SQL == pure module (property, seeded)', () => {
  it('after deliveries that re-deliver and re-derive calls: the hours are current and equal a recompute', () => {
    const db = archive.db;
    expect(schemaVersionOf(db)).toBe(SCHEMA_VERSION);
    const redelivered = db
      .prepare("SELECT count(*) FROM raw_rows WHERE status = 'kept' AND reason LIKE '%newer%'")
      .pluck()
      .get() as number;
    expect(redelivered).toBeGreaterThan(0);
    expect(hoursCurrent(db)).toBe(true);
    expect(statsHoursDifferences(db)).toEqual([]);
    for (const table of STATS_HOURS_TABLES)
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBeGreaterThan(10);
  });

  it('any parameters, grouping, period and zone: equal figures; the hours answer where they can', async () => {
    const calls = statsCalls(archive);
    const used = hoursEqualCallsEqualPure(archive.db, calls, 31, 50);
    expect(used.queue).toBeGreaterThan(15);
    expect(used.outbound).toBeGreaterThan(10);
    expect(used.halfHourQueue).toBe(0);
    expect(used.edges).toBeGreaterThan(3);
  }, 120_000);

  it('the hours do not answer a half-hour zone or a fractional threshold; a bound inside an hour reads its part from the calls', () => {
    const db = archive.db;
    const base: StatsParameters = {
      slSeconds: 20,
      slAbandons: 'ignore',
      shortAbandonSeconds: 5,
      timeZone: 'Europe/Copenhagen',
      fromMs: START + 24 * HOUR,
      toMs: START + 72 * HOUR,
      by: ['queue', 'day'],
      silentLimitPct: 3,
    };
    const sources = (p: StatsParameters) => statsSources(db, p, sqlPeriod(db, p), 'auto');
    expect(sources(base).queue).not.toBeNull();
    expect(sources({ ...base, timeZone: 'Asia/Kolkata' }).queue).toBeNull();
    expect(sources({ ...base, timeZone: 'Asia/Kolkata' }).outbound).toBeNull();
    expect(sources({ ...base, timeZone: 'Asia/Kolkata', by: ['queue'] }).queue).not.toBeNull();
    // A bound inside an hour: the whole hours from the tables, the part outside them from the calls.
    const cut = sources({ ...base, fromMs: base.fromMs! + 30 * 60_000, toMs: base.toMs! + 1 });
    expect(cut.queue?.edges).toEqual([
      { fromMs: base.fromMs! + 30 * 60_000, toMs: base.fromMs! + HOUR, timeZone: base.timeZone },
      { fromMs: base.toMs!, toMs: base.toMs! + 1, timeZone: base.timeZone },
    ]);
    // A period inside one hour has no whole hour: the calls.
    expect(sources({ ...base, fromMs: base.fromMs! + 60_000, toMs: base.fromMs! + 120_000 }).queue).toBeNull();
    expect(sources({ ...base, slSeconds: 2.5 }).queue).toBeNull();
    expect(sources({ ...base, by: ['agent'] }).queue).toBeNull();
    expect(sources({ ...base, by: ['agent'] }).agents).not.toBeNull();
    // The per-call answer for each equals the pure one (the property covers the rest).
    const adelaide = { ...base, timeZone: 'Australia/Adelaide' };
    expect(hourPlan(adelaide, sqlPeriod(db, adelaide))?.localMs).toBeNull();
    expect(hourPlan(base, sqlPeriod(db, base))?.localMs).not.toBeNull();
  });

  it('after an erasure the hours are rebuilt and still equal', async () => {
    const db = archive.db;
    const number = db
      .prepare(
        "SELECT caller_number FROM calls WHERE caller_number GLOB '[0-9]*' GROUP BY caller_number ORDER BY count(*) DESC LIMIT 1",
      )
      .pluck()
      .get() as string;
    const r = erase(db, { value: number, reason: 'test' }, 'tester');
    expect(r.calls).toBeGreaterThan(0);
    expect(hoursCurrent(db)).toBe(true);
    expect(statsHoursDifferences(db)).toEqual([]);
    const calls = statsCalls(archive);
    hoursEqualCallsEqualPure(db, calls, 32, 10);
  }, 120_000);

  it('calls removed: their hours are marked, the figures read the calls until a refresh rebuilds them', async () => {
    const db = archive.db;
    const p: StatsParameters = {
      slSeconds: 20,
      slAbandons: 'fail',
      shortAbandonSeconds: 5,
      timeZone: SIM_ZONE,
      fromMs: START - 24 * HOUR, // fixed: without bounds the period would move with the first call
      toMs: START + (SPAN_HOURS + 24) * HOUR,
      by: ['queue', 'hour'],
      silentLimitPct: 3,
    };
    const before = sqlStatistics(db, p, 'hours');
    db.prepare(
      "DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE type = 'inbound' ORDER BY id LIMIT 40)",
    ).run();
    // And a change of outcome (undone below: the pure module reads the calls' own records).
    const changed = db
      .prepare("SELECT id FROM calls WHERE outcome = 'answered' ORDER BY id DESC LIMIT 5")
      .pluck()
      .all();
    // The code column is what an UPDATE names (the text is generated from it): the trigger watches it.
    const setOutcome = db.prepare('UPDATE calls SET call_outcome_code = ? WHERE id = ?');
    for (const id of changed) setOutcome.run(callOutcomeCode('abandoned'), id);
    expect(hoursCurrent(db)).toBe(false);
    const marked = db.prepare('SELECT count(*) FROM stats_dirty_hours').pluck().get() as number;
    expect(marked).toBeGreaterThan(0);
    // Stale hours are not read: the per-call answer; verify leaves the marked hours aside.
    expect(sqlStatistics(db, p, 'hours')).toEqual(before);
    expect(sqlStatistics(db, p)).toEqual(sqlStatistics(db, p, 'calls'));
    expect(sqlStatistics(db, p)).not.toEqual(before);
    expect(statsHoursDifferences(db)).toEqual([]);
    for (const id of changed) setOutcome.run(callOutcomeCode('answered'), id);
    refreshStatsHours(db);
    expect(hoursCurrent(db)).toBe(true);
    expect(statsHoursDifferences(db)).toEqual([]);
    const calls = statsCalls(archive);
    hoursEqualCallsEqualPure(db, calls, 33, 10);
  }, 120_000);

  it('verify finds a stored hour row that differs from the recompute', () => {
    const copy = join(dir, 'tampered.db');
    archive.db.prepare('VACUUM INTO ?').run(copy);
    const t = openArchive(copy);
    try {
      t.db
        .prepare('UPDATE stats_queue_hours SET n = n + 1 WHERE rowid = (SELECT min(rowid) FROM stats_queue_hours)')
        .run();
      const d = statsHoursDifferences(t.db);
      expect(d).toHaveLength(2); // the stored row, and the recomputed one it should be
      expect(d[0]).toMatch(/^stats_queue_hours: stored \{"hour":\d+/);
      expect(d[1]).toMatch(/^stats_queue_hours: missing \{"hour":\d+/);
    } finally {
      t.close();
    }
  });

  it('the migration builds the hours of an older archive exactly as the imports kept them', () => {
    const copy = join(dir, 'older.db');
    archive.db.prepare('VACUUM INTO ?').run(copy);
    const snapshot = (db: Db) =>
      STATS_HOURS_TABLES.map((t) =>
        db
          .prepare(`SELECT * FROM ${t}`)
          .raw()
          .all()
          .map((r) => JSON.stringify(r))
          .sort(),
      );
    let older = openArchive(copy);
    const kept = snapshot(older.db);
    older.db.transaction(() => linksAsText(older.db))(); // the links as text, as before LINK_IDS_VERSION
    const triggers = older.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'stats_%'")
      .pluck()
      .all() as string[];
    expect(triggers.length).toBe(9);
    for (const name of triggers) older.db.exec(`DROP TRIGGER ${name}`);
    for (const table of [...STATS_HOURS_TABLES, 'stats_dirty_hours']) older.db.exec(`DROP TABLE ${table}`);
    older.db.pragma(`user_version = ${STATS_HOURS_VERSION - 1}`);
    older.close();
    const progress: [number, number][] = [];
    older = openArchive(copy, {
      onUpgrade: (u) =>
        u.toVersion === STATS_HOURS_VERSION && u.phase !== 'compacting' && progress.push([u.done, u.total]),
    });
    try {
      expect(schemaVersionOf(older.db)).toBe(SCHEMA_VERSION);
      // Progress in calls, ending at all of them.
      const calls = older.db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
      expect(progress[progress.length - 1]).toEqual([calls, calls]);
      expect(progress.length).toBeGreaterThan(2);
      expect(snapshot(older.db)).toEqual(kept);
      expect(hoursCurrent(older.db)).toBe(true);
    } finally {
      older.close();
    }
  });
});

describe('dirtyRanges', () => {
  it('merges marked hours closer than a day into one range to rebuild', () => {
    expect(dirtyRanges([])).toEqual([]);
    expect(dirtyRanges([5])).toEqual([[5, 6]]);
    expect(dirtyRanges([5, 6, 7, 20, 100])).toEqual([
      [5, 21],
      [100, 101],
    ]);
  });
});
