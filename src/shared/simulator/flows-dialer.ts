// Dialer campaigns (R17–R19). Each attempt to a contact is a new call_id; the
// contact is linked by the call variables contact_id, campaign_id, dialer_mode.
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

const CONTACT_FIRST_ANSWERED = {
  predictive: 'dialer_predictive_answered',
  power: 'dialer_power_answered',
  progressive: 'dialer_progressive_answered',
} as const;

interface Contact {
  id: string;
  number: string;
  campaign: number;
  attempts: number;
}

export function newContact(ctx: SimContext, t: number): void {
  const { rng, config } = ctx;
  const contact: Contact = {
    id: ctx.newContactId(),
    number: customerNumber(rng, rng.chance(0.9) ? 'dk' : 'no'),
    campaign: rng.weighted(cumulative(config.campaigns.map((c) => c.weight))),
    attempts: 0,
  };
  dial(ctx, contact, ctx.nextDialerSlot(t));
}

// eslint-disable-next-line complexity -- one branch per dialer outcome of the simulated flow
function dial(ctx: SimContext, contact: Contact, t: number): void {
  const { rng, config, roster } = ctx;
  const campaign = config.campaigns[contact.campaign]!;
  contact.attempts++;
  const call = startCall(ctx, contact.attempts > 1 ? 'dialer_retry' : 'dialer_predictive_answered');
  call.variables.push(['contact_id', contact.id], ['campaign_id', campaign.campaignId], ['dialer_mode', campaign.mode]);
  const s1 = ctx.newSession();
  initiation(call, s1, t, contact.number, '');
  queueRow(call, s1, t, 0, campaign.key, 'q');
  const s2 = ctx.newSession();
  const d = config.dialer;
  const to = { number: contact.number, ciq: 'c' as const, leg: 'Customer', originating: '4570102099' };
  const r = rng.next();
  const outcome =
    r < d.answerShare
      ? 'k'
      : r < d.answerShare + d.busyShare
        ? 'b'
        : r < d.answerShare + d.busyShare + d.errorShare
          ? 'e'
          : 't';
  const ring = outcome === 'k' ? rng.int(4, 20) : outcome === 't' ? rng.int(25, 40) : rng.int(1, 3);
  let answered = false;
  let endAt: number;
  if (campaign.mode === 'preview') {
    // Agent first: the agent previews the contact, accepts, then the contact is called.
    const best = roster.bestFor(0, t);
    if (!best || best.at === Infinity) {
      if (contact.attempts === 1) call.scenario = 'dialer_preview_unanswered';
      return finishCall(ctx, call);
    }
    const start = t + secsBetween(t, best.at) * SEC;
    const preview = rng.int(5, 40);
    const dialAt = start + (preview + 1) * SEC;
    let agentSpeak: number;
    if (outcome === 'k') {
      const talk = rng.seconds(150, 0.7, 10, 2400);
      leg(call, s2, dialAt, ring, talk, 0, 'k', to);
      agentSpeak = 1 + ring + talk;
      answered = true;
    } else {
      leg(call, s2, dialAt, ring, -1, 0, outcome, to);
      agentSpeak = 1 + ring;
    }
    const a = leg(call, s2, start, preview, agentSpeak, rng.seconds(12, 0.8, 0, 200), 'k', {
      agent: best.agent,
      ciq: 'a',
      leg: 'Agent',
      originating: contact.number,
    });
    best.agent.freeAt = a.start + a.dur * SEC;
    if (answered && rng.chance(config.agents.registrationShare))
      register(ctx, call, best.agent, a.speakStart + agentSpeak * SEC);
    endAt = a.speakStart + agentSpeak * SEC;
    if (contact.attempts === 1) call.scenario = answered ? 'dialer_preview_answered' : 'dialer_preview_unanswered';
  } else {
    // Contact first: the dialer calls the contact; an agent only if it answers and one is free.
    const dialAt = t + rng.int(1, 4) * SEC;
    if (outcome !== 'k') {
      leg(call, s2, dialAt, ring, -1, 0, outcome, to);
      endAt = dialAt + ring * SEC;
      if (contact.attempts === 1) call.scenario = 'dialer_contact_first_unanswered';
    } else {
      const answerAt = dialAt + ring * SEC;
      const best = roster.bestFor(0, answerAt);
      const overdial = campaign.mode === 'predictive' ? d.overdialSilentShare : d.overdialSilentShare / 4;
      if (best && best.at <= answerAt + 2 * SEC && !rng.chance(overdial)) {
        const join = secsBetween(answerAt, best.at);
        const talk = rng.seconds(150, 0.7, 10, 2400);
        const c = leg(call, s2, dialAt, ring, join + talk, 0, 'k', to);
        const a = leg(call, s2, answerAt, join, talk, rng.seconds(12, 0.8, 0, 200), 'k', {
          agent: best.agent,
          ciq: 'a',
          leg: 'Agent',
          originating: contact.number,
        });
        best.agent.freeAt = a.start + a.dur * SEC;
        if (rng.chance(config.agents.registrationShare)) register(ctx, call, best.agent, c.start + c.dur * SEC);
        endAt = c.start + c.dur * SEC;
        answered = true;
        if (contact.attempts === 1)
          call.scenario = CONTACT_FIRST_ANSWERED[campaign.mode as 'predictive' | 'power' | 'progressive'];
      } else {
        // R18 silent call: the contact answered, no agent was free: a message is played.
        const msg = rng.int(4, 7);
        leg(call, s2, dialAt, ring, msg, 0, 'k', to);
        menu(call, s2, answerAt, msg, 'Dialer: stille opkald', 'M300');
        endAt = answerAt + msg * SEC;
        if (contact.attempts === 1) call.scenario = 'dialer_contact_first_silent';
      }
    }
  }
  finishCall(ctx, call);
  if (!answered && contact.attempts < d.maxAttempts) {
    const [lo, hi] = d.retryHours;
    const next = ctx.nextDialerSlot(endAt + rng.int(lo * 60, hi * 60) * 60 * SEC);
    ctx.schedule(next, (now) => {
      if (ctx.claimCall()) dial(ctx, contact, now);
    });
  }
}
