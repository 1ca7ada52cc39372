// queue_log records of one callid → an archive call. The caller's time in a
// queue is a Queue event (ENTERQUEUE → CONNECT / ABANDON / EXIT*), the time an
// agent is connected is a Conversation (CONNECT → COMPLETE* / *TRANSFER /
// AGENTDUMP). queue_log has no menu, callback or hold events: none are drawn
// (IVR time comes only from a joined CDR, see cdr.ts). Ringing an agent who did
// not answer (RINGNOANSWER, RINGCANCELED) is raw only: that agent is not involved.
import type { Outcome } from '../../model/archive-call';
import type { RowOrigin } from '../../model/call-events';
import type { CallDraft, Piece } from '../common/build';
import { parseSeconds } from '../common/time';
import { QUEUE_LOG_EVENTS, namedParams } from './events';
import { dataOf } from './queue-log';
import type { QueueLogRecord } from './queue-log';

const NO_CALL = new Set(['', 'NONE', 'REALTIME', 'MANAGER']);

export function belongsToCall(r: QueueLogRecord): boolean {
  const role = QUEUE_LOG_EVENTS[r.event]?.role;
  return !NO_CALL.has(r.callid.toUpperCase()) && role !== 'member' && role !== 'system';
}

const EXIT_OUTCOME: Record<string, Outcome> = {
  ABANDON: 'abandoned',
  EXITWITHKEY: 'abandoned',
  EXITWITHTIMEOUT: 'rejected',
  EXITEMPTY: 'rejected',
  SYSCOMPAT: 'rejected',
};

const named = (v: string): string | null => (v === '' || v.toUpperCase() === 'NONE' ? null : v);

/** Records of one callid (any order) → the call draft; kept records carry their reason. */
// eslint-disable-next-line complexity, max-lines-per-function -- one branch per queue_log verb of the mapping table in docs/formats/asterisk.md
export function draftQueueLogCall(callid: string, records: readonly QueueLogRecord[]): CallDraft {
  const kept: { origin: RowOrigin; reason: string }[] = [];
  const ordered = [...records].sort(
    (a, b) =>
      a.time - b.time ||
      (a.origin.file < b.origin.file ? -1 : a.origin.file > b.origin.file ? 1 : a.origin.line - b.origin.line),
  );
  const pieces: Piece[] = [];
  let queueOpen: { start: number; name: string | null; sources: RowOrigin[] } | null = null;
  let convOpen: { start: number; agent: string | null; sources: RowOrigin[] } | null = null;
  let callerNumber: string | null = null;
  let accessNumber: string | null = null;
  let unanswered: Outcome = 'unanswered';
  const extraQueues: string[] = [];
  // The same line twice (overlapping exports, concatenated logs): the first counts, the others are kept.
  const sorted: QueueLogRecord[] = [];
  let sameTime = new Map<string, RowOrigin>();
  for (const r of ordered) {
    if (sorted.length && (sorted[sorted.length - 1] as QueueLogRecord).time !== r.time) sameTime = new Map();
    const key = `${r.event}|${r.queue}|${r.agent}|${dataOf(r).join('|')}`;
    const first = sameTime.get(key);
    if (first) kept.push({ origin: r.origin, reason: `duplicate of ${first.file} line ${first.line}` });
    else {
      sameTime.set(key, r.origin);
      sorted.push(r);
    }
  }
  const last = sorted[sorted.length - 1]?.time ?? 0;

  const closeQueue = (r: QueueLogRecord, waitSec: number | null): void => {
    const start = queueOpen?.start ?? (waitSec !== null ? r.time - waitSec * 1000 : r.time);
    pieces.push({
      type: 'queue',
      start,
      end: r.time,
      name: queueOpen?.name ?? named(r.queue),
      agent: null,
      result: r.event,
      sources: [...(queueOpen?.sources ?? []), r.origin],
    });
    queueOpen = null;
  };

  for (const r of sorted) {
    const p = namedParams(r.event, dataOf(r));
    const role = QUEUE_LOG_EVENTS[r.event]?.role;
    switch (role) {
      case 'enter':
        if (queueOpen) {
          // A second ENTERQUEUE without an exit: the earlier wait ends where the new one starts.
          const q: { start: number; name: string | null; sources: RowOrigin[] } = queueOpen;
          pieces.push({
            type: 'queue',
            start: q.start,
            end: r.time,
            name: q.name,
            agent: null,
            result: null,
            sources: q.sources,
          });
        }
        queueOpen = { start: r.time, name: named(r.queue), sources: [r.origin] };
        callerNumber ??= named(p['callerid'] ?? '');
        break;
      case 'connect':
        closeQueue(r, parseSeconds(p['holdtime']));
        convOpen = { start: r.time, agent: named(r.agent), sources: [r.origin] };
        break;
      case 'end-conversation': {
        if (convOpen) {
          pieces.push({
            type: 'conversation',
            start: convOpen.start,
            end: r.time,
            name: named(r.queue),
            agent: convOpen.agent ?? named(r.agent),
            result: r.event,
            sources: [...convOpen.sources, r.origin],
          });
          convOpen = null;
        } else {
          const callSec = parseSeconds(p['calltime']);
          if (callSec !== null && callSec >= 0) {
            pieces.push({
              type: 'conversation',
              start: r.time - callSec * 1000,
              end: r.time,
              name: named(r.queue),
              agent: named(r.agent),
              result: r.event,
              sources: [r.origin],
            });
          } else {
            kept.push({
              origin: r.origin,
              reason: `${r.event} without its CONNECT in the file and without a call time`,
            });
          }
        }
        break;
      }
      case 'exit-queue':
        if (queueOpen || p['waittime'] !== undefined) closeQueue(r, parseSeconds(p['waittime']));
        else kept.push({ origin: r.origin, reason: `${r.event} without its ENTERQUEUE in the file` });
        unanswered = EXIT_OUTCOME[r.event] ?? 'unanswered';
        break;
      case 'ring':
        kept.push({
          origin: r.origin,
          reason: `${r.agent || 'an agent'} rang ${p['ringtime_ms'] ?? '?'} ms without answering (raw only; not an involved agent)`,
        });
        if (named(r.queue)) extraQueues.push(r.queue);
        break;
      case 'call-info':
        if (r.event === 'DID') {
          accessNumber ??= named(p['did'] ?? '');
          kept.push({ origin: r.origin, reason: 'DID: the access number of the call' });
        } else kept.push({ origin: r.origin, reason: `${r.event}: informational, raw only` });
        break;
      default:
        kept.push({ origin: r.origin, reason: `unknown queue_log event ${r.event}: kept, not drawn` });
    }
  }
  // A file cut in the middle of a call: the open wait / conversation ends at the call's last record.
  if (queueOpen) {
    const q: { start: number; name: string | null; sources: RowOrigin[] } = queueOpen;
    pieces.push({
      type: 'queue',
      start: q.start,
      end: Math.max(q.start, last),
      name: q.name,
      agent: null,
      result: null,
      sources: q.sources,
    });
  }
  if (convOpen) {
    const c: { start: number; agent: string | null; sources: RowOrigin[] } = convOpen;
    pieces.push({
      type: 'conversation',
      start: c.start,
      end: Math.max(c.start, last),
      name: null,
      agent: c.agent,
      result: null,
      sources: c.sources,
    });
  }
  return {
    callId: `asterisk:${callid}`,
    type: 'inbound',
    dialerMode: null,
    start: null,
    end: last || null,
    callerNumber,
    accessNumber,
    pieces,
    unansweredOutcome: unanswered,
    extraAgents: [],
    extraQueues,
    callbackAttempts: null,
    registrations: [],
    kept,
    contactKey: null,
  };
}
