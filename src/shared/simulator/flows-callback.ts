// Callback in queue (R1–R9): the ordering session (by phone or on the web),
// then one session per attempt — the agent is called first, then the customer —
// up to maxAttempts, or until the request is deleted from the queue.
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
  startCall,
  type SimContext,
} from './context';
import { customerNumber } from './names';
import type { SimCall } from './rows';

interface CallbackRequest {
  call: SimCall;
  q: number;
  number: string;
  attempts: number;
  /** When an admin deletes the request (Infinity: never). */
  deleteAt: number;
  web: boolean;
}

/** R1: after the queue event with result q, 1–4 menus in which the callback is ordered / confirmed. */
export function orderCallbackByPhone(
  ctx: SimContext,
  call: SimCall,
  session: string,
  q: number,
  orderAt: number,
  caller: string,
): void {
  const { rng } = ctx;
  let now = orderAt;
  const steps: [string, string][] = [];
  if (rng.chance(0.2)) steps.push(['Tilbagekald: indtast nummer', 'M210']);
  steps.push(['Tilbagekald: bekræft nummer', 'M211']);
  if (rng.chance(0.8)) steps.push(['Tilbagekald bestilt', 'M212']);
  if (rng.chance(0.15)) steps.push(['Tak for opkaldet', 'M213']);
  for (const [name, id] of steps) {
    const d = rng.int(3, 12);
    menu(call, session, now, d, name, id);
    now += d * SEC;
  }
  const init = call.rows.find((r) => r.type === 'i' && r.session === session)!;
  init.dur = secsBetween(init.start, now);
  call.scenario = 'callback_answered_first';
  queueRequest(ctx, { call, q, number: caller, attempts: 0, deleteAt: Infinity, web: false }, now);
}

/** R9: ordered on a web form: an initiation and a queue event of zero duration. */
export function webCallback(ctx: SimContext, t: number): void {
  const { rng, config } = ctx;
  const q = rng.int(0, 2);
  const queue = config.queues[q]!;
  const call = startCall(ctx, 'callback_web');
  const session = ctx.newSession();
  const number = customerNumber(rng, queue.country);
  initiation(call, session, t, number, queue.accessNumber);
  queueRow(call, session, t, 0, queue.key, 'q');
  ctx.waiting[q]!.push(t);
  queueRequest(ctx, { call, q, number, attempts: 0, deleteAt: Infinity, web: true }, t);
}

function queueRequest(ctx: SimContext, req: CallbackRequest, at: number): void {
  if (ctx.rng.chance(ctx.config.callback.deleteShare)) req.deleteAt = at + ctx.rng.int(2, 45) * 60 * SEC;
  ctx.schedule(at, (now) => attempt(ctx, req, now));
}

function attempt(ctx: SimContext, req: CallbackRequest, readyAt: number): void {
  const { rng, config, roster } = ctx;
  const queue = config.queues[req.q]!;
  const best = roster.bestFor(req.q, readyAt);
  const at = best ? best.at : Infinity;
  if (req.deleteAt <= at) {
    // R8: deleted from the queue before the agent got it: a session with the deleted queue event.
    queueRow(req.call, ctx.newSession(), req.deleteAt === Infinity ? readyAt : req.deleteAt, 0, queue.key, 'd');
    req.call.scenario = 'callback_deleted';
    return finishCall(ctx, req.call);
  }
  if (!best) return finishCall(ctx, req.call);
  const agent = best.agent;
  const session = ctx.newSession();
  const start = readyAt + secsBetween(readyAt, at) * SEC;
  const alert = rng.int(2, 9);
  const agentAnswer = start + alert * SEC;
  const dial = agentAnswer + SEC;
  const ca = config.customerAnswer;
  const outcome = rng.weighted(cumulative([ca.person, ca.machine, ca.noAnswer, ca.busy, ca.error])); // person, machine, noAnswer, busy, error
  let agentSpeak: number;
  let answered = false;
  const to = { number: req.number, ciq: 'c' as const, leg: 'Customer', originating: queue.accessNumber };
  if (outcome <= 1) {
    const ring = outcome === 0 ? rng.int(4, 20) : rng.int(15, 25);
    const talk = outcome === 0 ? rng.seconds(queue.talkMedian, queue.talkSigma, 10, 3600) : rng.int(10, 40);
    leg(req.call, session, dial, ring, talk, 0, 'k', to);
    agentSpeak = 1 + ring + talk;
    answered = true;
  } else if (outcome === 2) {
    const ring = rng.int(20, 35);
    leg(req.call, session, dial, ring, -1, 0, 't', to);
    agentSpeak = 1 + ring + rng.int(0, 3);
  } else {
    leg(req.call, session, dial, rng.int(1, 3), -1, 0, outcome === 3 ? 'b' : 'e', to);
    agentSpeak = rng.int(2, 6);
  }
  const wrap = rng.seconds(12, 0.8, 0, 300);
  const a = leg(req.call, session, start, alert, agentSpeak, wrap, 'k', {
    agent,
    ciq: 'a',
    leg: 'Agent',
    originating: req.number,
  });
  agent.freeAt = a.start + a.dur * SEC;
  req.attempts++;
  const endTalk = agentAnswer + agentSpeak * SEC;
  if (answered ? rng.chance(config.agents.registrationShare) : rng.chance(0.3)) {
    register(ctx, req.call, agent, endTalk + Math.round(wrap / 2) * SEC, answered ? undefined : 'Ikke truffet');
  }
  if (answered) {
    req.call.scenario =
      outcome === 1
        ? 'callback_answering_machine'
        : req.web && req.attempts === 1
          ? 'callback_web'
          : req.attempts === 1
            ? 'callback_answered_first'
            : req.attempts === 2
              ? 'callback_answered_second'
              : 'callback_answered_third';
    return finishCall(ctx, req.call);
  }
  if (req.attempts >= config.callback.maxAttempts) {
    req.call.scenario = 'callback_unanswered';
    return finishCall(ctx, req.call);
  }
  const [lo, hi] = config.callback.retryMinutes;
  ctx.schedule(endTalk + rng.int(lo * 60, hi * 60) * SEC, (now) => attempt(ctx, req, now));
}
