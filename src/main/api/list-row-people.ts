// Who handled a listed call, read for a page's rows after the search (issue 14 item 2): the list's
// Queue and Agent columns show the queue that answered and the agent who talked to the customer —
// not the call's first queue and agent (a callback's first agent is the one whose attempt went
// unanswered) — and every queue and agent of the call for the "+N" and its tooltip.
// Computed on read from call_queues, call_agents and events (one indexed query each per page, the
// page's calls found by their unique call_id), so neither the search SQL nor the schema changes.
import type { CallListRow, CallPage } from '../../shared/api/archive-api';
import type { Db } from '../store/native';

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

/** Adds answeringQueue, handlingAgent, queues and agents to a page's rows. */
export function withPeople(db: Db, page: CallPage): CallPage {
  if (page.rows.length === 0) return page;
  const ids = JSON.stringify(page.rows.map((r) => r.callId));
  const onPage = 'c.call_id IN (SELECT value FROM json_each(?))';
  const queues = groupBy(
    db
      .prepare(
        `SELECT c.call_id AS call_id, q.queue AS value FROM calls c JOIN call_queues q ON q.call = c.id
         WHERE ${onPage} ORDER BY q.queue`,
      )
      .all(ids) as { call_id: string; value: string }[],
  );
  const agents = groupBy(
    db
      .prepare(
        `SELECT c.call_id AS call_id, a.agent AS value FROM calls c JOIN call_agents a ON a.call = c.id
         WHERE ${onPage} ORDER BY a.agent`,
      )
      .all(ids) as { call_id: string; value: string }[],
  );
  const events = new Map<string, EventRow[]>();
  for (const e of db
    .prepare(
      `SELECT c.call_id AS call_id, e.type AS type, e.name AS name, e.agent AS agent FROM calls c
       JOIN events e ON e.call = c.id WHERE ${onPage} AND e.type IN ('queue', 'queue_callback', 'conversation')
       ORDER BY e.call, e.seq`,
    )
    .all(ids) as EventRow[]) {
    const list = events.get(e.call_id);
    if (list) list.push(e);
    else events.set(e.call_id, [e]);
  }
  const rows: CallListRow[] = page.rows.map((r) => ({
    ...r,
    ...handlingOf(events.get(r.callId) ?? []),
    queues: queues.get(r.callId) ?? (r.queue ? [r.queue] : []),
    agents: agents.get(r.callId) ?? (r.agent ? [r.agent] : []),
  }));
  return { ...page, rows };
}

function groupBy(rows: { call_id: string; value: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.call_id);
    if (list) list.push(r.value);
    else out.set(r.call_id, [r.value]);
  }
  return out;
}
