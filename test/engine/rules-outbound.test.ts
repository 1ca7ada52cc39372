// R10–R19: outbound calls (callout), agent-to-agent calls and the dialer.
import { describe, expect, it } from 'vitest';
import { deriveCall, queueKind } from '../../src/shared/engine';
import { CallBuilder, brief, companions, isoAt } from './builders';

const named = companions({ queues: { __Callout_Sales: 'Callout' }, agents: { A1: 'Anna', A2: 'Bo' } });

/** A callout ordered at 0 by A1 to +4587654321; the destination leg starts at 2. */
function callout(customer: (b: CallBuilder) => CallBuilder): CallBuilder {
  const b = new CallBuilder()
    .i(0, '+4587654321', '+4570000000')
    .q(0, 0, '__Callout_Sales', 'q')
    .c(0, 95, { agent: 'A1', ciq: 'a', speakAt: 1, speak: 93 });
  return customer(b);
}

describe('outbound calls (callout)', () => {
  it("R10 shown in a callout queue, with the called number as the caller's number", () => {
    const d = deriveCall(
      callout((b) => b.c(2, 60, { ciq: 'c', dest: '+4587654321', speakAt: 12, speak: 45 })).rows,
      named,
    );
    expect(d.call.type).toBe('callout');
    expect(d.call.queues).toEqual(['Callout']);
    expect(d.queueKeys).toEqual(['__Callout_Sales']);
    expect(d.call.callerNumber).toBe('+4587654321');
  });

  it('R10 a queue named Outbound (by key or by its description) is a callout queue', () => {
    const b = new CallBuilder()
      .i(0, '+4587654321')
      .q(0, 0, 'Q7', 'q')
      .c(0, 30, { agent: 'A1', ciq: 'a', speakAt: 1, speak: 28 })
      .c(2, 20, { ciq: 'c', result: 'b' });
    expect(deriveCall(b.rows, companions({ queues: { Q7: 'Outbound Oslo' } })).call.type).toBe('callout');
    const k = new CallBuilder().q(0, 0, 'Outbound', 'q').c(0, 30, { agent: 'A1', ciq: 'a', speakAt: 1, speak: 28 });
    expect(deriveCall(k.rows, companions()).call.type).toBe('callout');
    const da = companions({ queues: { Q8: 'Udgående opkald (Callout)', Q9: 'Udgående salg' } });
    expect(queueKind('Q8', 'Udgående opkald (Callout)')).toBe('callout');
    expect(queueKind('Q9', 'Udgående salg')).toBe('callout');
    expect(queueKind('Support', 'Kundeservice')).toBe('inbound');
    expect(queueKind('Q_Callbacks', 'Callbacks')).toBe('inbound');
    expect(queueKind('__Dial_Camp', 'Callout campaign')).toBe('dialer');
    expect(deriveCall(new CallBuilder().q(0, 0, 'Q8', 'q').rows, da).call.type).toBe('callout');
  });

  it('R11 answered: zero-length Queue, Queue (callback) for the ring time until the destination answers, Conversation to the end', () => {
    const d = deriveCall(
      callout((b) => b.c(2, 60, { ciq: 'c', dest: '+4587654321', speakAt: 12, speak: 45 })).rows,
      named,
    );
    expect(brief(d.call.events)).toEqual([
      ['queue', 0, 0, null, null],
      ['queue_callback', 0, 12, 'Anna', null],
      ['conversation', 12, 45, 'Anna', null],
    ]);
    expect(d.call.outcome).toBe('answered');
    expect(d.call.timeBeforeAnswerSec).toBe(12);
    expect(d.call.waitTimeSec).toBe(12);
    expect(d.call.speakTimeSec).toBe(45);
    expect(d.call.callbackAttempts).toBeNull();
  });

  it('R11 the Queue (callback) ends when the destination is busy, or when the agent hangs up while it rings', () => {
    const busy = deriveCall(callout((b) => b.c(2, 4, { ciq: 'c', result: 'b' })).rows, named);
    expect(brief(busy.call.events)[1]).toEqual(['queue_callback', 0, 6, 'Anna', '1 unanswered call finished']);
    const hung = deriveCall(callout((b) => b.c(2, 17, { ciq: 'c', result: 'h' })).rows, named);
    expect(brief(hung.call.events)[1]).toEqual(['queue_callback', 0, 19, 'Anna', '1 unanswered call finished']);
  });

  it('R12 unanswered: the Queue (callback) is labelled "1 unanswered call finished"', () => {
    const d = deriveCall(callout((b) => b.c(2, 30, { ciq: 'c', result: 't' })).rows, named);
    expect(brief(d.call.events)).toEqual([
      ['queue', 0, 0, null, null],
      ['queue_callback', 0, 32, 'Anna', '1 unanswered call finished'],
    ]);
    expect(d.call.events[1]!.labelDa).toBe('1 ubesvaret opkald færdig');
    expect(d.call.outcome).toBe('unanswered');
    expect(d.call.speakTimeSec).toBe(0);
    expect(d.call.timeBeforeAnswerSec).toBeNull();
  });

  it('R13 cancelled from the outbound tab: an extra red Deleted event, outcome deleted', () => {
    const d = deriveCall(
      callout((b) => b.c(2, 20, { ciq: 'c', result: 'h' }).q(22, 0, '__Callout_Sales', 'd')).rows,
      named,
    );
    expect(brief(d.call.events)).toEqual([
      ['queue', 0, 0, null, null],
      ['queue_callback', 0, 22, 'Anna', '1 unanswered call finished'],
      ['deleted', 22, 0, null, null],
    ]);
    expect(d.call.events[2]!.name).toBe('Callout');
    expect(d.call.outcome).toBe('deleted');
  });
});

/** agent1 calls agent2: agent1's softphone answers after 1 s; agent2's phone rings from 1 s. */
function a2a(agent2Answers: boolean): CallBuilder {
  const b = new CallBuilder().i(0, 'xxxxxxxx', null);
  if (agent2Answers) {
    return b.c(0, 210, { agent: 'A1', speakAt: 1, speak: 208 }).c(1, 209, { agent: 'A2', speakAt: 11, speak: 198 });
  }
  return b.c(0, 31, { agent: 'A1', speakAt: 1, speak: 30 }).c(1, 30, { agent: 'A2', result: 't' });
}

describe('agent-to-agent calls', () => {
  it("R14 shown with the calling agent as the agent and xxxxxxxx as the caller's number; no Queue event", () => {
    const d = deriveCall(a2a(true).rows, named);
    expect(d.call.type).toBe('agent_to_agent');
    expect(d.call.callerNumber).toBe('xxxxxxxx');
    expect(d.call.agents[0]).toBe('Anna');
    expect(d.call.events.some((e) => e.type === 'queue' || e.type === 'queue_callback')).toBe(false);
    expect(d.call.waitTimeSec).toBeNull();
    expect(d.call.queues).toEqual([]);
  });

  it('R15 agent-to-agent answered: short Conversation for agent1 and a Consult with agent2 (ring 10 s, talk 3:18, speaktime 3:28, time before answer 1 s)', () => {
    const d = deriveCall(a2a(true).rows, named);
    expect(brief(d.call.events)).toEqual([
      ['conversation', 1, 10, 'Anna', null],
      ['consult', 11, 198, 'Bo', null],
    ]);
    expect(d.call.speakTimeSec).toBe(208); // 3:28
    expect(d.call.timeBeforeAnswerSec).toBe(1);
    expect(d.call.agents).toEqual(['Anna', 'Bo']);
    expect(d.speakTimeByAgent).toEqual({ A1: 208, A2: 198 });
    expect(d.call.outcome).toBe('answered');
  });

  it("R16 agent-to-agent not answered: only agent1's short Conversation, no Consult, agent2 not involved", () => {
    const d = deriveCall(a2a(false).rows, named);
    expect(brief(d.call.events)).toEqual([['conversation', 1, 30, 'Anna', null]]);
    expect(d.call.agents).toEqual(['Anna']);
    expect(d.agentIds).toEqual(['A1']);
    expect(d.call.outcome).toBe('unanswered');
    // agent2's ringing leg is accounted for behind agent1's Conversation (agent1 was on the line while it rang).
    expect(d.eventSources[0]!.map((o) => o.line)).toEqual([3, 4]);
    expect(d.kept).toEqual([]);
  });
});

describe('dialer', () => {
  const preview = (vars: Record<string, string> = {}) => {
    const b = new CallBuilder('D1')
      .i(0, '+4511112222')
      .q(0, 0, '__Dial_Campaign1', 'q')
      .c(5, 100, { agent: 'A1', ciq: 'a', speakAt: 6, speak: 90 })
      .c(8, 80, { ciq: 'c', dest: '+4511112222', speakAt: 20, speak: 70 });
    return deriveCall(b.rows, companions({ variables: { D1: vars } }));
  };

  it('R17 preview mode (agent first): zero Queue, Queue (callback) until the contact answers, Conversation', () => {
    const d = preview();
    expect(d.call.type).toBe('dialer_preview');
    expect(d.call.dialerMode).toBeNull(); // inferred from the agent leg ringing first, not told
    expect(brief(d.call.events)).toEqual([
      ['queue', 0, 0, null, null],
      ['queue_callback', 0, 20, 'A1', null],
      ['conversation', 20, 70, 'A1', null],
    ]);
    expect(d.call.callerNumber).toBe('+4511112222');
    expect(preview({ dialer_mode: 'Preview' }).call.dialerMode).toBe('preview');
  });

  it('R17 / R18 the dialer mode is also told by the campaign queue description, and the variable wins over it', () => {
    const rows = new CallBuilder('D5').q(0, 0, '__Dial_Winback', 'q').c(2, 25, { ciq: 'c', result: 't' }).rows;
    const q = { __Dial_Winback: 'Dialer: Win-back (predictive)' };
    expect(deriveCall(rows, companions({ queues: q })).call.dialerMode).toBe('predictive');
    const told = deriveCall(rows, companions({ queues: q, variables: { D5: { campaign_mode: 'POWER' } } }));
    expect([told.call.type, told.call.dialerMode]).toEqual(['dialer_contact_first', 'power']);
    const preview = deriveCall(rows, companions({ queues: { __Dial_Winback: 'Fornyelse (Preview)' } }));
    expect([preview.call.type, preview.call.dialerMode]).toEqual(['dialer_preview', 'preview']);
    // "Powerful offers" names no mode.
    expect(deriveCall(rows, companions({ queues: { __Dial_Winback: 'Powerful offers' } })).call.dialerMode).toBeNull();
  });

  const contactFirst = (contact: (b: CallBuilder) => CallBuilder) => {
    const b = new CallBuilder('D2').i(0, '+4533334444').q(0, 0, '__Dial_Campaign1', 'q');
    return deriveCall(contact(b).rows, companions({ variables: { D2: { dialer_mode: 'Predictive' } } }));
  };

  it("R18 contact first, answered: Queue (0) + Queue (callback) + Conversation from the contact's answer", () => {
    const d = contactFirst((b) =>
      b.c(2, 60, { ciq: 'c', speakAt: 12, speak: 45 }).c(13, 45, { agent: 'A1', ciq: 'a', speakAt: 14, speak: 43 }),
    );
    expect(d.call.type).toBe('dialer_contact_first');
    expect(d.call.dialerMode).toBe('predictive');
    expect(brief(d.call.events)).toEqual([
      ['queue', 0, 0, null, null],
      ['queue_callback', 0, 12, 'A1', null],
      ['conversation', 12, 45, 'A1', null],
    ]);
    expect(d.call.outcome).toBe('answered');
  });

  it('R18 contact first, not answered: Queue (0) + Queue (callback) only, no agent', () => {
    const d = contactFirst((b) => b.c(2, 25, { ciq: 'c', result: 't' }));
    expect(brief(d.call.events)).toEqual([
      ['queue', 0, 0, null, null],
      ['queue_callback', 0, 27, null, '1 unanswered call finished'],
    ]);
    expect(d.call.agents).toEqual([]);
    expect(d.call.outcome).toBe('unanswered');
  });

  it('R18 silent call (contact answered, no agent free): Queue (0) + Queue (callback) + Menu, no Conversation, outcome unanswered (the seed lists it under "not answered")', () => {
    const d = contactFirst((b) => b.c(2, 20, { ciq: 'c', speakAt: 10, speak: 10 }).m(10, 5, 'SilentCallMessage'));
    expect(brief(d.call.events)).toEqual([
      ['queue', 0, 0, null, null],
      ['queue_callback', 0, 10, null, null],
      ['menu', 10, 5, null, null],
    ]);
    expect(d.call.events[2]!.name).toBe('SilentCallMessage');
    expect(d.call.outcome).toBe('unanswered');
    expect(d.call.speakTimeSec).toBe(0);
    expect(d.call.timeBeforeAnswerSec).toBeNull();
  });

  it('R18 without a told mode, the contact leg ringing first means contact first', () => {
    const b = new CallBuilder('D3').q(0, 0, '__Dial_X', 'q').c(2, 25, { ciq: 'c', result: 't' });
    const d = deriveCall(b.rows, companions());
    expect([d.call.type, d.call.dialerMode]).toEqual(['dialer_contact_first', null]);
  });

  it('R19 each dialer attempt is a new call, grouped by the contact call variable', () => {
    const mk = (id: string, t: number) =>
      new CallBuilder(id)
        .i(t, '+4533334444')
        .q(t, 0, '__Dial_Campaign1', 'q')
        .c(t + 2, 25, { ciq: 'c', result: 't' }).rows;
    const vars = { D7: { contact_id: 'K42', dialer_mode: 'power' }, D8: { contact_id: 'K42', dialer_mode: 'power' } };
    const first = deriveCall(mk('D7', 0), companions({ variables: vars }));
    const second = deriveCall(mk('D8', 3600), companions({ variables: vars }));
    expect([first.call.callId, second.call.callId]).toEqual(['D7', 'D8']);
    expect([first.contactKey, second.contactKey]).toEqual(['K42', 'K42']);
    expect(second.call.start).toBe(isoAt(3600));
    expect([first.call.callbackAttempts, second.call.callbackAttempts]).toEqual([null, null]);
    expect(second.call.dialerMode).toBe('power');
    // Without the variable there is no grouping key.
    expect(deriveCall(mk('D9', 0), companions()).contactKey).toBeNull();
  });
});
