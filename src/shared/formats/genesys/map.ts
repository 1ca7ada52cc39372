// One Genesys Cloud conversation → an archive call.
//   ivr participant / ivr segment            → Menu
//   acd participant, interact (voice)        → Queue (Consult to queue when it overlaps a conversation)
//   acd participant, callback session        → Queue (callback), until an agent's voice leg is answered
//   agent / user participant, interact voice → Conversation (Consult where it overlaps another)
//   second and later external participants   → Conversation / Consult (a call to an external number)
//   hold, wrapup, alert, dialing, contacting, voicemail, system, delay, … → raw only (kept)
//   customer / first external participant    → raw only; gives the caller's and access numbers
// Wrap-up codes become the call's registrations.
import type { Outcome } from '../../model/archive-call';
import type { RowOrigin } from '../../model/call-events';
import { unansweredLabel } from '../common/build';
import type { CallDraft, Piece } from '../common/build';
import { arr, isObject, str } from '../common/json';
import type { UnknownCounts } from '../common/types';
import { countUnknown } from '../common/types';
import { parseInstant } from '../common/time';
import { SEGMENT_TYPES } from './fields';
import type { ConversationRead, Obj, SegmentRecord } from './read';

const AGENT_PURPOSES = new Set(['agent', 'user']);
const CUSTOMER_PURPOSES = new Set(['customer', 'external']);
const HUNG_UP = new Set(['peer', 'endpoint', 'client']);
const FAILED = new Set(['timeout', 'error', 'system', 'transport.failure', 'uncallable', 'spam']);

/** A field read from the session first, then the segment (the older schema kept some there). */
function field(r: SegmentRecord, name: string): string | null {
  return str(r.session[name]) ?? str(r.segment[name]);
}
const tel = (v: string | null): string | null => (v ? v.replace(/^(tel|sip):/i, '') : null);
const purposeOf = (r: SegmentRecord): string => (str(r.participant['purpose']) ?? '').toLowerCase();
const mediaOf = (r: SegmentRecord): string => (field(r, 'mediaType') ?? 'voice').toLowerCase();
const typeOf = (r: SegmentRecord): string => (str(r.segment['segmentType']) ?? '').toLowerCase();
const nameOf = (p: Obj): string | null => str(p['participantName']) ?? str(p['userId']) ?? str(p['participantId']);

interface Timed {
  r: SegmentRecord;
  start: number;
  end: number;
}

// eslint-disable-next-line complexity, max-lines-per-function -- one branch per segment type of the mapping table in docs/formats/genesys-cloud.md
export function draftGenesysCall(c: ConversationRead, unknown: UnknownCounts): CallDraft {
  const convStart = parseInstant(c.conv['conversationStart']);
  const convEnd = parseInstant(c.conv['conversationEnd']);
  const kept: { origin: RowOrigin; reason: string }[] = [];
  const pieces: Piece[] = [];
  const timed: Timed[] = [];
  for (const r of c.segments) {
    const start = parseInstant(r.segment['segmentStart']);
    // An open segment (conversation still running at export time) ends at the conversation's end or its start.
    const end = parseInstant(r.segment['segmentEnd']) ?? convEnd ?? start;
    if (start === null || end === null || end < start)
      kept.push({ origin: r.origin, reason: 'segment without a readable segmentStart / segmentEnd' });
    else timed.push({ r, start, end });
    const t = typeOf(r);
    if (!SEGMENT_TYPES.has(t)) countUnknown(unknown.events, `segmentType:${t || '(none)'}`);
  }
  timed.sort((a, b) => a.start - b.start || a.r.origin.line - b.r.origin.line);
  const customer = customerOf(timed);
  const isCallback = timed.some((t) => mediaOf(t.r) === 'callback');
  // Newer schema: outboundCampaignId on the session; older: dialerCampaignId on the segment.
  const campaign =
    timed.map((t) => field(t.r, 'outboundCampaignId') ?? field(t.r, 'dialerCampaignId')).find((v) => v !== null) ??
    null;
  const registrations: string[] = [];
  const callbackSegs: Timed[] = [];
  const agentVoiceSessions = new Map<Obj, { agent: string | null; answered: boolean; start: number; end: number }>();

  for (const t of timed) {
    const { r } = t;
    const purpose = purposeOf(r);
    const type = typeOf(r);
    const media = mediaOf(r);
    const result = str(r.segment['disconnectType']) ?? str(r.segment['howEnded']);
    const wrap = str(r.segment['wrapUpCode']);
    if (wrap && !registrations.includes(wrap)) registrations.push(wrap);
    const base = { start: t.start, end: t.end, result, sources: [r.origin] };
    if (AGENT_PURPOSES.has(purpose) && media === 'voice') {
      const s = agentVoiceSessions.get(r.session) ?? {
        agent: nameOf(r.participant),
        answered: false,
        start: t.start,
        end: t.end,
      };
      s.end = Math.max(s.end, t.end);
      agentVoiceSessions.set(r.session, s);
      if (type === 'interact') s.answered = true;
    }
    if (type === 'ivr' || (purpose === 'ivr' && type === 'interact')) {
      const flow = r.session['flow'] as Obj | undefined;
      pieces.push({
        type: 'menu',
        ...base,
        name: str(flow?.['flowName']) ?? nameOf(r.participant) ?? 'IVR',
        agent: null,
      });
    } else if (purpose === 'acd' && type === 'interact' && media === 'callback') {
      callbackSegs.push(t);
    } else if (purpose === 'acd' && type === 'interact') {
      pieces.push({ type: 'queue', ...base, name: nameOf(r.participant) ?? field(r, 'queueId'), agent: null });
    } else if (AGENT_PURPOSES.has(purpose) && type === 'interact' && media === 'voice') {
      pieces.push({ type: 'conversation', ...base, name: null, agent: nameOf(r.participant) });
    } else if (
      CUSTOMER_PURPOSES.has(purpose) &&
      r.participant !== customer &&
      type === 'interact' &&
      media === 'voice'
    ) {
      pieces.push({
        type: 'conversation',
        ...base,
        name: null,
        agent: str(r.participant['participantName']) ?? tel(field(r, 'dnis')) ?? nameOf(r.participant),
      });
    } else {
      kept.push({ origin: r.origin, reason: keptReason(purpose, type, media, r.participant === customer) });
    }
  }

  let callbackAttempts: number | null = null;
  const extraAgents: string[] = [];
  if (callbackSegs.length) {
    // Queue (callback): from the request until an agent's voice leg is answered (or the last attempt ends).
    const from = Math.min(...callbackSegs.map((t) => t.start));
    const attempts = [...agentVoiceSessions.values()].filter((s) => s.start >= from).sort((a, b) => a.start - b.start);
    const answeredAt = attempts.findIndex((s) => s.answered);
    const upTo = answeredAt === -1 ? attempts : attempts.slice(0, answeredAt + 1);
    const firstAnswer = pieces
      .filter((p) => p.type === 'conversation' && p.start >= from)
      .map((p) => p.start)
      .sort((a, b) => a - b)[0];
    const until =
      answeredAt !== -1 && firstAnswer !== undefined
        ? firstAnswer
        : Math.max(...callbackSegs.map((t) => t.end), ...attempts.map((s) => s.end));
    const lastAgent = upTo[upTo.length - 1]?.agent ?? null;
    const unanswered = upTo.filter((s) => !s.answered).length;
    pieces.push({
      type: 'queue_callback',
      start: from,
      end: until,
      name: nameOf(callbackSegs[0]!.r.participant) ?? field(callbackSegs[0]!.r, 'queueId'),
      agent: lastAgent,
      ...unansweredLabel(unanswered),
      result: str(callbackSegs[callbackSegs.length - 1]!.r.segment['disconnectType']),
      sources: callbackSegs.map((t) => t.r.origin),
    });
    callbackAttempts = attempts.length;
    if (answeredAt === -1 && lastAgent) extraAgents.push(lastAgent);
  }

  const direction = (
    str(c.conv['originatingDirection']) ??
    (c.segments[0] ? field(c.segments[0], 'direction') : null) ??
    ''
  ).toLowerCase();
  const custSeg = c.segments.find((r) => r.participant === customer);
  const ani = custSeg ? tel(field(custSeg, 'ani')) : null;
  const dnis = custSeg ? tel(field(custSeg, 'dnis')) : null;
  const humans = arr(c.conv['participants']).filter(
    (p) => isObject(p) && AGENT_PURPOSES.has(String(p['purpose'] ?? '').toLowerCase()),
  ).length;
  let type: CallDraft['type'] = 'inbound';
  if (isCallback) type = 'callback';
  else if (campaign) type = agentFirst(timed, customer) ? 'dialer_preview' : 'dialer_contact_first';
  else if (!customer && humans >= 2) type = 'agent_to_agent';
  else if (direction === 'outbound') type = 'callout';
  const outbound = type !== 'inbound' && type !== 'callback';
  return {
    callId: `genesys:${c.id}`,
    type,
    dialerMode: null,
    start: convStart,
    end: convEnd,
    callerNumber: type === 'agent_to_agent' ? 'xxxxxxxx' : outbound ? dnis : ani,
    accessNumber: outbound ? null : dnis,
    pieces,
    unansweredOutcome: unansweredOutcome(timed, isCallback, agentVoiceSessions.size),
    extraAgents,
    extraQueues: [],
    callbackAttempts,
    registrations,
    kept,
    contactKey: campaign ? contactKeyOf(c.segments) : null,
  };
}

/** The dialer contact behind a campaign call (R19 grouping). */
function contactKeyOf(segments: readonly SegmentRecord[]): string | null {
  for (const r of segments) {
    const id = field(r, 'outboundContactId') ?? field(r, 'dialerContactId');
    if (id) return id;
  }
  return null;
}

function keptReason(purpose: string, type: string, media: string, isCustomer: boolean): string {
  if (isCustomer) return `customer side (${type || 'no segmentType'}): raw only, the agent / queue side is drawn`;
  if (type === 'hold') return 'hold: raw only (not drawn as a conversation)';
  if (type === 'wrapup') return 'wrap-up (after-call work): raw only; its code is a registration';
  if (type === 'alert') return 'alerting (ringing before an answer): raw only';
  if (type === 'dialing' || type === 'contacting') return `${type} (outbound set-up before an answer): raw only`;
  if (type === 'voicemail') return 'voicemail: raw only';
  if (media === 'callback')
    return `${purpose} callback session (${type}): raw only, drawn as Queue (callback) from the acd side`;
  if (!SEGMENT_TYPES.has(type)) return `unknown segmentType "${type}": kept, not drawn`;
  return `${purpose || 'unknown purpose'} ${type} segment: raw only`;
}

/**
 * The customer: of the customer / external participants, the one on the line
 * first (ties: purpose customer before external, then participantId), so that
 * the order of participants in the file does not matter. Later external
 * participants are third parties (consults, transfers to a number).
 */
function customerOf(timed: readonly Timed[]): Obj | undefined {
  let best: { p: Obj; start: number; key: string } | undefined;
  for (const t of timed) {
    const purpose = purposeOf(t.r);
    if (!CUSTOMER_PURPOSES.has(purpose)) continue;
    const key = `${purpose === 'customer' ? 0 : 1}:${str(t.r.participant['participantId']) ?? ''}`;
    if (!best || t.start < best.start || (t.start === best.start && key < best.key))
      best = { p: t.r.participant, start: t.start, key };
  }
  return best?.p;
}

/** Preview dialing: an agent leg starts before the contact answers. */
function agentFirst(timed: readonly Timed[], customer: Obj | undefined): boolean {
  const agentStart = timed.filter((t) => AGENT_PURPOSES.has(purposeOf(t.r))).map((t) => t.start)[0];
  const contactAnswer = timed
    .filter((t) => t.r.participant === customer && typeOf(t.r) === 'interact')
    .map((t) => t.start)[0];
  return agentStart !== undefined && (contactAnswer === undefined || agentStart < contactAnswer);
}

function unansweredOutcome(timed: readonly Timed[], isCallback: boolean, agentLegs: number): Outcome {
  if (isCallback && agentLegs === 0) return 'pending';
  const last = (pred: (t: Timed) => boolean): Timed | undefined => timed.filter(pred).pop();
  const waiting = last((t) => purposeOf(t.r) === 'acd' || typeOf(t.r) === 'ivr' || purposeOf(t.r) === 'ivr');
  const how = waiting ? (str(waiting.r.segment['disconnectType']) ?? '') : '';
  if (HUNG_UP.has(how)) return 'abandoned';
  if (FAILED.has(how)) return 'rejected';
  return 'unanswered';
}
