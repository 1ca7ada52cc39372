// What each simulated scenario must look like after the engine derived it
// (spec rules R1–R21). Returns the problems found in one call; [] = as expected.
import type { PipelineCall } from './pipeline';

type Check = (c: PipelineCall) => string[];

const has = (c: PipelineCall, type: string) => c.derived.call.events.some((e) => e.type === type);
const count = (c: PipelineCall, type: string) => c.derived.call.events.filter((e) => e.type === type).length;
const cbLabel = (c: PipelineCall) => c.derived.call.events.find((e) => e.type === 'queue_callback')?.label ?? null;

function expect(...conds: [boolean, string][]): string[] {
  return conds.filter(([ok]) => !ok).map(([, why]) => why);
}

const inbound = (c: PipelineCall, outcome: string): [boolean, string][] => [
  [c.derived.call.type === 'inbound', `type ${c.derived.call.type}, expected inbound`],
  [c.derived.call.outcome === outcome, `outcome ${c.derived.call.outcome}, expected ${outcome}`],
];
const callback = (
  c: PipelineCall,
  outcome: string,
  label: string | null,
  attempts: number | null,
): [boolean, string][] => [
  [c.derived.call.type === 'callback', `type ${c.derived.call.type}, expected callback`],
  [c.derived.call.outcome === outcome, `outcome ${c.derived.call.outcome}, expected ${outcome}`],
  [count(c, 'queue_callback') === 1, 'one Queue (callback) event (R3)'],
  [cbLabel(c) === label, `Queue (callback) label ${JSON.stringify(cbLabel(c))}, expected ${JSON.stringify(label)}`],
  [
    attempts === null || c.derived.call.callbackAttempts === attempts,
    `callbackAttempts ${c.derived.call.callbackAttempts}, expected ${attempts}`,
  ],
];
const outbound = (c: PipelineCall, type: string, answered: boolean): [boolean, string][] => [
  [c.derived.call.type === type, `type ${c.derived.call.type}, expected ${type}`],
  [
    c.derived.call.events[0]?.type === 'queue' && c.derived.call.events[0].durationSec === 0,
    'starts with a zero-length Queue event (R11/R17)',
  ],
  [has(c, 'queue_callback'), 'a Queue (callback) event (R11/R17/R18)'],
  [has(c, 'conversation') === answered, answered ? 'a Conversation' : 'no Conversation'],
];
const source = (c: PipelineCall) => c.rows.find((r) => r.eventType === 'i')?.source ?? null;

export const EXPECTATIONS: Record<string, Check> = {
  inbound_answered: (c) =>
    expect(...inbound(c, 'answered'), [has(c, 'conversation') && !has(c, 'consult'), 'a Conversation, no Consult']),
  inbound_welcome_message: (c) => {
    const ev = c.derived.call.events;
    const conv = ev.findIndex((e) => e.type === 'conversation');
    const msg = ev.findIndex((e, i) => i > conv && e.type === 'menu' && e.start === ev[conv]!.start);
    return expect(...inbound(c, 'answered'), [
      conv >= 0 && msg > conv,
      'R20: the welcome Menu right after the Conversation it belongs to',
    ]);
  },
  inbound_agent_no_answer: (c) => {
    // The agent offered the call first did not answer; unless the same agent answered it later, not involved.
    const answered = new Set(c.rows.filter((r) => r.eventType === 'c' && r.resultCode === 'k').map((r) => r.agentId));
    const missed = c.rows
      .filter((r) => r.eventType === 'c' && r.resultCode === 't' && !answered.has(r.agentId))
      .map((r) => c.agentName(r.agentId!));
    const anyMissed = c.rows.some((r) => r.eventType === 'c' && r.resultCode === 't');
    return expect(
      ...inbound(c, 'answered'),
      [anyMissed, 'a leg not answered (t)'],
      [missed.every((n) => !c.derived.call.agents.includes(n)), 'the agent who did not answer is not involved'],
    );
  },
  inbound_consult: (c) =>
    expect(
      ...inbound(c, 'answered'),
      [has(c, 'consult'), 'a Consult (R21)'],
      [c.derived.call.agents.length === 2, 'two agents involved'],
    ),
  inbound_consult_unanswered: (c) =>
    expect(
      ...inbound(c, 'answered'),
      [!has(c, 'consult'), 'no Consult'],
      [c.derived.call.agents.length === 1, 'one agent involved'],
    ),
  inbound_transfer_agent: (c) =>
    expect(
      ...inbound(c, 'answered'),
      [count(c, 'conversation') >= 2, 'two Conversations'],
      [c.derived.call.agents.length === 2, 'two agents'],
    ),
  inbound_transfer_queue: (c) => expect(...inbound(c, 'answered'), [count(c, 'queue') === 2, 'two Queue events']),
  inbound_consult_queue: (c) =>
    expect(...inbound(c, 'answered'), [
      has(c, 'consult_queue') && has(c, 'consult'),
      'Consult to queue, then Consult (R21)',
    ]),
  inbound_consult_queue_aborted: (c) =>
    expect(...inbound(c, 'answered'), [has(c, 'consult_queue') && !has(c, 'consult'), 'Consult to queue, no Consult']),
  inbound_abandoned_queue: (c) => expect(...inbound(c, 'abandoned')),
  inbound_abort_digit: (c) => expect(...inbound(c, 'abandoned')),
  inbound_abandoned_menu: (c) => expect(...inbound(c, 'abandoned'), [!has(c, 'queue'), 'no Queue']),
  inbound_timeout: (c) => expect(...inbound(c, 'rejected')),
  inbound_full: (c) => expect(...inbound(c, 'rejected')),
  inbound_rejected_no_agents: (c) => expect(...inbound(c, 'rejected')),
  inbound_closed: (c) =>
    expect([c.derived.call.type === 'inbound', 'inbound'], [!has(c, 'queue') && !has(c, 'conversation'), 'menus only']),
  callback_answered_first: (c) =>
    expect(
      ...callback(c, 'answered', null, 1),
      [has(c, 'menu'), 'R1: ordering menus'],
      [has(c, 'conversation'), 'R4: a Conversation'],
    ),
  callback_answered_second: (c) =>
    expect(...callback(c, 'answered', '1 unanswered call finished', 2), [has(c, 'conversation'), 'R6: a Conversation']),
  callback_answered_third: (c) => expect(...callback(c, 'answered', '2 unanswered calls finished', 3)),
  callback_unanswered: (c) =>
    expect(
      ...callback(c, 'unanswered', '3 unanswered calls finished', 3),
      [!has(c, 'conversation'), 'R5: no Conversation'],
      [c.derived.call.agents.length >= 1, 'R5: the agent of the latest attempt is involved'],
    ),
  callback_answering_machine: (c) =>
    expect([c.derived.call.outcome === 'answered' && has(c, 'conversation'), 'R7: answered, with a Conversation']),
  callback_deleted: (c) =>
    expect(
      [c.derived.call.type === 'callback', 'callback'],
      [has(c, 'deleted') && c.derived.call.outcome === 'deleted', 'R8: a Deleted event, outcome deleted'],
    ),
  callback_web: (c) =>
    expect(...callback(c, 'answered', null, 1), [
      c.derived.call.events[0]?.type === 'queue' && c.derived.call.events[0].durationSec <= 1 && !has(c, 'menu'),
      'R9: a zero-length Queue, no menus',
    ]),
  callout_answered: (c) =>
    expect(...outbound(c, 'callout', true), [
      c.derived.call.callerNumber === source(c),
      'R10: the called number as caller number',
    ]),
  callout_unanswered: (c) =>
    expect(...outbound(c, 'callout', false), [cbLabel(c) === '1 unanswered call finished', 'R12 label']),
  callout_busy: (c) =>
    expect(...outbound(c, 'callout', false), [cbLabel(c) === '1 unanswered call finished', 'R12 label']),
  callout_consult: (c) =>
    expect(
      ...outbound(c, 'callout', true),
      [has(c, 'consult'), 'R21: a Consult'],
      [c.derived.call.agents.length === 2, 'two agents'],
    ),
  callout_cancelled: (c) =>
    expect([c.derived.call.type === 'callout', 'callout'], [has(c, 'deleted'), 'R13: a Deleted event']),
  agent_to_agent_answered: (c) =>
    expect(
      [c.derived.call.type === 'agent_to_agent', `type ${c.derived.call.type}`],
      [c.derived.call.callerNumber === 'xxxxxxxx', 'R14: xxxxxxxx as caller number'],
      [!has(c, 'queue') && has(c, 'conversation') && has(c, 'consult'), 'R15: Conversation + Consult, no Queue'],
      [
        c.derived.call.timeBeforeAnswerSec === 1,
        `R15: time before answer 1 s (got ${c.derived.call.timeBeforeAnswerSec})`,
      ],
      [c.derived.call.agents.length === 2, 'two agents'],
    ),
  agent_to_agent_unanswered: (c) =>
    expect(
      [c.derived.call.type === 'agent_to_agent', `type ${c.derived.call.type}`],
      [has(c, 'conversation') && !has(c, 'consult'), 'R16: only a Conversation'],
      [c.derived.call.agents.length === 1, 'R16: agent2 is not involved'],
    ),
  dialer_preview_answered: (c) =>
    expect(...outbound(c, 'dialer_preview', true), [c.derived.call.dialerMode === 'preview', 'mode preview']),
  dialer_preview_unanswered: (c) => expect(...outbound(c, 'dialer_preview', false)),
  dialer_predictive_answered: (c) =>
    expect(...outbound(c, 'dialer_contact_first', true), [
      c.derived.call.dialerMode === 'predictive',
      'mode predictive',
    ]),
  dialer_power_answered: (c) =>
    expect(...outbound(c, 'dialer_contact_first', true), [c.derived.call.dialerMode === 'power', 'mode power']),
  dialer_progressive_answered: (c) =>
    expect(...outbound(c, 'dialer_contact_first', true), [
      c.derived.call.dialerMode === 'progressive',
      'mode progressive',
    ]),
  dialer_contact_first_unanswered: (c) =>
    expect(...outbound(c, 'dialer_contact_first', false), [!has(c, 'menu'), 'no Menu']),
  dialer_contact_first_silent: (c) =>
    expect(...outbound(c, 'dialer_contact_first', false), [has(c, 'menu'), 'R18: the silent-call Menu']),
  dialer_retry: (c) =>
    expect(
      [c.derived.contactKey !== null, 'R19: a contact key'],
      [c.derived.call.type.startsWith('dialer'), 'a dialer call'],
    ),
};
