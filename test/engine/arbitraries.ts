// fast-check arbitraries that build plausible raw rows for each flow: inbound
// (menus, queue, answered / ringing legs, consults, consult to queue), callback
// (ordering session + 0–3 attempts), callout, agent-to-agent and dialer calls.
import fc from 'fast-check';
import type { CallEventRow } from '../../src/shared/model/call-events';
import { CallBuilder } from './builders';

const AGENTS = ['A1', 'A2', 'A3', 'A4'];
const sec = (max: number) => fc.integer({ min: 0, max: max * 10 }).map((n) => n / 10);
const agent = fc.constantFrom(...AGENTS);

const inbound = fc
  .record({
    menus: fc.array(sec(20), { maxLength: 2 }),
    wait: sec(300),
    answered: fc.boolean(),
    ringing: fc.array(fc.record({ agent, after: sec(60), ring: sec(20) }), { maxLength: 2 }),
    agent,
    talk: sec(600),
    consult: fc.option(fc.record({ agent, at: sec(300), ring: sec(20), talk: sec(400) }), { nil: undefined }),
    consultQueue: fc.option(fc.record({ at: sec(300), wait: sec(60) }), { nil: undefined }),
    result: fc.constantFrom('h', 'a', 't', 'f', 's', 'd', 'z'),
  })
  .map((p) => {
    const b = new CallBuilder('P1').i(0);
    let t = 0;
    for (const m of p.menus) {
      b.m(t, m, 'Menu', 'k');
      t += m;
    }
    const qStart = t;
    b.q(qStart, p.wait, 'Support', p.answered ? 'k' : p.result);
    for (const r of p.ringing) if (r.after < p.wait) b.c(qStart + r.after, r.ring, { agent: r.agent, result: 't' });
    if (p.answered) {
      const answer = qStart + p.wait;
      b.c(answer - 5 < 0 ? 0 : answer - 5, p.talk + 10, { agent: p.agent, speakAt: answer, speak: p.talk });
      if (p.consultQueue && p.consultQueue.at < p.talk)
        b.q(answer + p.consultQueue.at, p.consultQueue.wait, 'Sales', 'k');
      if (p.consult && p.consult.at < p.talk) {
        const c = p.consult;
        b.c(answer + c.at, c.ring + c.talk, { agent: c.agent, speakAt: answer + c.at + c.ring, speak: c.talk });
      }
    }
    return b.rows;
  });

const attemptArb = fc.record({
  gap: sec(3600),
  agent,
  agentRing: sec(15),
  customerRing: sec(30),
  answers: fc.boolean(),
  talk: sec(600),
});

const callback = fc
  .record({ web: fc.boolean(), attempts: fc.array(attemptArb, { maxLength: 3 }), deleted: fc.boolean() })
  .map((p) => {
    const b = new CallBuilder('P2').session('S1');
    let t: number;
    if (p.web) {
      b.i(0, '+4511', null, 0).q(0, 0.2, 'Support', 'q');
      t = 0.2;
    } else {
      b.i(0, '+4511', '+4570', 80).m(0, 10).q(10, 50, 'Support', 'q').m(60, 10, 'Order').m(70, 10, 'Confirm');
      t = 80;
    }
    p.attempts.forEach((a, i) => {
      t += a.gap;
      b.session(`S${i + 2}`).c(t, a.agentRing + a.customerRing + (a.answers ? a.talk : 0) + 5, {
        agent: a.agent,
        ciq: 'a',
        speakAt: t + a.agentRing,
        speak: a.customerRing + (a.answers ? a.talk : 0) + 1,
      });
      const cs = t + a.agentRing + 1;
      if (a.answers) b.c(cs, a.customerRing + a.talk, { ciq: 'c', speakAt: cs + a.customerRing, speak: a.talk });
      else b.c(cs, a.customerRing, { ciq: 'c', result: 't' });
      t = cs + a.customerRing + (a.answers ? a.talk : 0);
    });
    if (p.deleted) b.session('SD').q(t + 60, 0, 'Support', 'd');
    return b.rows;
  });

const outbound = fc
  .record({
    dialer: fc.constantFrom('', 'preview', 'contact'),
    agent,
    ring: sec(40),
    answers: fc.boolean(),
    silent: fc.boolean(),
    talk: sec(600),
    cancelled: fc.boolean(),
  })
  .map((p) => {
    const queue = p.dialer === '' ? '__Callout_Sales' : '__Dial_C1';
    const b = new CallBuilder('P3').i(0, '+4599', null).q(0, 0, queue, 'q');
    if (p.dialer === 'contact') {
      if (p.answers) {
        b.c(1, p.ring + p.talk, { ciq: 'c', speakAt: 1 + p.ring, speak: p.talk });
        if (p.silent) b.m(1 + p.ring, 5, 'Silent');
        else
          b.c(2 + p.ring, p.talk, {
            agent: p.agent,
            ciq: 'a',
            speakAt: 3 + p.ring,
            speak: p.talk - 2 > 0 ? p.talk - 2 : 0,
          });
      } else b.c(1, p.ring, { ciq: 'c', result: 't' });
      return b.rows;
    }
    b.c(0, p.ring + p.talk + 3, { agent: p.agent, ciq: 'a', speakAt: 1, speak: p.ring + p.talk + 1 });
    if (p.answers) b.c(2, p.ring + p.talk, { ciq: 'c', speakAt: 2 + p.ring, speak: p.talk });
    else {
      b.c(2, p.ring, { ciq: 'c', result: p.cancelled ? 'h' : 't' });
      if (p.cancelled) b.q(2 + p.ring, 0, queue, 'd');
    }
    return b.rows;
  });

const agentToAgent = fc
  .record({ a1: agent, a2: agent, ring: sec(30), answers: fc.boolean(), talk: sec(600) })
  .map((p) => {
    const b = new CallBuilder('P4').i(0, 'xxxxxxxx', null);
    if (p.answers) {
      return b
        .c(0, p.ring + p.talk + 1, { agent: p.a1, speakAt: 1, speak: p.ring + p.talk })
        .c(1, p.ring + p.talk, { agent: p.a2, speakAt: 1 + p.ring, speak: p.talk }).rows;
    }
    return b.c(0, p.ring + 1, { agent: p.a1, speakAt: 1, speak: p.ring }).c(1, p.ring, { agent: p.a2, result: 't' })
      .rows;
  });

/** Any plausible call: the rows of one call_id. */
export const anyCall: fc.Arbitrary<CallEventRow[]> = fc.oneof(inbound, callback, outbound, agentToAgent);
