// Each figure's formula as shown next to it (tooltip, CSV header comment, report
// footer). English here for the CLI and CSV; the app shows the same text
// translated through its i18n messages (statistics.formula.*).
import type { AgentCountName, CountName, RatioName, StatsParameters } from './types';

export function queueFormulas(p: Pick<StatsParameters, 'slSeconds' | 'slAbandons' | 'shortAbandonSeconds'>) {
  const y = p.slSeconds;
  const sl = {
    ignore: `answeredWithinSl ÷ (offered − abandonedWithinSl) × 100 (abandoned within ${y} s ignored)`,
    fail: `answeredWithinSl ÷ offered × 100 (abandoned within ${y} s count as failures)`,
    succeed: `(answeredWithinSl + abandonedWithinSl) ÷ offered × 100 (abandoned within ${y} s count as successes)`,
  }[p.slAbandons];
  const formulas: Record<CountName | RatioName, string> = {
    offered: 'inbound and callback calls with a Queue or Queue (callback) event, by the start of the call',
    answered: 'offered calls with outcome answered',
    abandoned: 'offered calls with outcome abandoned',
    unanswered: 'offered calls with outcome unanswered',
    deleted: 'offered calls with outcome deleted',
    rejected: 'offered calls with outcome rejected',
    pending: 'offered calls with outcome pending',
    shortAbandoned: `abandoned with wait < ${p.shortAbandonSeconds} s`,
    callbacksRequested: 'offered calls with a Queue (callback) event',
    callbacksAnswered: 'callbacks requested that were answered',
    answeredWithinSl: `answered with wait ≤ ${y} s`,
    abandonedWithinSl: `abandoned with wait ≤ ${y} s`,
    serviceLevelPct: sl,
    answerRatePct: 'answered ÷ offered × 100',
    abandonRatePct: 'abandoned ÷ offered × 100',
    asaSec: 'mean wait of answered calls (wait = waitTimeSec, none = 0)',
    maxWaitSec: 'largest wait of offered calls',
    avgTalkSec: 'mean speakTimeSec of answered calls: talk time, not handle time (the export has no wrap-up per call)',
  };
  return formulas;
}

export const AGENT_FORMULAS: Record<AgentCountName | 'talkSec' | 'avgTalkSec', string> = {
  answered: 'calls in which the agent had a Conversation',
  consults: 'calls in which the agent had a Consult',
  handled: 'calls in which the agent had a Conversation or a Consult',
  unansweredOffers:
    'calls naming the agent without a Conversation or Consult of theirs (unanswered callback attempt, R5)',
  talkSec: "sum of the agent's Conversation and Consult durations",
  avgTalkSec: 'talkSec ÷ handled',
};

export const OUTBOUND_FORMULAS = {
  calls: 'callouts, agent-to-agent and dialer calls by type, dialer mode and outcome',
  attemptsPerContact: 'dialer calls ÷ distinct contacts (a call without a contact variable is its own contact)',
  connected: 'dialer calls answered by the contact: answered + silent',
  silent: 'dialer calls with a silent-call message (Menu) and no Conversation (R18)',
  silentPct: 'silent ÷ connected × 100, marked above the limit',
  notQueued: 'inbound and callback calls without a Queue event (in no queue figure)',
} as const;
