// R20–R21: messages and consults (section 3 overlap rules).
import { describe, expect, it } from 'vitest';
import { deriveCall } from '../../src/shared/engine';
import { CallBuilder, brief, companions } from './builders';

/** Inbound: welcome menu 0–5, queue 5–35, agent A1 rings from 25, answers at 35. */
function inbound(speak = 100): CallBuilder {
  return new CallBuilder()
    .i(0)
    .m(0, 5, 'Welcome')
    .q(5, 30, 'Support', 'k')
    .c(25, speak + 20, { agent: 'A1', speakAt: 35, speak });
}

describe('messages and consults', () => {
  it('R20 welcome message when the agent answers shows as a Menu event after the Conversation that began at the same moment', () => {
    const d = deriveCall(inbound().m(35, 3, 'AgentWelcome').rows, companions());
    expect(brief(d.call.events)).toEqual([
      ['menu', 0, 5, null, null],
      ['queue', 5, 30, null, null],
      ['conversation', 35, 100, 'A1', null],
      ['menu', 35, 3, null, null],
    ]);
    // The message does not cut the Conversation.
    expect(d.call.speakTimeSec).toBe(100);
  });

  it('R21 consult / transfer: overlapping speaktimes give Conversation, Consult with the consulted agent, then Conversation of the new agent', () => {
    const d = deriveCall(inbound().c(60, 115, { agent: 'A2', speakAt: 70, speak: 100 }).rows, companions());
    expect(brief(d.call.events).slice(2)).toEqual([
      ['conversation', 35, 35, 'A1', null],
      ['consult', 70, 65, 'A2', null],
      ['conversation', 135, 35, 'A2', null],
    ]);
    expect(d.call.speakTimeSec).toBe(135);
    expect(d.call.agents).toEqual(['A1', 'A2']);
    expect(d.speakTimeByAgent).toEqual({ A1: 100, A2: 100 });
  });

  it('R21 consult to queue: a queue event during a speaktime is a Consult to queue and interrupts the Conversation', () => {
    const b = inbound(165).q(80, 20, 'Sales', 'k').c(95, 100, { agent: 'A2', speakAt: 100, speak: 90 });
    const d = deriveCall(b.rows, companions({ queues: { Sales: 'Sales DK' } }));
    expect(brief(d.call.events).slice(2)).toEqual([
      ['conversation', 35, 45, 'A1', null],
      ['consult_queue', 80, 20, 'A1', null],
      ['consult', 100, 90, 'A2', null],
      ['conversation', 190, 10, 'A1', null],
    ]);
    expect(d.call.events[3]!.name).toBe('Sales DK');
    expect(d.call.speakTimeSec).toBe(45 + 90 + 10);
    expect(d.call.waitTimeSec).toBe(30); // consult-to-queue time is not wait time
    expect(d.call.queues).toEqual(['Support', 'Sales DK']);
  });

  it('R21 consult inside a callback conversation: the agent/customer legs are one conversation; a third leg overlaps as a Consult', () => {
    const b = new CallBuilder()
      .session('S1')
      .i(0, '+4512345678', '+4570000000', 20)
      .q(0, 20, 'Support', 'q')
      .session('S2')
      .c(100, 200, { agent: 'A1', ciq: 'a', speakAt: 101, speak: 199 })
      .c(102, 198, { ciq: 'c', speakAt: 110, speak: 190 })
      .c(150, 60, { agent: 'A2', speakAt: 160, speak: 40 });
    const d = deriveCall(b.rows, companions());
    expect(brief(d.call.events).slice(1)).toEqual([
      ['queue_callback', 20, 90, 'A1', null],
      ['conversation', 110, 50, 'A1', null],
      ['consult', 160, 40, 'A2', null],
      ['conversation', 200, 100, 'A1', null],
    ]);
    expect(d.call.speakTimeSec).toBe(190);
  });
});
