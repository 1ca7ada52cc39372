// The `review` namespace of the archive API over SQLite: notes, tags, status,
// the list's next / previous call to review, the action log and erasure.
// Arguments are parsed with the shared zod schemas here too (the CLI calls in directly).
import type { ArchiveApi, FacetCount, ReviewFacets } from '../../shared/api/archive-api';
import {
  callIdSchema,
  callIdsSchema,
  callSearchSchema,
  callTagSchema,
  erasureSchema,
  logPageSchema,
  neighbourSchema,
  noteAddSchema,
  noteEditSchema,
  statusSetSchema,
  tagCreateSchema,
  tagUpdateSchema,
  type ReviewStatus,
} from '../../shared/api/schemas';
import type { CallSearcher } from '../api/call-search';
import { buildWhere, encodeCursor, SORT_EXPR, type ParsedSearch } from '../api/search-sql';
import { withCompletedDrill } from '../statistics/drill';
import { parseArg } from '../api/validate';
import { ArchiveError } from '../store/errors';
import type { Db } from '../store/native';
import { all, one, sql } from '../store/sql';
import { listActions } from './action-log';
import { erase, previewErasure } from './erasure';
import * as store from './review-store';

type ReviewApi = ArchiveApi['review'];

export function createReviewApi(db: Db, searcher: CallSearcher, isReadonly: () => boolean): ReviewApi {
  const writable = () => {
    if (isReadonly()) throw new ArchiveError('the archive is open read-only: nothing can be written', 'READONLY');
  };
  return {
    get: async (callId) => store.callReview(db, parseArg(callIdSchema, callId, 'call id')),
    summaries: async (ids) => store.reviewSummaries(db, parseArg(callIdsSchema, ids, 'call ids')),
    // A statistics drill-down list's search carries its drill: completed here as calls.search does.
    facets: async (q) => reviewFacets(db, searcher, withCompletedDrill(db, parseArg(callSearchSchema, q, 'search'))),
    addNote: async (n) => (writable(), store.addNote(db, parseArg(noteAddSchema, n, 'note'))),
    editNote: async (e) => (writable(), store.editNote(db, parseArg(noteEditSchema, e, 'note edit'))),
    setStatus: async (s) => (writable(), store.setStatus(db, parseArg(statusSetSchema, s, 'status'))),
    tags: async () => store.listTags(db),
    createTag: async (t) => (writable(), store.createTag(db, parseArg(tagCreateSchema, t, 'tag'))),
    updateTag: async (t) => (writable(), store.updateTag(db, parseArg(tagUpdateSchema, t, 'tag'))),
    addTag: async (t) => (writable(), store.addTag(db, parseArg(callTagSchema, t, 'tag'))),
    removeTag: async (t) => (writable(), store.removeTag(db, parseArg(callTagSchema, t, 'tag'))),
    neighbour: async (n) => {
      const step = parseArg(neighbourSchema, n, 'review step');
      return neighbour(db, searcher, { ...step, query: withCompletedDrill(db, step.query) });
    },
    log: async (p) => listActions(db, parseArg(logPageSchema, p ?? {}, 'log page')),
    erasePreview: async (e) => previewErasure(db, parseArg(erasureSchema, e, 'erasure')),
    erase: async (e) => (writable(), erase(db, parseArg(erasureSchema, e, 'erasure'))),
  };
}

/**
 * The call after (or before) `callId` in the search's order whose status is wanted: a keyset
 * page of one row starting at that call's sort key (the other direction for "previous").
 */
function neighbour(
  db: Db,
  searcher: CallSearcher,
  n: { query: ParsedSearch; callId?: string | null; direction: 'next' | 'previous'; statuses?: ReviewStatus[] },
): string | null {
  const q = n.query;
  const direction = n.direction === 'next' ? q.direction : q.direction === 'asc' ? 'desc' : 'asc';
  let cursor: string | null = null;
  if (n.callId) {
    const at = one(
      db,
      sql<{ v: string | number; id: number }, [callId: string]>(
        `SELECT ${SORT_EXPR[q.sort]} AS v, c.id FROM calls c WHERE c.call_id = ?`,
      ),
      n.callId,
    );
    if (!at) throw new ArchiveError(`no call ${n.callId} in this archive`, 'NOTFOUND');
    cursor = encodeCursor(q.sort, direction, at.v, at.id);
  }
  const page = searcher.search({
    ...q,
    direction,
    statuses: n.statuses ?? ['unreviewed'],
    cursor,
    offset: undefined,
    limit: 1,
    count: false,
  });
  return page.rows[0]?.callId ?? null;
}

/** Tag and status counts of a search's calls (each facet leaves its own filter out). */
function reviewFacets(db: Db, searcher: CallSearcher, q: ParsedSearch): ReviewFacets {
  const noTags = buildWhere({ ...q, tags: undefined });
  const tag = all(
    db,
    sql<FacetCount, unknown[]>(
      `SELECT t.name AS value, count(*) AS count FROM review_call_tags ct JOIN review_tags t ON t.id = ct.tag
       JOIN calls c ON c.call_id = ct.call_id WHERE ${noTags.sql} GROUP BY t.id ORDER BY count DESC, t.name`,
    ),
    ...noTags.params,
  );
  const noStatus = { ...q, statuses: undefined };
  const where = buildWhere(noStatus);
  const stored = all(
    db,
    sql<FacetCount, unknown[]>(
      `SELECT rs.status AS value, count(*) AS count FROM review_status rs JOIN calls c ON c.call_id = rs.call_id
       WHERE ${where.sql} GROUP BY rs.status`,
    ),
    ...where.params,
  );
  const total = searcher.search({ ...noStatus, limit: 1, cursor: null, offset: undefined, count: true }).total;
  const reviewed = stored.find((s) => s.value === 'reviewed')?.count ?? 0;
  const flagged = stored.find((s) => s.value === 'flagged')?.count ?? 0;
  const status = [
    { value: 'unreviewed', count: total - reviewed - flagged },
    { value: 'reviewed', count: reviewed },
    { value: 'flagged', count: flagged },
  ].filter((s) => s.count > 0);
  return { status, tag };
}
