// The archive schema and its versioned migrations (PRAGMA user_version).
// Migration N turns a version N-1 archive into version N; never edit a released
// migration, add a new one. An archive whose user_version is above
// SCHEMA_VERSION was written by a newer Callscope and is refused (one line).
import type { Db } from './native';
import { STATS_HOURS_SCHEMA, STATS_HOURS_TABLES, STATS_HOUR_MS, callHourSpan, rebuildStatsHours } from './stats-hours';
import { upgradeToV3, type UpgradeProgress } from './upgrade-v3';
import { packRawRows, RAW_BLOCKS_SQL } from '../import/raw-blocks';
import { sql, value } from './sql';
import { rowCount, tableColumns } from './table-columns';
import { CHECKED_AFTER_COMPACT_ROWS, compactRowsAndEvents } from './compact-rows';
import { leanTables } from './lean-tables';
import { callCodes, RANGE_FILTER_COLUMNS } from './call-codes';
import { brokenReferences, refuseLostReferences } from './reference-check';
import { rebuildTextNames } from './upgrade-text-names';
import { linkIds } from './link-ids';

export type { UpgradeProgress };

/** A migration needing more than SQL: runs inside the migration's transaction and reports its progress. */
interface CodeMigration {
  run(db: Db, onProgress: (done: number, total: number) => void): void;
  /** It frees or shrinks many pages: the archive is compacted (VACUUM) once the upgrade has committed. */
  compactAfter?: boolean;
  /**
   * It rebuilds tables that others reference (create, copy, drop, rename): it runs with foreign keys off
   * (a DROP of a referenced table would fail or cascade), and these tables' references are checked
   * before its transaction commits.
   */
  rebuildsChecking?: readonly string[];
}

const V1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- One row per imported file (failed / cancelled imports leave nothing behind).
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,          -- base name as given
  file_label TEXT NOT NULL UNIQUE,  -- origin.file of its rows: unique in the archive
  file_path TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  format TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running','done')),
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_used INTEGER NOT NULL DEFAULT 0,   -- as at the end of this import
  rows_kept INTEGER NOT NULL DEFAULT 0,   -- as at the end of this import
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  rows_stored INTEGER NOT NULL DEFAULT 0, -- raw_rows written (= used + kept)
  rows_digest TEXT,                       -- SHA-256 over its raw_rows (id order), for verify
  rejected_digest TEXT,                   -- SHA-256 over its rejected_rows (id order)
  calls_derived INTEGER NOT NULL DEFAULT 0,
  app_version TEXT NOT NULL,
  message TEXT
) STRICT;
CREATE UNIQUE INDEX imports_sha ON imports(sha256);

-- The distinct column lists (headers) of stored records.
CREATE TABLE layouts (id INTEGER PRIMARY KEY, columns TEXT NOT NULL UNIQUE) STRICT; -- JSON array of names

-- Every accepted input record, as exported, with its accounting status.
CREATE TABLE raw_rows (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  line INTEGER NOT NULL,
  tbl TEXT NOT NULL,                -- call_events | agents | queues | menus | enquiry_registrations | call_variables | other table | call (other platforms)
  call_id TEXT,                     -- call_events / registrations / variables / other platforms' records
  agent_id TEXT,
  queue_key TEXT,
  menu_key TEXT,
  status TEXT NOT NULL CHECK (status IN ('used','kept')),
  reason TEXT,                      -- why kept (duplicate, superseded by a newer delivery, unknown code, ...)
  norm TEXT,                        -- the normalised CallEventRow the engine reads (JSON array, see row-codec.ts)
  layout INTEGER NOT NULL REFERENCES layouts(id),
  fields TEXT NOT NULL              -- every value exactly as exported (JSON array, in the layout's column order)
) STRICT;
CREATE INDEX raw_rows_call ON raw_rows(call_id) WHERE call_id IS NOT NULL;
CREATE INDEX raw_rows_import ON raw_rows(import_id, status);

CREATE TABLE rejected_rows (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL
) STRICT;
CREATE INDEX rejected_rows_import ON rejected_rows(import_id, id);

-- One row per archive call: the filter / sort columns plus the full contract JSON.
CREATE TABLE calls (
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
) STRICT;
-- The contract JSON apart from the filter columns, so that list queries read small rows.
CREATE TABLE call_docs (
  call INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
  json TEXT NOT NULL                -- toContractJson(call): what show --json prints
) STRICT;

CREATE INDEX calls_start ON calls(start_ms, id);
CREATE INDEX calls_caller ON calls(coalesce(caller_number, ''), id);
CREATE INDEX calls_access ON calls(coalesce(access_number, ''), id);
CREATE INDEX calls_queue ON calls(coalesce(queue, ''), id);
CREATE INDEX calls_agent ON calls(coalesce(agent, ''), id);
CREATE INDEX calls_type ON calls(type, id);
CREATE INDEX calls_outcome ON calls(outcome, id);
CREATE INDEX calls_type_outcome_start ON calls(type, outcome, start_ms);
CREATE INDEX calls_start_type_outcome ON calls(start_ms, type, outcome);
CREATE INDEX calls_tba ON calls(coalesce(time_before_answer_sec, -1), id);
CREATE INDEX calls_wait ON calls(coalesce(wait_time_sec, -1), id);
CREATE INDEX calls_speak ON calls(speak_time_sec, id);
CREATE INDEX calls_attempts ON calls(coalesce(callback_attempts, -1), id);
CREATE INDEX calls_duration ON calls(duration_sec);
CREATE INDEX calls_contact ON calls(contact_key) WHERE contact_key IS NOT NULL;

-- Multi-valued filters: every queue / agent of a call.
-- start_ms is the call's, copied so that facets over a time range are one index range scan.
CREATE TABLE call_queues (call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE, queue TEXT NOT NULL, start_ms INTEGER NOT NULL, PRIMARY KEY (queue, call)) WITHOUT ROWID, STRICT;
CREATE INDEX call_queues_call ON call_queues(call);
CREATE INDEX call_queues_start ON call_queues(start_ms, queue);
CREATE INDEX call_queues_queue_start ON call_queues(queue, start_ms, call);
CREATE TABLE call_agents (call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE, agent TEXT NOT NULL, start_ms INTEGER NOT NULL, PRIMARY KEY (agent, call)) WITHOUT ROWID, STRICT;
CREATE INDEX call_agents_call ON call_agents(call);
CREATE INDEX call_agents_start ON call_agents(start_ms, agent);
CREATE INDEX call_agents_agent_start ON call_agents(agent, start_ms, call);

-- Facet counts of the whole archive (the unfiltered list), refreshed by every import.
CREATE TABLE facet_cache (facet TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (facet, value)) WITHOUT ROWID, STRICT;
-- The same per hour of call start (UTC): facets and totals of a time range sum whole hours
-- from here and count only the partial hours at its ends.
CREATE TABLE facet_hours (facet TEXT NOT NULL, hour INTEGER NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (facet, hour, value)) WITHOUT ROWID, STRICT;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  duration_sec REAL NOT NULL,
  name TEXT,
  agent TEXT,
  label TEXT,
  label_da TEXT,
  result TEXT,
  source_ids TEXT NOT NULL          -- JSON array of raw_rows.id behind the event
) STRICT;
CREATE INDEX events_call ON events(call, seq);

-- Companion tables (latest record wins; raw_row points at it).
CREATE TABLE agents (agent_id TEXT PRIMARY KEY, name TEXT NOT NULL, raw_row INTEGER REFERENCES raw_rows(id)) STRICT;
CREATE TABLE queues (queue_key TEXT PRIMARY KEY, name TEXT NOT NULL, raw_row INTEGER REFERENCES raw_rows(id)) STRICT;
CREATE TABLE menus (menu_id TEXT PRIMARY KEY, name TEXT NOT NULL, raw_row INTEGER REFERENCES raw_rows(id)) STRICT;
CREATE TABLE registrations (
  id INTEGER PRIMARY KEY, call_id TEXT NOT NULL, agent_id TEXT, text TEXT NOT NULL, at_ms INTEGER,
  raw_row INTEGER NOT NULL REFERENCES raw_rows(id)
) STRICT;
CREATE UNIQUE INDEX registrations_key ON registrations(call_id, coalesce(agent_id, ''), text, coalesce(at_ms, -1));
CREATE TABLE call_variables (
  call_id TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, raw_row INTEGER NOT NULL REFERENCES raw_rows(id),
  PRIMARY KEY (call_id, name)
) STRICT;

-- Free text: caller / access numbers (as written and digits only), agent and
-- queue names, labels, registrations. Trigram: any part of 3+ characters
-- matches, so prefix, suffix and infix number search use one index.
CREATE VIRTUAL TABLE calls_fts USING fts5(text, tokenize = 'trigram', content = '', contentless_delete = 1);
`;

// v2 (other platforms' imports): the import report says why its format was detected and which
// event / field names it did not know; platform_links finds the stored records of a call that
// another import continues under other ids (an Asterisk CDR's uniqueid / linkedid, the Connect
// contacts of a chain): keys that differ from the row's call_id only.
const V2 = `
ALTER TABLE imports ADD COLUMN format_why TEXT;
ALTER TABLE imports ADD COLUMN unknown_names TEXT; -- JSON [{kind, name, count}] or NULL when none
CREATE TABLE platform_links (
  key TEXT NOT NULL,                -- an archive call id the row may belong to, e.g. 'asterisk:1700000000.12'
  raw_row INTEGER NOT NULL REFERENCES raw_rows(id),
  PRIMARY KEY (key, raw_row)
) WITHOUT ROWID, STRICT;
`;

// v3 (compact storage, issue #10): see upgrade-v3.ts. New archives get it the same way (nothing to rewrite).
const V3: CodeMigration = { run: upgradeToV3, compactAfter: true };

// Saved and recent searches (#13 item 6): the user's, not imported data, so a table of
// their own; stored in the archive so they travel with it to a colleague.
const V_SAVED_SEARCHES = `
CREATE TABLE IF NOT EXISTS saved_searches (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('saved','recent')),
  name TEXT,                 -- the user's name for a saved search; NULL for a recent one
  search TEXT NOT NULL,      -- JSON: text, filters and sort (never a page position)
  created_at TEXT NOT NULL   -- ISO 8601 UTC
) STRICT;
CREATE INDEX IF NOT EXISTS saved_searches_kind ON saved_searches(kind, id);
`;

// Review work (#15): notes, tags, review status, the action log and erasures. IF NOT EXISTS:
// tests that take an archive back to an older version drop only that version's additions. Keyed by the
// archive call id (calls.call_id, text), never calls.id: an import deletes and re-inserts a call
// when it derives it again, and what reviewers wrote must stay with the call.
const REVIEW = `
CREATE TABLE IF NOT EXISTS review_notes (
  id INTEGER PRIMARY KEY,
  call_id TEXT NOT NULL,            -- archive call id
  event_index INTEGER,              -- the note is on this event of the call (0-based), or on the call (NULL)
  author TEXT NOT NULL,             -- OS user name of who wrote it first
  created_at TEXT NOT NULL,
  text TEXT NOT NULL,               -- the current text (its last version)
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX IF NOT EXISTS review_notes_call ON review_notes(call_id);
-- Every version of every note (edits append; nothing is overwritten).
CREATE TABLE IF NOT EXISTS review_note_versions (
  note INTEGER NOT NULL REFERENCES review_notes(id),
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  at TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (note, version)
) WITHOUT ROWID, STRICT;
CREATE TABLE IF NOT EXISTS review_tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  colour TEXT NOT NULL,             -- #rrggbb
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS review_call_tags (
  tag INTEGER NOT NULL REFERENCES review_tags(id),
  call_id TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (tag, call_id)
) WITHOUT ROWID, STRICT;
CREATE INDEX IF NOT EXISTS review_call_tags_call ON review_call_tags(call_id);
-- Reviewed or flagged calls; a call without a row is unreviewed.
CREATE TABLE IF NOT EXISTS review_status (
  call_id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('reviewed', 'flagged')),
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
) WITHOUT ROWID, STRICT;
CREATE INDEX IF NOT EXISTS review_status_status ON review_status(status, call_id);

-- Every change of the archive, append-only: each entry holds the SHA-256 of the previous entry
-- and of its own content (see src/main/review/action-log.ts); verify walks the chain.
CREATE TABLE IF NOT EXISTS action_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,             -- import | upgrade | erase | note | tag | status | tags | export | evidence | …
  summary TEXT NOT NULL,            -- one human line, never an erased value or a note's text
  calls INTEGER,                    -- how many calls it concerned
  details TEXT,                     -- JSON
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS action_log_no_update BEFORE UPDATE ON action_log BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS action_log_no_delete BEFORE DELETE ON action_log BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END;

-- Erasures (anonymisation): what, by whom, when, why; never the value.
CREATE TABLE IF NOT EXISTS erasures (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('number', 'email', 'before')),
  scope TEXT NOT NULL,              -- 'a phone number' / 'an e-mail address' / 'calls before <date>'
  reason TEXT NOT NULL,
  calls INTEGER NOT NULL,
  raw_rows INTEGER NOT NULL,
  rejected_rows INTEGER NOT NULL,
  action INTEGER REFERENCES action_log(id)
) STRICT;
-- Per stored row the erasure changed: the SHA-256 of its digest line before (verify's line for raw
-- rows; line, reason, raw for rejected rows), and of its content (table, columns, values: no line) so
-- that a later import of the same record is recognised.
CREATE TABLE IF NOT EXISTS erased_rows (
  erasure INTEGER NOT NULL REFERENCES erasures(id),
  kind TEXT NOT NULL CHECK (kind IN ('raw', 'rejected')),
  row_id INTEGER NOT NULL,
  import_id INTEGER NOT NULL,
  digest_before TEXT NOT NULL,
  content_digest TEXT NOT NULL,
  PRIMARY KEY (erasure, kind, row_id)
) WITHOUT ROWID, STRICT;
CREATE INDEX IF NOT EXISTS erased_rows_content ON erased_rows(content_digest);
-- Per import an erasure touched: its rows digests before and after, so verify follows the chain
-- imports.rows_digest → after erasure 1 → after erasure 2 … to the rows as stored now.
CREATE TABLE IF NOT EXISTS erased_imports (
  erasure INTEGER NOT NULL REFERENCES erasures(id),
  import_id INTEGER NOT NULL REFERENCES imports(id),
  rows_before TEXT NOT NULL,
  rows_after TEXT NOT NULL,
  rejected_before TEXT NOT NULL,
  rejected_after TEXT NOT NULL,
  PRIMARY KEY (import_id, erasure)
) WITHOUT ROWID, STRICT;
`;

// Compressed inputs (#11 item 4): an import read out of a gzip file or a ZIP keeps that file's name,
// SHA-256 and size, and the member's name; sha256 / file_size stay the content's (decompressed), so the
// same export imported plain, gzipped or zipped is one import. NULL for a plain file or a stream.
// Added column by column when missing (like the review migration's IF NOT EXISTS): tests that take an
// archive back to an older version by hand need not know of these columns.
const V_INPUT_CONTAINERS: CodeMigration = {
  run(db) {
    const have = tableColumns(db, 'imports');
    const columns: [string, string][] = [
      ['container_kind', "TEXT CHECK (container_kind IN ('gzip','zip'))"],
      ['container_name', 'TEXT'],
      ['container_sha256', 'TEXT'],
      ['container_size', 'INTEGER'],
      ['container_member', 'TEXT'],
    ];
    for (const [name, type] of columns) if (!have.has(name)) db.exec(`ALTER TABLE imports ADD COLUMN ${name} ${type}`);
  },
};

// Import attempts that failed or were cancelled (#14 item 14): the auditor sees every attempt,
// not only the imports that wrote rows. Written after the failed file's transaction rolled back
// (its own autocommit row); nothing else of the file is in the archive. Not part of verify's digests.
const IMPORT_ATTEMPTS = `
CREATE TABLE IF NOT EXISTS import_attempts (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,           -- base name as given
  file_size INTEGER NOT NULL,        -- 0 when the file could not be read
  sha256 TEXT NOT NULL,              -- '' when the file could not be hashed
  time_zone TEXT NOT NULL,
  started_at TEXT NOT NULL,          -- ISO 8601 UTC
  finished_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('failed','cancelled')),
  reason TEXT NOT NULL,              -- one line, as the import report showed it
  app_version TEXT NOT NULL
) STRICT;
`;

// Statistics precomputed at import (#12 speed): what the figures read of a call's events, so that they
// never read the events table. calls.stats_flags: 1 a Queue or Queue (callback) event, 2 a Queue
// (callback) event, 4 a Menu event (STATS_FLAG). call_agents.talk: 1 the agent had a Conversation, 2 a
// Consult (TALK_KIND); talk_ms: the sum of those events' durations, each rounded to whole ms. Written by
// the import (call-rows.ts); this fills them for an existing archive from its events, each in one pass.
// Added column by column when missing (like V_INPUT_CONTAINERS): tests that take an archive back to an older
// version by hand need not know of these columns. 35 s for 1,000,000 calls (docs/statistics.md "Speed").
const V_STATS_PRECOMPUTED: CodeMigration = {
  run(db, onProgress) {
    const calls = tableColumns(db, 'calls');
    const agents = tableColumns(db, 'call_agents');
    if (!calls.has('stats_flags')) db.exec('ALTER TABLE calls ADD COLUMN stats_flags INTEGER NOT NULL DEFAULT 0');
    if (!agents.has('talk')) db.exec('ALTER TABLE call_agents ADD COLUMN talk INTEGER NOT NULL DEFAULT 0');
    if (!agents.has('talk_ms')) db.exec('ALTER TABLE call_agents ADD COLUMN talk_ms INTEGER NOT NULL DEFAULT 0');
    // Progress in rows (the calls, then the agents' rows), as the other row migrations report it.
    const [nCalls, nAgents] = [rowCount(db, 'calls'), rowCount(db, 'call_agents')];
    onProgress(0, nCalls + nAgents);
    db.exec(`UPDATE calls SET stats_flags = f.flags FROM (
      SELECT call, max(type IN ('queue', 'queue_callback')) | (max(type = 'queue_callback') << 1) | (max(type = 'menu') << 2) AS flags
      FROM events WHERE type IN ('queue', 'queue_callback', 'menu') GROUP BY call
    ) f WHERE calls.id = f.call`);
    onProgress(nCalls, nCalls + nAgents);
    db.exec(`UPDATE call_agents SET talk = t.talk, talk_ms = t.ms FROM (
      SELECT call, agent, max(type = 'conversation') | (max(type = 'consult') << 1) AS talk,
        CAST(sum(round(duration_sec * 1000)) AS INTEGER) AS ms
      FROM events WHERE type IN ('conversation', 'consult') AND agent IS NOT NULL GROUP BY call, agent
    ) t WHERE call_agents.call = t.call AND call_agents.agent = t.agent`);
    onProgress(nCalls + nAgents, nCalls + nAgents);
  },
};

// Filters of ranges (#18): counts and type × outcome facets under a duration, wait, speaking-time or
// callback-attempts filter read every call's row through calls_type_outcome_start (a lookup per
// call: 120 ms of CPU at 200,000 calls for `durationSec 0–598`), and a page sorted by start (the
// list's default) walked calls_start reading each passed call's row to test the filters. With the
// filter columns in both indexes they read the index alone (18 ms for those facets). calls_start
// then also answers what calls_start_type_outcome did (a time range's types and outcomes), so that
// index goes: the archive grows by ~2 % of the calls' bytes (whole-number REALs are stored as
// integers). ANALYZE gives the planner the new indexes' samples, as every import does.
export const TYPE_OUTCOME_START_COLUMNS = `type, outcome, start_ms, ${RANGE_FILTER_COLUMNS}`;
export const START_COLUMNS = `start_ms, id, type, outcome, ${RANGE_FILTER_COLUMNS}`;
const V_RANGE_COVERING_INDEXES: CodeMigration = {
  run(db, onProgress) {
    const calls = rowCount(db, 'calls');
    onProgress(0, calls);
    db.exec(`DROP INDEX IF EXISTS calls_type_outcome_start;
      CREATE INDEX calls_type_outcome_start ON calls(${TYPE_OUTCOME_START_COLUMNS});
      DROP INDEX IF EXISTS calls_start;
      CREATE INDEX calls_start ON calls(${START_COLUMNS});
      DROP INDEX IF EXISTS calls_start_type_outcome;
      PRAGMA analysis_limit = 0; ANALYZE calls; PRAGMA analysis_limit = 2000;`);
    onProgress(calls, calls);
  },
};

// The statistics pre-aggregated per UTC hour (#12 speed; src/main/store/stats-hours.ts): the tables, the
// triggers that mark the hours a write touches, and the rows of the archive's calls, built in ranges of
// hours so that the progress counts calls. Well under a second per 100,000 calls.
const V_STATS_HOURS: CodeMigration = {
  run(db, onProgress) {
    // IF NOT EXISTS, and emptied first: tests that take an archive back to an older version by hand need
    // not know of these tables.
    db.exec(STATS_HOURS_SCHEMA);
    for (const table of STATS_HOURS_TABLES) db.exec(`DELETE FROM ${table}`);
    db.exec('DELETE FROM stats_dirty_hours');
    const span = callHourSpan(db);
    const total = rowCount(db, 'calls');
    onProgress(0, total);
    if (span === null) return;
    const callsBefore = sql<number, [hour: number]>(`SELECT count(*) FROM calls WHERE start_ms < ? * ${STATS_HOUR_MS}`);
    const STEP_HOURS = 24 * 7;
    for (let from = span[0]; from < span[1]; from += STEP_HOURS) {
      const to = Math.min(from + STEP_HOURS, span[1]);
      rebuildStatsHours(db, from, to);
      onProgress(to === span[1] ? total : (value(db, callsBefore, to) ?? 0), total);
    }
  },
};

// Raw values in compressed blocks (#10 goal 2, see src/main/import/raw-blocks.ts): every stored row's
// values move from raw_rows.fields into the deflated block of 64 ids they belong to; fields becomes ''.
// Progress in rows; one transaction (interrupted or failed: the archive as before); compacted after.
const V_RAW_BLOCKS: CodeMigration = {
  run(db, onProgress) {
    // Run again over an archive that has blocks (tests that set user_version back): only rows not packed.
    const first = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'raw_blocks'").get() === undefined;
    db.exec(RAW_BLOCKS_SQL);
    const total = rowCount(db, 'raw_rows');
    onProgress(0, total);
    packRawRows(db, 0, first, (done) => onProgress(done, total));
  },
  compactAfter: true,
};

// raw_rows' table name and status and events' type as integer codes, events keyed by (call, seq)
// without a rowid (#10 goal 2; src/main/store/compact-rows.ts). Readers see the same columns.
const V_COMPACT_ROWS: CodeMigration = {
  run: compactRowsAndEvents,
  compactAfter: true,
  rebuildsChecking: CHECKED_AFTER_COMPACT_ROWS,
};

// The names (agents, queues, event names, labels) out of the trigram index: calls_fts holds each call's
// own text, the names a vocabulary linked to the calls (#10 goal 2; src/main/store/text-names.ts).
// Progress in calls; one transaction; compacted after (calls_fts shrinks by more than half).
const V_TEXT_NAMES: CodeMigration = { run: rebuildTextNames, compactAfter: true };

// Raw value blocks as columns (brotli), events' end and duration generated from their length in ms,
// the link tables keyed by (name, start, call) and call_variables without a rowid (#10 goal 2;
// src/main/store/lean-tables.ts). Readers see the same columns.
const V_LEAN_TABLES: CodeMigration = {
  run: leanTables,
  compactAfter: true,
};

// A call's type and outcome stored as codes in calls and its four indexes that held them, the text as
// generated columns (#10 goal 2; src/main/store/call-codes.ts). Readers see the same columns.
const V_CALL_CODES: CodeMigration = { run: callCodes, compactAfter: true };
// The link tables' names (call_queues.queue, call_agents.agent) as ids of the names' vocabulary
// text_names, the tables behind views of the old columns (#10 goal 2; src/main/store/link-ids.ts).
// Progress in links; one transaction; compacted after.
const V_LINK_IDS: CodeMigration = { run: linkIds, compactAfter: true };

// A note on an event keeps the event's type and start: an import that derives the call again can add
// or reorder its events, and the note must follow its event, not its position (review/note-events.ts).
// Existing event notes are anchored to the event they point at today.
const V_NOTE_EVENT_ANCHOR: CodeMigration = {
  run(db) {
    const have = tableColumns(db, 'review_notes');
    if (!have.has('event_type')) db.exec('ALTER TABLE review_notes ADD COLUMN event_type TEXT');
    if (!have.has('event_start_ms')) db.exec('ALTER TABLE review_notes ADD COLUMN event_start_ms INTEGER');
    db.exec(`UPDATE review_notes SET
      event_type = (SELECT e.type FROM events e JOIN calls c ON c.id = e.call WHERE c.call_id = review_notes.call_id AND e.seq = review_notes.event_index),
      event_start_ms = (SELECT e.start_ms FROM events e JOIN calls c ON c.id = e.call WHERE c.call_id = review_notes.call_id AND e.seq = review_notes.event_index)
      WHERE event_index IS NOT NULL`);
  },
};

/** Index i holds the SQL (or code) that upgrades version i to version i + 1. */
const MIGRATIONS: readonly (string | CodeMigration)[] = [
  V1,
  V2,
  V3,
  V_SAVED_SEARCHES,
  REVIEW,
  V_INPUT_CONTAINERS,
  IMPORT_ATTEMPTS,
  V_STATS_PRECOMPUTED,
  V_RANGE_COVERING_INDEXES,
  V_STATS_HOURS,
  V_RAW_BLOCKS,
  V_COMPACT_ROWS,
  V_TEXT_NAMES,
  V_LEAN_TABLES,
  V_CALL_CODES,
  V_LINK_IDS,
  V_NOTE_EVENT_ANCHOR,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
/** The schema version that added saved and recent searches (older archives read without them). */
export const SAVED_SEARCHES_VERSION = MIGRATIONS.indexOf(V_SAVED_SEARCHES) + 1;
/** The schema version that added the review tables and the action log (#15). */
export const REVIEW_VERSION = MIGRATIONS.indexOf(REVIEW) + 1;
/** The schema version that added the import_attempts table (older archives list no attempts). */
export const IMPORT_ATTEMPTS_VERSION = MIGRATIONS.indexOf(IMPORT_ATTEMPTS) + 1;
/** The schema version that added the statistics' precomputed columns (older archives: no statistics read-only). */
export const STATS_PRECOMPUTED_VERSION = MIGRATIONS.indexOf(V_STATS_PRECOMPUTED) + 1;
/** The schema version that put the range filters' columns in calls_start and calls_type_outcome_start (#18). */
export const RANGE_COVERING_VERSION = MIGRATIONS.indexOf(V_RANGE_COVERING_INDEXES) + 1;
/** The schema version that added the statistics per UTC hour (older archives: the statistics read the calls). */
export const STATS_HOURS_VERSION = MIGRATIONS.indexOf(V_STATS_HOURS) + 1;
/** The schema version that keeps raw values in compressed blocks (raw_blocks). */
export const RAW_BLOCKS_VERSION = MIGRATIONS.indexOf(V_RAW_BLOCKS) + 1;
/** The schema version that stores raw_rows' table and status and events' type as codes (compact-rows.ts). */
export const COMPACT_ROWS_VERSION = MIGRATIONS.indexOf(V_COMPACT_ROWS) + 1;
/** The schema version whose calls_fts holds only each call's own text, the names in text_names (text-names.ts). */
export const TEXT_NAMES_VERSION = MIGRATIONS.indexOf(V_TEXT_NAMES) + 1;
/** The schema version of columnar raw blocks, lean events, link tables and variables (lean-tables.ts). */
export const LEAN_TABLES_VERSION = MIGRATIONS.indexOf(V_LEAN_TABLES) + 1;
/** The schema version that stores calls' type and outcome as codes (call-codes.ts). */
export const CALL_CODES_VERSION = MIGRATIONS.indexOf(V_CALL_CODES) + 1;
/** The schema version that stores the link tables' queues and agents as ids of text_names (link-ids.ts). */
export const LINK_IDS_VERSION = MIGRATIONS.indexOf(V_LINK_IDS) + 1;

/**
 * The oldest schema this Callscope reads without upgrading (read-only opens):
 * raise it to the version a new migration makes whenever that migration changes
 * or removes something the read paths use, rather than only adding to it.
 */
export const OLDEST_READABLE_SCHEMA = 1;

const USER_VERSION = sql<number>('PRAGMA user_version');

export function schemaVersionOf(db: Db): number {
  return value(db, USER_VERSION) ?? 0;
}

/** Turns foreign keys off; returns the setting before (0 or 1). */
function foreignKeysOff(db: Db): number {
  const before = Number(db.pragma('foreign_keys', { simple: true }));
  db.pragma('foreign_keys = OFF');
  return before;
}

/**
 * Applies the pending migrations, each in its own transaction (a failure, or a crash, leaves the
 * archive at the version before it, usable). onProgress hears of migrations that rewrite rows.
 */
export function migrate(db: Db, onProgress?: (p: UpgradeProgress) => void): void {
  const from = schemaVersionOf(db);
  let compact = false;
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v] as string | CodeMigration;
    const checked = typeof step === 'string' ? undefined : step.rebuildsChecking;
    // Only outside a transaction does SQLite change this setting.
    const foreignKeys = checked ? foreignKeysOff(db) : undefined;
    try {
      db.transaction(() => {
        const before = checked && brokenReferences(db, checked);
        if (typeof step === 'string') db.exec(step);
        else step.run(db, (done, total) => onProgress?.({ toVersion: v + 1, done, total }));
        if (checked) refuseLostReferences(db, checked, before || []);
        db.pragma(`user_version = ${v + 1}`);
      })();
    } finally {
      if (foreignKeys !== undefined) db.pragma(`foreign_keys = ${foreignKeys}`);
    }
    if (typeof step !== 'string' && step.compactAfter === true) compact = true;
  }
  // Not for a new archive (nothing to compact). VACUUM is atomic on its own: interrupted, the
  // archive stays upgraded and merely keeps its free pages.
  if (compact && from > 0) {
    onProgress?.({ toVersion: SCHEMA_VERSION, done: 0, total: 0, phase: 'compacting' });
    db.exec('VACUUM');
  }
}
