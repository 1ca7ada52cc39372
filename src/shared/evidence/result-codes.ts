// What a result code means (spec section 2). The same letter means different
// things for a queue, a menu and a conversation event, so the meaning is looked
// up by the kind of raw event (event_type q / m / c) or of archive event.
import type { ArchiveEventType } from '../model/archive-call';
import { messages, type Locale } from '../i18n/messages';

export type ResultContext = 'queue' | 'menu' | 'conversation';

/** The kind of result code an archive event carries. */
export function resultContextOfEvent(type: ArchiveEventType): ResultContext {
  if (type === 'menu') return 'menu';
  if (type === 'conversation' || type === 'consult') return 'conversation';
  return 'queue'; // queue, queue_callback, consult_queue, deleted: all come from a q row's code
}

/** The kind of result code a raw call-events row carries (by its event_type column); null for rows without one. */
export function resultContextOfRow(fields: Readonly<Record<string, string>>): ResultContext | null {
  const type = (fields['event_type'] ?? '').trim().toLowerCase();
  if (type === 'q') return 'queue';
  if (type === 'm') return 'menu';
  if (type === 'c') return 'conversation';
  return null;
}

/** "caller hung up" for a queue's `h`; null when the spec lists no such code for that kind of event. */
export function resultCodeMeaning(context: ResultContext, code: string, locale: Locale): string | null {
  const c = code.trim().toLowerCase();
  if (!c) return null;
  const table = messages[locale].resultCodes[context] as Record<string, string>;
  const key = c === '?' ? 'unknown' : c;
  return Object.hasOwn(table, key) ? (table[key] ?? null) : null;
}
