// deriveCall: dedupe → classify → events (queues, menus, request flow, talk
// from overlaps) → metrics. Pure: no I/O, the input order does not matter.
import type { CallAttempt, DerivedCall } from '../model/archive-call';
import type { CallEventRow, CompanionLookup, RowOrigin } from '../model/call-events';
import { classifyCall, contactKeyOf, valueSources } from './classify';
import { selectCurrentRows } from './dedupe';
import type { DraftEvent } from './draft';
import { agentDisplay, compareDrafts, iso, msToSec, queueDisplay, toArchiveEvent } from './draft';
import { firstAnswerMs, outcomeOf, speakMs, waitMs } from './metrics';
import { overlapSpeakTimes } from './overlap';
import type { SpeakTime } from './overlap';
import { isCiqFlow, queueCallbackEvent, requestFlow } from './request';
import type { Attempt, RequestFlow } from './request';
import { compareRows, isAnsweredLeg, rowEnd, rowWarnings, sortRows, speakInterval } from './rows';
import { originKey } from '../model/call-events';
import { sortInPlace } from './small-sort';

const keyOf = (r: CallEventRow): string => originKey(r.origin);

function menuName(r: CallEventRow, companions: CompanionLookup): string {
  const key = r.menuKey ?? null;
  return (key !== null ? companions.menuName(key) : null) ?? r.menuName ?? key ?? 'Menu';
}

/** The call id of the call: the most common one (ties: the smallest); strays are kept, not used. */
function mainCallId(rows: readonly CallEventRow[]): string {
  const first = (rows[0] as CallEventRow).callId;
  if (rows.every((r) => r.callId === first)) return first;
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.callId, (counts.get(r.callId) ?? 0) + 1);
  return sortInPlace([...counts], (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

// eslint-disable-next-line complexity, max-lines-per-function -- the engine: each branch is a spec rule with its own named test under test/engine
export function deriveCall(input: readonly CallEventRow[], companions: CompanionLookup): DerivedCall {
  if (input.length === 0) throw new Error('deriveCall: a call needs at least one row');
  // A row without a usable start cannot be placed in time: kept, never guessed.
  const timeless = input.some((r) => !Number.isFinite(r.start)) ? input.filter((r) => !Number.isFinite(r.start)) : [];
  const sorted = sortRows(timeless.length ? input.filter((r) => Number.isFinite(r.start)) : input);
  if (sorted.length === 0) throw new Error('deriveCall: no row of the call has a valid dte_start');
  const callId = mainCallId(sorted);
  const kept: { row: CallEventRow; reason: string }[] = [];
  for (const r of timeless) kept.push({ row: r, reason: 'dte_start is not a valid time: cannot be placed' });
  for (const r of sorted)
    if (r.callId !== callId) kept.push({ row: r, reason: `belongs to call ${r.callId}, not ${callId}` });

  const selection = selectCurrentRows(kept.length ? sorted.filter((r) => r.callId === callId) : sorted);
  kept.push(...selection.superseded);
  const rows = selection.current;
  const sources = valueSources(rows, companions, callId);
  const { type, dialerMode } = classifyCall(rows, companions, callId, sources);

  // Talk: answered legs (request calls pair the agent and customer legs of a session).
  let flow: RequestFlow | null = null;
  let speaks: SpeakTime[];
  if (isCiqFlow(type)) {
    flow = requestFlow(type, rows, companions);
    speaks = flow.speaks;
  } else {
    speaks = [];
    for (const r of rows) {
      if (!isAnsweredLeg(r)) continue;
      const { start, end } = speakInterval(r) as { start: number; end: number };
      speaks.push({ start, end, agentId: r.agentId, rows: [r], result: r.resultCode, key: keyOf(r) });
    }
  }

  // Queue rows: consult to queue (starts inside a speaktime), deleted, drawn, or absorbed in the request.
  const queues = rows.filter((r) => r.eventType === 'q');
  const consultQueues = new Set(queues.filter((q) => speaks.some((s) => s.start < q.start && q.start < s.end)));
  const deletedRows = queues.filter((q) => !consultQueues.has(q) && q.resultCode === 'd');
  const absorbed = new Set(flow?.absorbedQueues ?? []);
  const drawnQueues = queues.filter((q) => !consultQueues.has(q) && !deletedRows.includes(q) && !absorbed.has(q));
  const zeroLength = (q: CallEventRow): boolean => flow !== null && type !== 'callback' && q === flow.requestRow;

  const events: DraftEvent[] = [];
  for (const q of drawnQueues) {
    events.push({
      type: 'queue',
      start: q.start,
      end: zeroLength(q) ? q.start : rowEnd(q),
      name: queueDisplay(q.queueKey, companions),
      agentId: null,
      label: null,
      result: q.resultCode,
      rows: [q],
    });
  }
  for (const q of consultQueues) {
    const by = speaks.find((s) => s.start < q.start && q.start < s.end) ?? null;
    events.push({
      type: 'consult_queue',
      start: q.start,
      end: rowEnd(q),
      name: queueDisplay(q.queueKey, companions),
      agentId: by?.agentId ?? null,
      label: null,
      result: q.resultCode,
      rows: [q],
    });
  }
  for (const q of deletedRows) {
    events.push({
      type: 'deleted',
      start: q.start,
      end: rowEnd(q),
      name: queueDisplay(q.queueKey, companions),
      agentId: null,
      label: null,
      result: q.resultCode,
      rows: [q],
    });
  }
  for (const m of rows.filter((r) => r.eventType === 'm')) {
    events.push({
      type: 'menu',
      start: m.start,
      end: rowEnd(m),
      name: menuName(m, companions),
      agentId: null,
      label: null,
      result: m.resultCode,
      rows: [m],
    });
  }
  if (flow) events.push(queueCallbackEvent(type, flow, rows, deletedRows, companions));

  // Queue time (a queue not yet ended, or a consult to queue) is never talk: one status at a time.
  const suppressors = events.filter((e) => e.type === 'queue' || e.type === 'consult_queue');
  const talk = overlapSpeakTimes(speaks, suppressors);
  for (const s of talk.segments) {
    events.push({
      type: s.type,
      start: s.start,
      end: s.end,
      name: null,
      agentId: s.agentId,
      label: null,
      result: s.result,
      rows: s.rows,
    });
  }
  sortInPlace(events, compareDrafts);

  // Accounting: every current row is behind an event, a call field, or kept with a reason.
  const used = new Set<CallEventRow>();
  for (const e of events) for (const r of e.rows) used.add(r);
  const callSources = rows.filter((r) => r.eventType === 'i');
  for (const r of callSources) used.add(r);
  for (const r of rows) {
    if (used.has(r)) continue;
    // An unanswered leg (no answer, busy, …) is part of the event it rang during.
    const covers = (e: DraftEvent): boolean =>
      e.start <= r.start && (r.start < e.end || (e.start === e.end && e.start === r.start));
    const host = events.find((e) => e.type !== 'menu' && covers(e)) ?? events.find(covers);
    if (host) {
      host.rows.push(r);
      used.add(r);
    } else
      kept.push({
        row: r,
        reason:
          r.eventType === 'c' && !isAnsweredLeg(r)
            ? 'conversation leg not answered: nothing to draw'
            : 'no archive event covers it',
      });
  }

  let startMs = Infinity;
  let endMs = -Infinity;
  for (const r of rows) {
    if (r.start < startMs) startMs = r.start;
    const end = rowEnd(r);
    if (end > endMs) endMs = end;
  }
  for (const e of events) if (e.end > endMs) endMs = e.end;
  const firstAnswer = firstAnswerMs(events);
  const wait = waitMs(events);

  // Involved agents: on the line in a Conversation / Consult, or the agent of an attempt (R5); by first time.
  const involvement = new Map<string, number>();
  const involve = (id: string | null, at: number): void => {
    if (id !== null && (involvement.get(id) ?? Infinity) > at) involvement.set(id, at);
  };
  for (const s of talk.segments)
    for (const r of s.rows) if (r.agentId !== null && isAnsweredLeg(r)) involve(r.agentId, s.start);
  for (const a of flow?.attempts ?? []) involve(a.agentId, a.agentAnsweredAt ?? Infinity);
  const agentIds = sortInPlace([...involvement], (a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  const queueKeys: string[] = [];
  for (const q of queues) if (q.queueKey !== null && !queueKeys.includes(q.queueKey)) queueKeys.push(q.queueKey);

  const initiation = callSources[0];
  const firstCustomerLeg = rows.find((r) => r.eventType === 'c' && r.ciq === 'c');
  const callerNumber =
    type === 'agent_to_agent'
      ? 'xxxxxxxx'
      : (initiation?.source ?? (flow ? (firstCustomerLeg?.destination ?? null) : null));

  const registrations = sortInPlace(
    [...companions.registrations(callId)],
    (a, b) => (a.at ?? Infinity) - (b.at ?? Infinity) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  ).map((r) => r.text);

  const warnings: { origin: RowOrigin; message: string }[] = [];
  for (const r of rows) for (const message of rowWarnings(r)) warnings.push({ origin: r.origin, message });

  const speakTimeByAgent: Record<string, number> = {};
  for (const [id, ms] of sortInPlace([...talk.speakMsByAgent], (a, b) => (a[0] < b[0] ? -1 : 1)))
    speakTimeByAgent[id] = msToSec(ms);

  sortInPlace(kept, (a, b) => compareRows(a.row, b.row));
  return {
    call: {
      callId,
      type,
      dialerMode,
      start: iso(startMs),
      end: iso(endMs),
      callerNumber,
      accessNumber: type === 'agent_to_agent' ? null : (initiation?.destination ?? null),
      queues: queueKeys.map((k) => queueDisplay(k, companions) as string),
      agents: agentIds.map((id) => agentDisplay(id, companions) as string),
      outcome: outcomeOf({ type, events, rows, consultQueues, attempts: flow?.attempts ?? null }),
      timeBeforeAnswerSec: firstAnswer === null ? null : msToSec(firstAnswer - startMs),
      waitTimeSec: wait === null ? null : msToSec(wait),
      speakTimeSec: msToSec(speakMs(events)),
      // Callback attempts are a callback's; a callout or dialer call is one attempt by definition (R19): null.
      callbackAttempts: flow && type === 'callback' ? flow.attempts.length : null,
      registrations,
      events: events.map((e) => toArchiveEvent(e, companions)),
    },
    eventSources: events.map((e) => sortRows(e.rows).map((r) => r.origin)),
    kept: kept.map((k) => ({ origin: k.row.origin, reason: k.reason })),
    contactKey: contactKeyOf(rows, companions, callId, sources),
    agentIds,
    queueKeys,
    callSources: callSources.map((r) => r.origin),
    warnings,
    speakTimeByAgent,
    ...(flow ? { attempts: flow.attempts.map((a) => attemptSummary(a, companions)) } : {}),
  };
}

/** An attempt as the chart shows it: its customer legs' span, the agent on the line, the customer leg's result. */
function attemptSummary(a: Attempt, companions: CompanionLookup): CallAttempt {
  const legs = sortRows(a.customerLegs);
  const answered = legs.find(isAnsweredLeg);
  return {
    start: iso(Math.min(...legs.map((r) => r.start))),
    end: iso(a.end),
    answeredAt: a.answeredAt === null ? null : iso(a.answeredAt),
    agent: agentDisplay(a.agentId, companions),
    result: (answered ?? legs[legs.length - 1])?.resultCode ?? null,
    connected: a.connected,
  };
}
