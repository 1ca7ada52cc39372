// The pure statistics: archive calls in, figures out (the reference the SQL
// implementation in src/main/statistics is tested against).
import { addCall, emptyAccumulator, finishFigures, isQueueCall, round1, toMs } from './figures';
import { reportedParameters, timeKey } from './time';
import type {
  AgentFigures,
  CampaignAttempts,
  GroupKey,
  Grouping,
  OutboundCount,
  OutboundFigures,
  QueueAccumulator,
  QueueGroup,
  SilentShare,
  StatisticsResult,
  StatsCall,
  StatsParameters,
} from './types';

const startMs = (c: StatsCall): number => Date.parse(c.start);

export function inPeriod(ms: number, p: Pick<StatsParameters, 'fromMs' | 'toMs'>): boolean {
  return (p.fromMs === null || ms >= p.fromMs) && (p.toMs === null || ms < p.toMs);
}

/**
 * The values a call has for a grouping: every queue of its queues (spec "By queue"), every
 * agent of its agents (a call with none is in the null group, so the agent groups cover every
 * offered call), its type, or the key of the local interval containing its start.
 */
export function valuesOf(c: StatsCall, g: Grouping, zone: string): (string | null)[] {
  switch (g) {
    case 'queue':
      return c.queues.length ? [...new Set(c.queues)] : [null];
    case 'agent':
      return c.agents.length ? [...new Set(c.agents)] : [null];
    case 'type':
      return [c.type];
    default:
      return [timeKey(g, startMs(c), zone)];
  }
}

/** Groups sort by their key's values in order, null last. */
export function compareKeys(by: readonly Grouping[], a: GroupKey, b: GroupKey): number {
  for (const g of by) {
    const x = a[g] ?? null;
    const y = b[g] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function queueGroups(calls: readonly StatsCall[], p: StatsParameters): QueueGroup[] {
  const groups = new Map<string, { key: GroupKey; acc: QueueAccumulator }>();
  for (const c of calls) {
    if (!isQueueCall(c) || !inPeriod(startMs(c), p)) continue;
    let keys: GroupKey[] = [{}];
    for (const g of p.by) keys = keys.flatMap((k) => valuesOf(c, g, p.timeZone).map((v) => ({ ...k, [g]: v })));
    for (const key of keys) {
      const id = JSON.stringify(p.by.map((g) => key[g]));
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { key, acc: emptyAccumulator() }));
      addCall(group.acc, c, p);
    }
  }
  return [...groups.values()]
    .map((g) => ({ key: g.key, ...finishFigures(g.acc, p) }))
    .sort((a, b) => compareKeys(p.by, a.key, b.key));
}

export function agentFigures(calls: readonly StatsCall[], p: StatsParameters): AgentFigures[] {
  const per = new Map<
    string,
    { answered: number; consults: number; handled: number; offers: number; talkMs: number }
  >();
  const of = (agent: string) => {
    let a = per.get(agent);
    if (!a) per.set(agent, (a = { answered: 0, consults: 0, handled: 0, offers: 0, talkMs: 0 }));
    return a;
  };
  for (const c of calls) {
    if (!inPeriod(startMs(c), p)) continue;
    const talked = new Map<string, { conversation: boolean; consult: boolean }>();
    for (const e of c.events) {
      if ((e.type !== 'conversation' && e.type !== 'consult') || e.agent === null) continue;
      const t = talked.get(e.agent) ?? { conversation: false, consult: false };
      t[e.type] = true;
      talked.set(e.agent, t);
      of(e.agent).talkMs += toMs(e.durationSec);
    }
    for (const [agent, t] of talked) {
      const a = of(agent);
      a.handled++;
      if (t.conversation) a.answered++;
      if (t.consult) a.consults++;
    }
    // R5: an involved agent without a Conversation or Consult was offered the call and it went unanswered.
    for (const agent of new Set(c.agents)) if (!talked.has(agent)) of(agent).offers++;
  }
  return [...per.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agent, a]) => ({
      agent,
      answered: a.answered,
      consults: a.consults,
      handled: a.handled,
      unansweredOffers: a.offers,
      talkSec: round1(a.talkMs / 1000),
      avgTalkSec: a.handled === 0 ? null : round1(a.talkMs / a.handled / 1000),
    }));
}

export const isDialer = (c: Pick<StatsCall, 'type'>): boolean =>
  c.type === 'dialer_preview' || c.type === 'dialer_contact_first';

/** R18 silent call: the contact answered, no agent was free: a Menu event (the message), no Conversation. */
export const isSilentDialerCall = (c: Pick<StatsCall, 'type' | 'outcome' | 'events'>): boolean =>
  isDialer(c) && c.outcome === 'unanswered' && c.events.some((e) => e.type === 'menu');

/** A dialer call's campaign: its (first) queue, the dialer campaign queue. */
export const campaignOf = (c: Pick<StatsCall, 'queues'>): string | null => c.queues[0] ?? null;

export function outboundFigures(calls: readonly StatsCall[], p: StatsParameters): OutboundFigures {
  const counts = new Map<string, OutboundCount>();
  const campaigns = new Map<string, { campaign: string | null; attempts: number; contacts: Set<string> }>();
  const silent = new Map<string, SilentShare>();
  let notQueued = 0;
  for (const c of calls) {
    if (!inPeriod(startMs(c), p) || isQueueCall(c)) continue;
    if (c.type === 'inbound' || c.type === 'callback') {
      notQueued++;
      continue;
    }
    const id = JSON.stringify([c.type, c.dialerMode, c.outcome]);
    const row = counts.get(id) ?? { type: c.type, mode: c.dialerMode, outcome: c.outcome, calls: 0 };
    row.calls++;
    counts.set(id, row);
    if (!isDialer(c)) continue;
    const campaign = campaignOf(c);
    const cid = JSON.stringify(campaign);
    const camp = campaigns.get(cid) ?? { campaign, attempts: 0, contacts: new Set<string>() };
    camp.attempts++;
    camp.contacts.add(c.contactKey ?? `call:${c.callId}`);
    campaigns.set(cid, camp);
    const isSilent = isSilentDialerCall(c);
    if (c.outcome !== 'answered' && !isSilent) continue;
    const day = timeKey('day', startMs(c), p.timeZone);
    const sid = JSON.stringify([day, campaign]);
    const s = silent.get(sid) ?? { day, campaign, connected: 0, silent: 0, silentPct: null, overLimit: false };
    s.connected++;
    if (isSilent) s.silent++;
    silent.set(sid, s);
  }
  const byText = (a: string | null, b: string | null) => compareKeys(['queue'], { queue: a }, { queue: b });
  return {
    calls: [...counts.values()].sort(
      (a, b) => byText(a.type, b.type) || byText(a.mode, b.mode) || byText(a.outcome, b.outcome),
    ),
    notQueued,
    campaigns: [...campaigns.values()]
      .map((x): CampaignAttempts => ({
        campaign: x.campaign,
        attempts: x.attempts,
        contacts: x.contacts.size,
        attemptsPerContact: x.contacts.size === 0 ? null : round1(x.attempts / x.contacts.size),
      }))
      .sort((a, b) => byText(a.campaign, b.campaign)),
    silent: [...silent.values()]
      .map((s) => finishSilent(s, p.silentLimitPct))
      .sort((a, b) => byText(a.day, b.day) || byText(a.campaign, b.campaign)),
    silentLimitPct: p.silentLimitPct,
  };
}

export function finishSilent(s: Omit<SilentShare, 'silentPct' | 'overLimit'>, limitPct: number): SilentShare {
  const exact = s.connected === 0 ? null : (s.silent * 100) / s.connected;
  return { ...s, silentPct: exact === null ? null : round1(exact), overLimit: exact !== null && exact > limitPct };
}

export function computeStatistics(calls: readonly StatsCall[], p: StatsParameters): StatisticsResult {
  const total = emptyAccumulator();
  for (const c of calls) if (isQueueCall(c) && inPeriod(startMs(c), p)) addCall(total, c, p);
  return {
    parameters: reportedParameters(p),
    groups: p.by.length ? queueGroups(calls, p) : [],
    total: finishFigures(total, p),
    agents: agentFigures(calls, p),
    outbound: outboundFigures(calls, p),
  };
}
