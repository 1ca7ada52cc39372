// Timeline pieces a platform mapper found → one archive call, with the
// spec's overlap rules (section 3) and metrics (section 5) applied the same
// way for every platform:
// - a conversation that starts while another conversation is on the line is a
//   Consult for the overlapping part (R21);
// - a queue piece that starts while a conversation is on the line is a
//   Consult to queue for the overlapping part;
// - speaktime = Conversation + Consult durations; wait time = Queue + Queue
//   (callback) time before the first answer; time before answer = first
//   answer − call start.
import { ARCHIVE_EVENT_TYPES } from '../../model/archive-call';
import type {
  ArchiveCall,
  ArchiveEvent,
  ArchiveEventType,
  CallType,
  DerivedCall,
  Outcome,
} from '../../model/archive-call';
import type { RowOrigin } from '../../model/call-events';
import { isValidMs, isoUtc } from './time';

export interface Piece {
  type: ArchiveEventType;
  /** UTC epoch ms. */
  start: number;
  end: number;
  name: string | null;
  agent: string | null;
  label?: string | null;
  labelDa?: string | null;
  result: string | null;
  sources: RowOrigin[];
}

export interface CallDraft {
  callId: string;
  type: CallType;
  dialerMode: string | null;
  /** Call start / end (ms); default: the first piece's start / last piece's end. */
  start: number | null;
  end: number | null;
  callerNumber: string | null;
  accessNumber: string | null;
  pieces: Piece[];
  /** Outcome when no Conversation / Consult results (answered calls are always 'answered'). */
  unansweredOutcome: Outcome;
  /** Agents named without a conversation (the agent of an unanswered callback attempt, R5). */
  extraAgents: string[];
  /** Queues the records name even where no queue event is drawn. */
  extraQueues: string[];
  callbackAttempts: number | null;
  registrations: string[];
  kept: { origin: RowOrigin; reason: string }[];
  contactKey: string | null;
}

const TIE = new Map<ArchiveEventType, number>(ARCHIVE_EVENT_TYPES.map((t, i) => [t, i]));
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function clipPiece(p: Piece, start: number, end: number, type: ArchiveEventType): Piece | null {
  return end > start || (end === start && p.start === p.end) ? { ...p, start, end, type } : null;
}

/** Applies the overlap rules; input order does not matter. */
export function resolveOverlaps(pieces: readonly Piece[]): Piece[] {
  const sorted = [...pieces].sort((a, b) => a.start - b.start || (TIE.get(a.type) ?? 0) - (TIE.get(b.type) ?? 0));
  const out: Piece[] = [];
  // The conversation currently "on the line": the furthest end of accepted conversation/consult speech.
  let lineEnd = -Infinity;
  for (const p of sorted) {
    const overlapsLine = p.start < lineEnd && p.end > p.start;
    if (p.type === 'conversation') {
      if (overlapsLine) {
        const consult = clipPiece(p, p.start, Math.min(p.end, lineEnd), 'consult');
        if (consult) out.push(consult);
        const rest = p.end > lineEnd ? clipPiece(p, lineEnd, p.end, 'conversation') : null;
        if (rest) out.push(rest);
      } else out.push(p);
      lineEnd = Math.max(lineEnd, p.end);
    } else if (p.type === 'queue' && overlapsLine) {
      const cq = clipPiece(p, p.start, Math.min(p.end, lineEnd), 'consult_queue');
      if (cq) out.push(cq);
      const rest = p.end > lineEnd ? clipPiece(p, lineEnd, p.end, 'queue') : null;
      if (rest) out.push(rest);
    } else {
      if (p.type === 'consult') lineEnd = Math.max(lineEnd, p.end);
      out.push(p);
    }
  }
  return out.sort((a, b) => a.start - b.start || (TIE.get(a.type) ?? 0) - (TIE.get(b.type) ?? 0));
}

function unique(values: (string | null)[]): string[] {
  const seen: string[] = [];
  for (const v of values) if (v !== null && v !== '' && !seen.includes(v)) seen.push(v);
  return seen;
}

export function buildCall(draft: CallDraft): DerivedCall {
  const usable = (p: Piece): boolean => isValidMs(p.start) && isValidMs(p.end) && p.end >= p.start;
  const kept = [...draft.kept];
  for (const p of draft.pieces) {
    if (!usable(p))
      for (const origin of p.sources)
        kept.push({ origin, reason: `${p.type} with an impossible time span: not drawn` });
  }
  const pieces = resolveOverlaps(draft.pieces.filter(usable));
  const starts = pieces.map((p) => p.start);
  const ends = pieces.map((p) => p.end);
  const given = (t: number | null): number | null => (t !== null && isValidMs(t) ? t : null);
  const start = given(draft.start) ?? (starts.length ? Math.min(...starts) : 0);
  const end = Math.max(given(draft.end) ?? start, ...ends, start);
  const events: ArchiveEvent[] = pieces.map((p) => ({
    type: p.type,
    start: isoUtc(p.start),
    end: isoUtc(p.end),
    durationSec: round3((p.end - p.start) / 1000),
    name: p.name,
    agent: p.agent,
    label: p.label ?? null,
    labelDa: p.labelDa ?? null,
    result: p.result,
  }));
  const spoken = pieces.filter((p) => p.type === 'conversation' || p.type === 'consult');
  const firstAnswer = spoken.length ? Math.min(...spoken.map((p) => p.start)) : null;
  const waiting = pieces.filter((p) => p.type === 'queue' || p.type === 'queue_callback');
  const waitMs = waiting.reduce((sum, p) => {
    const until = firstAnswer === null ? p.end : Math.min(p.end, firstAnswer);
    return sum + Math.max(0, until - p.start);
  }, 0);
  const call: ArchiveCall = {
    callId: draft.callId,
    type: draft.type,
    dialerMode: draft.dialerMode,
    start: isoUtc(start),
    end: isoUtc(end),
    callerNumber: draft.callerNumber,
    accessNumber: draft.accessNumber,
    queues: unique([
      ...pieces
        .filter((p) => p.type === 'queue' || p.type === 'queue_callback' || p.type === 'consult_queue')
        .map((p) => p.name),
      ...draft.extraQueues,
    ]),
    agents: unique([...spoken.map((p) => p.agent), ...draft.extraAgents]),
    outcome: spoken.length ? 'answered' : draft.unansweredOutcome,
    timeBeforeAnswerSec: firstAnswer === null ? null : round3((firstAnswer - start) / 1000),
    waitTimeSec: waiting.length ? round3(waitMs / 1000) : null,
    speakTimeSec: round3(spoken.reduce((s, p) => s + (p.end - p.start), 0) / 1000),
    callbackAttempts: draft.callbackAttempts,
    registrations: draft.registrations,
    events,
  };
  return { call, eventSources: pieces.map((p) => p.sources), kept, contactKey: draft.contactKey };
}

export function unansweredLabel(n: number): { label: string | null; labelDa: string | null } {
  if (n <= 0) return { label: null, labelDa: null };
  return n === 1
    ? { label: '1 unanswered call finished', labelDa: '1 ubesvaret opkald færdig' }
    : { label: `${n} unanswered calls finished`, labelDa: `${n} ubesvarede opkald færdige` };
}
