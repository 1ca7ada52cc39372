// Notes, tags and review status of archive calls: tables of their own, keyed by
// the archive call id (text), so that imported rows and derived calls are never
// changed by them and a re-derivation of the call (which deletes and re-inserts
// its calls row) keeps them. Every change appends an action-log entry in the same
// transaction.
import type { CallReview, CallReviewSummary, ReviewNote, ReviewStatus, ReviewTag } from '../../shared/api/archive-api';
import { ArchiveError } from '../store/errors';
import { foldText, type Db } from '../store/native';
import { all, one, run, sql, value } from '../store/sql';
import { appendAction, currentUser } from './action-log';
import { callEvents, eventAnchor, locateNoteEvent } from './note-events';

/** Colours given to new tags in turn (readable on light and dark backgrounds). */
const TAG_COLOURS = ['#2f6fbf', '#b5462f', '#2e8b57', '#8a5cb8', '#b8860b', '#20808d', '#c0487a', '#6b7280'];

interface NoteRow {
  id: number;
  call_id: string;
  event_index: number | null;
  event_type: string | null;
  event_start_ms: number | null;
  author: string;
  created_at: string;
  text: string;
  updated_at: string;
  version: number;
}

const CALL_EXISTS = sql<1, [callId: string]>('SELECT 1 FROM calls WHERE call_id = ?');
const NOTE_HISTORY = sql<ReviewNote['history'][number], [note: number]>(
  'SELECT version, author, at, text FROM review_note_versions WHERE note = ? ORDER BY version',
);
const STATUS_OF = sql<{ status: ReviewStatus; set_by: string; set_at: string }, [callId: string]>(
  'SELECT status, set_by, set_at FROM review_status WHERE call_id = ?',
);
const CALL_TAGS = sql<{ name: string; colour: string }, [callId: string]>(
  'SELECT t.name, t.colour FROM review_call_tags ct JOIN review_tags t ON t.id = ct.tag WHERE ct.call_id = ? ORDER BY t.name',
);
const CALL_NOTES = sql<NoteRow, [callId: string]>('SELECT * FROM review_notes WHERE call_id = ? ORDER BY id');
const STATUSES_OF = sql<{ call_id: string; status: ReviewStatus }, [idsJson: string]>(
  'SELECT call_id, status FROM review_status WHERE call_id IN (SELECT value FROM json_each(?))',
);
const TAGS_OF = sql<{ call_id: string; name: string; colour: string }, [idsJson: string]>(
  `SELECT ct.call_id, t.name, t.colour FROM review_call_tags ct JOIN review_tags t ON t.id = ct.tag
       WHERE ct.call_id IN (SELECT value FROM json_each(?)) ORDER BY t.name`,
);
const NOTE_COUNTS_OF = sql<{ call_id: string; n: number }, [idsJson: string]>(
  'SELECT call_id, count(*) AS n FROM review_notes WHERE call_id IN (SELECT value FROM json_each(?)) GROUP BY call_id',
);
const INSERT_NOTE = sql<
  void,
  [
    callId: string,
    eventIndex: number | null,
    eventType: string | null,
    eventStartMs: number | null,
    author: string,
    createdAt: string,
    text: string,
    updatedAt: string,
  ]
>(
  'INSERT INTO review_notes (call_id, event_index, event_type, event_start_ms, author, created_at, text, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
const INSERT_FIRST_VERSION = sql<void, [note: number, author: string, at: string, text: string]>(
  'INSERT INTO review_note_versions (note, version, author, at, text) VALUES (?, 1, ?, ?, ?)',
);
const NOTE_BY_ID = sql<NoteRow, [id: number]>('SELECT * FROM review_notes WHERE id = ?');
const UPDATE_NOTE = sql<void, [text: string, updatedAt: string, version: number, id: number]>(
  'UPDATE review_notes SET text = ?, updated_at = ?, version = ? WHERE id = ?',
);
const INSERT_VERSION = sql<void, [note: number, version: number, author: string, at: string, text: string]>(
  'INSERT INTO review_note_versions (note, version, author, at, text) VALUES (?, ?, ?, ?, ?)',
);
const STATUS_VALUE = sql<ReviewStatus, [callId: string]>('SELECT status FROM review_status WHERE call_id = ?');
const DELETE_STATUS = sql<void, [callId: string]>('DELETE FROM review_status WHERE call_id = ?');
const UPSERT_STATUS = sql<void, [callId: string, status: ReviewStatus, setBy: string, setAt: string]>(
  'INSERT INTO review_status (call_id, status, set_by, set_at) VALUES (?, ?, ?, ?) ' +
    'ON CONFLICT (call_id) DO UPDATE SET status = excluded.status, set_by = excluded.set_by, set_at = excluded.set_at',
);
const TAGS = sql<ReviewTag>(
  `SELECT t.id, t.name, t.colour, (SELECT count(*) FROM review_call_tags ct WHERE ct.tag = t.id) AS calls
       FROM review_tags t ORDER BY t.name COLLATE NOCASE`,
);
const TAG_NAMES = sql<{ id: number; name: string }>('SELECT id, name FROM review_tags ORDER BY id');
const TAG_COUNT = sql<number>('SELECT count(*) FROM review_tags');
const INSERT_TAG = sql<void, [name: string, colour: string, createdAt: string]>(
  'INSERT INTO review_tags (name, colour, created_at) VALUES (?, ?, ?)',
);
const UPDATE_TAG = sql<void, [name: string, colour: string, id: number]>(
  'UPDATE review_tags SET name = ?, colour = ? WHERE id = ?',
);
const TAG_CALL = sql<void, [tag: number, callId: string, addedBy: string, addedAt: string]>(
  'INSERT OR IGNORE INTO review_call_tags (tag, call_id, added_by, added_at) VALUES (?, ?, ?, ?)',
);
const UNTAG_CALL = sql<void, [tag: number, callId: string]>(
  'DELETE FROM review_call_tags WHERE tag = ? AND call_id = ?',
);

function now(): string {
  return new Date().toISOString();
}

/** A note just written or read in the same transaction: its absence is a bug, not a user's error. */
function noteById(db: Db, id: number): NoteRow {
  const note = one(db, NOTE_BY_ID, id);
  if (!note) throw new Error(`note #${id} vanished inside its own transaction`);
  return note;
}

function callExists(db: Db, callId: string): void {
  if (!value(db, CALL_EXISTS, callId)) throw new ArchiveError(`no call ${callId} in this archive`, 'NOTFOUND');
}

function noteOf(db: Db, r: NoteRow, events = callEvents(db, r.call_id)): ReviewNote {
  const history = all(db, NOTE_HISTORY, r.id);
  return {
    id: r.id,
    callId: r.call_id,
    ...locateNoteEvent(events, r),
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    text: r.text,
    history,
  };
}

export function callReview(db: Db, callId: string): CallReview {
  const status = one(db, STATUS_OF, callId);
  const tags = all(db, CALL_TAGS, callId);
  const events = callEvents(db, callId);
  const notes = all(db, CALL_NOTES, callId).map((r) => noteOf(db, r, events));
  return {
    callId,
    status: status?.status ?? 'unreviewed',
    statusBy: status?.set_by ?? null,
    statusAt: status?.set_at ?? null,
    tags,
    notes,
  };
}

/** Status, tags and note count of listed calls (the list's columns), one query each. */
export function reviewSummaries(db: Db, callIds: readonly string[]): Record<string, CallReviewSummary> {
  const out: Record<string, CallReviewSummary> = {};
  if (!callIds.length) return out;
  const ids = JSON.stringify(callIds);
  const of = (id: string): CallReviewSummary => (out[id] ??= { status: 'unreviewed', tags: [], notes: 0 });
  for (const id of callIds) of(id);
  for (const r of all(db, STATUSES_OF, ids)) of(r.call_id).status = r.status;
  for (const r of all(db, TAGS_OF, ids)) of(r.call_id).tags.push({ name: r.name, colour: r.colour });
  for (const r of all(db, NOTE_COUNTS_OF, ids)) of(r.call_id).notes = r.n;
  return out;
}

export function addNote(
  db: Db,
  n: { callId: string; eventIndex?: number | null; text: string },
  author = currentUser(),
): ReviewNote {
  return db.transaction(() => {
    callExists(db, n.callId);
    // A note on an event the call does not have (event 99 of three) was stored and logged as such.
    let anchor: ReturnType<typeof eventAnchor> = null;
    if (n.eventIndex !== null && n.eventIndex !== undefined) {
      const events = callEvents(db, n.callId);
      anchor = eventAnchor(events, n.eventIndex);
      if (!anchor)
        throw new ArchiveError(
          `call ${n.callId} has ${events.length} events: no event ${n.eventIndex + 1}`,
          'NOTFOUND',
        );
    }
    const at = now();
    const id = Number(
      run(
        db,
        INSERT_NOTE,
        n.callId,
        n.eventIndex ?? null,
        anchor?.type ?? null,
        anchor?.startMs ?? null,
        author,
        at,
        n.text,
        at,
      ).lastInsertRowid,
    );
    run(db, INSERT_FIRST_VERSION, id, author, at, n.text);
    const where = n.eventIndex === null || n.eventIndex === undefined ? '' : ` (event ${n.eventIndex + 1})`;
    appendAction(db, {
      action: 'note',
      summary: `note #${id} added to call ${n.callId}${where}`,
      calls: 1,
      details: { callId: n.callId, noteId: id, eventIndex: n.eventIndex ?? null, version: 1, chars: n.text.length },
      actor: author,
      at,
    });
    return noteOf(db, noteById(db, id));
  })();
}

/** An edit appends a version: the earlier texts stay in the note's history. */
export function editNote(db: Db, e: { noteId: number; text: string }, author = currentUser()): ReviewNote {
  return db.transaction(() => {
    const note = one(db, NOTE_BY_ID, e.noteId);
    if (!note) throw new ArchiveError(`no note #${e.noteId} in this archive`, 'NOTFOUND');
    if (note.text === e.text) return noteOf(db, note);
    const at = now();
    const version = note.version + 1;
    run(db, UPDATE_NOTE, e.text, at, version, e.noteId);
    run(db, INSERT_VERSION, e.noteId, version, author, at, e.text);
    appendAction(db, {
      action: 'note',
      summary: `note #${e.noteId} on call ${note.call_id} edited (version ${version})`,
      calls: 1,
      details: { callId: note.call_id, noteId: e.noteId, version, chars: e.text.length },
      actor: author,
      at,
    });
    return noteOf(db, noteById(db, e.noteId));
  })();
}

export function setStatus(db: Db, s: { callId: string; status: ReviewStatus }, actor = currentUser()): CallReview {
  return db.transaction(() => {
    callExists(db, s.callId);
    const before = value(db, STATUS_VALUE, s.callId) ?? 'unreviewed';
    if (before !== s.status) {
      const at = now();
      if (s.status === 'unreviewed') run(db, DELETE_STATUS, s.callId);
      else run(db, UPSERT_STATUS, s.callId, s.status, actor, at);
      appendAction(db, {
        action: 'status',
        summary: `call ${s.callId}: ${before} → ${s.status}`,
        calls: 1,
        details: { callId: s.callId, from: before, to: s.status },
        actor,
        at,
      });
    }
    return callReview(db, s.callId);
  })();
}

export function listTags(db: Db): ReviewTag[] {
  return all(db, TAGS);
}

function tagById(db: Db, id: number): ReviewTag {
  const t = listTags(db).find((x) => x.id === id);
  if (!t) throw new ArchiveError(`no tag #${id} in this archive`, 'NOTFOUND');
  return t;
}

/**
 * Two names are one tag when they differ only by letter case (any script, not only
 * ASCII as SQLite's NOCASE) or by Unicode normalisation (é as one code point or as
 * e + combining accent): they look the same on screen and in the filter chips.
 */
function tagIdByName(db: Db, name: string): number | undefined {
  const key = foldText(name);
  return all(db, TAG_NAMES).find((t) => foldText(t.name) === key)?.id;
}

export function createTag(db: Db, t: { name: string; colour?: string }, actor = currentUser()): ReviewTag {
  t = { ...t, name: t.name.normalize('NFC') };
  return db.transaction(() => {
    if (tagIdByName(db, t.name) !== undefined) throw new ArchiveError(`a tag "${t.name}" exists already`, 'INVALID');
    const count = value(db, TAG_COUNT) ?? 0;
    const colour = t.colour ?? TAG_COLOURS[count % TAG_COLOURS.length] ?? '#6b7280';
    const at = now();
    const id = Number(run(db, INSERT_TAG, t.name, colour, at).lastInsertRowid);
    appendAction(db, {
      action: 'tags',
      summary: `tag "${t.name}" created (${colour})`,
      details: { tagId: id, name: t.name, colour },
      actor,
      at,
    });
    return tagById(db, id);
  })();
}

export function updateTag(db: Db, t: { id: number; name?: string; colour?: string }, actor = currentUser()): ReviewTag {
  return db.transaction(() => {
    const old = tagById(db, t.id);
    const name = t.name?.normalize('NFC') ?? old.name;
    const colour = t.colour ?? old.colour;
    const clash = tagIdByName(db, name);
    if (clash !== undefined && clash !== t.id) throw new ArchiveError(`a tag "${name}" exists already`, 'INVALID');
    if (name === old.name && colour === old.colour) return old;
    run(db, UPDATE_TAG, name, colour, t.id);
    const what = [
      name !== old.name ? `renamed "${old.name}" → "${name}"` : null,
      colour !== old.colour ? `colour ${old.colour} → ${colour}` : null,
    ].filter(Boolean);
    appendAction(db, {
      action: 'tags',
      summary: `tag #${t.id} ${what.join(', ')}`,
      calls: old.calls,
      details: { tagId: t.id, from: { name: old.name, colour: old.colour }, to: { name, colour } },
      actor,
    });
    return tagById(db, t.id);
  })();
}

/** Tags a call; a tag name not in the archive's list yet is created (with the next colour). */
export function addTag(db: Db, t: { callId: string; tag: string }, actor = currentUser()): CallReview {
  return db.transaction(() => {
    callExists(db, t.callId);
    const id = tagIdByName(db, t.tag) ?? createTag(db, { name: t.tag }, actor).id;
    const at = now();
    const added = run(db, TAG_CALL, id, t.callId, actor, at).changes;
    if (added)
      appendAction(db, {
        action: 'tag',
        summary: `call ${t.callId}: tag "${tagById(db, id).name}" added`,
        calls: 1,
        details: { callId: t.callId, tagId: id, added: true },
        actor,
        at,
      });
    return callReview(db, t.callId);
  })();
}

export function removeTag(db: Db, t: { callId: string; tag: string }, actor = currentUser()): CallReview {
  return db.transaction(() => {
    const id = tagIdByName(db, t.tag);
    if (id === undefined) throw new ArchiveError(`no tag "${t.tag}" in this archive`, 'NOTFOUND');
    const removed = run(db, UNTAG_CALL, id, t.callId).changes;
    if (removed)
      appendAction(db, {
        action: 'tag',
        summary: `call ${t.callId}: tag "${tagById(db, id).name}" removed`,
        calls: 1,
        details: { callId: t.callId, tagId: id, added: false },
        actor,
      });
    return callReview(db, t.callId);
  })();
}
