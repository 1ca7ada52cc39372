// Text columns with a handful of values, stored as small integer codes (issue #10 goal 2): a row of
// raw_rows named its table in 11 bytes ('call_events') and its status in 4 ('used'); an event its type
// in 4–14. SQLite stores the integers 0 and 1 in no bytes and 2–127 in one, so the codes cost nothing
// or one byte per row: 5.4M raw rows and 3.6M events at 1M calls lose ≈ 100 MB.
//
// Every query reads the text as before: the tables keep a VIRTUAL generated column of the old name
// that turns the code back into its text (computed on read, not stored). Only the statements that
// write name the code column, through the SQL built here from the one list of values.
import { ARCHIVE_EVENT_TYPES, CALL_TYPES, OUTCOMES } from '../../shared/model/archive-call';

/** A column's values in code order: the code of a value is its index. */
export type CodeList = readonly string[];

/** raw_rows.status: 'used' = 0, 'kept' = 1 (the column `kept`). */
export const RAW_STATUSES = ['used', 'kept'] as const satisfies CodeList;
/**
 * raw_rows.tbl of the tables Callscope reads (the column `tbl_code`); any other table's name (a record
 * kept as exported, e.g. `agent_events`) is stored as text in `tbl_other`, with tbl_code NULL.
 */
export const RAW_TABLES = [
  'call_events',
  'agents',
  'queues',
  'menus',
  'enquiry_registrations',
  'call_variables',
  'call',
] as const satisfies CodeList;
/** events.type (the column `type_code`), in the model's order. */
export const EVENT_TYPE_CODES: CodeList = ARCHIVE_EVENT_TYPES;

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** `CASE <expr> WHEN 'a' THEN 0 … END`: the code of a value (NULL for one not in the list). */
export function codeSql(list: CodeList, expr: string): string {
  return `CASE ${expr} ${list.map((v, i) => `WHEN ${quote(v)} THEN ${i}`).join(' ')} END`;
}

/** `CASE <column> WHEN 0 THEN 'a' … END`: the text of a code (NULL for none). */
export function textSql(list: CodeList, column: string): string {
  return `CASE ${column} ${list.map((v, i) => `WHEN ${i} THEN ${quote(v)}`).join(' ')} END`;
}

/** The code of a raw row's table, or null with the name kept as text. */
export function rawTableCode(tbl: string): { code: number | null; other: string | null } {
  const code = (RAW_TABLES as readonly string[]).indexOf(tbl);
  return code < 0 ? { code: null, other: tbl } : { code, other: null };
}

/** raw_rows.tbl, generated from tbl_code / tbl_other. */
export const RAW_TABLE_TEXT = `coalesce(${textSql(RAW_TABLES, 'tbl_code')}, tbl_other)`;
/** raw_rows.status, generated from kept. */
export const RAW_STATUS_TEXT = textSql(RAW_STATUSES, 'kept');
/** events.type, generated from type_code. */
export const EVENT_TYPE_TEXT = textSql(EVENT_TYPE_CODES, 'type_code');

/** An UPDATE of a raw row's status given as text ('used' | 'kept'; anything else fails the NOT NULL). */
export const SET_RAW_STATUS = `kept = ${codeSql(RAW_STATUSES, '?')}`;

/**
 * raw_rows.call_key from a call id (an SQL expression): a plain decimal number of 1–15 digits without a
 * leading zero (the platform's call ids) as that integer — 6 bytes instead of 12, in the row and in
 * raw_rows_call — any other id as its text. CAST(call_key AS TEXT) gives the id back as written.
 */
export const callKeySql = (id: string): string =>
  `CASE WHEN ${id} GLOB '[1-9]*' AND ${id} NOT GLOB '*[^0-9]*' AND length(${id}) <= 15 THEN CAST(${id} AS INTEGER) ELSE ${id} END`;
/** The digits callKeySql turns into an integer: 1–15 ASCII digits, the first not 0. */
const PLAIN_CALL_ID = /^[1-9][0-9]{0,14}$/;
/**
 * callKeySql in JavaScript, for the import's INSERT (a CASE of two GLOBs per row cost more than the
 * rest of the row): the key as a BigInt, which better-sqlite3 binds as an INTEGER (a Number would
 * be bound as a REAL, whose text is `731000063381.0`), else the id itself. The two agree by test.
 */
export function callKeyOf(id: string | null): bigint | string | null {
  return id !== null && PLAIN_CALL_ID.test(id) ? BigInt(id) : id;
}
/** raw_rows.kept of a status given as text (null, refused by the NOT NULL, for anything else): SET_RAW_STATUS's twin. */
export function rawStatusCode(status: string): number | null {
  return codeOf(RAW_STATUSES, status);
}
/** raw_rows.call_id, generated from call_key. */
export const RAW_CALL_ID_TEXT = 'CAST(call_key AS TEXT)';

/**
 * calls.type and calls.outcome (the columns `call_type_code`, `call_outcome_code`; schema
 * CALL_CODES_VERSION): the model's values in byte order, so that a code's order is its text's and an
 * index on the code walks the calls in the order the list's type / outcome sort shows. (The names
 * are the calls' own, not events' `type_code`: see call-codes.ts, which rewrites them for archives
 * read before the step.)
 */
export const CALL_TYPE_CODES: CodeList = [...CALL_TYPES].sort(byBytes);
export const CALL_OUTCOME_CODES: CodeList = [...OUTCOMES].sort(byBytes);

/** The code of a call's type / outcome (null for a value the model does not have: the write fails). */
export const callTypeCode = (type: string): number | null => codeOf(CALL_TYPE_CODES, type);
export const callOutcomeCode = (outcome: string): number | null => codeOf(CALL_OUTCOME_CODES, outcome);

/** `<alias>.type` / `.outcome` as text, computed from the code (an index holding the code covers it). */
export const callTypeText = (alias: string): string => textSql(CALL_TYPE_CODES, `${alias}.call_type_code`);
export const callOutcomeText = (alias: string): string => textSql(CALL_OUTCOME_CODES, `${alias}.call_outcome_code`);

/** `<alias>.call_type_code IN (…)` for a list of types (codes are literals of the model's list, never input). */
export function callTypeIn(alias: string, types: readonly string[]): string {
  return `${alias}.call_type_code IN (${codesOf(CALL_TYPE_CODES, types)})`;
}
export function callOutcomeIn(alias: string, outcomes: readonly string[]): string {
  return `${alias}.call_outcome_code IN (${codesOf(CALL_OUTCOME_CODES, outcomes)})`;
}

function byBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The code of a value (its index in the list), null for a value not in it: codeSql in JavaScript. */
export function codeOf(list: CodeList, v: string): number | null {
  const i = list.indexOf(v);
  return i < 0 ? null : i;
}

/** The codes of known values as an SQL list; an unknown value matches nothing (-1). */
function codesOf(list: CodeList, values: readonly string[]): string {
  return values.length ? values.map((v) => codeOf(list, v) ?? -1).join(', ') : '-1';
}
