// Hand-written archive calls (as the engine would derive them per the spec's
// rules), for the renderer's tests and its dev preview. Not engine output.
import type { CallDetail } from '../../src/shared/api/archive-api';
import type { ArchiveCall, ArchiveEvent } from '../../src/shared/model/archive-call';

function ev(type: ArchiveEvent['type'], start: string, end: string, extra: Partial<ArchiveEvent> = {}): ArchiveEvent {
  return {
    type,
    start,
    end,
    durationSec: (Date.parse(end) - Date.parse(start)) / 1000,
    name: null,
    agent: null,
    label: null,
    labelDa: null,
    result: null,
    ...extra,
  };
}

/** R6: callback answered on the 2nd attempt, hours after the order. */
export const callbackSecondAttempt: ArchiveCall = {
  callId: 'cb-2nd-0001',
  type: 'callback',
  dialerMode: null,
  start: '2026-03-10T08:00:00.000Z',
  end: '2026-03-10T11:14:40.000Z',
  callerNumber: '+4522334455',
  accessNumber: '+4570101010',
  queues: ['Support'],
  agents: ['Anna Holm', 'Bo Jensen'],
  outcome: 'answered',
  timeBeforeAnswerSec: 11580,
  waitTimeSec: 11560,
  speakTimeSec: 262,
  callbackAttempts: 2,
  registrations: ['Invoice question'],
  events: [
    ev('menu', '2026-03-10T08:00:00.000Z', '2026-03-10T08:00:12.000Z', { name: 'Welcome', result: 'k' }),
    ev('queue', '2026-03-10T08:00:12.000Z', '2026-03-10T08:01:40.000Z', { name: 'Support', result: 'q' }),
    ev('menu', '2026-03-10T08:01:40.000Z', '2026-03-10T08:02:00.000Z', { name: 'Callback confirm', result: 'k' }),
    ev('queue_callback', '2026-03-10T08:02:00.000Z', '2026-03-10T11:10:18.000Z', {
      name: 'Support',
      agent: 'Bo Jensen',
      label: '1 unanswered call finished',
      labelDa: '1 ubesvaret opkald færdig',
    }),
    ev('conversation', '2026-03-10T11:10:18.000Z', '2026-03-10T11:14:40.000Z', { agent: 'Bo Jensen', result: 'k' }),
  ],
};

/** R15: agent-to-agent call answered by agent2 after 10 s; they talk 3:18. */
export const agentToAgent: ArchiveCall = {
  callId: 'a2a-0002',
  type: 'agent_to_agent',
  dialerMode: null,
  start: '2026-03-10T09:30:00.000Z',
  end: '2026-03-10T09:33:29.000Z',
  callerNumber: 'xxxxxxxx',
  accessNumber: null,
  queues: [],
  agents: ['Anna Holm', 'Carl Berg'],
  outcome: 'answered',
  timeBeforeAnswerSec: 1,
  waitTimeSec: null,
  speakTimeSec: 406,
  callbackAttempts: null,
  registrations: [],
  events: [
    ev('conversation', '2026-03-10T09:30:01.000Z', '2026-03-10T09:30:11.000Z', { agent: 'Anna Holm', result: 'k' }),
    ev('consult', '2026-03-10T09:30:11.000Z', '2026-03-10T09:33:29.000Z', { agent: 'Carl Berg', result: 'k' }),
  ],
};

/** R12: unanswered outbound call: zero-length Queue, labelled Queue (callback). */
export const calloutUnanswered: ArchiveCall = {
  callId: 'out-0003',
  type: 'callout',
  dialerMode: null,
  start: '2026-03-10T10:00:00.000Z',
  end: '2026-03-10T10:00:31.000Z',
  callerNumber: '+4540506070',
  accessNumber: null,
  queues: ['Callout'],
  agents: ['Anna Holm'],
  outcome: 'unanswered',
  timeBeforeAnswerSec: null,
  waitTimeSec: 31,
  speakTimeSec: 0,
  callbackAttempts: 1,
  registrations: [],
  events: [
    ev('queue', '2026-03-10T10:00:00.000Z', '2026-03-10T10:00:00.000Z', { name: 'Callout', result: 'q' }),
    ev('queue_callback', '2026-03-10T10:00:00.000Z', '2026-03-10T10:00:31.000Z', {
      name: 'Callout',
      agent: 'Anna Holm',
      label: '1 unanswered call finished',
      labelDa: '1 ubesvaret opkald færdig',
    }),
  ],
};

/** R8: callback deleted from the queue (red Deleted event). */
export const callbackDeleted: ArchiveCall = {
  callId: 'cb-del-0004',
  type: 'callback',
  dialerMode: null,
  start: '2026-03-10T12:00:00.000Z',
  end: '2026-03-10T12:40:00.000Z',
  callerNumber: '+4588776655',
  accessNumber: '+4570101010',
  queues: ['Sales'],
  agents: [],
  outcome: 'deleted',
  timeBeforeAnswerSec: null,
  waitTimeSec: 2390,
  speakTimeSec: 0,
  callbackAttempts: 0,
  registrations: [],
  events: [
    ev('queue', '2026-03-10T12:00:00.000Z', '2026-03-10T12:00:10.000Z', { name: 'Sales', result: 'q' }),
    ev('queue_callback', '2026-03-10T12:00:10.000Z', '2026-03-10T12:40:00.000Z', { name: 'Sales' }),
    ev('deleted', '2026-03-10T12:40:00.000Z', '2026-03-10T12:40:00.000Z', { name: 'Sales', result: 'd' }),
  ],
};

/** R20: inbound call; the welcome message shows after the Conversation it belongs to. */
export const inboundWelcome: ArchiveCall = {
  callId: 'in-0005',
  type: 'inbound',
  dialerMode: null,
  start: '2026-03-10T13:00:00.000Z',
  end: '2026-03-10T13:06:05.000Z',
  callerNumber: '+4511223344',
  accessNumber: '+4570101010',
  queues: ['Support'],
  agents: ['Dorte Lund'],
  outcome: 'answered',
  timeBeforeAnswerSec: 45,
  waitTimeSec: 40,
  speakTimeSec: 320,
  callbackAttempts: null,
  registrations: ['Password reset'],
  events: [
    ev('menu', '2026-03-10T13:00:00.000Z', '2026-03-10T13:00:05.000Z', { name: 'Main menu', result: 'k' }),
    ev('queue', '2026-03-10T13:00:05.000Z', '2026-03-10T13:00:45.000Z', { name: 'Support', result: 'k' }),
    ev('conversation', '2026-03-10T13:00:45.000Z', '2026-03-10T13:06:05.000Z', { agent: 'Dorte Lund', result: 'k' }),
    ev('menu', '2026-03-10T13:00:45.000Z', '2026-03-10T13:00:48.000Z', { name: 'Agent welcome', result: 'k' }),
  ],
};

/** A callback ordered on Saturday and answered 48 hours later, across the end of summer time in Denmark (25 Oct 2026). */
export const callbackOverDst: ArchiveCall = {
  callId: 'cb-dst-0006',
  type: 'callback',
  dialerMode: null,
  start: '2026-10-24T08:00:00.000Z',
  end: '2026-10-26T08:05:06.000Z',
  callerNumber: '+4533445566',
  accessNumber: '+4570101010',
  queues: ['Support'],
  agents: ['Carl Berg'],
  outcome: 'answered',
  timeBeforeAnswerSec: 172866,
  waitTimeSec: 172850,
  speakTimeSec: 240,
  callbackAttempts: 1,
  registrations: [],
  events: [
    ev('queue', '2026-10-24T08:00:00.000Z', '2026-10-24T08:00:16.000Z', { name: 'Support', result: 'q' }),
    ev('queue_callback', '2026-10-24T08:00:16.000Z', '2026-10-26T08:01:06.000Z', { name: 'Support' }),
    ev('conversation', '2026-10-26T08:01:06.000Z', '2026-10-26T08:05:06.000Z', { agent: 'Carl Berg', result: 'k' }),
  ],
};

export const FIXTURE_CALLS: ArchiveCall[] = [
  callbackSecondAttempt,
  agentToAgent,
  calloutUnanswered,
  callbackDeleted,
  inboundWelcome,
];

/** A CallDetail with one made-up raw row per event (file "fixture.csv", line = 2 + index). */
export function detailOf(call: ArchiveCall): CallDetail {
  const eventSources = call.events.map((_, i) => [{ file: 'fixture.csv', line: i + 2 }]);
  return {
    call,
    eventSources,
    rawRows: call.events.map((e, i) => ({
      origin: { file: 'fixture.csv', line: i + 2 },
      importId: 1,
      fields: { call_id: call.callId, event_type: e.type[0] ?? '', dte_start: e.start, result_code: e.result ?? '' },
    })),
  };
}
