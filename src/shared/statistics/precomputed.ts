// What the statistics read of a call's events, reduced at import to a few numbers on
// its archive rows (calls.stats_flags, call_agents.talk / talk_ms), so that the figures
// never read the events table: a million calls' events are tens of millions of rows.
// The pure module computes the same from the events (compute.ts); the SQL
// implementation reads these, and a test keeps the two equal.
import { toMs } from './figures';

/** calls.stats_flags bits. */
export const STATS_FLAG = {
  /** A Queue or Queue (callback) event: the call is in the queue population (spec "Population"). */
  queue: 1,
  /** A Queue (callback) event: a callback was requested. */
  callback: 2,
  /** A Menu event: with a dialer call's outcome, the silent-call message (R18). */
  menu: 4,
} as const;

/** call_agents.talk bits: the agent had a Conversation / a Consult in the call. */
export const TALK_KIND = { conversation: 1, consult: 2 } as const;

interface EventLike {
  type: string;
  durationSec: number;
  agent: string | null;
}

export function statsFlags(events: readonly Pick<EventLike, 'type'>[]): number {
  let flags = 0;
  for (const e of events) {
    if (e.type === 'queue') flags |= STATS_FLAG.queue;
    else if (e.type === 'queue_callback') flags |= STATS_FLAG.queue | STATS_FLAG.callback;
    else if (e.type === 'menu') flags |= STATS_FLAG.menu;
  }
  return flags;
}

/**
 * Per agent of the call's Conversation and Consult events: which of the two they had and the
 * sum of their durations in whole ms (each event rounded, as the figures sum them).
 */
export function agentTalk(events: readonly EventLike[]): Map<string, { talk: number; talkMs: number }> {
  const out = new Map<string, { talk: number; talkMs: number }>();
  for (const e of events) {
    if ((e.type !== 'conversation' && e.type !== 'consult') || e.agent === null) continue;
    const t = out.get(e.agent) ?? { talk: 0, talkMs: 0 };
    t.talk |= TALK_KIND[e.type];
    t.talkMs += toMs(e.durationSec);
    out.set(e.agent, t);
  }
  return out;
}
