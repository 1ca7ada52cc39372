// The rows one derived call becomes (calls, events, call_docs of other platforms' calls, links, free text,
// raw-row statuses), as plain values. Pure: no database and no node imports, so
// it runs in the derive worker as well as in the import thread, and what crosses
// between the two threads is arrays of strings and numbers (cheap to clone).
import type { EventValues } from '../store/event-rows';
import type { ArchiveCall, DerivedCall } from '../../shared/model/archive-call';
import type { RowOrigin } from '../../shared/model/call-events';
import { toContractJson } from '../../shared/engine/contract-json';
import { callRowVerdicts, originKey } from '../../shared/model/row-ledger';
import { agentTalk, statsFlags } from '../../shared/statistics/precomputed';
import { callOutcomeCode, callTypeCode } from '../store/coded-columns';

/** A stored raw row of a call, as the writer needs it for the accounting. */
export interface StoredRowRef {
  id: number;
  origin: RowOrigin;
  status: 'used' | 'kept';
  reason: string | null;
  /**
   * Read back from raw_rows (not inserted by the chunk being derived). Its status
   * may be changed by a derivation written after it was read (the derive worker
   * writes chunks in order, but reads the next chunk's rows before the previous
   * chunk is written), so its new status is written conditionally, never skipped.
   */
  fromStore?: boolean;
}

/** The calls columns after call_id, in the order of CALL_VALUE_COLUMNS (fts_hash and import_id are added by the writer). */
export const CALL_VALUE_COLUMNS = [
  'call_type_code', // codes of the model's lists (coded-columns.ts); `type` and `outcome` are generated from them
  'dialer_mode',
  'start_ms',
  'end_ms',
  'duration_sec',
  'caller_number',
  'access_number',
  'queue',
  'agent',
  'call_outcome_code',
  'time_before_answer_sec',
  'wait_time_sec',
  'speak_time_sec',
  'callback_attempts',
  'contact_key',
  'stats_flags', // what the statistics read of its events (src/shared/statistics/precomputed.ts)
] as const;

export type SqlValue = string | number | null;

/** A raw row whose stored status must be (re)written: [id, status, reason, only if it differs (1) or always (0)]. */
export type StatusChange = [number, 'used' | 'kept', string | null, 0 | 1];

export interface PreparedCall {
  callId: string;
  /** Values of CALL_VALUE_COLUMNS. */
  values: SqlValue[];
  startMs: number;
  /**
   * toContractJson(call) for call_docs: only for calls the read path cannot derive again from
   * their stored rows (other platforms' calls); null for call-events calls (built on read).
   */
  json: string | null;
  /** events rows after `call`: seq, type, start_ms, end_ms, duration_sec, name, agent, result, source_ids. */
  events: [seq: number, ...EventValues][];
  queues: string[];
  agents: string[];
  /** Per agent of agents (same index): call_agents.talk and talk_ms (agentTalk). */
  agentTalk: [number, number][];
  /** What calls_fts holds of it: its own text (ownText), not the names (nameTerms). */
  fts: string;
  /** Its names not found through call_agents / call_queues (nameTerms), for call_name_sets. */
  names: string[];
  /** hash53 of its whole searchable text (ftsText): own text and names. */
  ftsHash: number;
  statuses: StatusChange[];
}

/** A derived call to store, or a call that could not be derived (with its rows' new statuses). */
export type StoreItem =
  { callId: string; isNew: boolean; prepared: PreparedCall } | { callId: string; underivable: StatusChange[] };

/** A row's file and line as a map key: the row ledger's own (one definition). */
export { originKey } from '../../shared/model/row-ledger';

export function prepareCall(derived: DerivedCall, rows: readonly StoredRowRef[], withDoc = false): PreparedCall {
  const c = derived.call;
  const byOrigin = new Map<string, number>();
  for (const r of rows) byOrigin.set(originKey(r.origin), r.id);
  const startMs = Date.parse(c.start);
  const endMs = Date.parse(c.end);
  const values: SqlValue[] = [
    callTypeCode(c.type),
    c.dialerMode,
    startMs,
    endMs,
    Math.max(0, (endMs - startMs) / 1000),
    c.callerNumber,
    c.accessNumber,
    c.queues[0] ?? null,
    c.agents[0] ?? null,
    callOutcomeCode(c.outcome),
    c.timeBeforeAnswerSec,
    c.waitTimeSec,
    c.speakTimeSec,
    c.callbackAttempts,
    derived.contactKey,
    statsFlags(c.events),
  ];
  const events = c.events.map((e, seq): [seq: number, ...EventValues] => {
    const sources: number[] = [];
    for (const o of derived.eventSources[seq] ?? []) {
      const id = byOrigin.get(originKey(o));
      if (id !== undefined) sources.push(id);
    }
    return [
      seq,
      e.type,
      Date.parse(e.start),
      Date.parse(e.end),
      e.durationSec,
      e.name,
      e.agent,
      e.result,
      JSON.stringify(sources),
    ];
  });
  const text = ftsText(c);
  // The engine's involved agents include every agent of a Conversation / Consult (derive.ts), so each talk is kept.
  const talk = agentTalk(c.events);
  return {
    callId: c.callId,
    values,
    startMs,
    json: withDoc ? toContractJson(c) : null,
    events,
    queues: c.queues,
    agents: c.agents,
    agentTalk: c.agents.map((a): [number, number] => {
      const t = talk.get(a);
      return t ? [t.talk, t.talkMs] : [0, 0];
    }),
    fts: ownText(c),
    names: nameTerms(c),
    ftsHash: hash53(text),
    statuses: rowStatuses(derived, rows),
  };
}

/**
 * The rows' accounting after a derivation, as convert decides it (callRowVerdicts): kept with the
 * engine's reason, else used (the changes, see statusChange).
 */
export function rowStatuses(derived: Pick<DerivedCall, 'kept'>, rows: readonly StoredRowRef[]): StatusChange[] {
  const verdicts = callRowVerdicts(
    derived,
    rows.map((r) => r.origin),
  );
  const statuses: StatusChange[] = [];
  rows.forEach((r, i) => {
    const v = verdicts[i];
    statusChange(statuses, r, v?.status === 'kept' ? 'kept' : 'used', v?.reason ?? null);
  });
  return statuses;
}

/** The status changes of a call the engine could not derive: every row kept with the reason. */
export function underivableStatuses(rows: readonly StoredRowRef[], reason: string): StatusChange[] {
  const statuses: StatusChange[] = [];
  for (const r of rows) statusChange(statuses, r, 'kept', reason);
  return statuses;
}

function statusChange(out: StatusChange[], r: StoredRowRef, status: 'used' | 'kept', reason: string | null): void {
  if (status !== r.status || reason !== r.reason) out.push([r.id, status, reason, 0]);
  else if (r.fromStore) out.push([r.id, status, reason, 1]);
}

/** Two FNV-1a variants folded into 53 bits: tells whether a call's free-text entry changed. */
export function hash53(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Digits only, for numbers written with spaces, dashes or a leading +. */
export function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}

/** The fields of a call its free-text entry is made of (the contract JSON has all of them). */
export type FtsFields = Pick<
  ArchiveCall,
  'callId' | 'callerNumber' | 'accessNumber' | 'agents' | 'queues' | 'registrations'
> & {
  events: readonly Pick<ArchiveCall['events'][number], 'label' | 'labelDa' | 'name' | 'agent'>[];
};

/** A call's caller and access numbers as written and, where they differ, as digits only: the first parts of its text. */
function numberParts(c: Pick<FtsFields, 'callerNumber' | 'accessNumber'>): Set<string> {
  const parts = new Set<string>();
  for (const n of [c.callerNumber, c.accessNumber]) {
    if (!n) continue;
    parts.add(n);
    const digits = digitsOf(n);
    if (digits && digits !== n) parts.add(digits);
  }
  return parts;
}

/**
 * A call's searchable text: numbers (as written and digits only), agents, queues, registrations, event
 * names and labels, call id, joined by line breaks (no search word contains one, so a word matches
 * inside one part). Since schema `TEXT_NAMES_VERSION` the trigram index holds only its own parts
 * (ownText) and the names are matched in a vocabulary (nameTerms, src/main/store/text-names.ts);
 * fts_hash is still the hash of this whole text.
 */
export function ftsText(c: FtsFields): string {
  const parts = numberParts(c);
  for (const s of [...c.agents, ...c.queues, ...c.registrations]) parts.add(s);
  for (const e of c.events) {
    if (e.label) parts.add(e.label);
    if (e.labelDa) parts.add(e.labelDa);
    if (e.name) parts.add(e.name);
    if (e.agent) parts.add(e.agent);
  }
  parts.add(c.callId);
  return [...parts].join('\n');
}

/** The parts of a call's text that are its own (numbers as written and as digits, registrations, call id): calls_fts holds them. */
export function ownText(c: Omit<FtsFields, 'agents' | 'queues' | 'events'>): string {
  const parts = numberParts(c);
  for (const s of c.registrations) parts.add(s);
  parts.add(c.callId);
  return [...parts].join('\n');
}

/**
 * The names of a call's text that neither calls_fts nor its call_agents / call_queues rows hold: its
 * events' names, agents and labels (English and Danish) that are not among its agents or queues.
 * Distinct, in order of first appearance.
 */
export function nameTerms(c: Pick<FtsFields, 'agents' | 'queues' | 'events'>): string[] {
  const linked = new Set<string>([...c.agents, ...c.queues]);
  const out = new Set<string>();
  for (const e of c.events) for (const s of [e.label, e.labelDa, e.name, e.agent]) if (s && !linked.has(s)) out.add(s);
  return [...out];
}
