// Genesys Cloud conversations read back from the archive's stored records. A
// conversation delivered again (re-sent with more segments, or the same
// conversation in an overlapping export) is derived from ALL its deliveries:
// each segment, and each participant / session without segments, counts once
// in its newest delivery; the older copies are kept with the reason.
import { isObject, str } from '../common/json';
import type { KeptRecord, PlatformRecord } from '../common/types';
import { unflatten } from '../common/types';
import type { RejectedRow } from '../../model/row-accounting';
import { rawText } from '../common/types';
import type { ConversationRead, Obj } from './read';

interface Part {
  rec: PlatformRecord;
  participantKey: string;
  sessionKey: string | null;
  participant: Obj;
  session: Obj | null;
  segment: Obj | null;
}

interface Gathered {
  conv: Obj;
  parts: Map<string, Part>;
}

const SEGMENT_PATH = /^participants\[(\d+)\](?:\.sessions\[(\d+)\](?:\.segments\[(\d+)\])?)?$/;

/** Identity of a record within its conversation: stable across deliveries (ids, else positions). */
function identity(
  path: string,
  participant: Obj,
  session: Obj | null,
  segment: Obj | null,
): { p: string; s: string | null; key: string } {
  const m = SEGMENT_PATH.exec(path);
  const p = str(participant['participantId']) ?? `#${m?.[1] ?? '-'}`;
  const s = session ? `${p}/${str(session['sessionId']) ?? `#${m?.[2] ?? '-'}`}` : null;
  const g = segment
    ? `${str(segment['segmentStart']) ?? `#${m?.[3] ?? '-'}`}|${str(segment['segmentType']) ?? ''}`
    : '-';
  return { p, s, key: `${s ?? p}/${g}` };
}

const sameFields = (a: Record<string, string>, b: Record<string, string>): boolean => {
  const ka = Object.keys(a).filter((k) => k !== 'jsonLine');
  return ka.length === Object.keys(b).filter((k) => k !== 'jsonLine').length && ka.every((k) => a[k] === b[k]);
};

/** Stored records (older deliveries first) → conversations, with superseded copies and unreadable records. */
export function gatherConversations(records: readonly PlatformRecord[]): {
  conversations: ConversationRead[];
  superseded: KeptRecord[];
  rejected: RejectedRow[];
} {
  const byId = new Map<string, Gathered>();
  const superseded: KeptRecord[] = [];
  const rejected: RejectedRow[] = [];
  for (const rec of records) {
    const { path = '', jsonLine: _line, ...fields } = rec.raw;
    const v = unflatten(fields);
    const conv = isObject(v['conversation']) ? (v['conversation'] as Obj) : null;
    const id = conv ? str(conv['conversationId']) : null;
    if (!conv || id === null) {
      rejected.push({
        origin: rec.origin,
        reason: 'stored record is not a Genesys Cloud conversation record (no conversation.conversationId)',
        raw: rawText(JSON.stringify(rec.raw)),
      });
      continue;
    }
    const participant = isObject(v['participant']) ? (v['participant'] as Obj) : {};
    const session = isObject(v['session']) ? (v['session'] as Obj) : null;
    const segment = isObject(v['segment']) ? (v['segment'] as Obj) : null;
    const g = byId.get(id) ?? { conv, parts: new Map<string, Part>() };
    byId.set(id, g);
    // Conversation-level fields: the newest delivery's, without losing one only an older delivery has
    // (a conversation exported while still open has no conversationEnd yet).
    g.conv = { ...g.conv, ...conv };
    const who = identity(path, participant, session, segment);
    const older = g.parts.get(who.key);
    if (older) {
      const reason = sameFields(older.rec.raw, rec.raw)
        ? `duplicate of ${rec.origin.file} record ${rec.origin.line} (the same conversation delivered again)`
        : `superseded by a newer delivery of conversation ${id} (${rec.origin.file} record ${rec.origin.line})`;
      superseded.push({
        origin: older.rec.origin,
        raw: older.rec.raw,
        table: 'conversation',
        reason,
        callId: `genesys:${id}`,
      });
      g.parts.delete(who.key);
    }
    g.parts.set(who.key, { rec, participantKey: who.p, sessionKey: who.s, participant, session, segment });
  }
  const conversations: ConversationRead[] = [];
  for (const [id, g] of byId) {
    // One object per participant and per session: the mapper tells them apart by identity.
    const participants = new Map<string, Obj>();
    const sessions = new Map<string, Obj>();
    for (const part of g.parts.values()) {
      participants.set(part.participantKey, { ...(participants.get(part.participantKey) ?? {}), ...part.participant });
      if (part.sessionKey && part.session)
        sessions.set(part.sessionKey, { ...(sessions.get(part.sessionKey) ?? {}), ...part.session });
    }
    const read: ConversationRead = {
      id,
      conv: { ...g.conv, participants: [...participants.values()] },
      segments: [],
      bare: [],
    };
    for (const part of g.parts.values()) {
      const participant = participants.get(part.participantKey) as Obj;
      const session = part.sessionKey ? sessions.get(part.sessionKey) : undefined;
      if (part.segment && session)
        read.segments.push({ origin: part.rec.origin, raw: part.rec.raw, participant, session, segment: part.segment });
      else read.bare.push({ origin: part.rec.origin, raw: part.rec.raw });
    }
    conversations.push(read);
  }
  return { conversations, superseded, rejected };
}
