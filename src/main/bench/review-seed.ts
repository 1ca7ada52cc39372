// Review work for the search bench (#15): a freshly imported bench archive has no notes, tags or
// statuses, so the review filters would be timed over empty tables. This writes a seeded share of
// what reviewers write — a tag on every 40th call (a second on every 97th), reviewed on every 9th,
// flagged on every 53rd, a note on every 300th — once per archive, in one transaction, with one
// `bench` entry in the action log (so verify's hash chain stays intact). Per-call writes through
// review-store.ts would log one entry per change, as the app does; for 1M calls that is the import
// of a second archive, not what the search bench measures.
import { appendAction } from '../review/action-log';
import type { Db } from '../store/native';
import { run, sql, value } from '../store/sql';

const TAG_COLOURS = ['#c0392b', '#2f6fde', '#8e44ad', '#1b6b3c', '#d35400', '#5d6678'];

export const BENCH_TAGS = ['late callback', 'wrong queue', 'complaint', 'good handling', 'escalated', 'training'];
const NOTE_TEXTS = [
  'Customer asked for a refund; promised a call back.',
  'Transferred to sales, should have gone to support.',
  'Long hold before the transfer.',
  'Callback attempt missed, agent on break.',
  'Handled well, customer thanked the agent.',
];

export interface ReviewSeed {
  tagged: number;
  statuses: number;
  notes: number;
  /** false: the archive already had review work (seeded by an earlier run, or real). */
  seeded: boolean;
}

const UPSERT_TAG = sql<number, [name: string, colour: string | undefined, createdAt: string]>(
  'INSERT INTO review_tags (name, colour, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id',
);
/** Tags calls by a fixed function of their row number (the same archive, the same tags). */
const TAG_CALLS = sql<
  void,
  [
    actor: string,
    at: string,
    firstTags: string,
    tagCount: number,
    actor2: string,
    at2: string,
    secondTags: string,
    tagCount2: number,
  ]
>(
  `INSERT OR IGNORE INTO review_call_tags (tag, call_id, added_by, added_at)
       SELECT m.value, c.call_id, ?, ? FROM calls c JOIN json_each(?) m ON m.key = (c.id / 40) % ? WHERE c.id % 40 = 0
       UNION ALL
       SELECT m.value, c.call_id, ?, ? FROM calls c JOIN json_each(?) m ON m.key = (c.id / 97) % ?
       WHERE c.id % 40 = 0 AND c.id % 97 = 0`,
);
const SET_STATUSES = sql<void, [actor: string, at: string]>(
  `INSERT INTO review_status (call_id, status, set_by, set_at)
       SELECT c.call_id, CASE WHEN c.id % 53 = 0 THEN 'flagged' ELSE 'reviewed' END, ?, ?
       FROM calls c WHERE c.id % 53 = 0 OR c.id % 9 = 0`,
);
const ADD_NOTES = sql<void, [author: string, createdAt: string, updatedAt: string, textsJson: string, texts: number]>(
  `INSERT INTO review_notes (call_id, event_index, author, created_at, text, updated_at)
       SELECT c.call_id, NULL, ?, ?, m.value, ? FROM calls c JOIN json_each(?) m ON m.key = (c.id / 300) % ?
       WHERE c.id % 300 = 0`,
);
const ADD_NOTE_VERSIONS = sql<void, [author: string, createdAt: string]>(
  `INSERT INTO review_note_versions (note, version, author, at, text)
       SELECT id, 1, author, created_at, text FROM review_notes WHERE author = ? AND created_at = ?`,
);

export function seedReviewWork(db: Db, seed = 15): ReviewSeed {
  const count = (text: string) => value(db, sql<number>(text)) ?? 0;
  const existing = count('SELECT (SELECT count(*) FROM review_status) + (SELECT count(*) FROM review_call_tags)');
  if (existing > 0)
    return {
      tagged: count('SELECT count(DISTINCT call_id) FROM review_call_tags'),
      statuses: count('SELECT count(*) FROM review_status'),
      notes: count('SELECT count(*) FROM review_notes'),
      seeded: false,
    };
  const at = new Date().toISOString();
  const actor = 'bench';
  return db.transaction((): ReviewSeed => {
    const tagIds = BENCH_TAGS.map((name, i) =>
      Number(value(db, UPSERT_TAG, name, TAG_COLOURS[i % TAG_COLOURS.length], at)),
    );
    // Which tag a call gets: a fixed function of its row number (the same archive, the same tags).
    const byRow = JSON.stringify(tagIds.map((_, k) => tagIds[(k * 7 + seed) % tagIds.length]));
    const second = JSON.stringify(tagIds.map((_, k) => tagIds[(k * 7 + seed + 1) % tagIds.length]));
    run(db, TAG_CALLS, actor, at, byRow, tagIds.length, actor, at, second, tagIds.length);
    run(db, SET_STATUSES, actor, at);
    run(db, ADD_NOTES, actor, at, at, JSON.stringify(NOTE_TEXTS), NOTE_TEXTS.length);
    run(db, ADD_NOTE_VERSIONS, actor, at);
    const tagged = count('SELECT count(DISTINCT call_id) FROM review_call_tags');
    const statuses = count('SELECT count(*) FROM review_status');
    const notes = count('SELECT count(*) FROM review_notes');
    appendAction(db, {
      action: 'bench',
      summary: `bench: review work seeded (${tagged} tagged calls, ${statuses} statuses, ${notes} notes)`,
      calls: tagged,
      details: { tagged, statuses, notes, seed },
      actor,
      at,
    });
    return { tagged, statuses, notes, seeded: true };
  })();
}
