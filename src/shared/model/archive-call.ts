// The archive call: the output contract (one JSON object per call, as
// `callscope convert` prints it and `callscope show --json` returns it).

import type { RowOrigin } from './call-events';

export const ARCHIVE_EVENT_TYPES = [
  'queue',
  'queue_callback',
  'conversation',
  'consult',
  'consult_queue',
  'menu',
  'deleted',
] as const;
/** Listed in the spec's tie order: events starting at the same moment sort in this order. */
export type ArchiveEventType = (typeof ARCHIVE_EVENT_TYPES)[number];

export const CALL_TYPES = [
  'inbound',
  'callback',
  'callout',
  'agent_to_agent',
  'dialer_preview',
  'dialer_contact_first',
] as const;
export type CallType = (typeof CALL_TYPES)[number];

export const OUTCOMES = ['answered', 'unanswered', 'abandoned', 'deleted', 'rejected', 'pending'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ArchiveEvent {
  type: ArchiveEventType;
  /** ISO 8601 UTC. */
  start: string;
  end: string;
  durationSec: number;
  /** Menu / queue name (from companion tables when present, else the key). */
  name: string | null;
  /** Agent name (or id when no agents table). */
  agent: string | null;
  /** English label, e.g. "1 unanswered call finished"; null when none. */
  label: string | null;
  labelDa: string | null;
  /** Raw result code behind the event, when one applies. */
  result: string | null;
}

export interface ArchiveCall {
  callId: string;
  type: CallType;
  /** Dialer mode name where the export tells it (preview, predictive, power, progressive). */
  dialerMode: string | null;
  start: string;
  end: string;
  callerNumber: string | null;
  accessNumber: string | null;
  queues: string[];
  agents: string[];
  outcome: Outcome;
  timeBeforeAnswerSec: number | null;
  waitTimeSec: number | null;
  speakTimeSec: number;
  callbackAttempts: number | null;
  registrations: string[];
  events: ArchiveEvent[];
}

/**
 * What the engine returns: the contract object plus, per event, the input rows
 * it was derived from (for the auditor's trace; not part of the JSON contract).
 */
export interface DerivedCall {
  call: ArchiveCall;
  /** Same length and order as call.events. */
  eventSources: RowOrigin[][];
  /** Rows the engine did not use for any event but keeps (e.g. unknown codes): with reason. */
  kept: { origin: RowOrigin; reason: string }[];
  /** Grouping key for R19 (dialer contact), when present. */
  contactKey: string | null;
  /** Involved agents as ids (call.agents holds their display names), same order. */
  agentIds?: string[];
  /** Queue keys of the call (call.queues holds their display names), same order. */
  queueKeys?: string[];
  /** Rows behind call fields rather than events (the initiation rows: start, caller and access number). */
  callSources?: RowOrigin[];
  /** Rows used, but interpreted (negative / absurd durations, …): for the import report. */
  warnings?: { origin: RowOrigin; message: string }[];
  /** Speaktime per agent id (seconds): every agent on the line in a Conversation or Consult instant. */
  speakTimeByAgent?: Record<string, number>;
  /** Callback / callout / dialer attempts, in order (the chart marks them on the Queue (callback) bar). */
  attempts?: CallAttempt[];
}

/** One attempt of a request call (R2–R6, R11, R17, R18): when, which agent, how it ended. */
export interface CallAttempt {
  /** ISO 8601 UTC: the attempt's first customer / contact leg. */
  start: string;
  end: string;
  /** When the customer / contact answered, or null. */
  answeredAt: string | null;
  /** Agent display name (the agent on the line), or null. */
  agent: string | null;
  /** The customer leg's result code (spec section 2, Conversation codes), lower-cased. */
  result: string | null;
  /** Agent and customer were connected (a Conversation exists). */
  connected: boolean;
}
