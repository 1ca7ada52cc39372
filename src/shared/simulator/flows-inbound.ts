// Inbound calls: IVR menus, queue (full / no agents / timeout / abandon /
// abort / callback order), the agent's answer, and what agents do during the
// call (welcome message R20, consult, transfer, consult to queue R21).
import { cumulative } from './prng';
import {
  SEC,
  finishCall,
  initiation,
  leg,
  menu,
  queueRow,
  register,
  secsBetween,
  speakEnd,
  startCall,
  type SimContext,
} from './context';
import { orderCallbackByPhone } from './flows-callback';
import { customerNumber } from './names';
import type { Agent } from './roster';
import type { SimCall, SimRow } from './rows';
import type { ScenarioName } from './scenarios';

const MAIN_LINE_QUEUES = 3; // queues 0..2 share the main number and its IVR menu

export function inboundCall(ctx: SimContext, t: number): void {
  const { rng, config } = ctx;
  let q = rng.weighted(cumulative(config.queues.map((x) => x.weight)));
  const surge = config.incidents.surge;
  if (ctx.inIncident(t) && rng.chance(surge / (1 + surge))) q = config.incidents.supportQueue;
  const queue = config.queues[q]!;
  const call = startCall(ctx, 'inbound_answered');
  const session = ctx.newSession();
  const caller = customerNumber(rng, queue.country);
  const init = initiation(call, session, t, caller, queue.accessNumber);
  let now = t;
  const welcome = rng.int(5, 9);
  menu(
    call,
    session,
    now,
    welcome,
    queue.country === 'dk' ? 'Velkomst' : queue.country === 'se' ? 'Välkommen' : 'Velkommen',
    `M10${q}`,
  );
  now += welcome * SEC;
  if (!ctx.isOpen(t)) {
    const closed = rng.int(10, 18);
    menu(call, session, now, closed, 'Lukket – åbningstider', 'M190');
    return end(ctx, call, init, now + closed * SEC, 'inbound_closed');
  }
  if (q < MAIN_LINE_QUEUES) {
    const r = rng.next();
    const dur = rng.int(4, 14);
    if (r < config.menuHangupShare) {
      menu(call, session, now, dur, 'Hovedmenu', 'M110', 'h');
      return end(ctx, call, init, now + dur * SEC, 'inbound_abandoned_menu');
    }
    if (r < config.menuHangupShare + 0.02) {
      // Timed out in the menu: the default exit leads to Kundeservice.
      menu(call, session, now, 10, 'Hovedmenu', 'M110', 't');
      now += 10 * SEC;
      q = 0;
    } else if (r < config.menuHangupShare + 0.04) {
      menu(call, session, now, dur, 'Hovedmenu', 'M110', 'n');
      now += dur * SEC;
      const again = rng.int(3, 8);
      menu(call, session, now, again, 'Hovedmenu', 'M110', 'k');
      now += again * SEC;
    } else {
      menu(call, session, now, dur, 'Hovedmenu', 'M110', 'k');
      now += dur * SEC;
    }
  }
  const res = queuePhase(ctx, call, session, q, now, caller, true);
  if (res.kind === 'callback') return; // the callback flow finishes the call
  end(ctx, call, init, res.end, res.scenario);
}

function end(ctx: SimContext, call: SimCall, init: SimRow, endAt: number, scenario: ScenarioName): void {
  init.dur = secsBetween(init.start, endAt);
  if (call.scenario === 'inbound_answered') call.scenario = scenario;
  finishCall(ctx, call);
}

type QueueResult = { kind: 'done'; end: number; scenario: ScenarioName } | { kind: 'callback' };

/** The caller in queue q from `tq`: every way out of a queue. */
// eslint-disable-next-line complexity -- one branch per queue outcome of the simulated flow
export function queuePhase(
  ctx: SimContext,
  call: SimCall,
  session: string,
  q: number,
  tq: number,
  caller: string,
  allowCallback: boolean,
): QueueResult {
  const { rng, config, roster } = ctx;
  const queue = config.queues[q]!;
  const waiting = ctx.waiting[q]!;
  if (waiting.waitingAt(tq) >= queue.maxWaiting) {
    queueRow(call, session, tq, 0, queue.key, 'f');
    menu(call, session, tq, 8, 'Køen er fuld', 'M193');
    return { kind: 'done', end: tq + 8 * SEC, scenario: 'inbound_full' };
  }
  let best = roster.anyLoggedOn(q, tq) ? roster.bestFor(q, tq) : null;
  if (!best || best.at === Infinity) {
    queueRow(call, session, tq, 0, queue.key, 's');
    menu(call, session, tq, 9, 'Ingen ledige medarbejdere', 'M194');
    return { kind: 'done', end: tq + 9 * SEC, scenario: 'inbound_rejected_no_agents' };
  }
  // A few callers wait as long as it takes (they meet the queue's time-out).
  const patience = rng.logNormal(config.patience.median, config.patience.sigma) * SEC * (rng.chance(0.08) ? 6 : 1);
  let offerAt = tq + secsBetween(tq, best.at) * SEC;
  let alert = rng.seconds(5, 0.5, 1, 20);
  let missed: SimRow | null = null;
  if (rng.chance(config.agents.noAnswerShare) && offerAt + 15 * SEC - tq < patience) {
    // The agent offered the call does not answer: ringing times out, the agent is set not-ready.
    missed = leg(call, session, offerAt, 15, -1, 0, 't', { agent: best.agent, leg: 'Agent' });
    best.agent.freeAt = offerAt + (15 + rng.int(60, 300)) * SEC;
    const next = roster.bestFor(q, offerAt + 15 * SEC);
    if (next && next.at !== Infinity) {
      best = next;
      offerAt = offerAt + 15 * SEC + secsBetween(offerAt + 15 * SEC, next.at) * SEC;
      alert = rng.seconds(5, 0.5, 1, 20);
    }
  }
  const answerAt = offerAt + alert * SEC;
  const waitMs = answerAt - tq;
  if (
    allowCallback &&
    queue.offersCallback &&
    waitMs > config.callback.offerAfterSec * SEC &&
    rng.chance(config.callback.acceptShare)
  ) {
    const orderAfter = rng.int(Math.round(config.callback.offerAfterSec / 2), config.callback.offerAfterSec);
    if (orderAfter * SEC < patience && !missed) {
      const orderAt = tq + orderAfter * SEC;
      queueRow(call, session, tq, orderAfter, queue.key, 'q');
      waiting.push(orderAt);
      orderCallbackByPhone(ctx, call, session, q, orderAt, caller);
      return { kind: 'callback' };
    }
  }
  if (waitMs > queue.maxWaitSec * SEC && patience > queue.maxWaitSec * SEC) {
    if (missed) call.rows.pop();
    queueRow(call, session, tq, queue.maxWaitSec, queue.key, 't');
    const leave = tq + queue.maxWaitSec * SEC;
    waiting.push(leave);
    menu(call, session, leave, 7, 'Prøv igen senere', 'M195');
    return { kind: 'done', end: leave + 7 * SEC, scenario: 'inbound_timeout' };
  }
  if (waitMs > patience) {
    const waited = Math.max(1, Math.round(patience / SEC));
    const leave = tq + waited * SEC;
    if (missed && missed.start + 15 * SEC > leave) call.rows.splice(call.rows.indexOf(missed), 1);
    waiting.push(leave);
    if (waited > 60 && rng.chance(0.04)) {
      queueRow(call, session, tq, waited, queue.key, 'a');
      const vm = rng.int(15, 60);
      menu(call, session, leave, vm, 'Telefonsvarer', 'M196');
      return { kind: 'done', end: leave + vm * SEC, scenario: 'inbound_abort_digit' };
    }
    queueRow(call, session, tq, waited, queue.key, 'h');
    return { kind: 'done', end: leave, scenario: 'inbound_abandoned_queue' };
  }
  queueRow(call, session, tq, secsBetween(tq, answerAt), queue.key, 'k');
  waiting.push(answerAt);
  const end = answered(ctx, call, session, q, best.agent, offerAt, alert, caller, allowCallback);
  return {
    kind: 'done',
    end: end.at,
    scenario: missed && end.scenario === 'inbound_answered' ? 'inbound_agent_no_answer' : end.scenario,
  };
}

/** The agent answered at offerAt + alert: talk, and maybe R20 / R21 behaviour. Returns when the caller's call ends. */
function answered(
  ctx: SimContext,
  call: SimCall,
  session: string,
  q: number,
  agent: Agent,
  offerAt: number,
  alert: number,
  caller: string,
  mayTransfer: boolean,
): { at: number; scenario: ScenarioName } {
  const { rng, config, roster } = ctx;
  const queue = config.queues[q]!;
  const talk = rng.seconds(queue.talkMedian, queue.talkSigma, 8, 5400);
  const wrap = rng.seconds(15, 0.9, 0, 400);
  const a1 = leg(call, session, offerAt, alert, talk, wrap, 'k', { agent, leg: 'Agent', originating: caller });
  const answerAt = a1.speakStart;
  agent.freeAt = a1.start + a1.dur * SEC;
  let scenario: ScenarioName = 'inbound_answered';
  if (queue.welcomeToAgent) {
    menu(call, session, answerAt, rng.int(3, 5), 'Velkomstbesked til kunde og agent', 'M150');
    scenario = 'inbound_welcome_message';
  }
  let callEnd = speakEnd(a1);
  const a = config.agents;
  const r = rng.next();
  const tx = answerAt + Math.round(talk * (0.3 + rng.next() * 0.4)) * SEC;
  if (r < a.consultShare) {
    const other = roster.freeAgentAt(tx, rng, agent);
    const ring = rng.int(3, 15);
    if (other && !rng.chance(0.1)) {
      const s2 = rng.seconds(60, 0.6, 10, 900);
      const c = leg(call, session, tx, ring, s2, rng.int(0, 20), 'k', {
        agent: other,
        leg: 'ConsultAgent',
        originating: agent.phone,
      });
      other.freeAt = c.start + c.dur * SEC;
      holdFor(a1, ring + s2);
      scenario = 'inbound_consult';
    } else {
      const busy = roster.agents[rng.int(0, roster.agents.length - 1)]!;
      if (busy !== agent) {
        leg(call, session, tx, 25, -1, 0, 't', { agent: busy, leg: 'ConsultAgent', originating: agent.phone });
        holdFor(a1, 25);
        scenario = 'inbound_consult_unanswered';
      }
    }
    callEnd = speakEnd(a1);
  } else if (mayTransfer && r < a.consultShare + a.transferShare) {
    const other = roster.freeAgentAt(speakEnd(a1), rng, agent);
    if (other) {
      const ring = rng.int(3, 12);
      const s2 = rng.seconds(120, 0.6, 10, 1800);
      const c = leg(call, session, speakEnd(a1), ring, s2, rng.int(0, 30), 'k', {
        agent: other,
        leg: 'TransferAgent',
        originating: caller,
      });
      other.freeAt = c.start + c.dur * SEC;
      callEnd = speakEnd(c);
      scenario = 'inbound_transfer_agent';
    }
  } else if (mayTransfer && r < a.consultShare + a.transferShare + a.transferQueueShare) {
    const q2 = otherQueue(ctx, q);
    const res = queuePhase(ctx, call, session, q2, speakEnd(a1), caller, false);
    if (res.kind === 'done') {
      callEnd = res.end;
      scenario = 'inbound_transfer_queue';
    }
  } else if (mayTransfer && r < a.consultShare + a.transferShare + a.transferQueueShare + a.consultQueueShare) {
    const q2 = otherQueue(ctx, q);
    const best = roster.bestFor(q2, tx);
    if (best && best.at - tx < 150 * SEC && !rng.chance(0.15)) {
      const ring = rng.int(2, 8);
      const offer = tx + secsBetween(tx, best.at) * SEC;
      const qr = queueRow(call, session, tx, secsBetween(tx, offer) + ring, config.queues[q2]!.key, 'k');
      const s2 = rng.seconds(150, 0.6, 20, 1800);
      const c = leg(call, session, offer, ring, s2, rng.int(0, 30), 'k', {
        agent: best.agent,
        leg: 'ConsultAgent',
        originating: caller,
      });
      best.agent.freeAt = c.start + c.dur * SEC;
      // Agent 1 introduces the caller, then leaves; agent 2 carries on.
      const stay = qr.dur + rng.int(10, 40);
      setSpeak(a1, secsBetween(a1.speakStart, tx) + stay, wrap);
      callEnd = speakEnd(c);
      scenario = 'inbound_consult_queue';
    } else {
      const tried = rng.int(30, 90);
      queueRow(call, session, tx, tried, config.queues[q2]!.key, 'c');
      holdFor(a1, tried);
      callEnd = speakEnd(a1);
      scenario = 'inbound_consult_queue_aborted';
    }
  }
  agent.freeAt = a1.start + a1.dur * SEC;
  if (rng.chance(a.registrationShare)) register(ctx, call, agent, speakEnd(a1) + Math.round(wrap / 2) * SEC);
  return { at: Math.max(callEnd, speakEnd(a1)), scenario };
}

function otherQueue(ctx: SimContext, q: number): number {
  const n = Math.min(MAIN_LINE_QUEUES, ctx.config.queues.length);
  const q2 = ctx.rng.int(0, n - 2);
  return q2 >= q ? Math.min(q2 + 1, n - 1) : q2;
}

/** The agent keeps talking-time on the line while the caller is on hold for `sec` (consult). */
function holdFor(r: SimRow, sec: number): void {
  r.consult += 1;
  r.hold += 1;
  r.onHoldSec += sec;
  r.speak += sec;
  r.dur += sec;
}

function setSpeak(r: SimRow, speak: number, wrap: number): void {
  r.speak = speak;
  r.dur = secsBetween(r.start, r.speakStart) + speak + wrap;
}
