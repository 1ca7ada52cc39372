// A call's type and outcome stored as codes (#10 goal 2, src/main/store/call-codes.ts): readers see the
// same text, the code indexes answer filters, sorts and facets, the upgrade keeps every call and gives
// the schema a new archive has (interrupted: as it was), and an archive of the previous schema read as it
// is (read-only) answers every search alike.
import { describe, expect, it } from 'vitest';
import { CallFacets } from '../../src/main/api/call-facets';
import { CallSearcher } from '../../src/main/api/call-search';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { rewriteCallCodes, START_CODES, TYPE_OUTCOME_START_CODES } from '../../src/main/store/call-codes';
import { CALL_OUTCOME_CODES, CALL_TYPE_CODES, callOutcomeCode, callTypeCode } from '../../src/main/store/coded-columns';
import type { Db } from '../../src/main/store/native';
import { CALL_CODES_VERSION, SCHEMA_VERSION, type UpgradeProgress } from '../../src/main/store/schema';
import { verifyArchive } from '../../src/main/store/verify';
import { CALL_TYPES, OUTCOMES } from '../../src/shared/model/archive-call';
import { callSearchSchema } from '../../src/shared/api/schemas';
import {
  archivesClosedAfterEach,
  everyCallDetail,
  expectUpgradeCutOff,
  schemaOf,
  simulatedArchiveCopy,
} from './simulated-archive';

const { open, closeAll } = archivesClosedAfterEach();

const archiveCopy = (): Promise<string> => simulatedArchiveCopy(150, 11);

/** The calls table as the steps before CALL_CODES_VERSION made it (schema.ts V1, then stats_flags). */
const PREVIOUS_CALLS = `CREATE TABLE calls_prev (
  id INTEGER PRIMARY KEY,
  call_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  dialer_mode TEXT,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  duration_sec REAL NOT NULL,
  caller_number TEXT,
  access_number TEXT,
  queue TEXT,                       -- first queue (list column / sort)
  agent TEXT,                       -- first agent (list column / sort)
  outcome TEXT NOT NULL,
  time_before_answer_sec REAL,
  wait_time_sec REAL,
  speak_time_sec REAL NOT NULL,
  callback_attempts INTEGER,
  contact_key TEXT,
  fts_hash INTEGER NOT NULL,        -- hash of its calls_fts text: re-derivations skip unchanged text
  import_id INTEGER NOT NULL REFERENCES imports(id) -- the import that last derived it
, stats_flags INTEGER NOT NULL DEFAULT 0) STRICT`;
const RANGES = 'duration_sec, wait_time_sec, speak_time_sec, callback_attempts';
const PREVIOUS_INDEXES = `CREATE INDEX calls_type ON calls(type, id);
CREATE INDEX calls_outcome ON calls(outcome, id);
CREATE INDEX calls_type_outcome_start ON calls(type, outcome, start_ms, ${RANGES});
CREATE INDEX calls_start ON calls(start_ms, id, type, outcome, ${RANGES});
CREATE TRIGGER stats_dirty_calls_update AFTER UPDATE OF start_ms, type, outcome, wait_time_sec, speak_time_sec,
  stats_flags, dialer_mode, queue, contact_key, call_id ON calls BEGIN
  INSERT OR IGNORE INTO stats_dirty_hours (hour) VALUES (OLD.start_ms / 3600000);
  INSERT OR IGNORE INTO stats_dirty_hours (hour) VALUES (NEW.start_ms / 3600000); END;`;
const CODED = ['calls_type', 'calls_outcome', 'calls_type_outcome_start', 'calls_start', 'stats_dirty_calls_update'];

/** The archive as the previous schema stored its calls: type and outcome as text, indexed as text. */
function toPreviousSchema(path: string): void {
  const a = openArchive(path);
  const others = a.db
    .prepare(
      "SELECT sql FROM sqlite_schema WHERE tbl_name = 'calls' AND type IN ('index', 'trigger') AND sql IS NOT NULL",
    )
    .pluck()
    .all() as string[];
  const kept = others.filter((s) => !CODED.some((name) => s.includes(` ${name} `)));
  const columns = [
    'id, call_id, dialer_mode, start_ms, end_ms, duration_sec, caller_number, access_number, queue, agent',
    'time_before_answer_sec, wait_time_sec, speak_time_sec, callback_attempts, contact_key, fts_hash, import_id',
    'stats_flags, type, outcome',
  ].join(', ');
  a.db.pragma('foreign_keys = OFF');
  a.db.transaction(() => {
    a.db.exec(`${PREVIOUS_CALLS};
      INSERT INTO calls_prev (${columns}) SELECT ${columns} FROM calls;
      DROP TABLE calls; ALTER TABLE calls_prev RENAME TO calls;`);
    for (const s of kept) a.db.exec(s);
    a.db.exec(PREVIOUS_INDEXES);
    a.db.pragma(`user_version = ${CALL_CODES_VERSION - 1}`);
  })();
  a.db.exec('VACUUM');
  a.close();
}

/** The schema; the calls table's name unquoted (toPreviousSchema's RENAME writes it quoted). */
const schemaUnquoted = (db: Db): unknown =>
  schemaOf(db).map((r) => ({ ...r, sql: r.sql?.replace('CREATE TABLE "calls" (', 'CREATE TABLE calls (') }));

/** Pages of every sort of type / outcome both ways (the next page by its cursor), filters and facets. */
function searches(a: Archive): unknown {
  const searcher = new CallSearcher(a.db);
  const facets = new CallFacets(a.db, new CallSearcher(a.db));
  const out: unknown[] = [];
  const queries = [
    { sort: 'type' },
    { sort: 'type', direction: 'desc' },
    { sort: 'outcome' },
    { sort: 'outcome', direction: 'desc', types: ['inbound'] },
    { types: ['callback', 'callout'], outcomes: ['answered'] },
    { outcomes: ['abandoned', 'unanswered'], from: '2026-01-01T00:00:00Z' },
    { types: ['inbound'], waitTimeSec: { min: 5 } },
  ];
  for (const raw of queries) {
    const q = callSearchSchema.parse({ limit: 7, ...raw });
    const first = searcher.search(q);
    const second = first.nextCursor ? searcher.search({ ...q, cursor: first.nextCursor }) : null;
    const ids = (p: typeof first | null) => p?.rows.map((r) => [r.callId, r.type, r.outcome]);
    out.push({ raw, total: first.total, first: ids(first), second: ids(second), facets: facets.facets(q) });
  }
  return out;
}

const plan = (db: Db, q: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe("calls' type and outcome as codes", () => {
  it('every value of the model has a code, in the byte order of the text (the index walks the sort order)', () => {
    for (const [codes, model] of [
      [CALL_TYPE_CODES, CALL_TYPES],
      [CALL_OUTCOME_CODES, OUTCOMES],
    ] as const) {
      expect([...codes].sort()).toEqual([...model].sort());
      expect([...codes]).toEqual([...codes].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    }
    expect(callTypeCode('inbound')).toBe(CALL_TYPE_CODES.indexOf('inbound'));
    expect(callOutcomeCode('nonsense')).toBeNull();
  });

  it('a new archive stores the codes; type and outcome read back as text; a code outside the list is refused', async () => {
    const a = open(await archiveCopy());
    const rows = a.db.prepare('SELECT type, outcome, call_type_code, call_outcome_code FROM calls').all() as {
      type: string;
      outcome: string;
      call_type_code: number;
      call_outcome_code: number;
    }[];
    expect(rows.length).toBe(150);
    for (const r of rows) {
      expect(CALL_TYPE_CODES[r.call_type_code]).toBe(r.type);
      expect(CALL_OUTCOME_CODES[r.call_outcome_code]).toBe(r.outcome);
    }
    expect(() => a.db.prepare('UPDATE calls SET call_type_code = 99 WHERE id = 1').run()).toThrow(/NOT NULL/);
    expect(() => a.db.prepare('UPDATE calls SET call_outcome_code = NULL WHERE id = 1').run()).toThrow(/NOT NULL/);
  });

  it('filters, sorts and facets read the code indexes (no row of calls for the covered ones)', async () => {
    const db = open(await archiveCopy()).db;
    const type = callTypeCode('callback');
    expect(plan(db, `SELECT id FROM calls c INDEXED BY calls_type ORDER BY c.call_type_code, c.id LIMIT 5`)).toMatch(
      /COVERING INDEX calls_type/,
    );
    expect(
      plan(db, `SELECT count(*) FROM calls c WHERE c.call_type_code IN (${type}) AND c.call_outcome_code = 1`),
    ).toMatch(/COVERING INDEX calls_type_outcome_start/);
    expect(plan(db, 'SELECT DISTINCT call_outcome_code FROM calls')).toMatch(/COVERING INDEX calls_outcome/);
    // The generated text is computed from the row: a query naming it is not covered (why readers name the codes).
    expect(plan(db, "SELECT count(*) FROM calls c INDEXED BY calls_start WHERE c.type = 'inbound'")).not.toMatch(
      /COVERING/,
    );
  });

  it('rewrites the code columns of an older archive into codes of its text', () => {
    expect(rewriteCallCodes('SELECT c.call_type_code, call_outcome_code FROM calls c')).toBe(
      `SELECT (CASE c.type ${CALL_TYPE_CODES.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END), ` +
        `(CASE outcome ${CALL_OUTCOME_CODES.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} END) FROM calls c`,
    );
    expect(rewriteCallCodes('SELECT type_code FROM event_rows')).toBe('SELECT type_code FROM event_rows');
  });
});

describe('upgrade from the previous schema', () => {
  it("keeps every call, reads alike read-only before, gives a new archive's schema, and shrinks the indexes", async () => {
    const path = await archiveCopy();
    const fresh = open(path, { readonly: true });
    const detail = await everyCallDetail(fresh);
    const found = searches(fresh);
    const schema = schemaUnquoted(fresh.db);
    const bytes = (db: Db) =>
      db
        .prepare(
          "SELECT sum(pgsize) FROM dbstat WHERE name IN ('calls', 'calls_type', 'calls_outcome', 'calls_type_outcome_start', 'calls_start')",
        )
        .pluck()
        .get() as number;
    closeAll();
    toPreviousSchema(path);

    const old = open(path, { readonly: true });
    expect(old.db.pragma('user_version', { simple: true })).toBe(CALL_CODES_VERSION - 1);
    expect(searches(old)).toEqual(found); // the statements' codes computed from the text
    expect(await everyCallDetail(old)).toEqual(detail);
    const oldBytes = bytes(old.db);
    closeAll();

    const progress: UpgradeProgress[] = [];
    const a = open(path, { onUpgrade: (p) => progress.push(p) });
    expect(a.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const mine = progress.filter((p) => p.toVersion === CALL_CODES_VERSION && p.phase === undefined);
    expect(mine[0]).toMatchObject({ done: 0, total: 150 });
    expect(mine[mine.length - 1]).toMatchObject({ done: 150, total: 150 });
    expect(schemaUnquoted(a.db)).toEqual(schema);
    expect(await everyCallDetail(a)).toEqual(detail);
    expect(searches(a)).toEqual(found);
    expect(verifyArchive(a.db).problems).toEqual([]);
    expect(a.db.prepare('SELECT count(*) FROM pragma_foreign_key_check').pluck().get()).toBe(0);
    const columns = (index: string) =>
      (a.db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index) as string[]).join(', ');
    expect(columns('calls_type_outcome_start')).toBe(TYPE_OUTCOME_START_CODES);
    expect(columns('calls_start')).toBe(START_CODES);
    expect(bytes(a.db)).toBeLessThan(oldBytes);
  });

  it('an interrupted upgrade leaves the archive as it was, readable; the next open upgrades it', async () => {
    const path = await archiveCopy();
    const found = searches(open(path, { readonly: true }));
    closeAll();
    toPreviousSchema(path);
    expectUpgradeCutOff(path, CALL_CODES_VERSION);
    const ro = open(path, { readonly: true });
    expect(ro.db.pragma('user_version', { simple: true })).toBe(CALL_CODES_VERSION - 1);
    expect(ro.db.prepare("SELECT count(*) FROM pragma_table_info('calls') WHERE name = 'type'").pluck().get()).toBe(1);
    expect(searches(ro)).toEqual(found);
    const rw = open(path);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(searches(rw)).toEqual(found);
    expect(verifyArchive(rw.db).problems).toEqual([]);
  });
});
