// Raw value blocks as columns (brotli), events' end and duration generated from their length, the link
// tables keyed by (name, start, call), call_variables without a rowid (#10 goal 2,
// src/main/store/lean-tables.ts and src/main/import/raw-blocks.ts): readers see the same values, the
// bytes shrink, the upgrade from the previous schema keeps every call, row and digest and gives the
// schema a new archive has (interrupted: as it was).
import { describe, expect, it } from 'vitest';
import { brotliDecompressSync } from 'node:zlib';
import {
  BLOCK_ROWS,
  COLUMNS_BROTLI,
  RAW_BLOCKS_SQL,
  ROWS_DEFLATED,
  decodeBlock,
  encodeBlock,
  type BlockFormat,
} from '../../src/main/import/raw-blocks';
import { openArchive, type Archive } from '../../src/main/store/archive';
import { EVENTS_TABLE } from '../../src/main/store/compact-rows';
import { DROP_UNUSED_EVENT_NAMES, INSERT_EVENT, INSERT_REGISTRATION } from '../../src/main/store/lean-tables';
import type { Db } from '../../src/main/store/native';
import { LEAN_TABLES_VERSION, SCHEMA_VERSION, type UpgradeProgress } from '../../src/main/store/schema';
import { verifyArchive } from '../../src/main/store/verify';
import {
  archivesClosedAfterEach,
  bytesOf,
  everyCallDetail,
  expectUpgradeCutOff,
  schemaOf,
  simulatedArchiveCopy,
} from './simulated-archive';
import { linksAsText } from './helpers';

const { open, closeAll } = archivesClosedAfterEach();

const archiveCopy = (): Promise<string> => simulatedArchiveCopy(120, 9);

const LINKS = ['call_queues', 'call_agents', 'call_variables'] as const;
const LEAN = [
  'raw_blocks',
  'events',
  'event_rows',
  'event_names',
  'registrations',
  ...LINKS,
  'call_queue_rows',
  'call_agent_rows',
];

/** What readers see: every call's detail, every event's columns, every link and variable row. */
async function everything(a: Archive): Promise<unknown> {
  const rows = (q: string) => a.db.prepare(q).raw().all();
  return {
    calls: await everyCallDetail(a),
    events: rows(
      'SELECT call, seq, type, start_ms, end_ms, duration_sec, name, agent, result, source_ids FROM events ORDER BY call, seq',
    ),
    queues: rows('SELECT call, queue, start_ms FROM call_queues ORDER BY call, queue'),
    agents: rows('SELECT call, agent, start_ms, talk, talk_ms FROM call_agents ORDER BY call, agent'),
    variables: rows('SELECT call_id, name, value, raw_row FROM call_variables ORDER BY call_id, name'),
  };
}

/** The block table's rows re-encoded in `format`, in a table without the format column when ROWS_DEFLATED. */
function blocksAs(db: Db, format: BlockFormat): void {
  const blocks = db.prepare('SELECT id, data, format FROM raw_blocks').all() as {
    id: number;
    data: Buffer;
    format: BlockFormat;
  }[];
  db.exec(`DROP TABLE raw_blocks; ${RAW_BLOCKS_SQL}`); // the table as the step that made blocks made it
  const put = db.prepare('INSERT INTO raw_blocks (id, data) VALUES (?, ?)');
  for (const b of blocks) put.run(b.id, encodeBlock(decodeBlock(b.data, b.format), format));
}

/** The archive as the previous schema stored it (its tables as compact-rows.ts and schema.ts made them). */
function toPreviousSchema(path: string): void {
  const a = openArchive(path);
  a.db.transaction(() => linksAsText(a.db))(); // the links' names as text, as they were before LINK_IDS_VERSION
  const triggers = a.db
    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('call_queues', 'call_agents')")
    .pluck()
    .all() as string[];
  a.db.pragma('foreign_keys = OFF');
  a.db.transaction(() => {
    blocksAs(a.db, ROWS_DEFLATED);
    a.db.exec(`${EVENTS_TABLE('events_prev')};
      INSERT INTO events_prev (call, seq, type_code, start_ms, end_ms, duration_sec, name, agent, result, sources)
        SELECT call, seq, type_code, start_ms, end_ms, duration_sec, name, agent, result, sources FROM events;
      DROP VIEW events; DROP TABLE event_rows; DROP TABLE event_names; -- the view and its tables (lean-tables.ts)
      ALTER TABLE events_prev RENAME TO events;
      CREATE TABLE call_queues_prev (call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE, queue TEXT NOT NULL,
        start_ms INTEGER NOT NULL, PRIMARY KEY (queue, call)) WITHOUT ROWID, STRICT;
      INSERT INTO call_queues_prev SELECT call, queue, start_ms FROM call_queues;
      DROP TABLE call_queues; ALTER TABLE call_queues_prev RENAME TO call_queues;
      CREATE INDEX call_queues_call ON call_queues(call);
      CREATE INDEX call_queues_start ON call_queues(start_ms, queue);
      CREATE INDEX call_queues_queue_start ON call_queues(queue, start_ms, call);
      CREATE TABLE call_agents_prev (call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE, agent TEXT NOT NULL,
        start_ms INTEGER NOT NULL, talk INTEGER NOT NULL DEFAULT 0, talk_ms INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (agent, call)) WITHOUT ROWID, STRICT;
      INSERT INTO call_agents_prev SELECT call, agent, start_ms, talk, talk_ms FROM call_agents;
      DROP TABLE call_agents; ALTER TABLE call_agents_prev RENAME TO call_agents;
      CREATE INDEX call_agents_call ON call_agents(call);
      CREATE INDEX call_agents_start ON call_agents(start_ms, agent);
      CREATE INDEX call_agents_agent_start ON call_agents(agent, start_ms, call);
      CREATE TABLE call_variables_prev (call_id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
        raw_row INTEGER NOT NULL REFERENCES raw_rows(id), PRIMARY KEY (call_id, name)) STRICT;
      INSERT INTO call_variables_prev SELECT call_id, name, value, raw_row FROM call_variables;
      DROP TABLE call_variables; ALTER TABLE call_variables_prev RENAME TO call_variables;
      DROP INDEX registrations_call;
      CREATE UNIQUE INDEX registrations_key ON registrations(call_id, coalesce(agent_id, ''), text, coalesce(at_ms, -1));`);
    for (const t of triggers) a.db.exec(t);
    a.db.pragma(`user_version = ${LEAN_TABLES_VERSION - 1}`);
  })();
  a.db.exec('VACUUM');
  a.close();
}

describe('raw value blocks as columns', () => {
  const odd = (): (string | null)[] => {
    const slots = new Array<string | null>(BLOCK_ROWS).fill(null);
    slots[0] = '';
    slots[1] = '12:34\u001f:\u001f';
    slots[2] = '\u001f\u001f';
    slots[5] = 'æøå € 😀\u001f"[x]"\u001fa,b\nc\u001f-';
    slots[6] = '["a\\u001fb","c"]';
    slots[BLOCK_ROWS - 1] = '9'.repeat(5000);
    return slots;
  };

  it('keeps every slot byte-exact in either format: empty slots and values, separators, line breaks, any character', () => {
    for (const format of [COLUMNS_BROTLI, ROWS_DEFLATED] as const) {
      expect(decodeBlock(encodeBlock(odd(), format), format)).toEqual(odd());
    }
    expect(decodeBlock(encodeBlock(new Array<string | null>(BLOCK_ROWS).fill(null)))).toEqual(
      new Array<string | null>(BLOCK_ROWS).fill(null),
    );
  });

  it("a block's text is its slots' value counts, then their values column by column (the stored form)", () => {
    const counts = new Array<string>(BLOCK_ROWS).fill('-');
    [counts[0], counts[1], counts[2], counts[5], counts[6], counts[BLOCK_ROWS - 1]] = ['1', '3', '3', '4', '1', '1'];
    const columns = [
      ['', '12:34', '', 'æøå € 😀', '["a\\u001fb","c"]', '9'.repeat(5000)],
      [':', '', '"[x]"'],
      ['', '', 'a,b\nc'],
      ['-'],
    ];
    const text = `${counts.join(',')}\n${columns.flat().join('\u001f')}`;
    expect(brotliDecompressSync(encodeBlock(odd(), COLUMNS_BROTLI)).toString('utf8')).toBe(text);
  });

  it('a damaged block is an error that says so, never other values', () => {
    const data = encodeBlock(odd());
    expect(() => decodeBlock(data.subarray(0, data.length - 3))).toThrow(/raw-values block is damaged/);
    expect(() => decodeBlock(encodeBlock(odd(), ROWS_DEFLATED), COLUMNS_BROTLI)).toThrow(/raw-values block is damaged/);
  });

  it('an import writes columnar blocks, smaller than the same slots deflated as rows', async () => {
    const a = open(await archiveCopy(), { readonly: true });
    const blocks = a.db.prepare('SELECT data, format FROM raw_blocks').all() as { data: Buffer; format: number }[];
    expect(blocks.length).toBeGreaterThan(4);
    expect(blocks.every((b) => b.format === COLUMNS_BROTLI)).toBe(true);
    const now = blocks.reduce((n, b) => n + b.data.length, 0);
    const asRows = blocks.reduce((n, b) => n + encodeBlock(decodeBlock(b.data), ROWS_DEFLATED).length, 0);
    expect(now).toBeLessThan(asRows * 0.9);
  });
});

describe('events: a view over their length in ms and their names stored once', () => {
  it('names and agents are ids of event_names, each text stored once; the view reads them back', async () => {
    const a = open(await archiveCopy(), { readonly: true });
    const count = (q: string) => a.db.prepare(q).pluck().get() as number;
    expect(count("SELECT count(*) FROM sqlite_schema WHERE name = 'events' AND type = 'view'")).toBe(1);
    const distinct = count(
      'SELECT count(*) FROM (SELECT name FROM events WHERE name IS NOT NULL UNION SELECT agent FROM events WHERE agent IS NOT NULL)',
    );
    expect(count('SELECT count(*) FROM event_names')).toBe(distinct);
    expect(count('SELECT count(*) FROM events WHERE agent IS NOT NULL')).toBeGreaterThan(distinct);
    expect(
      count(
        'SELECT count(*) FROM events e JOIN event_rows r USING (call, seq) WHERE e.name IS NOT (SELECT text FROM event_names WHERE id = r.name_id)',
      ),
    ).toBe(0);
  });

  it('a rewrite through the view (erasure) stores the new text; the old one goes once no event uses it', async () => {
    const a = open(await archiveCopy());
    const { call, seq, agent } = a.db
      .prepare('SELECT call, seq, agent FROM events WHERE agent IS NOT NULL ORDER BY call, seq LIMIT 1')
      .get() as { call: number; seq: number; agent: string };
    const uses = a.db.prepare('SELECT count(*) FROM events WHERE agent = ?').pluck();
    const others = a.db.prepare('SELECT call, seq FROM events WHERE agent = ?').all(agent) as {
      call: number;
      seq: number;
    }[];
    const rewrite = a.db.prepare("UPDATE events SET agent = '(erased)', result = 'x' WHERE call = ? AND seq = ?");
    for (const e of others) rewrite.run(e.call, e.seq);
    expect(uses.get(agent)).toBe(0);
    expect(a.db.prepare('SELECT agent, result FROM events WHERE call = ? AND seq = ?').raw().get(call, seq)).toEqual([
      '(erased)',
      'x',
    ]);
    const stored = a.db.prepare('SELECT count(*) FROM event_names WHERE text = ?').pluck();
    expect(stored.get(agent)).toBe(1);
    a.db.exec(DROP_UNUSED_EVENT_NAMES);
    expect(stored.get(agent)).toBe(0);
    expect(stored.get('(erased)')).toBe(1);
  });

  it('end_ms and duration_sec read back from start and length', async () => {
    const a = open(await archiveCopy(), { readonly: true });
    const bad = a.db
      .prepare('SELECT count(*) FROM events WHERE end_ms <> start_ms + dur_ms OR duration_sec <> dur_ms / 1000.0')
      .pluck();
    expect(bad.get()).toBe(0);
    expect(a.db.prepare('SELECT count(*) FROM events WHERE dur_ms > 0').pluck().get()).toBeGreaterThan(0);
  });

  it('an event whose duration is not its end minus its start is refused, not stored as another', async () => {
    const a = open(await archiveCopy());
    const call = a.db.prepare('SELECT id FROM calls LIMIT 1').pluck().get() as number;
    const insert = a.db.prepare(INSERT_EVENT);
    insert.run(call, 100, 'menu', 1_000, 3_500, 2.5, null, null, null, '[]');
    expect(
      a.db.prepare('SELECT end_ms, duration_sec FROM events WHERE call = ? AND seq = 100').raw().get(call),
    ).toEqual([3_500, 2.5]);
    // An end before the start is kept as given, as the table before kept it.
    insert.run(call, 102, 'menu', 5_000, 3_000, -2, null, null, null, '[]');
    expect(
      a.db.prepare('SELECT end_ms, duration_sec FROM events WHERE call = ? AND seq = 102').raw().get(call),
    ).toEqual([3_000, -2]);
    expect(() => insert.run(call, 101, 'menu', 1_000, 3_500, 2.4, null, null, null, '[]')).toThrow(
      /NOT NULL constraint failed: event_rows\.dur_ms/,
    );
  });
});

describe('link tables keyed by (name, start, call)', () => {
  it("a queue's or agent's calls by start are read from the key; a call's links from call_*_call", async () => {
    const a = open(await archiveCopy(), { readonly: true });
    const plan = (q: string) => JSON.stringify(a.db.prepare(`EXPLAIN QUERY PLAN ${q}`).all('x'));
    // Through the views of the names' ids (link-ids.ts): the name's id, then the key from it.
    expect(plan('SELECT call FROM call_queues WHERE queue = ? ORDER BY start_ms DESC, call DESC LIMIT 5')).toMatch(
      /SEARCH l USING PRIMARY KEY \(queue_id=\?\)/,
    );
    expect(plan('SELECT call FROM call_agents WHERE agent = ? ORDER BY start_ms, call LIMIT 5')).toMatch(
      /SEARCH l USING PRIMARY KEY \(agent_id=\?\)/,
    );
    expect(plan('SELECT queue FROM call_queues WHERE call = CAST(? AS INTEGER)')).toMatch(
      /call_queues_call \(call=\?\)/,
    );
    const names = a.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all();
    expect(names).not.toContain('call_queues_queue_start');
    expect(names).not.toContain('call_agents_agent_start');
    expect(a.db.prepare("SELECT wr FROM pragma_table_list WHERE name = 'call_variables'").pluck().get()).toBe(1);
  });

  it('a call is linked to a queue once, however often it is written', async () => {
    const a = open(await archiveCopy());
    const { call, queue, start } = a.db
      .prepare('SELECT call, queue, start_ms AS start FROM call_queues LIMIT 1')
      .get() as {
      call: number;
      queue: string;
      start: number;
    };
    a.db.prepare('INSERT OR IGNORE INTO call_queues (call, queue, start_ms) VALUES (?, ?, ?)').run(call, queue, start);
    const n = a.db.prepare('SELECT count(*) FROM call_queues WHERE call = ? AND queue = ?').pluck();
    expect(n.get(call, queue)).toBe(1);
  });
});

describe('registrations stored once by the INSERT, found by call', () => {
  it('a second registration of the same call, agent, text and time writes no row; another text does', async () => {
    const a = open(await archiveCopy());
    const r = a.db.prepare('SELECT call_id, agent_id, text, at_ms, raw_row FROM registrations LIMIT 1').raw().get() as [
      string,
      string | null,
      string,
      number | null,
      number,
    ];
    const insert = a.db.prepare(INSERT_REGISTRATION);
    expect(insert.run(...r).changes).toBe(0);
    expect(insert.run(r[0], r[1], `${r[2]} (2)`, r[3], r[4]).changes).toBe(1);
    expect(insert.run(r[0], r[1] === null ? 'a1' : null, r[2], r[3], r[4]).changes).toBe(1);
    const plan = JSON.stringify(a.db.prepare(`EXPLAIN QUERY PLAN ${INSERT_REGISTRATION}`).all(...r));
    expect(plan).toMatch(/USING INDEX registrations_call \(call_id=\?\)/);
    const names = a.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all();
    expect(names).not.toContain('registrations_key');
  });

  it("an erasure's rewrite may make two of a call's registrations equal (the unique index refused it)", async () => {
    const a = open(await archiveCopy());
    const r = a.db.prepare('SELECT id, call_id, agent_id, at_ms, raw_row FROM registrations LIMIT 1').get() as {
      id: number;
      call_id: string;
      agent_id: string | null;
      at_ms: number | null;
      raw_row: number;
    };
    a.db.prepare(INSERT_REGISTRATION).run(r.call_id, r.agent_id, 'ring 20 10 01 48', r.at_ms, r.raw_row);
    a.db.prepare("UPDATE registrations SET text = 'ring +4520100148' WHERE id = ?").run(r.id);
    const set = a.db.prepare(
      "UPDATE registrations SET text = 'ring [erased]' WHERE call_id = ? AND text LIKE 'ring %'",
    );
    expect(set.run(r.call_id).changes).toBe(2);
  });
});

describe('upgrade from the previous schema', () => {
  it("keeps every call, row, link and digest, reports progress, gives a new archive's schema, and shrinks", async () => {
    const path = await archiveCopy();
    const fresh = open(path, { readonly: true });
    const before = await everything(fresh);
    const schema = schemaOf(fresh.db);
    closeAll();
    toPreviousSchema(path);
    const old = open(path, { readonly: true });
    const oldBytes = bytesOf(old.db, LEAN);
    expect(await everything(old)).toEqual(before); // the previous schema reads alike (read-only, not upgraded)
    closeAll();

    const progress: UpgradeProgress[] = [];
    const a = open(path, { onUpgrade: (p) => progress.push(p) });
    expect(a.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const mine = progress.filter((p) => p.toVersion === LEAN_TABLES_VERSION && p.phase === undefined);
    const count = (q: string) => a.db.prepare(q).pluck().get() as number;
    const total =
      count('SELECT count(*) FROM events') +
      LINKS.reduce((n, t) => n + count(`SELECT count(*) FROM ${t}`), 0) +
      count('SELECT count(*) FROM raw_blocks');
    expect(mine[0]).toMatchObject({ done: 0, total });
    expect(mine[mine.length - 1]).toMatchObject({ done: total, total });
    expect(await everything(a)).toEqual(before);
    expect(schemaOf(a.db)).toEqual(schema);
    expect(verifyArchive(a.db).problems).toEqual([]);
    expect(a.db.prepare('SELECT count(*) FROM pragma_foreign_key_check').pluck().get()).toBe(0);
    expect(bytesOf(a.db, LEAN)).toBeLessThan(oldBytes * 0.9);
  });

  it('an interrupted upgrade leaves the archive as it was, readable; the next open upgrades it', async () => {
    const path = await archiveCopy();
    const before = await everything(open(path, { readonly: true }));
    closeAll();
    toPreviousSchema(path);
    expectUpgradeCutOff(path, LEAN_TABLES_VERSION, (p) => p.done > 0 && p.done < p.total);
    const ro = open(path, { readonly: true });
    expect(ro.db.pragma('user_version', { simple: true })).toBe(LEAN_TABLES_VERSION - 1);
    expect(ro.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%_lean'").pluck().get()).toBe(0);
    expect(
      ro.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'call_queues_queue_start'").pluck().get(),
    ).toBe(1);
    expect(await everything(ro)).toEqual(before);
    const rw = open(path);
    expect(rw.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(await everything(rw)).toEqual(before);
    expect(verifyArchive(rw.db).problems).toEqual([]);
  });
});
