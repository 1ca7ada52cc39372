// Gathers what an evidence pack needs through the archive API (the call's detail,
// the import records) and builds it with the pure builder in src/shared/evidence.
import { createHash } from 'node:crypto';
import type { ArchiveApi } from '../../shared/api/archive-api';
import type { Locale } from '../../shared/i18n/messages';
import { buildEvidencePack, isTimeZone, type EvidencePack } from '../../shared/evidence';
import { APP_VERSION } from '../store/version';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface MakePackOptions {
  /** IANA zone for every time in the pack; default: the zone the call's export was imported in, else UTC. */
  timeZone?: string | null;
  locale?: Locale;
  /** When the pack is made (tests fix it). */
  now?: Date;
}

/** The pack of one call, or null when the archive has no such call. Throws on an unknown zone. */
export async function makeEvidencePack(
  api: ArchiveApi,
  callId: string,
  options: MakePackOptions = {},
): Promise<EvidencePack | null> {
  const detail = await api.calls.get(callId);
  if (!detail) return null;
  const imports = await api.imports.list();
  const firstImport = imports.find((i) => i.id === detail.rawRows[0]?.importId);
  const timeZone = options.timeZone || firstImport?.timeZone || 'UTC';
  if (!isTimeZone(timeZone))
    throw new RangeError(`unknown time zone ${timeZone} (give an IANA name such as Europe/Copenhagen)`);
  return buildEvidencePack(
    {
      detail,
      imports,
      timeZone,
      locale: options.locale ?? 'en',
      appVersion: APP_VERSION,
      generatedAt: (options.now ?? new Date()).toISOString(),
    },
    sha256Hex,
  );
}
