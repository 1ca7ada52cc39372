// The schema step that stores raw_rows and events more compactly (issue #10 goal 2; figures in
// docs/archive.md § "Codes and events keyed by call"):
// - raw_rows: the table's name and the status as small integer codes (coded-columns.ts), with
//   `tbl` and `status` kept as VIRTUAL generated columns, so every reader sees what it saw before;
//   the call id as an integer where it is a plain number (`call_key`, indexed by raw_rows_call;
//   `call_id` generated; lookups by call go through raw-call-key.ts);
// - events: a WITHOUT ROWID table keyed by (call, seq), the order every reader reads it in, instead
//   of a rowid table plus the index events_call (≈ 47 MB at 1M calls) and a rowid per event; the
//   type as a code with `type` generated; the one raw row behind 9 events in 10 as an integer
//   (`sources`), with the JSON list `source_ids` generated from it.
// Both tables are rebuilt (create, copy in key order, drop, rename): SQLite cannot change a column's
// storage in place. It runs in the migration's transaction with foreign keys off (see migrate()),
// so an interruption leaves the archive as it was.
import type { Db } from './native';
import { sql, value } from './sql';
import { tableColumns } from './table-columns';
import {
  EVENT_TYPE_CODES,
  EVENT_TYPE_TEXT,
  RAW_STATUS_TEXT,
  RAW_TABLES,
  RAW_TABLE_TEXT,
  RAW_CALL_ID_TEXT,
  callKeySql,
  codeSql,
} from './coded-columns';

/**
 * raw_rows with its codes. The generated columns stand where the old text columns stood, so that
 * `SELECT *` lists the columns it listed before (then the three stored ones that replaced them).
 */
export const RAW_ROWS_TABLE = (name: string): string => `
CREATE TABLE ${name} (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  line INTEGER NOT NULL,
  tbl TEXT GENERATED ALWAYS AS (${RAW_TABLE_TEXT}) VIRTUAL NOT NULL,
  call_id TEXT GENERATED ALWAYS AS (${RAW_CALL_ID_TEXT}) VIRTUAL,
  agent_id TEXT,
  queue_key TEXT,
  menu_key TEXT,
  status TEXT GENERATED ALWAYS AS (${RAW_STATUS_TEXT}) VIRTUAL NOT NULL,
  reason TEXT,
  norm TEXT,
  layout INTEGER NOT NULL REFERENCES layouts(id),
  fields TEXT NOT NULL,
  tbl_code INTEGER,                 -- index in RAW_TABLES; NULL: another table, named in tbl_other
  tbl_other TEXT,
  kept INTEGER NOT NULL CHECK (kept IN (0, 1)),
  call_key ANY                      -- the call id: an integer where it is a plain number (callKeySql), else its text
) STRICT`;

/** events as this step made it (lean-tables.ts has its current form). */
export const EVENTS_TABLE = (name: string): string => `
CREATE TABLE ${name} (
  call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT GENERATED ALWAYS AS (${EVENT_TYPE_TEXT}) VIRTUAL NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  duration_sec REAL NOT NULL,
  name TEXT,
  agent TEXT,
  result TEXT,
  source_ids TEXT GENERATED ALWAYS AS (${SOURCE_IDS_TEXT}) VIRTUAL NOT NULL, -- JSON array of raw_rows.id behind the event
  type_code INTEGER NOT NULL,       -- index in ARCHIVE_EVENT_TYPES
  sources ANY NOT NULL,             -- the one raw_rows.id (9 events in 10) as an integer, else the JSON array
  PRIMARY KEY (call, seq)
) WITHOUT ROWID, STRICT`;

/**
 * The INSERT of a raw row (parameters: import_id, line, tbl_code, tbl_other, call_key, agent_id,
 * queue_key, menu_key, kept, reason, norm, layout, fields): the table as (code, other name), the call
 * id as callKeyOf gives it and the status as rawStatusCode gives it (coded-columns.ts).
 */
export const INSERT_RAW_ROW =
  'INSERT INTO raw_rows (import_id, line, tbl_code, tbl_other, call_key, agent_id, queue_key, menu_key, kept, reason, norm, layout, fields) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** The UPDATE of a raw row's call id (bound as text, then the row id). */
export const SET_RAW_CALL_ID = `UPDATE raw_rows SET call_key = (SELECT ${callKeySql('x')} FROM (SELECT ? AS x)) WHERE id = ?`;

/** events.source_ids, generated from `sources`: '[id]' of one id stored as an integer (6 bytes less), else as written. */
export const SOURCE_IDS_TEXT = "CASE WHEN typeof(sources) = 'integer' THEN '[' || sources || ']' ELSE sources END";
/** What `sources` stores for a JSON array of ids (`json`, an SQL expression): its one id as an integer, else the text. */
export const sourcesSql = (json: string): string =>
  `CASE WHEN ${json} GLOB '[[][1-9]*]' AND ${json} NOT GLOB '*,*' THEN CAST(substr(${json}, 2, length(${json}) - 2) AS INTEGER) ELSE ${json} END`;

/** Rows copied per statement: the progress moves, and no statement holds a long sorter. */
const CHUNK = 200_000;

/** The tables whose foreign keys name raw_rows or events' parents: checked before the step commits. */
export const CHECKED_AFTER_COMPACT_ROWS = [
  'agents',
  'queues',
  'menus',
  'registrations',
  'call_variables',
  'platform_links',
] as const;

function copyInChunks(
  db: Db,
  insert: string,
  bounds: [number, number] | null,
  key: string,
  order: string,
  onRows: (n: number) => void,
): void {
  if (!bounds) return;
  const copy = db.prepare(`${insert} WHERE ${key} >= ? AND ${key} < ? ORDER BY ${order}`);
  for (let from = bounds[0]; from <= bounds[1]; from += CHUNK) onRows(copy.run(from, from + CHUNK).changes);
}

function idBounds(db: Db, table: 'raw_rows' | 'events', key: string): [number, number] | null {
  const lo = value(db, sql<number | null>(`SELECT min(${key}) FROM ${table}`));
  const hi = value(db, sql<number | null>(`SELECT max(${key}) FROM ${table}`));
  return lo == null || hi == null ? null : [lo, hi];
}

/** Rebuilds raw_rows and events in their compact form; rows are reported as they are copied. */
export function compactRowsAndEvents(db: Db, onProgress: (done: number, total: number) => void): void {
  const rawDone = tableColumns(db, 'raw_rows').has('call_key');
  const eventsDone = tableColumns(db, 'events').has('type_code');
  const total =
    (rawDone ? 0 : (value(db, sql<number>('SELECT count(*) FROM raw_rows')) ?? 0)) +
    (eventsDone ? 0 : (value(db, sql<number>('SELECT count(*) FROM events')) ?? 0));
  let done = 0;
  const step = (n: number): void => onProgress((done += n), total);
  onProgress(0, total);
  if (!rawDone) {
    db.exec(RAW_ROWS_TABLE('raw_rows_compact'));
    const inList = RAW_TABLES.map((t) => `'${t}'`).join(', ');
    copyInChunks(
      db,
      'INSERT INTO raw_rows_compact (id, import_id, line, tbl_code, tbl_other, call_key, agent_id, queue_key, menu_key, kept, reason, norm, layout, fields) ' +
        `SELECT id, import_id, line, ${codeSql(RAW_TABLES, 'tbl')}, CASE WHEN tbl NOT IN (${inList}) THEN tbl END, ` +
        `${callKeySql('call_id')}, agent_id, queue_key, menu_key, status = 'kept', reason, norm, layout, fields FROM raw_rows`,
      idBounds(db, 'raw_rows', 'id'),
      'id',
      'id',
      step,
    );
    db.exec(`DROP TABLE raw_rows;
      ALTER TABLE raw_rows_compact RENAME TO raw_rows;
      CREATE INDEX raw_rows_call ON raw_rows(call_key) WHERE call_key IS NOT NULL;`);
  }
  if (!eventsDone) {
    db.exec(EVENTS_TABLE('events_compact'));
    copyInChunks(
      db,
      'INSERT INTO events_compact (call, seq, type_code, start_ms, end_ms, duration_sec, name, agent, result, sources) ' +
        `SELECT call, seq, ${codeSql(EVENT_TYPE_CODES, 'type')}, start_ms, end_ms, duration_sec, name, agent, result, ` +
        `${sourcesSql('source_ids')} FROM events`,
      idBounds(db, 'events', 'call'),
      'call',
      'call, seq',
      step,
    );
    db.exec('DROP TABLE events; ALTER TABLE events_compact RENAME TO events;');
  }
}
