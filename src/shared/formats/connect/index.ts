// Amazon Connect contact records (CTR) → calls.
import { buildCall } from '../common/build';
import type { Detection, ParseOptions, PlatformFormat, PlatformParse } from '../common/types';
import { emptyUnknown } from '../common/types';
import { str } from '../common/json';
import { chainContacts, draftConnectCall } from './map';
import { readConnect } from './read';

export function detectConnect(sample: string): Detection {
  const has = (k: string): boolean => sample.includes(`"${k}"`);
  if (!has('ContactId')) return { match: false, why: 'no ContactId field' };
  const signs = ['InitiationMethod', 'AWSContactTraceRecordFormatVersion', 'InitiationTimestamp', 'Channel', 'InstanceARN'].filter(has);
  if (signs.length < 2) return { match: false, why: `ContactId but only ${signs.join(', ') || 'no'} other contact record field` };
  const lines = sample.split('\n').filter((l) => l.trim() !== '');
  const jsonl = lines.length > 1 && lines.every((l, i) => i === lines.length - 1 || /^\s*\{.*\}\s*$/.test(l));
  return { match: true, why: `Amazon Connect contact records${jsonl ? ' (JSON Lines)' : ' (JSON)'}: ContactId with ${signs.join(', ')}` };
}

export function parseConnect(text: string, o: ParseOptions): PlatformParse {
  const unknown = emptyUnknown();
  const read = readConnect(text, o.fileLabel, unknown);
  const out: PlatformParse = { calls: [], kept: [...read.superseded], rejected: read.rejected, unknown, recordCount: read.recordCount };
  const voice = read.contacts.filter((c) => {
    const channel = (str(c.ctr['Channel']) ?? 'VOICE').toUpperCase();
    if (channel !== 'VOICE') out.kept.push({ origin: c.origin, raw: c.raw, table: 'contact_record', reason: `channel ${channel}: not a call` });
    return channel === 'VOICE';
  });
  for (const chain of chainContacts(voice)) {
    out.calls.push({ derived: buildCall(draftConnectCall(chain)), records: chain.map((c) => ({ origin: c.origin, raw: c.raw })) });
  }
  return out;
}

export const amazonConnect: PlatformFormat = {
  id: 'amazon-connect-ctr',
  name: 'Amazon Connect CTR',
  label: 'Amazon Connect contact records (CTR) JSON / JSON Lines',
  detect: detectConnect,
  parse: parseConnect,
};
