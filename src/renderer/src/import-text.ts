// Texts about an import record that the report and the history share: the
// unknown event / field names the reader kept and counted, in the user's language.
import type { ImportUnknownName } from '../../shared/api/archive-api';

type T = (key: string, values?: Record<string, unknown>) => string;
type Te = (key: string) => boolean;

/**
 * A detected format as a reader would name it: the call-events formats in the user's language,
 * the other platforms by their product names (the same in every language); unknown ids as they are.
 */
export function formatName(id: string, t: T, te: Te): string {
  const key = `import.formatName.${id}`;
  if (te(key)) return t(key);
  return PLATFORM_NAMES[id] ?? id;
}

export const PLATFORM_NAMES: Record<string, string> = {
  'asterisk-queue-log': 'Asterisk queue_log',
  'asterisk-cdr': 'Asterisk CDR',
  'genesys-cloud-conversations': 'Genesys Cloud conversation details',
  'amazon-connect-ctr': 'Amazon Connect CTR',
  'asterisk-queues': 'Asterisk queues table',
};

/** "Unknown names kept and counted: FOOEVENT ×3 (event), Agent.NewField ×2 (field)"; null when there are none. */
export function unknownNamesText(list: readonly ImportUnknownName[] | undefined, t: T, max = 8): string | null {
  if (!list?.length) return null;
  const shown = list
    .slice(0, max)
    .map((n) => `${n.name} ×${n.count} (${t(n.kind === 'event' ? 'import.kindEvent' : 'import.kindField')})`);
  if (list.length > max) shown.push('…');
  return t('import.unknownNames', { list: shown.join(', ') });
}
