// Amazon Connect contacts → calls. Contacts chained by InitialContactId /
// PreviousContactId (transfers, queue transfers, callbacks) are one call.
// Per contact:
//   ConnectedToSystem → Enqueue (INBOUND / TRANSFER)   → Menu "Contact flow"
//   Queue.Enqueue → Dequeue                             → Queue (Consult to queue when it overlaps a conversation)
//   CALLBACK: Queue.Enqueue → ConnectedToAgent          → Queue (callback)
//   Agent.ConnectedToAgent + AgentInteractionDuration   → Conversation (Consult where it overlaps another)
//   hold (CustomerHoldDuration, NumberOfHolds) and after-contact work → raw only: the record keeps them.
import type { CallType, Outcome } from '../../model/archive-call';
import type { RowOrigin } from '../../model/call-events';
import type { CallDraft, Piece } from '../common/build';
import { isObject, str } from '../common/json';
import { parseInstant, parseSeconds } from '../common/time';
import type { ContactRecord, Obj } from './read';

/** Contacts that are not a leg of the call's conversation: kept raw, never drawn. */
const RAW_ONLY_METHODS: Record<string, string> = {
  MONITOR: 'MONITOR contact (a supervisor listening in): raw only, not a consult',
  DISCONNECT: 'DISCONNECT contact (the disconnect flow): raw only',
};

const sub = (o: Obj, k: string): Obj => (isObject(o[k]) ? (o[k] as Obj) : {});
const method = (c: ContactRecord): string => (str(c.ctr['InitiationMethod']) ?? '').toUpperCase();
const initiated = (c: ContactRecord): number => parseInstant(c.ctr['InitiationTimestamp']) ?? Number.MAX_SAFE_INTEGER;

/** Union-find over contact ids: each chain of linked contacts → its members, in file order. */
export function chainContacts(contacts: readonly ContactRecord[]): ContactRecord[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) as string;
    let y = x;
    while (y !== r) {
      const next = parent.get(y) as string;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  const union = (a: string, b: string): void => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a),
      rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const c of contacts) {
    union(c.contactId, c.contactId);
    for (const k of ['InitialContactId', 'PreviousContactId', 'RelatedContactId']) {
      const other = str(c.ctr[k]);
      if (other) union(c.contactId, other);
    }
  }
  const chains = new Map<string, ContactRecord[]>();
  for (const c of contacts) {
    const root = find(c.contactId);
    const list = chains.get(root) ?? [];
    if (list.length === 0) chains.set(root, list);
    list.push(c);
  }
  return [...chains.values()];
}

// eslint-disable-next-line complexity -- one branch per contact-record field of the mapping table in docs/formats/amazon-connect.md
export function draftConnectCall(chain: readonly ContactRecord[]): CallDraft {
  const sorted = [...chain].sort((a, b) => initiated(a) - initiated(b) || a.origin.line - b.origin.line);
  const first = sorted[0] as ContactRecord;
  const pieces: Piece[] = [];
  const kept: { origin: RowOrigin; reason: string }[] = [];
  const extraAgents: string[] = [];
  const extraQueues: string[] = [];
  const callbacks = sorted.filter((c) => method(c) === 'CALLBACK');
  for (const c of sorted) {
    const before = pieces.length;
    const ctr = c.ctr;
    if (RAW_ONLY_METHODS[method(c)]) {
      kept.push({ origin: c.origin, reason: RAW_ONLY_METHODS[method(c)] as string });
      continue;
    }
    const queue = sub(ctr, 'Queue');
    const agent = sub(ctr, 'Agent');
    const m = method(c);
    const src = [c.origin];
    const sys = parseInstant(ctr['ConnectedToSystemTimestamp']);
    const enq = parseInstant(queue['EnqueueTimestamp']);
    const qSec = parseSeconds(queue['Duration']);
    const deq = parseInstant(queue['DequeueTimestamp']) ?? (enq !== null && qSec !== null ? enq + qSec * 1000 : null);
    const atAgent = parseInstant(agent['ConnectedToAgentTimestamp']);
    const disc = parseInstant(ctr['DisconnectTimestamp']);
    const agentName = str(agent['Username']) ?? str(agent['ARN'])?.split('/').pop() ?? null;
    const reason = str(ctr['DisconnectReason']);
    if (sys !== null && (m === 'INBOUND' || m === 'TRANSFER')) {
      const flowEnd = enq ?? atAgent ?? disc;
      if (flowEnd !== null && flowEnd > sys)
        pieces.push({
          type: 'menu',
          start: sys,
          end: flowEnd,
          name: 'Contact flow',
          agent: null,
          result: enq === null && atAgent === null ? reason : null,
          sources: src,
        });
    }
    const qName = str(queue['Name']) ?? str(queue['ARN'])?.split('/').pop() ?? null;
    // A queue named without queue time (e.g. the agent's outbound queue) is still the call's queue (R10).
    if (enq === null && qName) extraQueues.push(qName);
    if (enq !== null) {
      if (m === 'CALLBACK') {
        const end = atAgent ?? deq ?? disc ?? enq;
        pieces.push({
          type: 'queue_callback',
          start: enq,
          end: Math.max(enq, end),
          name: qName,
          agent: agentName,
          result: atAgent !== null ? null : reason,
          sources: src,
        });
      } else {
        const end = deq ?? disc ?? enq;
        pieces.push({
          type: 'queue',
          start: enq,
          end: Math.max(enq, end),
          name: qName,
          agent: null,
          result: atAgent !== null ? 'dequeued to agent' : reason,
          sources: src,
        });
      }
    }
    if (atAgent !== null) {
      const talk = parseSeconds(agent['AgentInteractionDuration']);
      const hold = parseSeconds(agent['CustomerHoldDuration']) ?? 0;
      const until = parseInstant(agent['AfterContactWorkStartTimestamp']) ?? disc;
      // Talk time without hold; where hold happened is not in the record, so it is not drawn.
      const end =
        talk !== null ? atAgent + talk * 1000 : until !== null ? Math.max(atAgent, until - hold * 1000) : atAgent;
      pieces.push({
        type: 'conversation',
        start: atAgent,
        end,
        name: null,
        agent: agentName,
        result: reason,
        sources: src,
      });
    }
    // An agent named on a contact that never connected still counts as involved (R5).
    if (atAgent === null && agentName) extraAgents.push(agentName);
    if (pieces.length === before)
      kept.push({ origin: c.origin, reason: `${m || 'contact'} record with no flow, queue or agent time to draw` });
  }
  const last = sorted[sorted.length - 1] as ContactRecord;
  const firstMethod = method(first);
  const campaign = sorted.some((c) => isObject(c.ctr['Campaign']) && str((c.ctr['Campaign'] as Obj)['CampaignId']));
  let type: CallType = 'inbound';
  if (callbacks.length) type = 'callback';
  else if (campaign) type = 'dialer_contact_first';
  else if (firstMethod === 'OUTBOUND' || firstMethod === 'API' || firstMethod === 'EXTERNAL_OUTBOUND') type = 'callout';
  const outbound = type === 'callout' || type === 'dialer_contact_first';
  const customer = str(sub(first.ctr, 'CustomerEndpoint')['Address']);
  const ends = sorted.map((c) => parseInstant(c.ctr['DisconnectTimestamp'])).filter((v): v is number => v !== null);
  const start = sorted.map(initiated).find((v) => v !== Number.MAX_SAFE_INTEGER) ?? null;
  return {
    callId: `connect:${str(first.ctr['InitialContactId']) ?? first.contactId}`,
    type,
    dialerMode: null,
    start,
    end: ends.length ? Math.max(...ends) : null,
    callerNumber: customer,
    accessNumber: outbound ? null : str(sub(first.ctr, 'SystemEndpoint')['Address']),
    pieces,
    unansweredOutcome: unanswered(last, callbacks.length > 0),
    extraAgents,
    extraQueues,
    callbackAttempts: callbacks.length ? callbacks.length : null,
    registrations: [],
    kept,
    contactKey: campaign ? str(sub(first.ctr, 'Campaign')['CampaignId']) : null,
  };
}

function unanswered(last: ContactRecord, callback: boolean): Outcome {
  const amd = (str(last.ctr['AnsweringMachineDetectionStatus']) ?? '').toUpperCase();
  if (callback && method(last) === 'CALLBACK' && parseInstant(last.ctr['DisconnectTimestamp']) === null)
    return 'pending';
  if (amd.startsWith('SIT_TONE')) return 'rejected';
  switch ((str(last.ctr['DisconnectReason']) ?? '').toUpperCase()) {
    case 'CUSTOMER_DISCONNECT':
      return 'abandoned';
    case 'TELECOM_PROBLEM':
    case 'EXPIRED':
    case 'CONTACT_FLOW_DISCONNECT':
      return 'rejected';
    default:
      return 'unanswered';
  }
}
