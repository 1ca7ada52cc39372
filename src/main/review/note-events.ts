// Which event a note on an event is on after its call was derived again: found by the event's type
// and start kept with the note, not by its position, which an import adding or reordering the call's
// events changes (a note written on the conversation pointed at the queue wait after a later row).
import type { Db } from '../store/native';
import { all, sql } from '../store/sql';

interface CallEvent {
  seq: number;
  type: string;
  start_ms: number;
}

export interface NoteEventRef {
  event_index: number | null;
  /** Absent (undefined) in an archive older than V_NOTE_EVENT_ANCHOR opened read-only. */
  event_type?: string | null;
  event_start_ms?: number | null;
}

const EVENTS = sql<CallEvent, [callId: string]>(
  'SELECT e.seq, e.type, e.start_ms FROM events e JOIN calls c ON c.id = e.call WHERE c.call_id = ? ORDER BY e.seq',
);

export function callEvents(db: Db, callId: string): CallEvent[] {
  return all(db, EVENTS, callId);
}

/** The type and start to keep with a new note on event `index`. */
export function eventAnchor(events: readonly CallEvent[], index: number): { type: string; startMs: number } | null {
  const e = events.find((x) => x.seq === index);
  return e ? { type: e.type, startMs: e.start_ms } : null;
}

/**
 * The note's event now: the event of its type and start (the nearest to its old position when
 * several), or its old position with `eventMissing` when the call no longer has such an event.
 */
export function locateNoteEvent(
  events: readonly CallEvent[],
  n: NoteEventRef,
): { eventIndex: number | null; eventMissing?: true } {
  if (n.event_index === null) return { eventIndex: null };
  // No anchor: a note of an archive read as it is, older than the anchor columns (undefined), or one
  // whose event was gone at the upgrade (null): it stays at its position.
  if (n.event_type == null || n.event_start_ms == null) return { eventIndex: n.event_index };
  const at = n.event_index;
  const same = events.filter((e) => e.type === n.event_type && e.start_ms === n.event_start_ms);
  if (!same.length) return { eventIndex: at, eventMissing: true };
  const nearest = same.reduce((a, b) => (Math.abs(b.seq - at) < Math.abs(a.seq - at) ? b : a));
  return { eventIndex: nearest.seq };
}
