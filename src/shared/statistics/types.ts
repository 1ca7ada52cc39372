// Queue statistics (docs/statistics.md, /work/shared/spec/statistics.md): the
// parameters, groupings and the figures' names as the spec writes them.
import type { CallType, Outcome } from '../model/archive-call';

export const GROUPINGS = ['queue', 'agent', 'type', 'hour', 'day', 'week', 'month', 'hourofday', 'weekday'] as const;
/** A grouping dimension; no dimension at all is the total. */
export type Grouping = (typeof GROUPINGS)[number];
export const TIME_GROUPINGS: readonly Grouping[] = ['hour', 'day', 'week', 'month', 'hourofday', 'weekday'];

export const SL_ABANDONS = ['ignore', 'fail', 'succeed'] as const;
/** How calls abandoned within the service-level threshold count (Cisco ICM's three service-level types). */
export type SlAbandons = (typeof SL_ABANDONS)[number];

export interface StatsParameters {
  /** The service-level threshold Y in seconds (spec default 20). */
  slSeconds: number;
  slAbandons: SlAbandons;
  /** Abandoned with wait below this is a short abandon (spec default 5). */
  shortAbandonSeconds: number;
  /** The display time zone (IANA): periods and day / week / month keys are local to it. */
  timeZone: string;
  /** Period start (inclusive), epoch ms UTC; null: from the first call. */
  fromMs: number | null;
  /** Period end (exclusive), epoch ms UTC; null: to after the last call. */
  toMs: number | null;
  /** Zero, one or two dimensions (queue × day is ['queue', 'day']). */
  by: Grouping[];
  /** Silent dialer calls' share of connected calls above this is marked (percent; default 3). */
  silentLimitPct: number;
}

export const DEFAULT_PARAMETERS = {
  slSeconds: 20,
  slAbandons: 'ignore',
  shortAbandonSeconds: 5,
  silentLimitPct: 3,
} as const satisfies Partial<StatsParameters>;

/** The counts of a group (spec "Counts"), in the spec's order. */
export const COUNT_NAMES = [
  'offered',
  'answered',
  'abandoned',
  'unanswered',
  'deleted',
  'rejected',
  'pending',
  'shortAbandoned',
  'callbacksRequested',
  'callbacksAnswered',
  'answeredWithinSl',
  'abandonedWithinSl',
] as const;
export type CountName = (typeof COUNT_NAMES)[number];

/** Ratios and times of a group (spec "Ratios and times"); null where the denominator is 0. */
export const RATIO_NAMES = [
  'serviceLevelPct',
  'answerRatePct',
  'abandonRatePct',
  'asaSec',
  'maxWaitSec',
  'avgTalkSec',
] as const;
export type RatioName = (typeof RATIO_NAMES)[number];

export type QueueFigures = Record<CountName, number> & Record<RatioName, number | null>;

/**
 * What a group adds up before its ratios are computed: the counts plus exact sums
 * (waits and talk in whole milliseconds, so any summing order gives the same value).
 */
export interface QueueAccumulator extends Record<CountName, number> {
  answeredWaitMs: number;
  answeredTalkMs: number;
  /** Largest wait of the offered calls (seconds, as stored); null with no offered call. */
  maxWaitSec: number | null;
}

/** A group's key: one entry per grouping dimension; null where the call has none (e.g. no agent). */
export type GroupKey = Partial<Record<Grouping, string | null>>;

/** One row of the queue table: its key and its figures (the JSON shape of `callscope stats`). */
export type QueueGroup = { key: GroupKey } & QueueFigures;

export const AGENT_COUNT_NAMES = ['answered', 'consults', 'handled', 'unansweredOffers'] as const;
export type AgentCountName = (typeof AGENT_COUNT_NAMES)[number];

export interface AgentFigures extends Record<AgentCountName, number> {
  agent: string;
  /** Sum of the agent's Conversation and Consult durations (seconds). */
  talkSec: number;
  /** talkSec ÷ handled; null when handled is 0. */
  avgTalkSec: number | null;
}

/** Outbound (and other non-queue) calls by type, dialer mode and outcome. */
export interface OutboundCount {
  type: CallType;
  mode: string | null;
  outcome: Outcome;
  calls: number;
}

export interface CampaignAttempts {
  campaign: string | null;
  /** Dialer calls (each attempt is a call, R19). */
  attempts: number;
  /** Distinct contacts (the contact call variable; a call without one is its own contact). */
  contacts: number;
  attemptsPerContact: number | null;
}

export interface SilentShare {
  day: string;
  campaign: string | null;
  /** Dialer calls the contact answered: answered plus silent. */
  connected: number;
  /** Silent dialer calls: contact answered, no agent free (R18: a Menu event, no Conversation). */
  silent: number;
  silentPct: number | null;
  overLimit: boolean;
}

export interface OutboundFigures {
  calls: OutboundCount[];
  /** Inbound / callback calls without a queue event (e.g. hung up in the menu): in no queue figure. */
  notQueued: number;
  campaigns: CampaignAttempts[];
  silent: SilentShare[];
  silentLimitPct: number;
}

/** The parameters as reported: the period as ISO instants in the display zone. */
export interface ReportedParameters extends Omit<StatsParameters, 'fromMs' | 'toMs'> {
  from: string | null;
  to: string | null;
}

export interface StatisticsResult {
  parameters: ReportedParameters;
  groups: QueueGroup[];
  total: QueueFigures;
  agents: AgentFigures[];
  outbound: OutboundFigures;
}

/** The minimum of an archive call the figures read (spec: "computed from archive calls"). */
export interface StatsCall {
  callId: string;
  type: CallType;
  dialerMode: string | null;
  start: string;
  queues: string[];
  agents: string[];
  outcome: Outcome;
  waitTimeSec: number | null;
  speakTimeSec: number;
  events: { type: string; durationSec: number; agent: string | null }[];
  /** The dialer contact (R19 grouping key; not in the contract JSON: the archive's contact_key). */
  contactKey?: string | null;
}
