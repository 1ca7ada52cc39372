// Search filters on what reviewers wrote, as self-contained units: each takes the
// parsed search and returns one SQL condition over `c` (the calls row) with its
// parameters, or null when the search does not use it. buildWhere (search-sql.ts)
// appends them with one loop; the facet counts of tags and status below use the
// same units. Review tables are small (what people wrote), so each condition is
// an IN over an index of its own table.
import type { CallSearch } from '../../shared/api/archive-api';
import type { ReviewStatus } from '../../shared/api/schemas';
import { foldText } from '../store/native';

export interface FilterUnit {
  sql: string;
  params: unknown[];
}

type ReviewQuery = Pick<CallSearch, 'tags' | 'statuses' | 'noteText' | 'hasNotes'>;

export function tagFilter(q: ReviewQuery): FilterUnit | null {
  if (!q.tags?.length) return null;
  return {
    // fold_text (store/native.ts): a tag is one whatever the letter case or normalisation (review-store.ts).
    sql: `c.call_id IN (SELECT ct.call_id FROM review_call_tags ct WHERE ct.tag IN (SELECT id FROM review_tags WHERE fold_text(name) IN (${q.tags.map(() => '?').join(', ')})))`,
    params: q.tags.map(foldText),
  };
}

export function statusFilter(q: ReviewQuery): FilterUnit | null {
  const wanted = new Set<ReviewStatus>(q.statuses ?? []);
  if (!wanted.size || wanted.size === 3) return null;
  const stored = [...wanted].filter((s) => s !== 'unreviewed');
  if (!wanted.has('unreviewed'))
    return {
      sql: `c.call_id IN (SELECT call_id FROM review_status WHERE status IN (${stored.map(() => '?').join(', ')}))`,
      params: stored,
    };
  // Unreviewed = no status row; with one stored status as well: not the other one.
  const other = (['reviewed', 'flagged'] as const).filter((s) => !wanted.has(s));
  return {
    sql: `c.call_id NOT IN (SELECT call_id FROM review_status WHERE status IN (${other.map(() => '?').join(', ')}))`,
    params: other,
  };
}

/** Note text: case-insensitive containment in a note's current text (notes are few; no index needed). */
export function noteTextFilter(q: ReviewQuery): FilterUnit | null {
  if (!q.noteText) return null;
  return {
    // fold_text (store/native.ts): LIKE folds ASCII letters only ("øst" did not find "Østergade").
    sql: 'c.call_id IN (SELECT call_id FROM review_notes WHERE instr(fold_text(text), ?) > 0)',
    params: [foldText(q.noteText)],
  };
}

export function hasNotesFilter(q: ReviewQuery): FilterUnit | null {
  if (q.hasNotes === undefined) return null;
  return { sql: `c.call_id ${q.hasNotes ? '' : 'NOT '}IN (SELECT call_id FROM review_notes)`, params: [] };
}

export type ReviewFacet = 'tag' | 'status';

/** Every review filter of a search that applies (`except`: leave one facet's own filter out). */
export function reviewFilters(q: ReviewQuery, except?: ReviewFacet): FilterUnit[] {
  return [
    except === 'tag' ? null : tagFilter(q),
    except === 'status' ? null : statusFilter(q),
    noteTextFilter(q),
    hasNotesFilter(q),
  ].filter((f): f is FilterUnit => f !== null);
}
