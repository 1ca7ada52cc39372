// A call's stored call-event rows as the engine reads them (decoded norms with origins) and as the
// accounting refers to them: the same read as ImportSink's re-derivation of a call whose later rows
// arrive in a later import (loadCallRows / deriveFromStore), for `verify --deep`.
// Storage of raw rows is #10's (compact archive): keep this and ImportSink.loadCallRows together.
import type { CallEventRow } from '../../shared/model/call-events';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/native';
import type { StoredRowRef } from './call-rows';
import { decodeNorm } from './row-codec';

export interface StoredCallRows {
  rows: CallEventRow[];
  refs: StoredRowRef[];
}

export class StoredRowReader {
  private readonly load: Statement;

  constructor(db: Db) {
    this.load = db.prepare(
      'SELECT r.id, r.line, r.status, r.reason, r.norm, i.file_label FROM raw_rows r JOIN imports i ON i.id = r.import_id ' +
        "WHERE r.call_id = ? AND r.tbl = 'call_events' ORDER BY r.id",
    );
  }

  /** The call's rows, oldest first; empty when it has none (another platform's call: stored as delivered). */
  callRows(callId: string): StoredCallRows {
    const stored = this.load.all(callId) as {
      id: number;
      line: number;
      status: 'used' | 'kept';
      reason: string | null;
      norm: string;
      file_label: string;
    }[];
    const rows: CallEventRow[] = [];
    const refs: StoredRowRef[] = [];
    for (const r of stored) {
      const origin = { file: r.file_label, line: r.line };
      rows.push(decodeNorm(r.norm, origin));
      refs.push({ id: r.id, origin, status: r.status, reason: r.reason });
    }
    return { rows, refs };
  }
}
