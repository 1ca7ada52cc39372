// An import's kept rows (stored, not used by any call: a duplicate, a superseded delivery, an
// unknown event type, …) with their reasons, for the auditor's row accounting: read = used + kept
// + rejected. A kept row whose call was never derived (its only row was kept) is reached only here.
import type { KeptRowRecord } from '../../shared/api/archive-api';
import type { Db } from './native';
import { all, sql } from './sql';

const KEPT_ROWS = sql<
  { file: string; line: number; tbl: string; call_id: string | null; reason: string | null },
  [importId: number, limit: number, offset: number]
>(
  `SELECT i.file_label AS file, r.line, r.tbl, r.call_id, r.reason
     FROM raw_rows r JOIN imports i ON i.id = r.import_id
    WHERE r.import_id = ? AND r.status = 'kept'
    ORDER BY r.line, r.id
    LIMIT ? OFFSET ?`,
);

/** The rows of an import kept now (a later delivery can supersede used rows), in line order; a page of them. */
export function keptRows(db: Db, importId: number, page: { offset: number; limit: number }): KeptRowRecord[] {
  return all(db, KEPT_ROWS, importId, page.limit, page.offset).map((r) => ({
    importId,
    origin: { file: r.file, line: r.line },
    table: r.tbl,
    callId: r.call_id,
    reason: r.reason,
  }));
}
