// R1–R9: callback in queue. Times are seconds after T0 (see builders.ts).
import { describe, expect, it } from 'vitest';
import { deriveCall } from '../../src/shared/engine';
import { CallBuilder, brief, companions, isoAt } from './builders';

/** The ordering session of R1: welcome menu, queue with result q, two ordering menus; ends at 80 s. */
function ordering(b = new CallBuilder()): CallBuilder {
  return b
    .session('S1')
    .i(0, '+4512345678', '+4570000000', 80)
    .m(0, 10, 'Welcome')
    .q(10, 50, 'Support', 'q')
    .m(60, 10, 'CallbackOrder')
    .m(70, 10, 'CallbackConfirm');
}
/** An attempt session: agent leg first (ciq a), then the customer leg (ciq c). */
function attempt(b: CallBuilder, session: string, t: number, agent: string, customerAnswers: boolean): CallBuilder {
  b.session(session).c(t, customerAnswers ? 200 : 40, {
    agent,
    ciq: 'a',
    speakAt: t + 5,
    speak: customerAnswers ? 190 : 35,
  });
  if (customerAnswers) return b.c(t + 6, 180, { ciq: 'c', dest: '+4512345678', speakAt: t + 15, speak: 170 });
  return b.c(t + 5, 30, { ciq: 'c', dest: '+4512345678', result: 't' });
}

describe('callback in queue', () => {
  it('R1 ordering: 0..n Menu events, one Queue event with result q, then the ordering / confirming Menu events', () => {
    const d = deriveCall(attempt(ordering(), 'S2', 600, 'A1', true).rows, companions());
    expect(d.call.type).toBe('callback');
    expect(brief(d.call.events).slice(0, 4)).toEqual([
      ['menu', 0, 10, null, null],
      ['queue', 10, 50, null, null],
      ['menu', 60, 10, null, null],
      ['menu', 70, 10, null, null],
    ]);
    expect(d.call.events[1]!.result).toBe('q');
    expect(d.call.events.map((e) => e.name).slice(0, 4)).toEqual([
      'Welcome',
      'Support',
      'CallbackOrder',
      'CallbackConfirm',
    ]);
  });

  it('R2 the agent is called first; the customer leg, called once the agent answered, starts the Conversation', () => {
    const d = deriveCall(attempt(ordering(), 'S2', 600, 'A1', true).rows, companions());
    const conv = d.call.events.find((e) => e.type === 'conversation')!;
    // The agent answered at 605; the customer at 615: the agent's ring time is not talk.
    expect(conv.start).toBe(isoAt(615));
    expect(conv.durationSec).toBe(170);
    expect(d.call.speakTimeSec).toBe(170);
  });

  it('R3 one Queue (callback) per request, from the end of the ordering session until the customer answers, naming the agent, no label on a first-attempt answer', () => {
    const d = deriveCall(attempt(ordering(), 'S2', 600, 'A1', true).rows, companions({ agents: { A1: 'Anna' } }));
    const qcb = d.call.events.filter((e) => e.type === 'queue_callback');
    expect(qcb).toHaveLength(1);
    expect(brief(qcb)).toEqual([['queue_callback', 80, 535, 'Anna', null]]);
    expect(qcb[0]!.labelDa).toBeNull();
    expect(qcb[0]!.name).toBe('Support');
  });

  it('R3 the label counts every unanswered attempt: 3 unanswered attempts → "3 unanswered calls finished"', () => {
    const b = ordering();
    attempt(b, 'S2', 600, 'A1', false);
    attempt(b, 'S3', 1800, 'A2', false);
    attempt(b, 'S4', 3600, 'A3', false);
    const d = deriveCall(b.rows, companions());
    const qcb = d.call.events.find((e) => e.type === 'queue_callback')!;
    expect([qcb.label, qcb.labelDa, qcb.agent]).toEqual([
      '3 unanswered calls finished',
      '3 ubesvarede opkald færdige',
      'A3',
    ]);
    expect(qcb.end).toBe(isoAt(3635)); // the last customer leg: 3605 + 30
    expect(d.call.callbackAttempts).toBe(3);
    expect(d.call.outcome).toBe('unanswered');
  });

  it('R4 answered attempt: Queue (callback) then a Conversation for the agent', () => {
    const d = deriveCall(attempt(ordering(), 'S2', 600, 'A1', true).rows, companions());
    expect(brief(d.call.events).slice(4)).toEqual([
      ['queue_callback', 80, 535, 'A1', null],
      ['conversation', 615, 170, 'A1', null],
    ]);
    expect(d.call.outcome).toBe('answered');
    expect(d.call.agents).toEqual(['A1']);
    expect(d.call.callbackAttempts).toBe(1);
    expect(d.call.timeBeforeAnswerSec).toBe(615);
    expect(d.call.waitTimeSec).toBe(50 + 535);
  });

  it('R5 unanswered attempt: no Conversation, the agent is named and involved, and the enquiry registration is shown', () => {
    const regs = [{ callId: 'C1', agentId: 'A1', text: 'No answer - try later', at: null }];
    const d = deriveCall(attempt(ordering(), 'S2', 600, 'A1', false).rows, companions({ registrations: regs }));
    expect(brief(d.call.events).slice(4)).toEqual([['queue_callback', 80, 555, 'A1', '1 unanswered call finished']]);
    expect(d.call.events[4]!.labelDa).toBe('1 ubesvaret opkald færdig');
    expect(d.call.events[4]!.result).toBe('t');
    expect(d.call.events.some((e) => e.type === 'conversation')).toBe(false);
    expect(d.call.agents).toEqual(['A1']);
    expect(d.call.registrations).toEqual(['No answer - try later']);
    expect(d.call.outcome).toBe('unanswered');
    expect(d.call.speakTimeSec).toBe(0);
    expect(d.call.timeBeforeAnswerSec).toBeNull();
    expect(d.call.waitTimeSec).toBe(50 + 555);
  });

  it('R6 answered on attempt 2: Queue (callback) labelled "1 unanswered call finished", then the Conversation', () => {
    const b = ordering();
    attempt(b, 'S2', 600, 'A1', false);
    attempt(b, 'S3', 1800, 'A2', true);
    const d = deriveCall(b.rows, companions());
    expect(brief(d.call.events).slice(4)).toEqual([
      ['queue_callback', 80, 1815 - 80, 'A2', '1 unanswered call finished'],
      ['conversation', 1815, 170, 'A2', null],
    ]);
    expect(d.call.callbackAttempts).toBe(2);
    // The agent of the unanswered attempt counts as involved (R5), before the one who talked.
    expect(d.call.agents).toEqual(['A1', 'A2']);
    expect(d.call.outcome).toBe('answered');
  });

  it('R7 answered by an answering machine: counts as answered, Conversation shown, no further attempt', () => {
    const b = ordering()
      .session('S2')
      .c(600, 60, { agent: 'A1', ciq: 'a', speakAt: 602, speak: 55 })
      .c(603, 40, { ciq: 'c', speakAt: 612, speak: 25 }); // the machine answers after 9 s of ringing
    const d = deriveCall(b.rows, companions());
    expect(brief(d.call.events).slice(4)).toEqual([
      ['queue_callback', 80, 532, 'A1', null],
      ['conversation', 612, 25, 'A1', null],
    ]);
    expect(d.call.outcome).toBe('answered');
    expect(d.call.callbackAttempts).toBe(1);
  });

  it('R8 deleted from the queue: a red Deleted event, no further attempts, outcome deleted', () => {
    const b = ordering().session('S2').q(3600, 0, 'Support', 'd');
    const d = deriveCall(b.rows, companions());
    expect(brief(d.call.events).slice(4)).toEqual([
      ['queue_callback', 80, 3520, null, null],
      ['deleted', 3600, 0, null, null],
    ]);
    expect(d.call.events[5]!.name).toBe('Support');
    expect(d.call.outcome).toBe('deleted');
    expect(d.call.callbackAttempts).toBe(0);
  });

  it('R9 callback ordered on the web: an initiation and a Queue of about zero duration, the rest as above', () => {
    const b = new CallBuilder().session('S1').i(0, '+4512345678', 'web').q(0, 0.2, 'Support', 'q');
    attempt(b, 'S2', 300, 'A1', true);
    const d = deriveCall(b.rows, companions());
    expect(d.call.type).toBe('callback');
    expect(brief(d.call.events)).toEqual([
      ['queue', 0, 0.2, null, null],
      ['queue_callback', 0.2, 314.8, 'A1', null],
      ['conversation', 315, 170, 'A1', null],
    ]);
    expect(d.call.callerNumber).toBe('+4512345678');
  });
});
