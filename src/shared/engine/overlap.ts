// Section 3: Conversation and Consult from the overlap of speaktimes.
// One status at a time: in each instant, with a queue event (a consult to queue,
// or a queue that has not ended yet) nothing is talking in the chart; with one
// speaktime it is a Conversation of that leg's agent; with two or more it is a
// Consult, named after the agent who answered last (the one consulted).
import type { CallEventRow } from '../model/call-events';
import { sortInPlace } from './small-sort';

export interface SpeakTime {
  start: number;
  end: number;
  agentId: string | null;
  /** Rows behind it: one leg, or the agent + customer legs of a callback / callout / dialer session. */
  rows: CallEventRow[];
  result: string | null;
  /** Stable tie-break between legs answered at the same moment. */
  key: string;
}

export interface TalkSegment {
  type: 'conversation' | 'consult';
  start: number;
  end: number;
  agentId: string | null;
  rows: CallEventRow[];
  result: string | null;
}

export interface OverlapResult {
  segments: TalkSegment[];
  /** Speaktime per agent id: every agent on the line in a Conversation / Consult instant. */
  speakMsByAgent: Map<string, number>;
  /** Agent ids in the order they were first on the line in a drawn instant. */
  agentsInOrder: string[];
}

const cmpSpeak = (a: SpeakTime, b: SpeakTime): number =>
  a.start - b.start || a.end - b.end || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function overlapSpeakTimes(
  speaks: readonly SpeakTime[],
  suppressors: readonly { start: number; end: number }[],
): OverlapResult {
  const live = sortInPlace(
    speaks.filter((s) => s.end > s.start),
    cmpSpeak,
  );
  const cuts = new Set<number>();
  for (const s of live) cuts.add(s.start).add(s.end);
  for (const q of suppressors) if (q.end > q.start) cuts.add(q.start).add(q.end);
  const points = sortInPlace([...cuts], (a, b) => a - b);

  const segments: TalkSegment[] = [];
  const speakMsByAgent = new Map<string, number>();
  const agentsInOrder: string[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    if (suppressors.some((q) => q.start <= from && q.end >= to && q.end > q.start)) continue;
    const active = live.filter((s) => s.start <= from && s.end >= to);
    if (active.length === 0) continue;
    const lead = active[active.length - 1] as SpeakTime; // answered last
    const type = active.length === 1 ? 'conversation' : 'consult';
    for (const s of active) {
      if (s.agentId === null) continue;
      speakMsByAgent.set(s.agentId, (speakMsByAgent.get(s.agentId) ?? 0) + (to - from));
      if (!agentsInOrder.includes(s.agentId)) agentsInOrder.push(s.agentId);
    }
    const prev = segments[segments.length - 1];
    if (prev && prev.end === from && prev.type === type && prev.agentId === lead.agentId) {
      prev.end = to;
      for (const s of active) for (const r of s.rows) if (!prev.rows.includes(r)) prev.rows.push(r);
      continue;
    }
    const rows: CallEventRow[] = [];
    for (const s of active) for (const r of s.rows) if (!rows.includes(r)) rows.push(r);
    segments.push({ type, start: from, end: to, agentId: lead.agentId, rows, result: lead.result });
  }
  return { segments, speakMsByAgent, agentsInOrder };
}
