// Finding a call's raw rows through raw_rows_call on either schema: since the compact-rows step the
// index is on `call_key` (the id as an integer where it is a plain number, coded-columns.ts), and
// `call_id` is computed from it on read, so a lookup must compare keys to use the index; an older
// archive read as it is (read-only) has the text column `call_id` indexed.
import type { Db } from './native';
import { callKeySql } from './coded-columns';
import { tableColumns } from './table-columns';

/** Connections known to have call_key: a schema never loses it, so only `true` is remembered. */
const keyed = new WeakSet<Db>();

export function rawRowsHaveCallKeys(db: Db): boolean {
  if (keyed.has(db)) return true;
  const yes = tableColumns(db, 'raw_rows').has('call_key');
  if (yes) keyed.add(db);
  return yes;
}

/** SQL: `<alias>`'s call id is the one bound here (one `?`), by the index. */
export function rawCallIsParam(db: Db, alias: string): string {
  return rawRowsHaveCallKeys(db)
    ? `${alias}.call_key = (SELECT ${callKeySql('x')} FROM (SELECT ? AS x))`
    : `${alias}.call_id = ?`;
}

/** SQL: `<alias>`'s call id is the value of `expr` (another table's call_id column), by the index. */
export function rawCallIsExpr(db: Db, alias: string, expr: string): string {
  return rawRowsHaveCallKeys(db) ? `${alias}.call_key = ${callKeySql(expr)}` : `${alias}.call_id = ${expr}`;
}

/** SQL: `<alias>`'s call id is one of a JSON list bound here (one `?`), by the index. */
export function rawCallInJsonList(db: Db, alias: string): string {
  return rawRowsHaveCallKeys(db)
    ? `${alias}.call_key IN (SELECT ${callKeySql('value')} FROM json_each(?))`
    : `${alias}.call_id IN (SELECT value FROM json_each(?))`;
}
