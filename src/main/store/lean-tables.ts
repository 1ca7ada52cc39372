// The schema step LEAN_TABLES_VERSION (issue #10 goal 2; figures in docs/archive.md § "Lean tables"):
// less storage for what every reader still sees the same way.
// - raw_blocks: every block rewritten as columns, brotli (raw-blocks.ts, COLUMNS_BROTLI); the new
//   `format` column says which kind a block is.
// - events: a view over event_rows and event_names. An event stores its length in ms (`dur_ms`, 1–3
//   bytes) instead of end_ms (6 bytes) and duration_sec (up to 8), and its name and agent as ids of
//   event_names (1–2 bytes instead of ≈ 14: a few hundred distinct texts). The view gives the columns
//   events had; its triggers take inserts and rewrites as text. The engine's duration is exactly
//   (end − start) / 1000 of whole milliseconds (draft.ts msToSec); an event whose stated duration is
//   not fails the write (dur_ms NOT NULL) instead of being stored as another.
// - call_queues / call_agents: the primary key (queue | agent, start_ms, call) is the index their
//   by-name readers used (call_queues_queue_start, call_agents_agent_start), which goes. A call's
//   links all carry the call's start, so the key is unique exactly when (queue | agent, call) was.
// - call_variables: WITHOUT ROWID keyed by (call_id, name), instead of a rowid table and the
//   index of that key.
// - registrations: an index on call_id instead of the unique index of (call, agent, text, time); the
//   INSERT refuses a duplicate (INSERT_REGISTRATION).
// Each table is rebuilt (create, copy in key order, drop, rename, indexes and triggers again) in the
// migration's transaction: interrupted, the archive is as it was. Each part is skipped when its table
// is already in this form (tests take archives back to older versions by hand).
import type { Db } from './native';
import { all, sql, value, values } from './sql';
import { tableColumns } from './table-columns';
import { EVENT_TYPE_CODES, EVENT_TYPE_TEXT, codeSql } from './coded-columns';
import { SOURCE_IDS_TEXT, sourcesSql } from './compact-rows';
import { ROWS_DEFLATED, repackOldBlocks } from '../import/raw-blocks';
import { linksHaveIds } from './link-rows';

/** An event's name and agent, stored once each (a few hundred distinct texts at 1M calls). */
const EVENT_NAMES_TABLE = 'CREATE TABLE event_names (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE) STRICT';

const EVENT_ROWS_TABLE = `
CREATE TABLE event_rows (
  call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type_code INTEGER NOT NULL,       -- index in ARCHIVE_EVENT_TYPES
  start_ms INTEGER NOT NULL,
  dur_ms INTEGER NOT NULL,          -- end_ms − start_ms (kept as given, even below 0)
  name_id INTEGER,                  -- event_names.id
  agent_id INTEGER,                 -- event_names.id
  result TEXT,
  sources ANY NOT NULL,             -- the one raw_rows.id (9 events in 10) as an integer, else the JSON array
  PRIMARY KEY (call, seq)
) WITHOUT ROWID, STRICT`;

/** What readers read: the columns events had, computed from event_rows and event_names. */
const EVENTS_VIEW = `
CREATE VIEW events AS SELECT e.call, e.seq, ${EVENT_TYPE_TEXT} AS type, e.start_ms, e.start_ms + e.dur_ms AS end_ms,
  e.dur_ms / 1000.0 AS duration_sec, n.text AS name, g.text AS agent, e.result, ${SOURCE_IDS_TEXT} AS source_ids,
  e.type_code, e.sources, e.dur_ms
FROM event_rows e LEFT JOIN event_names n ON n.id = e.name_id LEFT JOIN event_names g ON g.id = e.agent_id`;

/** dur_ms of an event given as (start_ms, end_ms, duration_sec): NULL, refused, when they disagree. */
const durMsSql = (start: string, end: string, durationSec: string): string =>
  `CASE WHEN ${durationSec} = (${end} - ${start}) / 1000.0 THEN ${end} - ${start} END`;

const nameIdSql = (text: string): string => `(SELECT id FROM event_names WHERE text = ${text})`;
const keepNamesSql = (...texts: string[]): string =>
  texts.map((t) => `INSERT OR IGNORE INTO event_names (text) SELECT ${t} WHERE ${t} IS NOT NULL;`).join('\n');

/**
 * Writing the view: an event is inserted and its name, agent and result rewritten (erasure) as text;
 * the triggers store the codes, the length and the names. The import deletes a call's events from
 * event_rows itself (CallWriter).
 */
const EVENTS_VIEW_TRIGGERS = `
CREATE TRIGGER events_insert INSTEAD OF INSERT ON events BEGIN
  ${keepNamesSql('NEW.name', 'NEW.agent')}
  INSERT INTO event_rows (call, seq, type_code, start_ms, dur_ms, name_id, agent_id, result, sources)
  VALUES (NEW.call, NEW.seq, ${codeSql(EVENT_TYPE_CODES, 'NEW.type')}, NEW.start_ms,
    ${durMsSql('NEW.start_ms', 'NEW.end_ms', 'NEW.duration_sec')}, ${nameIdSql('NEW.name')}, ${nameIdSql('NEW.agent')},
    NEW.result, ${sourcesSql('NEW.source_ids')});
END;
CREATE TRIGGER events_update INSTEAD OF UPDATE OF name, agent, result ON events BEGIN
  ${keepNamesSql('NEW.name', 'NEW.agent')}
  UPDATE event_rows SET name_id = ${nameIdSql('NEW.name')}, agent_id = ${nameIdSql('NEW.agent')}, result = NEW.result
  WHERE call = OLD.call AND seq = OLD.seq;
END;`;

/** The names no event uses any more (after an erasure rewrote them: the erased text must not stay). */
export const DROP_UNUSED_EVENT_NAMES =
  'DELETE FROM event_names WHERE id NOT IN (SELECT name_id FROM event_rows WHERE name_id IS NOT NULL ' +
  'UNION SELECT agent_id FROM event_rows WHERE agent_id IS NOT NULL)';

/**
 * The INSERT of an event (parameters: call, seq, type, start_ms, end_ms, duration_sec, name, agent,
 * result, source_ids as JSON), through the view's trigger.
 */
export const INSERT_EVENT =
  'INSERT INTO events (call, seq, type, start_ms, end_ms, duration_sec, name, agent, result, source_ids) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Where a call's events are stored (deleted by call when it is derived again). */
export const DELETE_CALL_EVENTS = 'DELETE FROM event_rows WHERE call = ?';

const isView = (db: Db, name: string): boolean =>
  db.prepare('SELECT type FROM sqlite_schema WHERE name = ?').pluck().get(name) === 'view';

/** Replaces the table events (as compact-rows.ts made it) by event_rows, event_names and the view. */
function eventsAsView(db: Db): number {
  db.exec(`${EVENT_NAMES_TABLE};
    INSERT INTO event_names (text) SELECT name FROM events WHERE name IS NOT NULL
      UNION SELECT agent FROM events WHERE agent IS NOT NULL;
    ${EVENT_ROWS_TABLE};`);
  const n = db
    .prepare(
      'INSERT INTO event_rows (call, seq, type_code, start_ms, dur_ms, name_id, agent_id, result, sources) ' +
        `SELECT call, seq, type_code, start_ms, ${durMsSql('start_ms', 'end_ms', 'duration_sec')}, ` +
        `${nameIdSql('e.name')}, ${nameIdSql('e.agent')}, result, sources FROM events e ORDER BY call, seq`,
    )
    .run().changes;
  db.exec(`DROP TABLE events; ${EVENTS_VIEW}; ${EVENTS_VIEW_TRIGGERS}`);
  return n;
}

/** The rebuilt tables, and the order of their new keys (the copy inserts in it). */
const LINK_TABLES = {
  call_queues:
    'CREATE TABLE call_queues (call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE, queue TEXT NOT NULL, ' +
    'start_ms INTEGER NOT NULL, PRIMARY KEY (queue, start_ms, call)) WITHOUT ROWID, STRICT',
  call_agents:
    'CREATE TABLE call_agents (call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE, agent TEXT NOT NULL, ' +
    'start_ms INTEGER NOT NULL, talk INTEGER NOT NULL DEFAULT 0, talk_ms INTEGER NOT NULL DEFAULT 0, ' +
    'PRIMARY KEY (agent, start_ms, call)) WITHOUT ROWID, STRICT',
  call_variables:
    'CREATE TABLE call_variables (call_id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, ' +
    'raw_row INTEGER NOT NULL REFERENCES raw_rows(id), PRIMARY KEY (call_id, name)) WITHOUT ROWID, STRICT',
} as const;
const KEY_ORDER: Record<keyof typeof LINK_TABLES, string> = {
  call_queues: 'queue, start_ms, call',
  call_agents: 'agent, start_ms, call',
  call_variables: 'call_id, name',
};

/** The indexes their primary keys now are. */
const INDEXES_NOW_KEYS = ['call_queues_queue_start', 'call_agents_agent_start'];

const KEY_COLUMNS = sql<string, [table: string]>('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk');
const WITHOUT_ROWID = sql<number, [table: string]>('SELECT wr FROM pragma_table_list WHERE name = ?');
const INDEXES_AND_TRIGGERS = sql<{ name: string; sql: string }, [table: string]>(
  "SELECT name, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
);

/** The table is in its lean form: WITHOUT ROWID, keyed as KEY_ORDER says. */
function isLean(db: Db, table: keyof typeof LINK_TABLES): boolean {
  return value(db, WITHOUT_ROWID, table) === 1 && values(db, KEY_COLUMNS, table).join(', ') === KEY_ORDER[table];
}

/**
 * Replaces `table` by one made with `create` (its name given as `${table}_lean`), copying every row
 * with `copy` (an INSERT … SELECT from the old table into the new), then its indexes (but `dropped`)
 * and triggers as they were.
 */
function rebuild(db: Db, table: string, create: string, copy: string, dropped: readonly string[] = []): number {
  const others = all(db, INDEXES_AND_TRIGGERS, table).filter((o) => !dropped.includes(o.name));
  db.exec(create);
  const n = db.prepare(copy).run().changes;
  db.exec(`DROP TABLE ${table}; ALTER TABLE ${table}_lean RENAME TO ${table};`);
  for (const o of others) db.exec(o.sql);
  return n;
}

/**
 * A registration is stored once per (call, agent, text, time). The unique index that refused a second
 * one held every registration's whole text (18 MiB at 1M calls) and failed an erasure that made two of
 * a call's registrations equal; the INSERT checks instead, through the index on call_id
 * (parameters: call_id, agent_id, text, at_ms, raw_row; no row is written for a duplicate).
 */
export const INSERT_REGISTRATION =
  'INSERT INTO registrations (call_id, agent_id, text, at_ms, raw_row) SELECT c, a, t, m, r ' +
  'FROM (SELECT ? AS c, ? AS a, ? AS t, ? AS m, ? AS r) WHERE NOT EXISTS (SELECT 1 FROM registrations x ' +
  "WHERE x.call_id = c AND coalesce(x.agent_id, '') = coalesce(a, '') AND x.text = t AND coalesce(x.at_ms, -1) = coalesce(m, -1))";

const REGISTRATIONS_BY_CALL = `DROP INDEX IF EXISTS registrations_key;
CREATE INDEX IF NOT EXISTS registrations_call ON registrations(call_id);`;

/** Rebuilds what is not lean yet; progress in rows copied plus blocks rewritten. */
export function leanTables(db: Db, onProgress: (done: number, total: number) => void): void {
  const eventsDone = isView(db, 'events');
  // Links stored as ids (a later step, link-ids.ts) are past this form: tests take archives back by hand.
  const idLinks = linksHaveIds(db) ? ['call_queues', 'call_agents'] : [];
  const links = (Object.keys(LINK_TABLES) as (keyof typeof LINK_TABLES)[]).filter(
    (t) => !idLinks.includes(t) && !isLean(db, t),
  );
  const count = (q: string) => db.prepare(q).pluck().get() as number;
  const rows = (t: string) => count(`SELECT count(*) FROM ${t}`);
  if (!tableColumns(db, 'raw_blocks').has('format')) {
    db.exec(`ALTER TABLE raw_blocks ADD COLUMN format INTEGER NOT NULL DEFAULT ${ROWS_DEFLATED}`);
  }
  const blocks = count(`SELECT count(*) FROM raw_blocks WHERE format = ${ROWS_DEFLATED}`);
  const total = (eventsDone ? 0 : rows('events')) + links.reduce((sum, t) => sum + rows(t), 0) + blocks;
  let done = 0;
  onProgress(0, total);
  if (!eventsDone) {
    done += eventsAsView(db);
    onProgress(done, total);
  }
  for (const t of links) {
    const lean = LINK_TABLES[t].replace(`CREATE TABLE ${t} `, `CREATE TABLE ${t}_lean `);
    const columns = [...tableColumns(db, t)].join(', ');
    const copy = `INSERT INTO ${t}_lean (${columns}) SELECT ${columns} FROM ${t} ORDER BY ${KEY_ORDER[t]}`;
    done += rebuild(db, t, lean, copy, INDEXES_NOW_KEYS);
    onProgress(done, total);
  }
  db.exec(REGISTRATIONS_BY_CALL);
  repackOldBlocks(db, (n) => onProgress(done + n, total));
}
