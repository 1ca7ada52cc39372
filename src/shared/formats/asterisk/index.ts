// Asterisk: queue_log (+ optional CDR Master.csv joined by uniqueid / linkedid).
import type { RowOrigin } from '../../model/call-events';
import { buildCall } from '../common/build';
import type { CallDraft, Piece } from '../common/build';
import type { RejectedRow } from '../../model/row-accounting';
import type {
  KeptRecord,
  ParseOptions,
  PlatformCall,
  PlatformFormat,
  PlatformParse,
  PlatformRecord,
  PlatformStream,
} from '../common/types';
import { collect, countUnknown, emptyUnknown } from '../common/types';
import type { UnknownCounts } from '../common/types';
import { accessNumberOf, cdrFromRaw, channelPeer, readCdr } from './cdr';
import type { CdrRecord } from './cdr';
import { hasCdrFields } from './cdr-table';
import { detectCdr, detectQueueLog } from './detect';
import { QUEUE_LOG_EVENTS } from './events';
import { belongsToCall, draftQueueLogCall } from './map';
import { queueLogFromRaw, rawOf, readQueueLog } from './queue-log';
import type { QueueLogRecord } from './queue-log';
import { originKey } from '../../model/call-events';

export interface TextFile {
  text: string;
  file: string;
}

const rec = (r: { origin: RowOrigin; raw: Record<string, string> }): PlatformRecord => ({
  origin: r.origin,
  raw: r.raw,
});

/** queue_log and CDR files of one import, joined: a queue_log callid meets the CDR rows of its uniqueid / linkedid. */
export function parseAsterisk(queueLogs: TextFile[], cdrs: TextFile[], zone: string): PlatformParse {
  return collect(streamAsterisk(queueLogs, cdrs, zone));
}

/** The lazy form: records are read at once (a callid spans the file), calls are built as iterated. */
export function streamAsterisk(queueLogs: TextFile[], cdrs: TextFile[], zone: string): PlatformStream {
  const unknown = emptyUnknown();
  const rejected: RejectedRow[] = [];
  let recordCount = 0;
  const qRecords: QueueLogRecord[] = [];
  for (const f of queueLogs) {
    const read = readQueueLog(f.text, f.file, zone, unknown);
    rejected.push(...read.rejected);
    recordCount += read.recordCount;
    for (const r of read.records) qRecords.push(r);
  }
  const cRecords: CdrRecord[] = [];
  for (const f of cdrs) {
    const read = readCdr(f.text, f.file, zone, unknown);
    rejected.push(...read.rejected);
    recordCount += read.recordCount;
    for (const r of read.records) cRecords.push(r);
  }
  return assemble(qRecords, cRecords, { unknown, rejected, recordCount });
}

/**
 * Re-derives Asterisk calls from raw records stored by earlier imports (and new ones): a callid
 * whose lines came in several files becomes one call again. Records that are neither queue_log
 * nor CDR records are rejected.
 */
export function rederiveAsterisk(records: readonly PlatformRecord[], zone: string): PlatformParse {
  const q: QueueLogRecord[] = [];
  const c: CdrRecord[] = [];
  const rejected: RejectedRow[] = [];
  for (const r of records) {
    // A record stored by an earlier import is read in that import's time zone.
    const tz = r.timeZone ?? zone;
    const asCdr = isCdrRaw(r.raw) ? cdrFromRaw(r.raw, r.origin, tz) : null;
    const asLog = asCdr ? null : queueLogFromRaw(r.raw, r.origin, tz);
    if (asCdr) c.push(asCdr);
    else if (asLog) q.push(asLog);
    else
      rejected.push({
        origin: r.origin,
        reason: 'stored record is neither a queue_log nor a CDR record',
        raw: JSON.stringify(r.raw).slice(0, 500),
      });
  }
  return collect(assemble(q, c, { unknown: emptyUnknown(), rejected, recordCount: records.length }));
}

function assemble(
  qRecords: QueueLogRecord[],
  cRecords: CdrRecord[],
  acc: { unknown: UnknownCounts; rejected: RejectedRow[]; recordCount: number },
): PlatformStream {
  const { unknown, rejected, recordCount } = acc;
  const kept: KeptRecord[] = [];
  const byCall = new Map<string, QueueLogRecord[]>();
  {
    for (const r of qRecords) {
      if (!QUEUE_LOG_EVENTS[r.event]) countUnknown(unknown.events, r.event);
      if (belongsToCall(r)) {
        const list = byCall.get(r.callid) ?? [];
        if (list.length === 0) byCall.set(r.callid, list);
        list.push(r);
      } else {
        const role = QUEUE_LOG_EVENTS[r.event]?.role;
        const reason =
          role === 'member'
            ? 'agent / queue-member event: not part of a call'
            : role === 'system'
              ? 'system event: not part of a call'
              : `event ${r.event} without a call id`;
        kept.push({ origin: r.origin, raw: rawOf(r), table: 'queue_log', reason });
      }
    }
  }
  const groups = new Map<string, CdrRecord[]>();
  const groupOfUniqueid = new Map<string, string>();
  {
    // The same CDR line twice (overlapping Master.csv exports, or delivered in two imports): the first counts.
    const seen = new Map<string, RowOrigin>();
    for (const r of cRecords) {
      const same = JSON.stringify(Object.values(r.raw));
      const first = seen.get(same);
      if (first) {
        kept.push({
          ...rec(r),
          table: 'cdr',
          reason: `duplicate of ${first.file} line ${first.line}`,
          callId: `asterisk:${r.linkedid || r.uniqueid}`,
        });
        continue;
      }
      seen.set(same, r.origin);
      const key = r.linkedid || originKey(r.origin);
      const list = groups.get(key) ?? [];
      if (list.length === 0) groups.set(key, list);
      list.push(r);
      if (r.uniqueid) groupOfUniqueid.set(r.uniqueid, key);
    }
  }
  function* calls(): Generator<PlatformCall> {
    for (const [callid, records] of byCall) {
      byCall.delete(callid);
      const draft = draftQueueLogCall(callid, records);
      const key = groups.has(callid) ? callid : groupOfUniqueid.get(callid);
      const cdrRows = key !== undefined ? (groups.get(key) ?? []) : [];
      if (key !== undefined) groups.delete(key);
      if (cdrRows.length) joinCdr(draft, callid, cdrRows);
      yield finish(draft, [...records.map((r) => ({ origin: r.origin, raw: rawOf(r) })), ...cdrRows.map(rec)]);
    }
    for (const [key, rows] of groups) {
      groups.delete(key);
      // A queued call's archive call comes from queue_log (same call id): a CDR-only copy of it would
      // replace or duplicate that call, so its CDR rows are kept raw until imported with the queue_log.
      // The queue_log callid is the uniqueid of the channel that ran Queue(): the call these rows wait for.
      const queued = [...rows].sort(byStart).find((r) => r.lastapp.toLowerCase() === 'queue');
      if (queued) {
        const callId = `asterisk:${queued.uniqueid || key}`;
        for (const r of rows) kept.push({ ...rec(r), table: 'cdr', reason: PENDING_CDR, callId });
      } else yield finish(draftCdrCall(key, rows), rows.map(rec));
    }
  }
  return { calls: calls(), kept, rejected, unknown, recordCount };
}

/** Why the CDR rows of a queued call wait: the queue_log draws the call, the CDR only adds IVR time. */
export const PENDING_CDR =
  'CDR of a queued call whose queue_log is not in the archive yet: kept raw; the call is drawn (with this IVR time) once its queue_log is imported';

/** A stored record's fields are a CDR line's or a CDR table row's (else a queue_log line's). */
export const isCdrRaw = (raw: Record<string, string>): boolean => hasCdrFields(raw);

function finish(draft: CallDraft, records: PlatformRecord[]): PlatformCall {
  return { derived: buildCall(draft), records };
}

const byStart = (a: CdrRecord, b: CdrRecord): number => a.start - b.start || a.origin.line - b.origin.line;
const ivrName = (r: CdrRecord): string => (r.dcontext ? `IVR (${r.dcontext})` : 'IVR');

/** The caller's time in the dialplan before the first ENTERQUEUE is drawn as a Menu (IVR). */
function joinCdr(draft: CallDraft, callid: string, rows: CdrRecord[]): void {
  const sorted = [...rows].sort(byStart);
  const first = sorted.find((r) => r.uniqueid === callid) ?? sorted[0];
  if (!first) return;
  const queueStarts = draft.pieces.filter((p) => p.type === 'queue').map((p) => p.start);
  const enter = queueStarts.length ? Math.min(...queueStarts) : null;
  if (enter !== null && enter > first.start) {
    draft.pieces.push({
      type: 'menu',
      start: first.start,
      end: enter,
      name: ivrName(first),
      agent: null,
      result: first.lastapp || null,
      sources: [first.origin],
    });
  } else draft.kept.push({ origin: first.origin, reason: 'CDR of the caller: no dialplan time before the queue' });
  draft.start = Math.min(first.start, ...queueStarts);
  draft.callerNumber ??= first.src || null;
  draft.accessNumber ||= accessNumberOf(first);
  for (const r of sorted)
    if (r !== first)
      draft.kept.push({ origin: r.origin, reason: 'CDR leg of the call (joined by uniqueid / linkedid): raw only' });
}

/** A CDR group no queue_log call claims: an outbound call, or an inbound call that never queued. */
export function draftCdrCall(key: string, rows: CdrRecord[]): CallDraft {
  const sorted = [...rows].sort(byStart);
  const first = sorted[0] as CdrRecord;
  const peer = channelPeer(first.channel);
  // An internal endpoint that dialled its own number as src placed the call: outbound.
  const outbound = peer !== null && peer === first.src && first.dst !== first.src;
  const pieces: Piece[] = [];
  const kept: { origin: RowOrigin; reason: string }[] = [];
  for (const r of sorted) {
    if (r.disposition === 'ANSWERED' && r.answer !== null && r.end >= r.answer) {
      const type = r.dstchannel ? 'conversation' : 'menu';
      const agent = type === 'menu' ? null : outbound ? channelPeer(r.channel) : channelPeer(r.dstchannel);
      pieces.push({
        type,
        start: r.answer,
        end: r.end,
        name: type === 'menu' ? ivrName(r) : null,
        agent,
        result: type === 'menu' ? r.lastapp || null : r.disposition,
        sources: [r.origin],
      });
    } else
      kept.push({
        origin: r.origin,
        reason: `CDR leg ${r.disposition || 'without disposition'}: not answered, raw only`,
      });
  }
  const last = sorted[sorted.length - 1] as CdrRecord;
  const anyAnswered = sorted.some((r) => r.disposition === 'ANSWERED');
  const unanswered = anyAnswered ? 'abandoned' : last.disposition === 'NO ANSWER' ? 'unanswered' : 'rejected';
  return {
    callId: `asterisk:${sorted.find((r) => r.linkedid)?.linkedid ?? key}`,
    type: outbound ? 'callout' : 'inbound',
    dialerMode: null,
    start: first.start,
    end: Math.max(...sorted.map((r) => r.end)),
    callerNumber: (outbound ? first.dst : first.src) || null,
    accessNumber: outbound ? null : accessNumberOf(first),
    pieces,
    unansweredOutcome: unanswered,
    extraAgents: outbound && peer ? [peer] : [],
    extraQueues: [],
    callbackAttempts: null,
    registrations: [],
    kept,
    contactKey: null,
  };
}

export const asteriskQueueLog: PlatformFormat = {
  id: 'asterisk-queue-log',
  name: 'Asterisk queue_log',
  label: 'Asterisk queue_log (pipe file or CSV database export)',
  detect: detectQueueLog,
  open: (text: string, o: ParseOptions) => streamAsterisk([{ text, file: o.fileLabel }], [], o.timeZone),
  parse: (text: string, o: ParseOptions) => parseAsterisk([{ text, file: o.fileLabel }], [], o.timeZone),
};

export const asteriskCdr: PlatformFormat = {
  id: 'asterisk-cdr',
  name: 'Asterisk CDR',
  label: 'Asterisk CDR Master.csv (cdr_csv / cdr_custom)',
  detect: detectCdr,
  open: (text: string, o: ParseOptions) => streamAsterisk([], [{ text, file: o.fileLabel }], o.timeZone),
  parse: (text: string, o: ParseOptions) => parseAsterisk([], [{ text, file: o.fileLabel }], o.timeZone),
};

export type { KeptRecord };
