// Secondary indexes built once at the end of a large import into a small or
// empty archive, instead of being kept up to date row by row (issue #10): the
// search's indexes on calls and its link tables are dropped inside the file's
// transaction and created again before its commit, so a failure, a cancel or a
// crash leaves them as they were (SQLite's DDL is transactional). The list is
// read from sqlite_schema when the import starts, not written here: indexes
// added or dropped by later migrations are handled alike.
import type { Db } from '../store/native';
import { all, sql, value } from '../store/sql';

/** The tables whose search indexes may be deferred (the derived calls; raw_rows' index serves the import itself). */
const TABLES = ['calls', 'call_queue_rows', 'call_agent_rows', 'events'] as const;

const MAX_CALL_ID = sql<number>('SELECT coalesce(max(id), 0) FROM calls');
/** The indexes on TABLES, with whether each is UNIQUE. */
const DEFERRABLE_INDEXES = sql<{ name: string; sql: string; isUnique: number }, string[]>(
  `SELECT s.name, s.sql, l."unique" AS isUnique FROM sqlite_schema s
   JOIN pragma_index_list(s.tbl_name) l ON l.name = s.name
   WHERE s.type = 'index' AND s.sql IS NOT NULL AND s.tbl_name IN (${TABLES.map(() => '?').join(',')}) ORDER BY s.name`,
);

/**
 * The import writes these tables by key: a UNIQUE index (a constraint, and how a call is found by its
 * id) and an index led by the `call` column (a call derived again deletes its events, queues and
 * agents by it) are kept.
 */
function servesTheImport(db: Db, name: string, unique: boolean): boolean {
  if (unique) return true;
  const first = db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno LIMIT 1').pluck().get(name) as
    string | null | undefined;
  return first === 'call';
}

/** Bytes of export per call, about (simulated and real call-events exports: 500–700). */
const EXPORT_BYTES_PER_CALL = 650;
/** Below this a file's calls are few: keeping indexes up to date costs little. */
export const DEFER_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Whether a file of `bytes` is a large import into a small archive: at least DEFER_MIN_BYTES, and
 * about as many calls as the archive has or more (rebuilding costs in proportion to all its calls).
 */
export function shouldDeferIndexes(db: Db, bytes: number): boolean {
  if (bytes < DEFER_MIN_BYTES) return false;
  const calls = value(db, MAX_CALL_ID) ?? 0;
  return bytes / EXPORT_BYTES_PER_CALL >= calls;
}

export interface DeferredIndex {
  name: string;
  sql: string;
}

/** Drops the deferrable indexes (inside the caller's transaction); returns them, to be created again. */
export function dropDeferrableIndexes(db: Db): DeferredIndex[] {
  const rows = all(db, DEFERRABLE_INDEXES, ...TABLES);
  const dropped: DeferredIndex[] = [];
  for (const r of rows) {
    if (servesTheImport(db, r.name, r.isUnique === 1)) continue;
    db.exec(`DROP INDEX "${r.name.replace(/"/g, '""')}"`);
    dropped.push({ name: r.name, sql: r.sql });
  }
  return dropped;
}

/** Creates the dropped indexes again, with the very statements they were created with. */
export function createIndexes(db: Db, indexes: readonly DeferredIndex[]): void {
  for (const ix of indexes) db.exec(ix.sql);
}
