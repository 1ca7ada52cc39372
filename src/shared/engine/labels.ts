// Labels of archive events, English and Danish (the seed is Danish).
import type { ArchiveEventType } from '../model/archive-call';

/** Event type names as the seed's archive shows them (spec section 3 table). */
export const EVENT_TYPE_LABELS: Record<ArchiveEventType, { en: string; da: string }> = {
  queue: { en: 'Queue', da: 'Kø' },
  queue_callback: { en: 'Queue (callback)', da: 'Kø (tilbagekald)' },
  conversation: { en: 'Conversation', da: 'Samtale' },
  consult: { en: 'Consult', da: 'Rådfør' },
  consult_queue: { en: 'Consult to queue', da: 'Rådfør kø' },
  menu: { en: 'Menu', da: 'Menu' },
  deleted: { en: 'Deleted', da: 'Slettet' },
};

/**
 * R3 / R6 / R12: the Queue (callback) label counting unanswered attempts.
 * Singular exactly as the seed writes it ("1 ubesvaret opkald færdig"); the
 * Danish plural inflects both adjectives: "2 ubesvarede opkald færdige".
 */
export function unansweredLabel(count: number): { en: string; da: string } | null {
  if (count <= 0) return null;
  if (count === 1) return { en: '1 unanswered call finished', da: '1 ubesvaret opkald færdig' };
  return { en: `${count} unanswered calls finished`, da: `${count} ubesvarede opkald færdige` };
}
