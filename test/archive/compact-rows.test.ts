// raw_rows' table and status and events' type as integer codes, events keyed by (call, seq) without a
// rowid (#10 goal 2, src/main/store/compact-rows.ts): readers see the same text, the bytes shrink, the
// upgrade from the previous schema keeps every call, row and digest (interrupted: as it was).
import { describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../src/main/store/archive';
import {
  callKeyOf,
  callKeySql,
  EVENT_TYPE_CODES,
  RAW_TABLES,
  rawStatusCode,
  SET_RAW_STATUS,
} from '../../src/main/store/coded-columns';
import { rawCallIsExpr, rawCallIsParam } from '../../src/main/store/raw-call-key';
import { INSERT_EVENT } from '../../src/main/store/lean-tables';
import type { Db } from '../../src/main/store/native';
import { COMPACT_ROWS_VERSION, SCHEMA_VERSION, type UpgradeProgress } from '../../src/main/store/schema';
import { brokenReferences, refuseLostReferences } from '../../src/main/store/reference-check';
import { verifyArchive } from '../../src/main/store/verify';
import {
  archivesClosedAfterEach,
  everyCallDetail,
  expectUpgradeCutOff,
  simulatedArchiveCopy,
} from './simulated-archive';

const { open, closeAll } = archivesClosedAfterEach();

const archiveCopy = (): Promise<string> => simulatedArchiveCopy(120, 9);

/** What readers see: every call's detail and contract JSON, and the text columns of every row and event. */
async function everything(a: Archive): Promise<unknown> {
  const calls = await everyCallDetail(a);
  const rows = a.db.prepare('SELECT id, tbl, status, reason FROM raw_rows ORDER BY id').raw().all();
  const events = a.db.prepare('SELECT call, seq, type, name, agent, source_ids FROM events ORDER BY call, seq');
  return { calls, rows, events: events.raw().all() };
}

/** The bytes of a table and its indexes (dbstat). */
function bytesOf(db: Db, ...names: string[]): number {
  const marks = names.map(() => '?').join(',');
  return db
    .prepare(`SELECT sum(pgsize) FROM dbstat WHERE name IN (${marks}) OR name LIKE 'sqlite_autoindex_events%'`)
    .pluck()
    .get(...names) as number;
}

/** The archive as the previous schema stored it: text columns, events with a rowid and events_call. */
function expandToPreviousSchema(path: string): void {
  const a = openArchive(path);
  a.db.pragma('foreign_keys = OFF');
  a.db.transaction(() => {
    a.db.exec(`
      CREATE TABLE raw_rows_old (id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL REFERENCES imports(id),
        line INTEGER NOT NULL, tbl TEXT NOT NULL, call_id TEXT, agent_id TEXT, queue_key TEXT, menu_key TEXT,
        status TEXT NOT NULL CHECK (status IN ('used','kept')), reason TEXT, norm TEXT,
        layout INTEGER NOT NULL REFERENCES layouts(id), fields TEXT NOT NULL) STRICT;
      INSERT INTO raw_rows_old SELECT id, import_id, line, tbl, call_id, agent_id, queue_key, menu_key, status, reason,
        norm, layout, fields FROM raw_rows;
      DROP TABLE raw_rows;
      ALTER TABLE raw_rows_old RENAME TO raw_rows;
      CREATE INDEX raw_rows_call ON raw_rows(call_id) WHERE call_id IS NOT NULL;
      CREATE TABLE events_old (id INTEGER PRIMARY KEY, call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, type TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
        duration_sec REAL NOT NULL, name TEXT, agent TEXT, result TEXT, source_ids TEXT NOT NULL) STRICT;
      INSERT INTO events_old (call, seq, type, start_ms, end_ms, duration_sec, name, agent, result, source_ids)
        SELECT call, seq, type, start_ms, end_ms, duration_sec, name, agent, result, source_ids FROM events ORDER BY call, seq;
      DROP VIEW events; DROP TABLE event_rows; DROP TABLE event_names; -- the view and its tables (lean-tables.ts)
      ALTER TABLE events_old RENAME TO events;
      CREATE INDEX events_call ON events(call, seq);`);
    a.db.pragma(`user_version = ${COMPACT_ROWS_VERSION - 1}`);
  })();
  a.db.exec('VACUUM');
  a.close();
}

describe('codes for raw rows and events', () => {
  it('an import stores the codes; readers see the table, status and type as text', async () => {
    const a = open(await archiveCopy(), { readonly: true });
    const rows = a.db
      .prepare('SELECT tbl, status, tbl_code, tbl_other, kept, typeof(tbl_code) AS t FROM raw_rows')
      .all() as { tbl: string; status: string; tbl_code: number | null; tbl_other: string | null; kept: number }[];
    expect(new Set(rows.map((r) => r.tbl))).toEqual(new Set([...RAW_TABLES.slice(0, 6), 'agent_events']));
    for (const r of rows) {
      if (r.tbl_code === null) expect(r.tbl_other).toBe(r.tbl);
      else expect([RAW_TABLES[r.tbl_code], r.tbl_other]).toEqual([r.tbl, null]);
      expect(r.status).toBe(r.kept === 1 ? 'kept' : 'used');
    }
    expect(rows.some((r) => r.status === 'kept')).toBe(true);
    const events = a.db.prepare('SELECT type, type_code FROM events').all() as { type: string; type_code: number }[];
    for (const e of events) expect(EVENT_TYPE_CODES[e.type_code]).toBe(e.type);
    expect(a.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'events_call'").pluck().get()).toBe(0);
    const sources = a.db.prepare('SELECT typeof(sources) AS t, sources, source_ids FROM events').all() as {
      t: string;
      sources: number | string;
      source_ids: string;
    }[];
    expect(sources.filter((e) => e.t === 'integer').length).toBeGreaterThan(sources.length / 2);
    for (const e of sources)
      expect(e.t === 'integer' ? [`[${e.sources}]`, JSON.parse(e.source_ids).length] : [e.sources, e.t]).toEqual(
        e.t === 'integer' ? [e.source_ids, 1] : [e.source_ids, 'text'],
      );
  });

  it("an event's sources read back as the JSON list written, whatever their number", async () => {
    const a = open(await archiveCopy());
    const call = a.db.prepare('SELECT id FROM calls LIMIT 1').pluck().get() as number;
    const lists = ['[]', '[7]', '[12345678901]', '[7,8]', '[1,22,333]'];
    lists.forEach((list, i) =>
      a.db.prepare(INSERT_EVENT).run(call, 100 + i, 'menu', 0, 1, 0.001, null, null, null, list),
    );
    const read = a.db.prepare('SELECT source_ids FROM events WHERE call = ? AND seq >= 100 ORDER BY seq').pluck();
    expect(read.all(call)).toEqual(lists);
  });

  it('a status or an event type not in the list is refused, not stored as something else', async () => {
    const a = open(await archiveCopy());
    expect(() => a.db.prepare(`UPDATE raw_rows SET ${SET_RAW_STATUS}, reason = NULL WHERE id = 1`).run('gone')).toThrow(
      /NOT NULL/,
    );
    const call = a.db.prepare('SELECT id FROM calls LIMIT 1').pluck().get() as number;
    expect(() => a.db.prepare(INSERT_EVENT).run(call, 99, 'meeting', 0, 1, 0.001, null, null, null, '[]')).toThrow(
      /NOT NULL/,
    );
  });
});

describe('call ids as keys (raw_rows.call_key)', () => {
  it('a plain number of up to 15 digits is an integer, any other id its text; both read back as written', async () => {
    const a = open(await archiveCopy(), { readonly: true });
    const ids = [
      '731000221137',
      '1',
      '123456789012345',
      '0',
      '007',
      '1234567890123456',
      '12a',
      '+4512',
      ' 12',
      '',
      'asterisk:1700000000.12',
      '١٢٣',
      '9007199254740993',
    ];
    const key = a.db.prepare(
      `SELECT typeof(k) AS t, CAST(k AS TEXT) AS back FROM (SELECT ${callKeySql('x')} AS k FROM (SELECT ? AS x))`,
    );
    expect(ids.map((id) => key.get(id))).toEqual(ids.map((id, i) => ({ t: i < 3 ? 'integer' : 'text', back: id })));
    // The import's twin in JavaScript stores the same key: as bound into an ANY column, read back the same way.
    const bound = a.db.prepare('SELECT typeof(k) AS t, CAST(k AS TEXT) AS back FROM (SELECT ? AS k)');
    expect(ids.map((id) => bound.get(callKeyOf(id)))).toEqual(ids.map((id) => key.get(id)));
    expect(callKeyOf(null)).toBeNull();
  });

  it("the import's status codes are SET_RAW_STATUS's: used 0, kept 1, anything else none", () => {
    expect(['used', 'kept', 'gone', 'USED'].map(rawStatusCode)).toEqual([0, 1, null, null]);
  });

  it("a call's raw rows are found through raw_rows_call, the same rows as by the text", async () => {
    const a = open(await archiveCopy(), { readonly: true });
    const byKey = a.db.prepare(`SELECT id FROM raw_rows r WHERE ${rawCallIsParam(a.db, 'r')} ORDER BY id`).pluck();
    const byText = a.db.prepare('SELECT id FROM raw_rows WHERE call_id = ? ORDER BY id').pluck();
    const plan = a.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM raw_rows r WHERE ${rawCallIsParam(a.db, 'r')}`);
    expect(JSON.stringify(plan.all('x'))).toMatch(/SEARCH r USING (COVERING )?INDEX raw_rows_call \(call_key=\?\)/);
    const joined = a.db.prepare(
      `EXPLAIN QUERY PLAN SELECT count(*) FROM calls c WHERE NOT EXISTS (SELECT 1 FROM raw_rows r WHERE ${rawCallIsExpr(a.db, 'r', 'c.call_id')})`,
    );
    expect(JSON.stringify(joined.all())).toMatch(/SEARCH r USING (COVERING )?INDEX raw_rows_call \(call_key=\?\)/);
    const callIds = a.db.prepare('SELECT call_id FROM calls').pluck().all() as string[];
    expect(
      a.db.prepare("SELECT count(*) FROM raw_rows WHERE typeof(call_key) = 'integer'").pluck().get(),
    ).toBeGreaterThan(0);
    for (const id of callIds) expect(byKey.all(id)).toEqual(byText.all(id));
    expect(callIds.every((id) => byKey.all(id).length > 0)).toBe(true);
  });
});

describe('upgrade from the previous schema', () => {
  it('keeps every call, row and digest, reports its progress in rows, and shrinks both tables', async () => {
    const path = await archiveCopy();
    const before = await everything(open(path, { readonly: true }));
    closeAll();
    expandToPreviousSchema(path);
    const old = open(path, { readonly: true });
    const oldBytes = bytesOf(old.db, 'raw_rows', 'raw_rows_call', 'events', 'events_call');
    expect(await everything(old)).toEqual(before); // the previous schema reads alike (read-only, not upgraded)
    closeAll();

    const progress: UpgradeProgress[] = [];
    const a = open(path, { onUpgrade: (p) => progress.push(p) });
    expect(a.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const mine = progress.filter((p) => p.toVersion === COMPACT_ROWS_VERSION && p.phase === undefined);
    const total = (a.db
      .prepare('SELECT (SELECT count(*) FROM raw_rows) + (SELECT count(*) FROM events)')
      .pluck()
      .get() ?? 0) as number;
    expect(mine[0]).toMatchObject({ done: 0, total });
    expect(mine[mine.length - 1]).toMatchObject({ done: total, total });
    expect(progress[progress.length - 1]?.phase).toBe('compacting');
    expect(await everything(a)).toEqual(before);
    expect(verifyArchive(a.db).problems).toEqual([]);
    expect(a.db.prepare('SELECT count(*) FROM pragma_foreign_key_check').pluck().get()).toBe(0);
    expect(a.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(bytesOf(a.db, 'raw_rows', 'raw_rows_call', 'event_rows', 'event_names')).toBeLessThan(oldBytes * 0.85);
  });

  it('an interrupted upgrade leaves the archive as it was, readable; the next open upgrades it', async () => {
    const path = await archiveCopy();
    expandToPreviousSchema(path);
    expectUpgradeCutOff(path, COMPACT_ROWS_VERSION);
    const ro = open(path, { readonly: true });
    expect(ro.db.pragma('user_version', { simple: true })).toBe(COMPACT_ROWS_VERSION - 1);
    expect(ro.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_compact'").pluck().get()).toBe(0);
    expect(ro.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'events_call'").pluck().get()).toBe(1);
    expect(verifyArchive(ro.db).problems).toEqual([]);
    const rw = open(path);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(verifyArchive(rw.db).problems).toEqual([]);
  });

  it('a rebuild that loses a row another table points at fails its step (refuseLostReferences)', async () => {
    const a = open(await archiveCopy());
    a.db.pragma('foreign_keys = OFF');
    const tables = ['agents', 'registrations'];
    const before = brokenReferences(a.db, tables);
    expect(before).toEqual([0, 0]);
    a.db.exec('BEGIN');
    a.db.exec('DELETE FROM raw_rows WHERE id = (SELECT raw_row FROM agents LIMIT 1)');
    expect(() => refuseLostReferences(a.db, tables, before)).toThrow(/1 row\(s\) of agents pointing at nothing/);
    // Rows that pointed at nothing before the step are not its loss.
    expect(() => refuseLostReferences(a.db, tables, brokenReferences(a.db, tables))).not.toThrow();
    a.db.exec('ROLLBACK');
  });
});
