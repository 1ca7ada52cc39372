// Erasure outside calls and notes: what reviewers typed that is not tied to a call's
// rows. A tag can be named after a caller ("call back 20100148") and a recent search
// holds the text searched — an auditor searches the number before erasing it. Both
// are in the archive file, so both get the marker. (The action log's entries that
// named such a tag cannot be rewritten: the hash chain covers them; docs/review.md.)
import type { Db } from '../store/native';
import { all, run, sql, value } from '../store/sql';
import { ERASED, eraseIn, eraseInJson, type ErasureTarget } from './erase-match';

const TAGS = sql<{ id: number; name: string }>('SELECT id, name FROM review_tags ORDER BY id');
const TAG_NAMED = sql<number, [name: string]>('SELECT id FROM review_tags WHERE name = ?');
const SET_TAG_NAME = sql<void, [name: string, id: number]>('UPDATE review_tags SET name = ? WHERE id = ?');
const SEARCHES = sql<{ id: number; name: string | null; search: string }>(
  'SELECT id, name, search FROM saved_searches',
);
const SET_SEARCH = sql<void, [name: string | null, search: string, id: number]>(
  'UPDATE saved_searches SET name = ?, search = ? WHERE id = ?',
);

/** Tag names holding the value; a name the marker makes equal to another tag's gets the tag's number. */
export function eraseInTagNames(db: Db, targets: readonly ErasureTarget[]): number {
  let changed = 0;
  for (const t of all(db, TAGS)) {
    const erased = eraseIn(t.name, targets);
    if (erased === t.name) continue;
    const clash = value(db, TAG_NAMED, erased);
    run(db, SET_TAG_NAME, clash === undefined ? erased : `${erased || ERASED} #${t.id}`, t.id);
    changed++;
  }
  return changed;
}

/** Saved and recent searches whose name, text or filters hold the value. */
export function eraseInSavedSearches(db: Db, targets: readonly ErasureTarget[]): number {
  let changed = 0;
  for (const s of all(db, SEARCHES)) {
    const name = s.name === null ? null : eraseIn(s.name, targets);
    const search = JSON.stringify(eraseInJson(JSON.parse(s.search), targets));
    if (name === s.name && search === s.search) continue;
    run(db, SET_SEARCH, name, search, s.id);
    changed++;
  }
  return changed;
}
