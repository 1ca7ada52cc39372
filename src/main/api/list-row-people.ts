// Who handled a listed call, read for a page's rows after the search (issue 14 item 2): the list's
// Queue and Agent columns show the queue that answered and the agent who talked to the customer —
// not the call's first queue and agent (a callback's first agent is the one whose attempt went
// unanswered) — and every queue and agent of the call for the "+N" and its tooltip.
// Computed on read from call_queues, call_agents and events (one indexed query each per page, the
// page's calls found by their unique call_id), so neither the search SQL nor the schema changes.
import type { CallListRow, CallPage } from '../../shared/api/archive-api';
import type { Db } from '../store/native';
import { rawAll, sql } from '../store/sql';

interface EventRow {
  call_id: string;
  type: string;
  name: string | null;
  agent: string | null;
}

/** The queue that answered and the agent who talked: from the call's events in order (pure, tested alone). */
export function handlingOf(events: readonly Pick<EventRow, 'type' | 'name' | 'agent'>[]): {
  answeringQueue: string | null;
  handlingAgent: string | null;
} {
  let lastQueue: string | null = null;
  let answeringQueue: string | null = null;
  let handlingAgent: string | null = null;
  for (const e of events) {
    if ((e.type === 'queue' || e.type === 'queue_callback') && e.name) lastQueue = e.name;
    // The last conversation is the one the call ended in (a transfer hands it on).
    if (e.type === 'conversation' && e.agent) {
      handlingAgent = e.agent;
      answeringQueue = lastQueue;
    }
  }
  return { answeringQueue, handlingAgent };
}

type PeopleRow = [callId: string, kind: string, name: string | null, agent: string | null, seq: number];

/**
 * A page's queues ('q'), agents ('a') and queue / conversation events (their type) in one statement:
 * the page's calls are looked up by call_id once (not once per list), and CROSS JOIN keeps SQLite
 * on each link table's (call) index rather than scanning it (a 1,000-row export page: 15 ms, not 27).
 */
const PAGE_PEOPLE = sql<PeopleRow, [callIdsJson: string]>(
  `WITH page(id, call_id) AS MATERIALIZED (
     SELECT c.id, c.call_id FROM calls c WHERE c.call_id IN (SELECT value FROM json_each(?)))
   SELECT p.call_id, 'q', q.queue, NULL, 0 FROM page p CROSS JOIN call_queues q ON q.call = p.id
   UNION ALL SELECT p.call_id, 'a', a.agent, NULL, 0 FROM page p CROSS JOIN call_agents a ON a.call = p.id
   UNION ALL SELECT p.call_id, e.type, e.name, e.agent, e.seq FROM page p CROSS JOIN events e ON e.call = p.id
     WHERE e.type IN ('queue', 'queue_callback', 'conversation')`,
);

interface People {
  queues: string[];
  agents: string[];
  events: (EventRow & { seq: number })[];
}

/** Adds answeringQueue, handlingAgent, queues and agents to a page's rows. */
export function withPeople(db: Db, page: CallPage): CallPage {
  if (page.rows.length === 0) return page;
  const byCall = new Map<string, People>();
  for (const [callId, kind, name, agent, seq] of rawAll(
    db,
    PAGE_PEOPLE,
    JSON.stringify(page.rows.map((r) => r.callId)),
  )) {
    let p = byCall.get(callId);
    if (!p) byCall.set(callId, (p = { queues: [], agents: [], events: [] }));
    if (kind === 'q' && name !== null) p.queues.push(name);
    else if (kind === 'a' && name !== null) p.agents.push(name);
    else p.events.push({ call_id: callId, type: kind, name, agent, seq });
  }
  const rows: CallListRow[] = page.rows.map((r) => {
    const p = byCall.get(r.callId);
    return {
      ...r,
      ...handlingOf(p ? p.events.sort((x, y) => x.seq - y.seq) : []),
      queues: p?.queues.length ? p.queues.sort(byCodePoint) : r.queue ? [r.queue] : [],
      agents: p?.agents.length ? p.agents.sort(byCodePoint) : r.agent ? [r.agent] : [],
    };
  });
  return { ...page, rows };
}

/** SQLite's BINARY order (UTF-8 bytes), which is code point order. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
