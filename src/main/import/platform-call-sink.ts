// Stores one call built by another platform's reader (ReaderItem 'call':
// Asterisk, Genesys Cloud, Amazon Connect): its records as raw rows, then the
// derived call. The platforms' own logic lives here, apart from the
// call-events path of ImportSink.
import type { Statement } from 'better-sqlite3';
import type { ReaderItem } from '../../shared/reader/types';
import type { Db } from '../store/native';
import type { CallWriter, StoredRowRef } from './call-writer';

type CallItem = Extract<ReaderItem, { kind: 'call' }>;

/** What the platform path needs from the file's ImportSink. */
export interface PlatformSinkHost {
  readonly importId: number;
  readonly writer: CallWriter;
  /** Stores one record as a raw row of table `call`; returns its raw_rows id. */
  insertRaw(line: number, callId: string, raw: Record<string, string>): number;
  /** Marks a stored raw row kept with a reason. */
  setStatus(id: number, status: 'used' | 'kept', reason: string): void;
  /** "superseded by a newer record (import #i, line n)" for a stored raw row. */
  supersededBy(rawRowId: number): string;
}

export class PlatformCallSink {
  private readonly olderRows: Statement;

  constructor(db: Db, private readonly host: PlatformSinkHost) {
    this.olderRows = db.prepare("SELECT id FROM raw_rows WHERE call_id = ? AND tbl = 'call' AND import_id <> ?").pluck();
  }

  /** Stores the call's records and writes the call; returns the number of calls derived (1). */
  add(item: CallItem): number {
    const callId = item.derived.call.callId;
    // A call delivered again by a later export replaces the earlier delivery: its rows are kept, marked superseded.
    const older = this.olderRows.all(callId, this.host.importId) as number[];
    const refs: StoredRowRef[] = item.records.map((rec) => ({
      id: this.host.insertRaw(rec.origin.line, callId, rec.raw),
      origin: rec.origin,
      status: 'used',
      reason: null,
    }));
    const reason = refs.length ? this.host.supersededBy(refs[0]!.id) : 'superseded by a newer delivery of the call';
    for (const id of older) this.host.setStatus(id, 'kept', reason);
    this.host.writer.write(item.derived, refs);
    return 1;
  }
}
