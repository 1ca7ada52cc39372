// Which kind of call a set of rows is (spec section 5 "Call type"), and the
// dialer mode. The export has no call-type column, so the type is recognised
// from the rows (docs/formats/engine-decisions.md, "Recognising the call type").
import type { CallType } from '../model/archive-call';
import type { CallEventRow, CompanionLookup } from '../model/call-events';
import { sortInPlace } from './small-sort';

export type QueueKind = 'inbound' | 'callout' | 'dialer';

/** A word starting Callout / Outbound (or the Danish / Norwegian / Swedish "udgående" / "utgående"). */
const CALLOUT_WORD = /(^|[^\p{L}])(callout|outbound|udgående|utgående)/iu;

/**
 * Callout queues start `__Callout_`, or their key or description has a word
 * starting Callout / Outbound (the seed: "a queue called e.g. Callout or
 * Outbound"; a Danish solution may say "Udgående opkald"); dialer campaign
 * queues start `__Dial`.
 */
export function queueKind(queueKey: string | null, queueName: string | null): QueueKind {
  const key = queueKey ?? '';
  if (/^__dial/i.test(key)) return 'dialer';
  if (CALLOUT_WORD.test(key) || CALLOUT_WORD.test(queueName ?? '')) return 'callout';
  return 'inbound';
}

const MODE_KEYS = [
  'dialer_mode',
  'dialermode',
  'dialing_mode',
  'campaign_mode',
  'campaignmode',
  'campaign_type',
  'dialer_type',
  'mode',
];
const CONTACT_KEYS = ['contact_id', 'contactid', 'dialer_contact_id'];

const lowerKeys = new Map<string, string>();
const lower = (k: string): string => {
  let l = lowerKeys.get(k);
  if (l === undefined) {
    l = k.trim().toLowerCase();
    if (lowerKeys.size < 10_000) lowerKeys.set(k, l);
  }
  return l;
};

/** The first non-empty value among `names` (in priority order), call variables before extra columns. */
function lookupCi(records: Record<string, string>[], names: readonly string[]): string | null {
  let best: string | null = null;
  let bestRank = names.length;
  for (const rec of records) {
    for (const k in rec) {
      const rank = names.indexOf(lower(k));
      if (rank < 0 || rank >= bestRank) continue;
      const v = (rec[k] as string).trim();
      if (v === '') continue;
      best = v;
      bestRank = rank;
    }
    if (bestRank === 0) break;
  }
  return best;
}

/**
 * Call variables first, then the rows' extra columns (call_events_extras merged in by the reader).
 * deriveCall reads them once for both the dialer mode and the contact key (variables may be a query).
 */
export function valueSources(
  rows: readonly CallEventRow[],
  companions: CompanionLookup,
  callId: string,
): Record<string, string>[] {
  return [companions.variables(callId), ...rows.map((r) => r.extras)];
}

export type DialerModeInfo = { told: true; name: string; contactFirst: boolean } | { told: false };

const MODES = ['preview', 'predictive', 'power', 'progressive'].map((name) => ({
  name,
  word: new RegExp(`(^|[^a-z])${name}([^a-z]|$)`, 'i'),
}));
const modeIn = (text: string): DialerModeInfo => {
  for (const { name, word } of MODES)
    if (word.test(text)) return { told: true, name, contactFirst: name !== 'preview' };
  return { told: false };
};

/**
 * The dialer mode where the export tells it: a call variable / extra column
 * (dialer_mode, campaign_mode, …), else the dialer queue's description
 * (e.g. "Dialer: Win-back (predictive)").
 */
export function dialerModeOf(
  rows: readonly CallEventRow[],
  companions: CompanionLookup,
  callId: string,
  sources: Record<string, string>[] = valueSources(rows, companions, callId),
): DialerModeInfo {
  const told = modeIn(lookupCi(sources, MODE_KEYS) ?? '');
  if (told.told) return told;
  for (const r of rows) {
    if (r.eventType !== 'q' || r.queueKey === null || !/^__dial/i.test(r.queueKey)) continue;
    const byName = modeIn(companions.queueName(r.queueKey) ?? '');
    if (byName.told) return byName;
  }
  return { told: false };
}

/** R19: the dialer contact, from the call variable contact_id (or an extra column of that name). */
export function contactKeyOf(
  rows: readonly CallEventRow[],
  companions: CompanionLookup,
  callId: string,
  sources: Record<string, string>[] = valueSources(rows, companions, callId),
): string | null {
  return lookupCi(sources, CONTACT_KEYS);
}

export interface Classification {
  type: CallType;
  dialerMode: string | null;
}

/**
 * Decision order: dialer (a `__Dial` queue or a told dialer mode) → callout (a
 * callout queue) → callback (a `q` with result `q` in an inbound queue, or legs
 * marked with ciq) → agent-to-agent (no queue event at all, and an agent leg or
 * a masked `xxxxxxxx` caller) → inbound.
 */
export function classifyCall(
  rows: readonly CallEventRow[],
  companions: CompanionLookup,
  callId: string,
  sources: Record<string, string>[] = valueSources(rows, companions, callId),
): Classification {
  const queues = rows.filter((r) => r.eventType === 'q');
  const kinds = queues.map((q) => queueKind(q.queueKey, q.queueKey ? companions.queueName(q.queueKey) : null));
  const mode = dialerModeOf(rows, companions, callId, sources);

  if (kinds.includes('dialer') || mode.told) {
    if (mode.told)
      return { type: mode.contactFirst ? 'dialer_contact_first' : 'dialer_preview', dialerMode: mode.name };
    // Not told: the leg that rings first says who is called first.
    const firstLeg = sortInPlace(
      rows.filter((r) => r.eventType === 'c'),
      (a, b) => a.start - b.start,
    )[0];
    const contactFirst = firstLeg !== undefined && legSide(firstLeg) === 'c';
    return { type: contactFirst ? 'dialer_contact_first' : 'dialer_preview', dialerMode: null };
  }
  if (kinds.includes('callout')) return { type: 'callout', dialerMode: null };
  if (queues.some((q, i) => q.resultCode === 'q' && kinds[i] === 'inbound'))
    return { type: 'callback', dialerMode: null };
  if (rows.some((r) => r.eventType === 'c' && r.ciq !== null)) return { type: 'callback', dialerMode: null };
  if (queues.length === 0) {
    const masked = rows.some((r) => r.eventType === 'i' && r.source !== null && /^x+$/i.test(r.source.trim()));
    if (masked || rows.some((r) => r.eventType === 'c' && r.agentId !== null))
      return { type: 'agent_to_agent', dialerMode: null };
  }
  return { type: 'inbound', dialerMode: null };
}

/**
 * The side of a leg in a callback / callout / dialer session: ciq as exported;
 * when the export lacks ciq, a leg to an agent is the agent side, any other leg the customer side.
 */
export function legSide(r: CallEventRow): 'a' | 'c' {
  if (r.ciq !== null) return r.ciq;
  return r.agentId !== null ? 'a' : 'c';
}
