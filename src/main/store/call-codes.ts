// The schema step CALL_CODES_VERSION (issue #10 goal 2; figures in docs/archive.md § "Calls' type and
// outcome as codes"): a call's type and outcome are stored as small integer codes (coded-columns.ts:
// `call_type_code`, `call_outcome_code`) instead of their text, in the table and in the four indexes
// that hold them (calls_type, calls_outcome, calls_type_outcome_start, calls_start). The text was up to
// 20 bytes per call in each of the five; a code is 0 or 1 byte. `type` and `outcome` stay readable as
// VIRTUAL generated columns (NOT NULL: a code outside the model's list fails the write).
//
// A generated column is computed from the row, never from an index, so the queries that a covering
// index answers (pages walking calls_start, facets, hour counts, statistics) name the codes and turn
// them into text with callTypeText / callOutcomeText; a filter compares codes (callTypeIn). The codes
// are in the text's byte order, so the type / outcome sort walks the code indexes in the list's order.
//
// An archive of an older schema opened read-only is read as it is: its statements are rewritten so
// that the code columns are computed from the text it has (readOldCallsAsCoded).
import type { Db } from './native';
import { CALL_OUTCOME_CODES, CALL_TYPE_CODES, codeSql, textSql } from './coded-columns';
import { rowCount, tableColumns } from './table-columns';
import { callsDirtyTrigger } from './stats-hours';

/**
 * The columns the range filters read from the covering indexes (V_RANGE_COVERING_INDEXES in schema.ts,
 * which imports it from here: this module's index SQL is built when it loads).
 */
export const RANGE_FILTER_COLUMNS = 'duration_sec, wait_time_sec, speak_time_sec, callback_attempts';

/** The covering indexes' columns (schema.ts RANGE_COVERING_VERSION) with the codes. */
export const TYPE_OUTCOME_START_CODES = `call_type_code, call_outcome_code, start_ms, ${RANGE_FILTER_COLUMNS}`;
export const START_CODES = `start_ms, id, call_type_code, call_outcome_code, ${RANGE_FILTER_COLUMNS}`;

/** The indexes and the trigger that name type and outcome (a column they name cannot be dropped). */
const DROP_TYPE_OUTCOME_USERS = `
DROP INDEX IF EXISTS calls_type; DROP INDEX IF EXISTS calls_outcome;
DROP INDEX IF EXISTS calls_type_outcome_start; DROP INDEX IF EXISTS calls_start;
DROP TRIGGER IF EXISTS stats_dirty_calls_update;`;

/** The indexes that held the text, made on the codes. */
const CALL_CODE_INDEXES = `
CREATE INDEX calls_type ON calls(call_type_code, id);
CREATE INDEX calls_outcome ON calls(call_outcome_code, id);
CREATE INDEX calls_type_outcome_start ON calls(${TYPE_OUTCOME_START_CODES});
CREATE INDEX calls_start ON calls(${START_CODES});`;

/** The calls' columns the statistics' dirty-hour trigger watches, with the codes (stats-hours.ts). */
export const CALLS_WATCHED_CODED =
  'start_ms, call_type_code, call_outcome_code, wait_time_sec, speak_time_sec, stats_flags, dialer_mode, queue, contact_key, call_id';

/** Whether the calls table stores codes (a schema never loses them, so only `true` is remembered). */
const coded = new WeakSet<Db>();
export function callsHaveCodes(db: Db): boolean {
  if (coded.has(db)) return true;
  const yes = tableColumns(db, 'calls').has('call_type_code');
  if (yes) coded.add(db);
  return yes;
}

/**
 * The migration: codes added and filled from the text, the indexes and the trigger that name the text
 * dropped, the text columns dropped and added again as generated ones, the indexes and the trigger made
 * on the codes. Runs in the migration's transaction; progress in calls.
 */
export function callCodes(db: Db, onProgress: (done: number, total: number) => void): void {
  const total = rowCount(db, 'calls');
  onProgress(0, total);
  if (!callsHaveCodes(db)) {
    db.exec(`${DROP_TYPE_OUTCOME_USERS}
      ALTER TABLE calls ADD COLUMN call_type_code INTEGER;
      ALTER TABLE calls ADD COLUMN call_outcome_code INTEGER;
      UPDATE calls SET call_type_code = ${codeSql(CALL_TYPE_CODES, 'type')},
        call_outcome_code = ${codeSql(CALL_OUTCOME_CODES, 'outcome')};
      ALTER TABLE calls DROP COLUMN type;
      ALTER TABLE calls DROP COLUMN outcome;
      ALTER TABLE calls ADD COLUMN type TEXT NOT NULL AS (${textSql(CALL_TYPE_CODES, 'call_type_code')}) VIRTUAL;
      ALTER TABLE calls ADD COLUMN outcome TEXT NOT NULL AS (${textSql(CALL_OUTCOME_CODES, 'call_outcome_code')}) VIRTUAL;`);
    coded.add(db);
  }
  // Also when the codes are there (tests take archives back to older versions by hand, and an older
  // step may have made these indexes on the generated text again).
  db.exec(`${DROP_TYPE_OUTCOME_USERS}
    ${CALL_CODE_INDEXES}
    ${callsDirtyTrigger(CALLS_WATCHED_CODED)}
    PRAGMA analysis_limit = 0; ANALYZE calls; PRAGMA analysis_limit = 2000;`);
  onProgress(total, total);
}

/**
 * An archive older than the step, opened read-only, has the text columns `type` and `outcome` (and
 * indexes on them). Every statement prepared on its connection gets the code columns computed from the
 * text instead, so the same SQL returns the same rows there (without the codes' indexes: slower, and
 * only until the archive is upgraded).
 */
export function readOldCallsAsCoded(db: Db): void {
  if (callsHaveCodes(db)) return;
  const prepare = db.prepare.bind(db) as (source: string) => ReturnType<Db['prepare']>;
  const patched = (source: string) => prepare(rewriteCallCodes(source));
  (db as { prepare: unknown }).prepare = patched;
}

/** `x.call_type_code` → the code of `x.type` (and the same for the outcome), in an SQL text. */
export function rewriteCallCodes(source: string): string {
  return source
    .replace(/\b((?:\w+\.)?)call_type_code\b/g, (_, alias: string) => `(${codeSql(CALL_TYPE_CODES, `${alias}type`)})`)
    .replace(
      /\b((?:\w+\.)?)call_outcome_code\b/g,
      (_, alias: string) => `(${codeSql(CALL_OUTCOME_CODES, `${alias}outcome`)})`,
    );
}
