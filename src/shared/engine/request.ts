// Callback, callout and dialer calls (R1–R13, R17–R18): the request, its
// attempts and the one Queue (callback) event running from the order until the
// customer / contact answers, or until the request ends unanswered.
import type { CallType } from '../model/archive-call';
import type { CallEventRow, CompanionLookup } from '../model/call-events';
import { legSide, queueKind } from './classify';
import type { DraftEvent } from './draft';
import { queueDisplay } from './draft';
import { unansweredLabel } from './labels';
import type { SpeakTime } from './overlap';
import { isAnsweredLeg, rowEnd, sessionOf, speakInterval } from './rows';
import { originKey } from '../model/call-events';
import { sortInPlace } from './small-sort';

export interface Attempt {
  session: string;
  customerLegs: CallEventRow[];
  agentLegs: CallEventRow[];
  /** When the customer / contact answered, or null. */
  answeredAt: number | null;
  /** End of the customer legs: answer, busy, failure, or the agent hanging up while it rang. */
  end: number;
  /** Agent of the attempt: first answered agent leg (null when no agent was on the line). */
  agentId: string | null;
  agentAnsweredAt: number | null;
  /** Whether agent and customer were connected (a Conversation exists). */
  connected: boolean;
}

export interface RequestFlow {
  requestRow: CallEventRow | null;
  /** The callback ordering session (drawn as is), or null for callout / dialer. */
  orderingSession: string | null;
  attempts: Attempt[];
  speaks: SpeakTime[];
  /** q rows of later sessions (the request waiting): absorbed in Queue (callback), not drawn. */
  absorbedQueues: CallEventRow[];
  /** Legs that are not answered normal legs: behind the Queue (callback). */
  qcbLegs: CallEventRow[];
}

const isCiqFlow = (t: CallType): boolean => t !== 'inbound' && t !== 'agent_to_agent';
export { isCiqFlow };

function pickRequest(type: CallType, queues: CallEventRow[], companions: CompanionLookup): CallEventRow | null {
  const kind = (q: CallEventRow): string => queueKind(q.queueKey, q.queueKey ? companions.queueName(q.queueKey) : null);
  if (type === 'callback') return queues.find((q) => q.resultCode === 'q' && kind(q) === 'inbound') ?? null;
  const own = queues.filter((q) => kind(q) !== 'inbound' && q.resultCode !== 'd');
  return own.find((q) => q.resultCode === 'q') ?? own[0] ?? queues.find((q) => q.resultCode !== 'd') ?? null;
}

/** Splits the legs of a request call into attempts and talk (rows in canonical order). */
export function requestFlow(type: CallType, rows: readonly CallEventRow[], companions: CompanionLookup): RequestFlow {
  const queues = rows.filter((r) => r.eventType === 'q');
  const requestRow = pickRequest(type, queues, companions);
  const orderingSession = type === 'callback' && requestRow ? sessionOf(requestRow) : null;
  const ciqKnown = rows.some((r) => r.eventType === 'c' && r.ciq !== null);
  const side = (r: CallEventRow): 'a' | 'c' | null => (ciqKnown ? r.ciq : legSide(r));

  const bySession = new Map<string, CallEventRow[]>();
  for (const r of rows) {
    if (r.eventType !== 'c') continue;
    const s = sessionOf(r);
    bySession.set(s, [...(bySession.get(s) ?? []), r]);
  }

  const attempts: Attempt[] = [];
  const speaks: SpeakTime[] = [];
  const qcbLegs: CallEventRow[] = [];
  for (const [session, legs] of bySession) {
    const customerLegs = legs.filter((r) => side(r) === 'c');
    const agentLegs = legs.filter((r) => side(r) === 'a');
    const normal = legs.filter((r) => side(r) === null);
    const byAnswer = (a: CallEventRow, b: CallEventRow): number =>
      (speakInterval(a)?.start ?? 0) - (speakInterval(b)?.start ?? 0);
    const customer = sortInPlace(customerLegs.filter(isAnsweredLeg), byAnswer)[0] ?? null;
    const agent = sortInPlace(agentLegs.filter(isAnsweredLeg), byAnswer)[0] ?? null;
    for (const r of normal) {
      const sp = speakInterval(r);
      if (sp && isAnsweredLeg(r)) {
        speaks.push({
          ...sp,
          agentId: r.agentId,
          rows: [r],
          result: r.resultCode,
          key: originKey(r.origin),
        });
      } else qcbLegs.push(r);
    }
    qcbLegs.push(...customerLegs, ...agentLegs);
    const connected = customer !== null && agent !== null;
    if (connected) {
      const sp = speakInterval(customer) as { start: number; end: number };
      speaks.push({
        ...sp,
        agentId: agent.agentId,
        rows: [agent, customer],
        result: customer.resultCode,
        key: originKey(customer.origin),
      });
    }
    if (customerLegs.length === 0 || session === orderingSession) continue; // an offer to an agent, not an attempt
    attempts.push({
      session,
      customerLegs,
      agentLegs,
      answeredAt: customer ? (speakInterval(customer) as { start: number }).start : null,
      end: Math.max(...customerLegs.map(rowEnd)),
      agentId: agent?.agentId ?? null,
      agentAnsweredAt: agent ? (speakInterval(agent) as { start: number }).start : null,
      connected,
    });
  }
  attempts.sort(
    (a, b) =>
      Math.min(...a.customerLegs.map((r) => r.start)) - Math.min(...b.customerLegs.map((r) => r.start)) ||
      (a.session < b.session ? -1 : 1),
  );

  const absorbedQueues = queues.filter(
    (q) => q !== requestRow && q.resultCode !== 'd' && (orderingSession === null || sessionOf(q) !== orderingSession),
  );
  return { requestRow, orderingSession, attempts, speaks, absorbedQueues, qcbLegs };
}

/** R3 / R11 / R17 / R18: the one Queue (callback) event of the request. */
export function queueCallbackEvent(
  type: CallType,
  flow: RequestFlow,
  rows: readonly CallEventRow[],
  deletedRows: readonly CallEventRow[],
  companions: CompanionLookup,
): DraftEvent {
  const { requestRow, orderingSession, attempts } = flow;
  const firstLegStart = Math.min(...rows.filter((r) => r.eventType === 'c').map((r) => r.start));
  const callStart = Math.min(...rows.map((r) => r.start));
  let start: number;
  if (type === 'callback' && requestRow) {
    // The order is placed when the ordering session ends (the caller hangs up after confirming).
    const ordering = rows.filter((r) => sessionOf(r) === orderingSession && r.eventType !== 'c');
    start = Math.max(...ordering.map(rowEnd));
  } else if (requestRow) {
    start = requestRow.start;
  } else {
    start = Number.isFinite(firstLegStart) ? firstLegStart : callStart;
  }

  const answered = attempts.find((a) => a.answeredAt !== null);
  let end: number;
  let unanswered: number;
  let latest: Attempt | undefined;
  if (answered) {
    end = answered.answeredAt as number;
    unanswered = attempts.filter((a) => a !== answered && a.answeredAt === null && a.end <= end).length;
    latest = answered;
  } else {
    const ends = [...attempts.map((a) => a.end), ...deletedRows.map((d) => d.start)];
    end = ends.length ? Math.max(...ends) : start;
    unanswered = attempts.length;
    latest = attempts[attempts.length - 1];
  }
  end = Math.max(start, end);
  const lastCustomer = latest?.customerLegs[latest.customerLegs.length - 1];
  const queueRow = requestRow ?? rows.find((r) => r.eventType === 'q' && r.queueKey !== null) ?? null;
  const sources = [...(requestRow ? [requestRow] : []), ...flow.absorbedQueues, ...flow.qcbLegs];
  return {
    type: 'queue_callback',
    start,
    end,
    name: queueDisplay(queueRow?.queueKey ?? null, companions),
    agentId: latest?.agentId ?? null,
    label: unansweredLabel(unanswered),
    result: answered
      ? (answered.customerLegs.find(isAnsweredLeg)?.resultCode ?? null)
      : (lastCustomer?.resultCode ?? null),
    rows: sources,
  };
}
