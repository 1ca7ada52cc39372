// The other platforms' formats, in the order detection tries them.
import { asteriskCdr, asteriskQueueLog, parseAsterisk, streamAsterisk } from './asterisk';
import { amazonConnect } from './connect';
import { genesysCloud } from './genesys';
import type { PlatformFormat } from './common/types';

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

export { parseAsterisk, streamAsterisk };
export type { PlatformFormat, PlatformParse, PlatformStream, PlatformCall, KeptRecord, UnknownCounts, Detection, ParseOptions } from './common/types';
