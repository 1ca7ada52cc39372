// Stores one call built by another platform's reader (ReaderItem 'call':
// Asterisk, Genesys Cloud, Amazon Connect): its records as raw rows (table
// `call`, under the archive call id), then the derived call. The platforms' own
// logic lives here, apart from the call-events path of ImportSink.
//
// A call whose records are spread over several imports (a queue_log of day 1
// and of day 2, a CDR imported before or after its queue_log, a Connect chain
// whose contacts arrive in different files, a Genesys conversation re-sent with
// more segments) is derived again from ALL its stored records: the earlier
// imports' rows are found by call id, or by the other ids a record names
// (platform_links: CDR uniqueid / linkedid, Connect contact ids), read back as
// exported and handed with the new ones to the format's rederivePlatformCalls.
// Calls that merge into one lose their separate archive calls; every row ends
// used by a call or kept with the reason (older version, duplicate, waiting).
import {
  namePlatformQueues,
  platformLinkKeys,
  platformOfCallId,
  platformQueueKey,
  rederivePlatformCalls,
} from '../../shared/formats';
import type { PlatformParse, PlatformRecord } from '../../shared/formats';
import { toContractJson } from '../../shared/engine/contract-json';
import type { DerivedCall } from '../../shared/model/archive-call';
import type { ReaderItem } from '../../shared/reader/types';
import type { Db } from '../store/native';
import { prepareOwn, sql } from '../store/sql';
import type { CallWriter } from './call-writer';
import { originKey, rowStatuses, type StoredRowRef } from './call-rows';
import { decodeFields, storedValuesText } from './row-codec';
import { pendingRowVerdicts } from '../../shared/model/row-ledger';
import { firstLine } from '../../shared/text/first-line';
import { rawCallIsParam } from '../store/raw-call-key';
import { SET_RAW_CALL_ID } from '../store/compact-rows';

type CallItem = Extract<ReaderItem, { kind: 'call' }>;

/** What the platform path needs from the file's ImportSink. */
export interface PlatformSinkHost {
  readonly importId: number;
  readonly writer: CallWriter;
  /** Stores one record as a raw row of table `call` (with the queue key it names, if any); returns its raw_rows id. */
  insertRaw(line: number, callId: string, raw: Record<string, string>, queueKey: string | null): number;
  /** The archive's name of a queue key (the `queues` companion table), or null. */
  queueName(queueKey: string): string | null;
  /** Sets a stored raw row's status: kept with a reason, or used (reason null). */
  setStatus(id: number, status: 'used' | 'kept', reason: string | null): void;
  /** "superseded by a newer record (import #i, line n)" for a stored raw row. */
  supersededBy(rawRowId: number): string;
}

interface StoredRow {
  id: number;
  line: number;
  status: 'used' | 'kept';
  reason: string | null;
  call_id: string;
  columns: string;
  fields: string;
  file_label: string;
  time_zone: string;
}

export class PlatformCallSink {
  private readonly s: PlatformStatements;
  private zone: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly host: PlatformSinkHost,
  ) {
    this.s = preparePlatformStatements(db);
  }

  /** Stores the call's records and writes the call (or merges it with stored ones); returns the calls derived. */
  add(item: CallItem): number {
    const callId = item.derived.call.callId;
    // Stored rows this call continues: under its own id, or under another id one of its records names.
    const related = new Set<string>();
    const look = (key: string): void => {
      if (this.s.hasCall.get(key)) related.add(key);
      for (const id of this.s.linked.all(key)) related.add(id);
    };
    look(callId);
    const links = item.records.map((rec) => platformLinkKeys(callId, rec.raw));
    for (const keys of links) for (const key of keys) look(key);

    const refs: StoredRowRef[] = item.records.map((rec, i) => {
      const id = this.host.insertRaw(rec.origin.line, callId, rec.raw, platformQueueKey(callId, rec.raw));
      for (const key of links[i] ?? []) this.s.link.run(key, id);
      return { id, origin: rec.origin, status: 'used', reason: null };
    });

    if (related.size === 0) {
      if (item.pending !== undefined) {
        const verdicts = pendingRowVerdicts(
          item.derived,
          item.pending,
          refs.map((r) => r.origin),
        );
        refs.forEach((r, i) => this.host.setStatus(r.id, 'kept', verdicts[i]?.reason ?? item.pending ?? null));
        return 0;
      }
      this.host.writer.write(this.named(item.derived), refs, true);
      return 1;
    }
    related.add(callId);
    if (platformOfCallId(callId) === null) return this.replace(item, refs, related);
    return this.merge(callId, related);
  }

  /** A call of no known platform (no way to read its records again): the newest delivery replaces the stored one. */
  private replace(item: CallItem, refs: StoredRowRef[], callIds: Set<string>): number {
    const reason = refs.length ? this.host.supersededBy(refs[0]!.id) : 'superseded by a newer delivery of the call';
    const mine = new Set(refs.map((r) => r.id));
    for (const id of callIds)
      for (const row of this.s.rows.all(id)) if (!mine.has(row.id)) this.host.setStatus(row.id, 'kept', reason);
    this.host.writer.write(this.named(item.derived), refs);
    return 1;
  }

  /** Derives the calls of every stored row under these call ids again, from all of them. */
  private merge(callId: string, callIds: Set<string>): number {
    const rows: StoredRow[] = [];
    for (const id of callIds) rows.push(...this.s.rows.all(id));
    // Delivery order: older imports (lower row ids) first; a newer version then wins.
    rows.sort((a, b) => a.id - b.id);
    const byOrigin = new Map<string, StoredRow>();
    const records: PlatformRecord[] = rows.map((r) => {
      const origin = { file: r.file_label, line: r.line };
      byOrigin.set(originKey(origin), r);
      return { origin, raw: decodeFields(r.columns, storedValuesText(this.db, r.id, r.fields)), timeZone: r.time_zone };
    });
    const formatId = platformOfCallId(callId) as string;
    this.zone ??= this.s.zone.get(this.host.importId) ?? 'UTC';
    let parse: PlatformParse | null;
    try {
      parse = rederivePlatformCalls(formatId, records, this.zone);
    } catch (err) {
      // A defect in a mapper: the rows stay, kept with the reason; nothing is half-written.
      const reason = `call not derived again from its imports: ${firstLine(err)}`;
      this.host.writer.writeUnderivable(
        callId,
        rows.map((r) => this.ref(r)),
        reason,
      );
      return 0;
    }
    if (parse === null) throw new Error(`no re-derivation for ${formatId} (call ${callId})`);

    const done = new Set<number>();
    const written = new Set<string>();
    let derived = 0;
    for (const call of parse.calls) {
      const derivedCall = this.named(call.derived);
      const id = derivedCall.call.callId;
      const refs: StoredRowRef[] = [];
      for (const rec of call.records) {
        const row = byOrigin.get(originKey(rec.origin));
        if (!row || done.has(row.id)) continue;
        done.add(row.id);
        if (row.call_id !== id) this.s.setCallId.run(id, row.id);
        refs.push(this.ref(row));
      }
      written.add(id);
      // Delivered again without a change (an overlapping export, an older version arriving late): the
      // stored call stays as it is, with the import that derived it; only the rows' statuses change.
      if (this.unchanged(derivedCall, refs)) this.setStatuses(derivedCall, refs);
      else {
        this.host.writer.write(derivedCall, refs);
        derived++;
      }
    }
    const keep = (row: StoredRow | undefined, reason: string, waitsFor?: string): void => {
      if (!row || done.has(row.id)) return;
      done.add(row.id);
      if (waitsFor && row.call_id !== waitsFor) this.s.setCallId.run(waitsFor, row.id);
      if (row.status !== 'kept' || row.reason !== reason) this.host.setStatus(row.id, 'kept', reason);
    };
    for (const k of parse.kept) keep(byOrigin.get(originKey(k.origin)), k.reason, k.callId);
    for (const r of parse.rejected)
      keep(byOrigin.get(originKey(r.origin)), `stored record could not be read again: ${r.reason}`);
    for (const row of rows) keep(row, 'not part of any call once derived again from all its imports');
    // Calls that were merged into another (or now only wait) no longer exist on their own.
    for (const id of callIds) if (!written.has(id)) this.host.writer.writeUnderivable(id, [], '');
    return derived;
  }

  /**
   * Derives these stored calls again from all their rows (a queue name they use changed: the
   * companion `queues` table got a record for one of their queue keys); returns the calls written.
   */
  rederive(callIds: Iterable<string>): number {
    let derived = 0;
    for (const callId of callIds)
      if (platformOfCallId(callId) !== null && this.s.hasCall.get(callId))
        derived += this.merge(callId, new Set([callId]));
    return derived;
  }

  /** The call with the archive's queue names (Asterisk: queue_log's queue numbers → the queues table's names). */
  private named(derived: DerivedCall): DerivedCall {
    return namePlatformQueues(derived, (key) => this.host.queueName(key));
  }

  /** The archive holds this very call: same contract JSON, contact key and event sources. */
  private unchanged(derived: DerivedCall, refs: readonly StoredRowRef[]): boolean {
    const old = this.s.doc.get(derived.call.callId);
    if (!old || old.contact_key !== derived.contactKey) return false;
    // Sources first: a newer version of a record changes them, and they are cheaper than the JSON.
    const ids = new Map(refs.map((r) => [originKey(r.origin), r.id]));
    const stored = this.s.sources.all(old.id);
    const sameSources =
      stored.length === derived.eventSources.length &&
      derived.eventSources.every((origins, i) => {
        const mine = origins.map((o) => ids.get(originKey(o))).filter((id): id is number => id !== undefined);
        return JSON.stringify(mine) === stored[i];
      });
    return sameSources && old.json === toContractJson(derived.call);
  }

  /** The rows' accounting as CallWriter.write sets it: kept with the call's reason, else used. */
  private setStatuses(derived: DerivedCall, refs: readonly StoredRowRef[]): void {
    for (const [id, status, reason] of rowStatuses(derived, refs)) this.host.setStatus(id, status, reason);
  }

  private ref(r: StoredRow): StoredRowRef {
    return { id: r.id, origin: { file: r.file_label, line: r.line }, status: r.status, reason: r.reason };
  }
}

/** The sink's statements, run per record: prepared once per sink (prepareOwn), their rows declared. */
function preparePlatformStatements(db: Db) {
  return {
    hasCall: prepareOwn(
      db,
      sql<1, [callId: string]>(`SELECT 1 FROM raw_rows r WHERE ${rawCallIsParam(db, 'r')} AND r.tbl = 'call' LIMIT 1`),
      'pluck',
    ),
    linked: prepareOwn(
      db,
      sql<string, [key: string]>(
        "SELECT DISTINCT r.call_id FROM platform_links l JOIN raw_rows r ON r.id = l.raw_row WHERE l.key = ? AND r.tbl = 'call'",
      ),
      'pluck',
    ),
    rows: prepareOwn(
      db,
      sql<StoredRow, [callId: string]>(
        'SELECT r.id, r.line, r.status, r.reason, r.call_id, l.columns, r.fields, i.file_label, i.time_zone ' +
          'FROM raw_rows r JOIN imports i ON i.id = r.import_id JOIN layouts l ON l.id = r.layout ' +
          `WHERE ${rawCallIsParam(db, 'r')} AND r.tbl = 'call' ORDER BY r.id`,
      ),
    ),
    link: prepareOwn(
      db,
      sql<void, [key: string, rawRow: number]>('INSERT OR IGNORE INTO platform_links (key, raw_row) VALUES (?, ?)'),
    ),
    setCallId: prepareOwn(db, sql<void, [callId: string, id: number]>(SET_RAW_CALL_ID)),
    zone: prepareOwn(db, sql<string, [importId: number]>('SELECT time_zone FROM imports WHERE id = ?'), 'pluck'),
    doc: prepareOwn(
      db,
      sql<{ id: number; json: string; contact_key: string | null }, [callId: string]>(
        'SELECT c.id, d.json, c.contact_key FROM calls c JOIN call_docs d ON d.call = c.id WHERE c.call_id = ?',
      ),
    ),
    sources: prepareOwn(
      db,
      sql<string, [call: number]>('SELECT source_ids FROM events WHERE call = ? ORDER BY seq'),
      'pluck',
    ),
  };
}
type PlatformStatements = ReturnType<typeof preparePlatformStatements>;
