// Canonical JSON of an archive call: keys in the order of the ArchiveCall /
// ArchiveEvent interfaces, so two derivations of the same call print byte-equal.
import type { ArchiveCall, ArchiveEvent } from '../model/archive-call';

const CALL_KEYS: readonly (keyof ArchiveCall)[] = [
  'callId',
  'type',
  'dialerMode',
  'start',
  'end',
  'callerNumber',
  'accessNumber',
  'queues',
  'agents',
  'outcome',
  'timeBeforeAnswerSec',
  'waitTimeSec',
  'speakTimeSec',
  'callbackAttempts',
  'registrations',
  'events',
];
const EVENT_KEYS: readonly (keyof ArchiveEvent)[] = [
  'type',
  'start',
  'end',
  'durationSec',
  'name',
  'agent',
  'label',
  'labelDa',
  'result',
];

function pick<T extends object>(obj: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k as string] = obj[k];
  return out;
}

/** One line of JSON, stable key order (the order of the ArchiveCall interface). */
export function toContractJson(call: ArchiveCall): string {
  const ordered = pick(call, CALL_KEYS);
  ordered['events'] = call.events.map((e) => pick(e, EVENT_KEYS));
  return JSON.stringify(ordered);
}
