// Amazon Connect contact records (CTR) → calls.
import { buildCall } from '../common/build';
import type {
  Detection,
  KeptRecord,
  ParseOptions,
  PlatformCall,
  PlatformFormat,
  PlatformParse,
  PlatformStream,
} from '../common/types';
import { collect, emptyUnknown, unflatten } from '../common/types';
import type { PlatformRecord, UnknownCounts } from '../common/types';
import { str } from '../common/json';
import { chainContacts, draftConnectCall } from './map';
import { newestContacts, rawOfContact, readConnect } from './read';
import type { ConnectRead } from './read';

export function detectConnect(sample: string): Detection {
  const has = (k: string): boolean => sample.includes(`"${k}"`);
  if (!has('ContactId')) return { match: false, why: 'no ContactId field' };
  const signs = [
    'InitiationMethod',
    'AWSContactTraceRecordFormatVersion',
    'InitiationTimestamp',
    'Channel',
    'InstanceARN',
  ].filter(has);
  if (signs.length < 2)
    return { match: false, why: `ContactId but only ${signs.join(', ') || 'no'} other contact record field` };
  const lines = sample.split('\n').filter((l) => l.trim() !== '');
  const jsonl = lines.length > 1 && lines.every((l, i) => i === lines.length - 1 || /^\s*\{.*\}\s*$/.test(l));
  return {
    match: true,
    why: `Amazon Connect contact records${jsonl ? ' (JSON Lines)' : ' (JSON)'}: ContactId with ${signs.join(', ')}`,
  };
}

export function openConnect(text: string, o: ParseOptions): PlatformStream {
  const unknown = emptyUnknown();
  return streamContacts(readConnect(text, o.fileLabel, unknown), unknown);
}

/**
 * Re-derives Connect calls from raw records stored by earlier imports (and new ones): a chain of
 * contacts, or versions of one contact, delivered in several files become one call again.
 * Records are given in delivery order (older imports first).
 */
export function rederiveConnect(records: readonly PlatformRecord[]): PlatformParse {
  const unknown = emptyUnknown();
  const items = records.map((r) => {
    const { jsonLine, ...fields } = r.raw;
    return {
      value: unflatten(fields),
      origin: r.origin,
      jsonLine: jsonLine !== undefined && jsonLine !== '' ? Number(jsonLine) : null,
    };
  });
  return collect(streamContacts(newestContacts(items, unknown), unknown));
}

function streamContacts(read: ConnectRead, unknown: UnknownCounts): PlatformStream {
  const kept: KeptRecord[] = [...read.superseded];
  const voice = read.contacts.filter((c) => {
    const channel = (str(c.ctr['Channel']) ?? 'VOICE').toUpperCase();
    if (channel !== 'VOICE')
      kept.push({
        origin: c.origin,
        raw: rawOfContact(c),
        table: 'contact_record',
        reason: `channel ${channel}: not a call`,
      });
    return channel === 'VOICE';
  });
  function* calls(): Generator<PlatformCall> {
    for (const chain of chainContacts(voice)) {
      yield {
        derived: buildCall(draftConnectCall(chain)),
        records: chain.map((c) => ({ origin: c.origin, raw: rawOfContact(c) })),
      };
    }
  }
  return { calls: calls(), kept, rejected: read.rejected, unknown, recordCount: read.recordCount };
}

export function parseConnect(text: string, o: ParseOptions): PlatformParse {
  return collect(openConnect(text, o));
}

export const amazonConnect: PlatformFormat = {
  id: 'amazon-connect-ctr',
  name: 'Amazon Connect CTR',
  label: 'Amazon Connect contact records (CTR) JSON / JSON Lines',
  detect: detectConnect,
  open: openConnect,
  parse: parseConnect,
};
