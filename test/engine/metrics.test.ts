// Section 5 metrics, each on a call where the number can be checked by hand.
import { describe, expect, it } from 'vitest';
import { deriveCall } from '../../src/shared/engine';
import { EVENT_TYPE_LABELS, unansweredLabel } from '../../src/shared/engine/labels';
import { ARCHIVE_EVENT_TYPES } from '../../src/shared/model/archive-call';
import { CallBuilder, companions, isoAt } from './builders';

describe('metrics', () => {
  it('M1 speaktime is the sum of Conversation and Consult durations, per call and per agent', () => {
    const b = new CallBuilder()
      .i(0)
      .q(0, 10)
      .c(5, 70, { agent: 'A1', speakAt: 10, speak: 60 })
      .c(30, 100, { agent: 'A2', speakAt: 40, speak: 90 });
    const d = deriveCall(b.rows, companions());
    // A1 alone 10–40, consult 40–70, A2 alone 70–130.
    expect(d.call.speakTimeSec).toBe(30 + 30 + 60);
    expect(d.speakTimeByAgent).toEqual({ A1: 60, A2: 90 });
  });

  it('M2 time before answer: first answered speak start minus call start; null when never answered', () => {
    const b = new CallBuilder().i(0).m(0, 8).q(8, 22).c(20, 50, { agent: 'A1', speakAt: 30.25, speak: 30 });
    expect(deriveCall(b.rows, companions()).call.timeBeforeAnswerSec).toBe(30.25);
    expect(
      deriveCall(new CallBuilder().i(0).q(0, 22, 'Support', 'h').rows, companions()).call.timeBeforeAnswerSec,
    ).toBeNull();
  });

  it('M3 wait time: Queue + Queue (callback) time before the first answer; null without any queue', () => {
    const b = new CallBuilder()
      .i(0)
      .q(0, 10, 'First', 'm')
      .q(10, 15, 'Second', 'k')
      .c(20, 50, { agent: 'A1', speakAt: 25, speak: 30 });
    expect(deriveCall(b.rows, companions()).call.waitTimeSec).toBe(25);
    expect(deriveCall(new CallBuilder().i(0).m(0, 5, 'Closed', 'k').rows, companions()).call.waitTimeSec).toBeNull();
  });

  it('M4 involved agents: talked, or named on an unanswered attempt; never an agent who did not answer', () => {
    const b = new CallBuilder()
      .i(0)
      .q(0, 40)
      .c(5, 10, { agent: 'A9', result: 't' })
      .c(20, 80, { agent: 'A1', speakAt: 40, speak: 60 });
    expect(deriveCall(b.rows, companions()).call.agents).toEqual(['A1']);
  });

  it('M5 outcome of inbound calls from the last queue (else menu) code', () => {
    const out = (b: CallBuilder) => deriveCall(b.rows, companions()).call.outcome;
    expect(out(new CallBuilder().i(0).q(0, 30, 'Support', 'h'))).toBe('abandoned');
    expect(out(new CallBuilder().i(0).q(0, 30, 'Support', 'a'))).toBe('abandoned');
    expect(out(new CallBuilder().i(0).q(0, 30, 'Support', 'f'))).toBe('rejected');
    expect(out(new CallBuilder().i(0).q(0, 30, 'Support', 's'))).toBe('rejected');
    expect(out(new CallBuilder().i(0).q(0, 30, 'Support', 't'))).toBe('rejected');
    expect(out(new CallBuilder().i(0).q(0, 30, 'Support', 'e'))).toBe('rejected');
    expect(out(new CallBuilder().i(0).q(0, 30, 'Support', 'd'))).toBe('deleted');
    expect(out(new CallBuilder().i(0).q(0, 30, 'Support', 'b'))).toBe('unanswered');
    expect(out(new CallBuilder().i(0).q(0, 10, 'A', 'h').q(10, 30, 'B', 't'))).toBe('rejected');
    expect(out(new CallBuilder().i(0).m(0, 30, 'Menu', 'h'))).toBe('abandoned');
    expect(out(new CallBuilder().i(0).m(0, 30, 'Menu', 'e'))).toBe('rejected');
    expect(out(new CallBuilder().i(0).m(0, 30, 'Closed', 'k'))).toBe('unanswered');
    expect(out(new CallBuilder().i(0))).toBe('unanswered');
  });

  it('M6 call type recognised from the rows', () => {
    const type = (b: CallBuilder) => deriveCall(b.rows, companions()).call.type;
    expect(type(new CallBuilder().i(0).q(0, 30, 'Support', 'h'))).toBe('inbound');
    expect(type(new CallBuilder().i(0).m(0, 30, 'Closed', 'k'))).toBe('inbound');
    expect(type(new CallBuilder().i(0).q(0, 30, 'Support', 'q'))).toBe('callback');
    expect(type(new CallBuilder().q(0, 0, '__Callout_X', 'q'))).toBe('callout');
    expect(
      type(new CallBuilder().q(0, 0, '__DialCampaign', 'q').c(1, 9, { agent: 'A', ciq: 'a', speakAt: 2, speak: 5 })),
    ).toBe('dialer_preview');
    expect(type(new CallBuilder().i(0, 'xxxxxxxx'))).toBe('agent_to_agent');
    expect(type(new CallBuilder().c(0, 9, { agent: 'A1', speakAt: 1, speak: 5 }))).toBe('agent_to_agent');
  });

  it('M7 call start and end span every row; times are ISO UTC with milliseconds', () => {
    const d = deriveCall(new CallBuilder().i(0.5, '+45', '+45', 0).q(1, 10.123, 'S', 'h').rows, companions());
    expect([d.call.start, d.call.end]).toEqual([isoAt(0.5), isoAt(11.123)]);
    expect(d.call.events[0]!.durationSec).toBe(10.123);
  });

  it("M8 labels: event type names en/da in the spec's tie order, and the unanswered-attempt label", () => {
    expect(ARCHIVE_EVENT_TYPES.map((t) => EVENT_TYPE_LABELS[t].da)).toEqual([
      'Kø',
      'Kø (tilbagekald)',
      'Samtale',
      'Rådfør',
      'Rådfør kø',
      'Menu',
      'Slettet',
    ]);
    expect(unansweredLabel(0)).toBeNull();
    expect(unansweredLabel(1)).toEqual({ en: '1 unanswered call finished', da: '1 ubesvaret opkald færdig' });
    expect(unansweredLabel(2)).toEqual({ en: '2 unanswered calls finished', da: '2 ubesvarede opkald færdige' });
  });
});
