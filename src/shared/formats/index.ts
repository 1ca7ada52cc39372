// The other platforms' formats, in the order detection tries them.
import { asteriskCdr, asteriskQueueLog, parseAsterisk, rederiveAsterisk, streamAsterisk } from './asterisk';
import { amazonConnect, rederiveConnect } from './connect';
import { genesysCloud } from './genesys';
import type { PlatformFormat, PlatformParse, PlatformRecord, UnknownCounts } from './common/types';

export const PLATFORM_FORMATS: readonly PlatformFormat[] = [asteriskQueueLog, asteriskCdr, genesysCloud, amazonConnect];

/** Bytes read for detection. */
export const DETECT_SAMPLE_BYTES = 64 * 1024;

export interface PlatformDetection {
  format: PlatformFormat;
  why: string;
}

/** The first format whose detection matches the sample; with every format's reason when none does. */
export function detectPlatform(sample: string): { found: PlatformDetection | null; tried: { id: string; label: string; why: string }[] } {
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
 * stored raw records (older imports first) plus the new ones. Asterisk: a callid's lines from
 * several files (duplicate lines counted once). Connect: contact versions and chains across files.
 * Genesys Cloud: null — a conversation is delivered whole, so the newest delivery replaces the older.
 */
export function rederivePlatformCalls(formatId: string, records: readonly PlatformRecord[], timeZone: string): PlatformParse | null {
  if (formatId === 'asterisk-queue-log' || formatId === 'asterisk-cdr') return rederiveAsterisk(records, timeZone);
  if (formatId === 'amazon-connect-ctr') return rederiveConnect(records);
  return null;
}

/** One line for the import report: unknown event and field names with counts; null when none. */
export function describeUnknown(u: UnknownCounts, max = 8): string | null {
  const part = (label: string, m: Record<string, number>): string | null => {
    const entries = Object.entries(m).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (entries.length === 0) return null;
    const shown = entries.slice(0, max).map(([k, n]) => `${k} ×${n}`).join(', ');
    return `${entries.length} unknown ${label}${entries.length > 1 ? 's' : ''} kept (${shown}${entries.length > max ? ', …' : ''})`;
  };
  const parts = [part('event name', u.events), part('field', u.fields)].filter((p): p is string => p !== null);
  return parts.length ? parts.join('; ') : null;
}

export { parseAsterisk, streamAsterisk };
export type { PlatformFormat, PlatformParse, PlatformStream, PlatformCall, PlatformRecord, KeptRecord, UnknownCounts, Detection, ParseOptions } from './common/types';
