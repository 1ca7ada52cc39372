// An import's kept rows (stored, not used by any call: a duplicate, a superseded delivery, an
// unknown event type, …) with their reasons, for the auditor's row accounting: read = used + kept
// + rejected. A kept row whose call was never derived (its only row was kept) is reached only here.
import type { RowOrigin } from '../../shared/model/call-events';
import type { Db } from './native';
import { all, sql } from './sql';

export interface KeptRowRecord {
  importId: number;
  origin: RowOrigin;
  /** call_events, agents, queues, … (raw_rows.tbl). */
  table: string;
  /** The call id the row names, null for a row of no call (an agents or queues row). */
  callId: string | null;
  reason: string | null;
}

const KEPT_ROWS = sql<
  { file: string; line: number; tbl: string; call_id: string | null; reason: string | null },
  [importId: number]
>(
  `SELECT i.file_label AS file, r.line, r.tbl, r.call_id, r.reason
     FROM raw_rows r JOIN imports i ON i.id = r.import_id
    WHERE r.import_id = ? AND r.status = 'kept'
    ORDER BY r.line`,
);

/** The rows of an import kept now (a later delivery can supersede used rows), in line order. */
export function keptRows(db: Db, importId: number): KeptRowRecord[] {
  return all(db, KEPT_ROWS, importId).map((r) => ({
    importId,
    origin: { file: r.file, line: r.line },
    table: r.tbl,
    callId: r.call_id,
    reason: r.reason,
  }));
}
