// The other platforms' formats, in the order detection tries them.
import { asteriskCdr, asteriskQueueLog, isCdrRaw, parseAsterisk, rederiveAsterisk, streamAsterisk } from './asterisk';
import { canonicalCdr } from './asterisk/cdr-table';
import { queueLogCallId, queueLogQueue } from './asterisk/queue-log';
import { asteriskQueues, nameDerivedQueues } from './asterisk/queues-table';
import { amazonConnect, rederiveConnect } from './connect';
import { genesysCloud, rederiveGenesys } from './genesys';
import type { ImportUnknownName } from '../api/archive-api';
import type { DerivedCall } from '../model/archive-call';
import type {
  KeptRecord,
  PlatformCall,
  PlatformFormat,
  PlatformParse,
  PlatformRecord,
  UnknownCounts,
} from './common/types';

export const PLATFORM_FORMATS: readonly PlatformFormat[] = [
  asteriskQueueLog,
  asteriskCdr,
  asteriskQueues,
  genesysCloud,
  amazonConnect,
];

/** Bytes read for detection. */
export const DETECT_SAMPLE_BYTES = 64 * 1024;

export interface PlatformDetection {
  format: PlatformFormat;
  why: string;
}

/** The first format whose detection matches the sample; with every format's reason when none does. */
export function detectPlatform(sample: string): {
  found: PlatformDetection | null;
  tried: { id: string; label: string; why: string }[];
} {
  const tried: { id: string; label: string; why: string }[] = [];
  for (const format of PLATFORM_FORMATS) {
    let d: { match: boolean; why: string };
    try {
      d = format.detect(sample);
    } catch (e) {
      d = { match: false, why: `detection failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (d.match) return { found: { format, why: d.why }, tried };
    tried.push({ id: format.id, label: format.label, why: d.why });
  }
  return { found: null, tried };
}

export function platformFormatById(id: string): PlatformFormat | null {
  return PLATFORM_FORMATS.find((f) => f.id === id) ?? null;
}

/**
 * A platform call whose records arrived in more than one import: derive it again from all its
 * stored raw records (older imports first, each with its import's time zone) plus the new ones.
 * Asterisk: a callid's queue_log lines from several files and its CDR lines (duplicates counted
 * once). Connect: contact versions and chains across files (the newest version of a contact wins).
 * Genesys Cloud: a conversation re-sent with more segments (each segment counts once, newest copy).
 * Records that belong to no call are in `kept` (with `callId` when they wait for one).
 */
export function rederivePlatformCalls(
  formatId: string,
  records: readonly PlatformRecord[],
  timeZone: string,
): PlatformParse | null {
  if (formatId === 'asterisk-queue-log' || formatId === 'asterisk-cdr') return rederiveAsterisk(records, timeZone);
  if (formatId === 'amazon-connect-ctr') return rederiveConnect(records);
  if (formatId === 'genesys-cloud-conversations') return rederiveGenesys(records);
  return null;
}

/** The format whose calls carry this archive call id ("asterisk:…", "connect:…", "genesys:…"). */
export function platformOfCallId(callId: string): string | null {
  if (callId.startsWith('asterisk:')) return 'asterisk-queue-log';
  if (callId.startsWith('connect:')) return 'amazon-connect-ctr';
  if (callId.startsWith('genesys:')) return 'genesys-cloud-conversations';
  return null;
}

/**
 * The archive call ids a stored record may belong to, besides the one it is stored under: how a
 * later import finds it. Asterisk: the callid of a queue_log line, the uniqueid and linkedid of a
 * CDR line; Connect: the contact's own id and the contacts it names (initial, previous, related,
 * next); Genesys Cloud: the conversation id.
 */
export function platformLinkKeys(callId: string, raw: Record<string, string>): string[] {
  const keys = new Set<string>();
  const add = (prefix: string, v: string | undefined): void => {
    const id = v?.trim();
    if (id) keys.add(`${prefix}${id}`);
  };
  if (callId.startsWith('asterisk:')) {
    if (isCdrRaw(raw)) {
      const cdr = canonicalCdr(raw);
      add('asterisk:', cdr.uniqueid);
      add('asterisk:', cdr.linkedid);
    } else add('asterisk:', queueLogCallId(raw));
  } else if (callId.startsWith('connect:')) {
    for (const k of ['ContactId', 'InitialContactId', 'PreviousContactId', 'RelatedContactId', 'NextContactId'])
      add('connect:', raw[k]);
  } else if (callId.startsWith('genesys:')) add('genesys:', raw['conversation.conversationId']);
  keys.delete(callId);
  return [...keys];
}

/**
 * The queue key a stored record names, for the archive's `raw_rows.queue_key` (how a queues table
 * imported later finds the calls it names): an Asterisk queue_log record's queuename; else null.
 */
export function platformQueueKey(callId: string, raw: Record<string, string>): string | null {
  if (!callId.startsWith('asterisk:') || isCdrRaw(raw)) return null;
  return queueLogQueue(raw);
}

/**
 * A platform call with the archive's queue names applied (the `queues` companion table: key →
 * name): Asterisk calls, whose queue_log may hold the queue's number; other platforms' calls name
 * their queues themselves and are returned as they are.
 */
export function namePlatformQueues(derived: DerivedCall, queueName: (key: string) => string | null): DerivedCall {
  return derived.call.callId.startsWith('asterisk:') ? nameDerivedQueues(derived, queueName) : derived;
}

/**
 * The reader item of records that wait for the rest of their call (kept records with a call id):
 * no archive call of their own; every record kept with its reason.
 */
export function pendingCall(callId: string, records: readonly KeptRecord[]): PlatformCall {
  const first = records[0];
  const at = new Date(0).toISOString();
  return {
    derived: {
      call: {
        callId,
        type: 'inbound',
        dialerMode: null,
        start: at,
        end: at,
        callerNumber: null,
        accessNumber: null,
        queues: [],
        agents: [],
        outcome: 'unanswered',
        timeBeforeAnswerSec: null,
        waitTimeSec: null,
        speakTimeSec: 0,
        callbackAttempts: null,
        registrations: [],
        events: [],
      },
      eventSources: [],
      kept: records.map((r) => ({ origin: r.origin, reason: r.reason })),
      contactKey: null,
    },
    records: records.map((r) => ({ origin: r.origin, raw: r.raw })),
    pending: first?.reason ?? 'waiting for the rest of the call',
  };
}

/** Unknown names as the import record lists them: most frequent first. */
export function unknownNameList(u: UnknownCounts): ImportUnknownName[] {
  const list = (kind: ImportUnknownName['kind'], m: Record<string, number>): ImportUnknownName[] =>
    Object.entries(m).map(([name, count]) => ({ kind, name, count }));
  return [...list('event', u.events), ...list('field', u.fields)].sort(
    (a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** describeUnknown for the import record's list (CLI / report text); null when empty or absent. */
export function describeUnknownNames(list: readonly ImportUnknownName[] | undefined, max = 8): string | null {
  const u: UnknownCounts = { events: {}, fields: {} };
  for (const n of list ?? []) (n.kind === 'event' ? u.events : u.fields)[n.name] = n.count;
  return describeUnknown(u, max);
}

/** One line for the import report: unknown event and field names with counts; null when none. */
export function describeUnknown(u: UnknownCounts, max = 8): string | null {
  const part = (label: string, m: Record<string, number>): string | null => {
    const entries = Object.entries(m).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (entries.length === 0) return null;
    const shown = entries
      .slice(0, max)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ');
    return `${entries.length} unknown ${label}${entries.length > 1 ? 's' : ''} kept (${shown}${entries.length > max ? ', …' : ''})`;
  };
  const parts = [part('event name', u.events), part('field', u.fields)].filter((p): p is string => p !== null);
  return parts.length ? parts.join('; ') : null;
}

export { parseAsterisk, streamAsterisk };
export type {
  PlatformFormat,
  PlatformParse,
  PlatformStream,
  PlatformCall,
  PlatformRecord,
  KeptRecord,
  UnknownCounts,
  Detection,
  ParseOptions,
} from './common/types';
