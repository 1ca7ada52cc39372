// Calls an agent starts: callouts (R10–R13) and agent-to-agent calls (R14–R16).
import {
  SEC,
  finishCall,
  initiation,
  leg,
  queueRow,
  register,
  secsBetween,
  startCall,
  type SimContext,
} from './context';
import { customerNumber } from './names';
import type { Agent } from './roster';

/** An agent free to dial at or soon after t (the earliest of a few drawn at random). */
function dialingAgent(ctx: SimContext, t: number): { agent: Agent; at: number } | null {
  const { roster, rng } = ctx;
  let best: Agent | null = null;
  let bestAt = Infinity;
  for (let k = 0; k < 4; k++) {
    const agent = roster.agents[rng.int(0, roster.agents.length - 1)]!;
    const at = roster.availableAt(agent, agent.freeAt > t ? agent.freeAt : t);
    if (at < bestAt) {
      bestAt = at;
      best = agent;
    }
  }
  return best && bestAt !== Infinity ? { agent: best, at: t + secsBetween(t, bestAt) * SEC } : null;
}

export function callout(ctx: SimContext, t: number): boolean {
  const { rng, config } = ctx;
  const who = dialingAgent(ctx, t);
  if (!who) return false;
  const { agent, at } = who;
  const business = agent.skills[0] === 3;
  const cq = config.calloutQueues[business && config.calloutQueues.length > 1 ? 1 : 0]!;
  const number = customerNumber(rng, rng.chance(0.85) ? 'dk' : rng.chance(0.5) ? 'se' : 'no');
  const call = startCall(ctx, 'callout_answered');
  const s1 = ctx.newSession();
  initiation(call, s1, at, number, '');
  queueRow(call, s1, at, 0, cq.key, 'q');
  const s2 = ctx.newSession();
  const to = { number, ciq: 'c' as const, leg: 'Customer', originating: '4570102030' };
  const dial = at + 2 * SEC;
  const r = rng.next();
  let agentSpeak: number;
  if (r < 0.02) {
    // The agent clicks Cancel before answering its own phone: agent leg h, extra deleted queue event.
    const ring = rng.int(2, 8);
    const a = leg(call, s2, at, ring, -1, 0, 'h', { agent, ciq: 'a', leg: 'Agent' });
    queueRow(call, s2, at + ring * SEC, 0, cq.key, 'd');
    agent.freeAt = a.start + a.dur * SEC;
    call.scenario = 'callout_cancelled';
    finishCall(ctx, call);
    return true;
  }
  let onHold = 0;
  if (r < 0.64) {
    const ring = rng.int(4, 22);
    let talk = rng.seconds(140, 0.7, 5, 3600);
    if (rng.chance(0.06)) {
      // R21 inside a callout: the agent consults a colleague while the called party holds.
      const tc = dial + (ring + Math.round(talk * (0.3 + rng.next() * 0.3))) * SEC;
      const other = ctx.roster.freeAgentAt(tc, rng, agent);
      if (other) {
        const ring2 = rng.int(3, 12);
        const talk2 = rng.seconds(60, 0.6, 10, 600);
        const c = leg(call, s2, tc, ring2, talk2, rng.int(0, 15), 'k', {
          agent: other,
          leg: 'ConsultAgent',
          originating: agent.phone,
        });
        other.freeAt = c.start + c.dur * SEC;
        onHold = ring2 + talk2;
        talk += onHold;
        call.scenario = 'callout_consult';
      }
    }
    leg(call, s2, dial, ring, talk, 0, 'k', to);
    agentSpeak = 1 + ring + talk;
  } else if (r < 0.8) {
    const ring = rng.int(10, 40);
    const byAgent = rng.chance(0.5);
    leg(call, s2, dial, ring, -1, 0, byAgent ? 'h' : 't', to);
    agentSpeak = 1 + ring;
    call.scenario = 'callout_unanswered';
  } else if (r < 0.93) {
    leg(call, s2, dial, rng.int(1, 3), -1, 0, rng.chance(0.8) ? 'b' : 'e', to);
    agentSpeak = rng.int(2, 5);
    call.scenario = 'callout_busy';
  } else {
    // R13: cancelled from the outbound tab while the number rings.
    const ring = rng.int(4, 15);
    leg(call, s2, dial, ring, -1, 0, 'h', to);
    queueRow(call, s2, dial + ring * SEC, 0, cq.key, 'd');
    agentSpeak = 1 + ring;
    call.scenario = 'callout_cancelled';
  }
  const wrap = rng.seconds(10, 0.8, 0, 200);
  const a = leg(call, s2, at, 1, agentSpeak, wrap, 'k', { agent, ciq: 'a', leg: 'Agent', originating: number });
  if (onHold > 0) {
    a.consult = 1;
    a.hold = 1;
    a.onHoldSec = onHold;
  }
  agent.freeAt = a.start + a.dur * SEC;
  if (
    (call.scenario === 'callout_answered' || call.scenario === 'callout_consult') &&
    rng.chance(config.agents.registrationShare)
  ) {
    register(ctx, call, agent, a.speakStart + agentSpeak * SEC);
  }
  finishCall(ctx, call);
  return true;
}

export function agentToAgent(ctx: SimContext, t: number): boolean {
  const { rng, roster } = ctx;
  const who = dialingAgent(ctx, t);
  if (!who || roster.agents.length < 2) return false;
  const { agent, at } = who;
  // Agents mostly call a colleague they can see is available; sometimes one who is busy or away.
  let other =
    (rng.chance(0.75) ? roster.freeAgentAt(at + SEC, rng, agent) : null) ??
    roster.agents[rng.int(0, roster.agents.length - 1)]!;
  if (other === agent) other = roster.agents[(agent.index + 1) % roster.agents.length]!;
  const call = startCall(ctx, 'agent_to_agent_answered');
  const s = ctx.newSession();
  const init = initiation(call, s, at, 'xxxxxxxx', other.phone);
  const ring2 = at + SEC;
  const free = other.freeAt <= ring2 && roster.availableAt(other, ring2) === ring2;
  let agentSpeak: number;
  if (free && rng.chance(0.85)) {
    const ring = rng.int(3, 20);
    const talk = rng.seconds(120, 0.8, 10, 1800);
    const c = leg(call, s, ring2, ring, talk, rng.int(0, 15), 'k', {
      agent: other,
      leg: 'AgentToAgent',
      originating: agent.phone,
    });
    other.freeAt = c.start + c.dur * SEC;
    agentSpeak = ring + talk;
  } else {
    const ring = rng.int(15, 35);
    leg(call, s, ring2, ring, -1, 0, 't', { agent: other, leg: 'AgentToAgent', originating: agent.phone });
    agentSpeak = ring;
    call.scenario = 'agent_to_agent_unanswered';
  }
  // R15: agent1's own softphone answers at once (time before answer 1 s) and stays on the line.
  const a = leg(call, s, at, 1, agentSpeak, rng.int(0, 10), 'k', { agent, leg: 'Agent', originating: 'xxxxxxxx' });
  agent.freeAt = a.start + a.dur * SEC;
  init.dur = 1 + agentSpeak;
  finishCall(ctx, call);
  return true;
}
