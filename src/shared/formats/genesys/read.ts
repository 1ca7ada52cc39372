// Genesys Cloud analytics conversation details JSON → conversations, each
// with its segments as records. Accepted shapes: the response of
// POST /api/v2/analytics/conversations/details/query ({conversations, totalHits}),
// the async job results ({conversations, cursor}), a bare array of
// conversations, one conversation object, or JSON Lines of any of these.
import type { RejectedRow } from '../../model/row-accounting';
import { arr, isObject, readJsonDocs, str } from '../common/json';
import type { PlatformRecord, UnknownCounts } from '../common/types';
import { countUnknown, flatten, rawText } from '../common/types';
import { CONVERSATION_FIELDS, PARTICIPANT_FIELDS, SEGMENT_FIELDS, SESSION_FIELDS } from './fields';

export type Obj = Record<string, unknown>;

export interface SegmentRecord extends PlatformRecord {
  participant: Obj;
  session: Obj;
  segment: Obj;
}

export interface ConversationRead {
  id: string;
  conv: Obj;
  segments: SegmentRecord[];
  /** Participants / sessions without any segment: records kept as they are. */
  bare: PlatformRecord[];
}

function scalars(o: Obj, skip: readonly string[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (!skip.includes(k)) out[k] = v;
  return out;
}

function countFields(o: Obj, known: Set<string>, level: string, unknown: UnknownCounts): void {
  for (const k of Object.keys(o)) if (!known.has(k)) countUnknown(unknown.fields, `${level}.${k}`);
}

export interface GenesysRead {
  /** Built one at a time as iterated (the JSON itself is parsed at once). */
  conversations: Iterable<ConversationRead>;
  rejected: RejectedRow[];
  /** Records seen so far; complete once `conversations` is iterated. */
  readonly recordCount: number;
}

export function readGenesys(text: string, file: string, unknown: UnknownCounts): GenesysRead {
  const { docs, rejected } = readJsonDocs(text, file);
  let index = 0;
  let recordCount = rejected.length;
  // Origins are record indexes in file order, also for JSON Lines (a line holds many segments and
  // origins must be unique per record); the raw record names its JSON line.
  const nextOrigin = (_line: number | null): { file: string; line: number } => ({ file, line: ++index });
  function* conversations(): Generator<ConversationRead> {
    for (const doc of docs) {
      const v = doc.value;
      const list = isObject(v) && Array.isArray(v['conversations']) ? v['conversations'] : Array.isArray(v) ? v : [v];
      for (let ci = 0; ci < list.length; ci++) {
        const c = list[ci];
        const id = isObject(c) ? str(c['conversationId']) : null;
        if (!isObject(c) || id === null) {
          recordCount++;
          rejected.push({
            origin: nextOrigin(doc.line),
            reason: `conversations[${ci}] is not a conversation (no conversationId)`,
            raw: rawText(JSON.stringify(c) ?? String(c)),
          });
          continue;
        }
        countFields(c, CONVERSATION_FIELDS, 'conversation', unknown);
        const read: ConversationRead = { id, conv: c, segments: [], bare: [] };
        const convRaw = {
          ...(doc.line !== null ? { jsonLine: String(doc.line) } : {}),
          ...flatten(scalars(c, ['participants']), 'conversation'),
        };
        arr(c['participants']).forEach((pv, pi) => {
          const p: Obj = isObject(pv) ? pv : {};
          countFields(p, PARTICIPANT_FIELDS, 'participant', unknown);
          const pRaw = { ...convRaw, ...flatten(scalars(p, ['sessions']), 'participant') };
          const sessions = arr(p['sessions']);
          if (sessions.length === 0) {
            recordCount++;
            read.bare.push({ origin: nextOrigin(doc.line), raw: { path: `participants[${pi}]`, ...pRaw } });
          }
          sessions.forEach((sv, si) => {
            const s: Obj = isObject(sv) ? sv : {};
            countFields(s, SESSION_FIELDS, 'session', unknown);
            const sRaw = { ...pRaw, ...flatten(scalars(s, ['segments', 'metrics']), 'session') };
            const segs = arr(s['segments']);
            if (segs.length === 0) {
              recordCount++;
              read.bare.push({
                origin: nextOrigin(doc.line),
                raw: {
                  path: `participants[${pi}].sessions[${si}]`,
                  ...sRaw,
                  ...flatten(s['metrics'], 'session.metrics'),
                },
              });
            }
            segs.forEach((gv, gi) => {
              const g: Obj = isObject(gv) ? gv : {};
              countFields(g, SEGMENT_FIELDS, 'segment', unknown);
              recordCount++;
              // The session's metrics travel with its first segment only (not repeated per segment).
              const metrics = gi === 0 ? flatten(s['metrics'], 'session.metrics') : {};
              read.segments.push({
                origin: nextOrigin(doc.line),
                raw: {
                  path: `participants[${pi}].sessions[${si}].segments[${gi}]`,
                  ...sRaw,
                  ...metrics,
                  ...flatten(g, 'segment'),
                },
                participant: p,
                session: s,
                segment: g,
              });
            });
          });
        });
        if (read.segments.length === 0 && read.bare.length === 0) {
          recordCount++;
          read.bare.push({ origin: nextOrigin(doc.line), raw: convRaw });
        }
        // The parsed JSON of this conversation is no longer needed once its records exist.
        list[ci] = null;
        yield read;
      }
    }
  }
  return {
    conversations: conversations(),
    rejected,
    get recordCount() {
      return recordCount;
    },
  };
}
