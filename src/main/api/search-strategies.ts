// How calls.search finds a page: an ordered list of named strategies, each with the test of when
// it applies. The first that applies and answers gives the page; a strategy that cannot answer
// (a walk that read too far) returns null and the next is tried. `sorted-matches`, the plain
// query (filter, sort, LIMIT), always applies. Every strategy returns exactly what the plain
// query returns: test/archive/search-strategies.test.ts compares each with an in-memory filter
// of the calls, under tunings that force each one.
import { fromMs, toMs } from './query-time';
import { SORT_EXPR, SORT_INDEX, buildWhere, type ParsedSearch } from './search-sql';
import type { Key, SearchState } from './search-state';
import { sortKeyAt } from './sort-seek';
import { compileFilter, keyOfCursor, scanPage, scannable } from './column-scan';
import { shortWordMatches } from './call-columns';
import { columnTextFilter } from './call-text-columns';
import { sql, value } from '../store/sql';

/** A page read: the rows (`limit + 1` at most, for "is there more"), the total, how it was found. */
export interface FoundPage {
  ids?: number[];
  rows?: ListRowSql;
  total: number | null;
  name: string;
}

/** A page read by SQL: the parts of its statement and its parameters (the searcher adds the list columns). */
export interface ListRowSql {
  /** The FROM clause: the calls as `c`. */
  from: string;
  where: string;
  params: unknown[];
  order: string;
  sortValue: string;
  /**
   * A walk bounded to its budget of index entries: when it returns less than a full page, it may
   * have stopped at the bound rather than at the last match, and the next strategy answers.
   */
  bounded?: boolean;
}

export interface SearchStrategy {
  readonly name: string;
  applies(s: SearchState): boolean;
  run(s: SearchState): FoundPage | null;
}

/**
 * A trigram text searched without its count (`count: false`) lists up to this many of its matches
 * first: all of them for a rare text (then sorted), else a sample whose id span sizes the first
 * window of the start-index walk — one more evaluation of the match, as a rule.
 */
const UNCOUNTED_SAMPLE = 512;
/** Beyond a first window this long (a sparse text) the matches are listed (up to ftsWalkMinMatches) rather than walked. */
const UNCOUNTED_WINDOW = 16_384;

/** The text's matches in list order, when there are at most n of them (else null). */
function listUpTo(s: SearchState, n: number): number[] | null {
  const ids = s.ctx.fts.idsUpTo(s.match ?? '', n, s.q.direction);
  return ids.length <= n ? ids : null;
}

/** Walks the start index in windows from the cursor, keeping the text's matches; null when too sparse. */
function startWalk(s: SearchState, window: number): number[] | null {
  return s.ctx.fts.walkByStart(s.match ?? '', s.q.direction, s.cursor, s.q.limit + 1, window);
}

/** Uncounted text, count not kept: a sample of the matches nearest the list's start sizes the walk. */
const textSampleWalk: SearchStrategy = {
  name: 'text-sample-walk',
  applies: (s) => s.textByStart && s.defer && s.shortcuts && s.keptTextTotal === null,
  run(s) {
    const max = s.ctx.tuning.ftsWalkMinMatches;
    const probe = Math.min(max, UNCOUNTED_SAMPLE);
    const sample = s.ctx.fts.idsUpTo(s.match ?? '', probe, s.q.direction);
    if (sample.length <= probe) {
      s.listed = sample; // a rare text: all its matches
      return null;
    }
    const span = Math.abs((sample[sample.length - 1] as number) - (sample[0] as number)) + 1;
    const window = Math.ceil((1.5 * (s.q.limit + 1) * span) / sample.length);
    // A sparse text (a page spans many windows): listing its matches costs less than walking.
    if (window > UNCOUNTED_WINDOW) {
      s.listed = listUpTo(s, max);
      if (s.listed) return null;
    }
    const ids = startWalk(s, window);
    return ids ? { ids, total: null, name: this.name } : null;
  },
};

/** Counted text, count not kept: few matches are listed, and the list is the count. */
const textListed: SearchStrategy = {
  name: 'text-listed',
  applies: (s) => s.textByStart && !s.defer && s.shortcuts && s.keptTextTotal === null,
  run(s) {
    s.listed = listUpTo(s, s.ctx.tuning.ftsWalkMinMatches);
    return null; // the page is read by a strategy below, from the listed ids
  },
};

/** A common text: the start index walked in windows sized to hold a page at the match's density. */
const textStartWalk: SearchStrategy = {
  name: 'text-start-walk',
  applies: (s) => s.textByStart && !s.listed && s.textTotal > s.ctx.tuning.ftsWalkMinMatches,
  run(s) {
    const window = s.ctx.tuning.ftsWindowEstimate
      ? Math.ceil((1.5 * (s.q.limit + 1) * s.ctx.cachedTotal()) / s.textTotal)
      : 0;
    const ids = startWalk(s, window);
    return ids ? { ids, total: s.textTotal, name: this.name } : null;
  },
};

const CALLER_OF = sql<string, [id: number]>("SELECT coalesce(caller_number, '') FROM calls WHERE id = ?");
const ACCESS_OF = sql<string, [id: number]>("SELECT coalesce(access_number, '') FROM calls WHERE id = ?");

/**
 * The calls' columns in memory scanned (./column-scan): every filter combination and sort at the
 * same cost, with the exact total. Applies when the columns are loaded for this state of the
 * archive and the search names only filters the scan evaluates.
 */
const columnScan: SearchStrategy = {
  name: 'column-scan',
  applies: (s) => s.ctx.memoryColumns() !== null && scannable(s.q),
  run(s) {
    const cols = s.ctx.memoryColumns();
    if (!cols) return null;
    const { q } = s;
    const valueOf = (id: number) => value(s.ctx.db, q.sort === 'callerNumber' ? CALLER_OF : ACCESS_OF, id);
    const after = s.cursor ? keyOfCursor(cols, q.sort, s.cursor, valueOf) : null;
    if (s.cursor && !after) return null;
    const filter = compileFilter(
      cols,
      q,
      columnTextFilter(cols, q.text, () => s.ftsIdList),
      shortWordMatches(s.ctx.db, cols, q.text),
    );
    const order = { sort: q.sort, desc: q.direction === 'desc' };
    const page = scanPage(cols, filter, order, { after, offset: q.offset ?? 0 }, q.limit + 1);
    const expr = SORT_EXPR[q.sort];
    const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
    return {
      rows: {
        from: 'calls c',
        where: 'c.id IN (SELECT value FROM json_each(?))',
        params: [JSON.stringify(page.ids)],
        order: `${expr} ${dir}, c.id ${dir}`,
        sortValue: expr,
      },
      total: page.total,
      name: `${s.foundBy}column-scan${q.offset ? ' + select' : ''}`,
    };
  },
};

const pastTheEnd: SearchStrategy = {
  name: 'past-the-end',
  applies: (s) => s.pastTheEnd,
  run: (s) => ({ ids: [], total: s.total, name: 'past-the-end' }),
};

/**
 * One queue or agent by start: the link table's key (value, start_ms, call) is already in page order
 * (LEAN_TABLES_VERSION; before it, the index (value, start_ms, call) was: the planner takes either,
 * and a key cannot be named in INDEXED BY).
 */
const linkStartIndex: SearchStrategy = {
  name: 'link-start-index',
  applies: (s) => s.shortcuts && s.q.sort === 'start' && s.where.linkOnly?.values.length === 1,
  run(s) {
    const { table, column, values } = s.where.linkOnly ?? { table: '', column: '', values: [] };
    const { after } = s;
    const dir = s.q.direction === 'desc' ? 'DESC' : 'ASC';
    const keyset = after ? ` AND (x.start_ms, x.call) ${dir === 'DESC' ? '<' : '>'} (?, ?)` : '';
    return {
      rows: {
        from: `${table} x CROSS JOIN calls c ON c.id = x.call`,
        where: `x.${column} = ?${keyset}`,
        params: [values[0], ...(after ? [after.value, after.id] : [])],
        order: `x.start_ms ${dir}, x.call ${dir}`,
        sortValue: 'c.start_ms',
      },
      total: s.total,
      name: `${s.foundBy}link-start-index${s.jumpName}`,
    };
  },
};

/** The matches read in sort order: by walking the sort index (many matches) or sorting them (few). */
const sortedPage = (name: 'sort-index-walk' | 'sorted-matches'): SearchStrategy => ({
  name,
  applies: (s) => name === 'sorted-matches' || s.walk,
  run(s) {
    const { q, after, walk } = s;
    const expr = SORT_EXPR[q.sort];
    const dir = q.direction === 'desc' ? 'DESC' : 'ASC';
    const { sql: keyset, params: keyParams } = keysetAfter(expr, dir, after);
    // A start keyset is also a time bound: as such it reaches into queue / agent subqueries,
    // which then list only the calls from there on instead of all of theirs.
    const page =
      s.shortcuts && after && q.sort === 'start'
        ? buildWhere(narrowed(s.sorted, Number(after.value)), undefined, {
            correlated: walk,
            ftsIds: s.ftsIds,
            short: s.short,
          })
        : s.scan;
    const bound = walk ? walkBound(s, keyset, keyParams) : null;
    // The bound as a plain range of the sort value (ties past it included: a few more visits, the
    // same rows), so that the index scan ends there.
    return {
      rows: {
        from: walk ? `calls c INDEXED BY ${SORT_INDEX[q.sort]}` : 'calls c',
        where: `${page.sql}${keyset}${bound ? ` AND ${expr} ${dir === 'DESC' ? '>=' : '<='} ?` : ''}`,
        params: [...page.params, ...keyParams, ...(bound ? [bound.value] : [])],
        order: `${expr} ${dir}, c.id ${dir}`,
        sortValue: expr,
        ...(bound ? { bounded: true } : {}),
      },
      total: s.total,
      name: `${s.foundBy}${name}${s.jumpName}${s.walkGaveUp ? ' (walk gave up)' : ''}`,
    };
  },
});

/**
 * `AND` the rows after a keyset in sort order. SQLite uses a row-value comparison `(expr, id) < (?, ?)`
 * as an index range only on plain columns, not on the expression indexes most sorts use (it then
 * read the index from its start to the keyset on every next page): the plain range of the sort
 * value in front lets it seek, and the row value settles the ties.
 */
export function keysetAfter(expr: string, dir: 'ASC' | 'DESC', after: Key | null): { sql: string; params: unknown[] } {
  if (!after) return { sql: '', params: [] };
  const [op, range] = dir === 'DESC' ? ['<', '<='] : ['>', '>='];
  return {
    sql: ` AND ${expr} ${range} ? AND (${expr}, c.id) ${op} (?, ?)`,
    params: [after.value, after.value, after.id],
  };
}

/**
 * The sort key `walkBudget` index entries past the page's start: the walk reads no further. Null
 * when fewer entries are left (the walk then ends at the index's end anyway). A covering scan of
 * the sort index, without the filter: a few milliseconds per 100,000 entries.
 */
function walkBound(s: SearchState, keyset: string, keyParams: unknown[]): Key | null {
  const dir = s.q.direction === 'desc' ? 'DESC' : 'ASC';
  const where = `1${keyset}`;
  return sortKeyAt(s.ctx.db, { sort: s.q.sort, dir, indexed: true, where, params: keyParams, offset: s.walkBudget });
}

/** In the order they are tried. */
export const SEARCH_STRATEGIES: readonly SearchStrategy[] = [
  textSampleWalk,
  textListed,
  textStartWalk,
  columnScan,
  pastTheEnd,
  linkStartIndex,
  sortedPage('sort-index-walk'),
  sortedPage('sorted-matches'),
];

/** The search restricted to the start times at or past a start keyset value (in sort order). */
export function narrowed(q: ParsedSearch, start: number): ParsedSearch {
  const iso = (ms: number) => new Date(ms).toISOString();
  if (q.direction === 'desc') return { ...q, to: iso(Math.min(toMs(q) ?? Infinity, start + 1)) };
  return { ...q, from: iso(Math.max(fromMs(q) ?? -Infinity, start)) };
}
