// Section 5 metrics over the drafted events.
import type { CallType, Outcome } from '../model/archive-call';
import type { CallEventRow } from '../model/call-events';
import type { DraftEvent } from './draft';
import type { Attempt } from './request';
import { isAnsweredLeg, rowEnd } from './rows';
import { sortInPlace } from './small-sort';

const isTalk = (e: DraftEvent): boolean => e.type === 'conversation' || e.type === 'consult';

export function firstAnswerMs(events: readonly DraftEvent[]): number | null {
  const talks = events.filter(isTalk).map((e) => e.start);
  return talks.length ? Math.min(...talks) : null;
}

export function speakMs(events: readonly DraftEvent[]): number {
  return events.filter(isTalk).reduce((s, e) => s + (e.end - e.start), 0);
}

/** Queue + Queue (callback) time before the first answer; null when the call has neither. */
export function waitMs(events: readonly DraftEvent[]): number | null {
  const waits = events.filter((e) => e.type === 'queue' || e.type === 'queue_callback');
  if (waits.length === 0) return null;
  const until = firstAnswerMs(events) ?? Infinity;
  return waits.reduce((s, e) => s + Math.max(0, Math.min(e.end, until) - e.start), 0);
}

const QUEUE_OUTCOME: Record<string, Outcome> = {
  h: 'abandoned',
  a: 'abandoned',
  f: 'rejected',
  s: 'rejected',
  t: 'rejected',
  e: 'rejected',
  d: 'deleted',
};
const MENU_OUTCOME: Record<string, Outcome> = { h: 'abandoned', e: 'rejected' };

export interface OutcomeInput {
  type: CallType;
  events: readonly DraftEvent[];
  /** Rows in canonical order. */
  rows: readonly CallEventRow[];
  consultQueues: ReadonlySet<CallEventRow>;
  attempts: readonly Attempt[] | null;
}

/**
 * Agent-to-agent: answered when a leg other than agent1's own answered (R15/R16).
 * Otherwise answered when a Conversation or Consult exists. Request calls
 * (callback / callout / dialer): deleted when a `d` queue row exists, pending
 * with no attempt yet, else unanswered — a silent dialer call (contact picked
 * up, no agent free) included, as the seed lists it under "not answered".
 * Inbound: the code of the last queue event (else of the last menu).
 */
export function outcomeOf(inp: OutcomeInput): Outcome {
  const { events, rows, attempts } = inp;
  if (inp.type === 'agent_to_agent') {
    // agent1's own softphone always answers: the call is answered when someone else did (R15 / R16).
    const legs = rows.filter((r) => r.eventType === 'c');
    const caller = legs[0]?.agentId ?? null;
    return legs.some((r) => r.agentId !== caller && isAnsweredLeg(r)) ? 'answered' : 'unanswered';
  }
  if (events.some(isTalk)) return 'answered';
  if (attempts !== null) {
    if (events.some((e) => e.type === 'deleted')) return 'deleted';
    if (attempts.length === 0) return 'pending';
    return 'unanswered';
  }
  if (events.some((e) => e.type === 'deleted')) return 'deleted';
  const last = (pred: (r: CallEventRow) => boolean): CallEventRow | undefined =>
    sortInPlace(rows.filter(pred), (a, b) => a.start - b.start || rowEnd(a) - rowEnd(b)).pop();
  const q = last((r) => r.eventType === 'q' && !inp.consultQueues.has(r));
  if (q) return QUEUE_OUTCOME[q.resultCode ?? ''] ?? 'unanswered';
  const m = last((r) => r.eventType === 'm');
  if (m) return MENU_OUTCOME[m.resultCode ?? ''] ?? 'unanswered';
  return 'unanswered';
}
