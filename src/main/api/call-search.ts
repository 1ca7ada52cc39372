// calls.search over SQLite: the total, the page (keyset cursor or a jump to a row position).
// How a page is found is decided by the named strategies of ./search-strategies over the facts of
// ./search-state; this file holds what they share: the counts and their caches, the row seek,
// reading the list columns.
import type { CallListRow, CallPage } from '../../shared/api/archive-api';
import type { CallType, Outcome } from '../../shared/model/archive-call';
import type { Db } from '../store/native';
import { all, one, rawAll, sql, value } from '../store/sql';
import { TYPE_OUTCOME } from '../store/facet-cache';
import { encodeCursor, type ParsedSearch, type Where } from './search-sql';
import { shortTextTotal } from './short-text';
import { FtsText } from './fts-text';
import { hourlyFacet } from './hour-seek';
import { timeRangeCount, timeRangeTotal } from './time-range-counts';
import { rangeMs } from './query-time';
import { SearchState, type Key, type SearchContext } from './search-state';
import { sortKeyAt } from './sort-seek';
import { SEARCH_STRATEGIES, type FoundPage, type ListRowSql, type SearchStrategy } from './search-strategies';
import { DEFAULT_SEARCH_TUNING, type SearchTuning } from './search-tuning';
import { ID_SPAN, MATCH_ESTIMATE_SAMPLE, sampledIds } from './id-sample';
import type { CallColumns } from './call-columns';

export { DEFAULT_SEARCH_TUNING, tuned, type SearchTuning } from './search-tuning';

interface CallRow {
  id: number;
  call_id: string;
  type: CallType;
  start_ms: number;
  end_ms: number;
  caller_number: string | null;
  access_number: string | null;
  queue: string | null;
  agent: string | null;
  outcome: Outcome;
  time_before_answer_sec: number | null;
  wait_time_sec: number | null;
  speak_time_sec: number;
  callback_attempts: number | null;
  sort_value: string | number;
}

/**
 * A list row as an array (searchRaw): LIST_COLUMNS in their order, then the sort value. The
 * layout is RawListRow's, checked against LIST_COLUMNS by a test (test/export/fast-path.test.ts).
 */
export type RawListRow = [
  id: number,
  callId: string,
  type: CallType,
  startMs: number,
  endMs: number,
  callerNumber: string | null,
  accessNumber: string | null,
  queue: string | null,
  agent: string | null,
  outcome: Outcome,
  timeBeforeAnswerSec: number | null,
  waitTimeSec: number | null,
  speakTimeSec: number,
  callbackAttempts: number | null,
  sortValue: string | number,
];
const RAW_ID = 0;
const RAW_SORT_VALUE = 14;

export interface RawCallPage {
  rows: RawListRow[];
  /** The result's total; a lower bound when the strategy did not count (an export asks with count: false after its first page). */
  total: number;
  nextCursor: string | null;
}

export const LIST_COLUMNS =
  'c.id, c.call_id, c.type, c.start_ms, c.end_ms, c.caller_number, c.access_number, c.queue, c.agent, c.outcome, ' +
  'c.time_before_answer_sec, c.wait_time_sec, c.speak_time_sec, c.callback_attempts';

const rowsByIds = (dir: 'ASC' | 'DESC') =>
  sql<CallRow, [idsJson: string]>(
    `SELECT ${LIST_COLUMNS}, c.start_ms AS sort_value FROM calls c WHERE c.id IN (SELECT value FROM json_each(?)) ` +
      `ORDER BY c.start_ms ${dir}, c.id ${dir}`,
  );
const ROWS_BY_IDS_ASC = rowsByIds('ASC');
const ROWS_BY_IDS_DESC = rowsByIds('DESC');
const FACET_COUNTS = sql<{ value: string; count: number }, [facet: string]>(
  'SELECT value, count FROM facet_cache WHERE facet = ?',
);
const CACHED_COUNT = sql<number, [facet: string, value: string]>(
  'SELECT count FROM facet_cache WHERE facet = ? AND value = ?',
);
const CACHED_TOTAL = sql<number>("SELECT count FROM facet_cache WHERE facet = '_total'");
const CALL_COUNT = sql<number>('SELECT count(*) FROM calls');
const HAS_HOURS = sql<1, [facet: string]>('SELECT 1 FROM facet_hours WHERE facet = ? LIMIT 1');

export class CallSearcher implements SearchContext {
  readonly fts: FtsText;
  /** The strategy that answered the last search (bench and tests). */
  lastStrategy = 'none';
  /**
   * The calls' columns in memory (./call-columns), set by whoever knows they match the archive's
   * state (the read pool's worker per request; tests): null leaves every search to SQL.
   */
  columns: CallColumns | null = null;

  constructor(
    readonly db: Db,
    readonly tuning: SearchTuning = DEFAULT_SEARCH_TUNING,
    private readonly strategies: readonly SearchStrategy[] = SEARCH_STRATEGIES,
  ) {
    this.fts = new FtsText(db, tuning);
  }

  /** The first strategy (./search-strategies) that applies and answers gives the page. */
  search(q: ParsedSearch): CallPage {
    const { found, rows } = this.find(q, (f) => (f.ids ? this.rowsByIds(f.ids, q.direction) : this.rows(q, f.rows)));
    return this.page(q, found.total, rows);
  }

  /**
   * The same page as search(), its rows as arrays in RAW_LIST_COLUMNS' order and without who handled
   * the call: what an export reads (src/main/export), one array per call instead of two objects.
   */
  searchRaw(q: ParsedSearch): RawCallPage {
    const { found, rows } = this.find(q, (f) =>
      f.ids ? this.rowsByIds(f.ids, q.direction, true) : this.rows(q, f.rows, true),
    );
    const more = rows.length > q.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    const nextCursor = more && last ? encodeCursor(q.sort, q.direction, last[RAW_SORT_VALUE], last[RAW_ID]) : null;
    const total = found.total ?? rows.length + (more ? 1 : 0);
    return { rows, total, nextCursor };
  }

  /** The page's strategy and its rows (read by `read`): a bounded walk that stopped short hands over to the next. */
  private find<R>(q: ParsedSearch, read: (found: FoundPage) => R[]): { found: FoundPage; rows: R[] } {
    const state = new SearchState(q, this);
    for (const strategy of this.strategies) {
      if (!strategy.applies(state)) continue;
      const found = strategy.run(state);
      if (!found) continue;
      const rows = read(found);
      if (found.rows?.bounded && rows.length <= q.limit) {
        state.abandonWalk(); // it stopped at its budget: the matches are sorted instead
        continue;
      }
      this.lastStrategy = found.name;
      return { found, rows };
    }
    throw new Error('no search strategy answered'); // sorted-matches always does
  }

  private rows(q: ParsedSearch, page: ListRowSql | undefined): CallRow[];
  private rows(q: ParsedSearch, page: ListRowSql | undefined, raw: true): RawListRow[];
  private rows(q: ParsedSearch, page: ListRowSql | undefined, raw = false): CallRow[] | RawListRow[] {
    if (!page) return [];
    const text = `SELECT ${LIST_COLUMNS}, ${page.sortValue} AS sort_value FROM ${page.from} WHERE ${page.where} ORDER BY ${page.order} LIMIT ?`;
    if (raw) return rawAll(this.db, sql<RawListRow, unknown[]>(text), ...page.params, q.limit + 1);
    return all(this.db, sql<CallRow, unknown[]>(text), ...page.params, q.limit + 1);
  }

  /** The page of `limit` rows out of `limit + 1` read; total null: not counted (a lower bound instead). */
  private page(q: ParsedSearch, total: number | null, rows: CallRow[]): CallPage {
    const more = rows.length > q.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    const nextCursor = more && last ? encodeCursor(q.sort, q.direction, last.sort_value, last.id) : null;
    if (total === null)
      return { rows: rows.map(listRow), total: rows.length + (more ? 1 : 0), nextCursor, totalPending: true };
    return { rows: rows.map(listRow), total, nextCursor };
  }

  /**
   * About how many calls match: the matches among every n-th call id (about 4,096 calls, read by
   * rowid), scaled up. Exact on an archive of fewer calls. Decides walk or sort for a page whose
   * count is not asked for, without counting.
   */
  estimateMatches(where: Where): number {
    const all = this.cachedTotal();
    if (where.empty) return all;
    const every = Math.max(1, Math.floor(all / MATCH_ESTIMATE_SAMPLE));
    const { lo, hi } = one(this.db, ID_SPAN) ?? { lo: null, hi: null };
    const text = `SELECT count(*) FROM calls c WHERE ${where.sql} AND ${sampledIds(lo ?? 1, hi ?? 0, every)}`;
    return (value(this.db, sql<number, unknown[]>(text), ...where.params) ?? 0) * every;
  }

  memoryColumns(): CallColumns | null {
    return this.columns;
  }

  /** Above this many matches a page is found by walking the sort index (see search()). */
  walkThreshold(limit: number): number {
    return Math.max(this.tuning.walkMinMatches, Math.ceil(Math.sqrt(4 * limit * this.cachedTotal()))) + 1;
  }

  /**
   * The sort key of the row just before position q.offset (0 < offset < total): one
   * OFFSET over (sort value, id) only — on the sort index that is a covering scan of
   * `offset` entries, not `offset / limit` page reads. Positions in the second half
   * are counted from the other end.
   */
  seek(q: ParsedSearch, where: Where, total: number, indexed: boolean): Key {
    const offset = q.offset ?? 0;
    const fromEnd = offset > total / 2;
    const desc = (q.direction === 'desc') !== fromEnd;
    const key = sortKeyAt(this.db, {
      sort: q.sort,
      dir: desc ? 'DESC' : 'ASC',
      indexed,
      where: where.sql,
      params: where.params,
      offset: fromEnd ? total - offset : offset - 1,
    });
    if (!key) throw new Error(`no row at position ${offset} of ${total}`);
    return key;
  }

  private rowsByIds(ids: number[], direction: 'asc' | 'desc'): CallRow[];
  private rowsByIds(ids: number[], direction: 'asc' | 'desc', raw: true): RawListRow[];
  private rowsByIds(ids: number[], direction: 'asc' | 'desc', raw = false): CallRow[] | RawListRow[] {
    if (!ids.length) return [];
    const q = direction === 'desc' ? ROWS_BY_IDS_DESC : ROWS_BY_IDS_ASC;
    if (raw) return rawAll(this.db, sql<RawListRow, [idsJson: string]>(q.text), JSON.stringify(ids));
    return all(this.db, q, JSON.stringify(ids));
  }

  /** The exact total; null when `defer` and only a count of the matches would give it. */
  // eslint-disable-next-line complexity -- the counting shortcuts, cheapest first, each with its own test in search-paths
  total(q: ParsedSearch, where: Where, defer = false): number | null {
    if (where.empty) return this.cachedTotal();
    if (where.shortOnly && this.tuning.shortcuts) {
      const cached = shortTextTotal(this.db, q.text);
      if (cached !== undefined) return cached;
    }
    if (where.timeOnly) return timeRangeTotal(this.db, where.timeOnly.from, where.timeOnly.to);
    if (where.linkOnly) {
      const { table, column, values } = where.linkOnly;
      // One value: (value, call) is the primary key, so its count is the cached facet count.
      if (values.length === 1) {
        const cached = this.cached(column, values[0] as string);
        if (cached !== undefined) return cached;
      }
      const text = `SELECT count(${values.length === 1 ? '*' : 'DISTINCT call'}) FROM ${table} WHERE ${column} IN (${values.map(() => '?').join(', ')})`;
      return value(this.db, sql<number, string[]>(text), ...values) ?? 0;
    }
    if (where.typeOutcomeOnly) {
      const pairs = this.typeOutcomePairs();
      if (pairs) {
        let n = 0;
        for (const p of pairs)
          if ((!q.types?.length || q.types.includes(p.type)) && (!q.outcomes?.length || q.outcomes.includes(p.outcome)))
            n += p.count;
        return n;
      }
    }
    const hourly = q.from || q.to ? hourlyFacet(q) : null;
    // Archives imported before the (type, outcome) hours existed have none: counted below.
    if (hourly && (hourly.facet !== TYPE_OUTCOME || this.hasHours(TYPE_OUTCOME))) {
      // One list filter and a time range: whole hours from facet_hours, the partial ones counted.
      const { from, to } = rangeMs(q);
      return timeRangeCount(this.db, hourly.facet, hourly.values, from, to);
    }
    if (defer) return null;
    return (
      value(this.db, sql<number, unknown[]>(`SELECT count(*) FROM calls c WHERE ${where.sql}`), ...where.params) ?? 0
    );
  }

  /**
   * The search with its type list completed by every outcome those types have in the archive
   * (or its outcome list by every type): the same calls, as the (type, outcome) pairs are exact.
   */
  withPairValues(q: ParsedSearch): ParsedSearch {
    const types = q.types?.length ? q.types : null;
    const outcomes = q.outcomes?.length ? q.outcomes : null;
    if (!types === !outcomes) return q;
    const pairs = this.typeOutcomePairs();
    if (!pairs) return q;
    if (types) {
      const have = [...new Set(pairs.filter((p) => types.includes(p.type)).map((p) => p.outcome))];
      return have.length ? { ...q, outcomes: have } : q;
    }
    const have = [...new Set(pairs.filter((p) => outcomes!.includes(p.outcome)).map((p) => p.type))];
    return have.length ? { ...q, types: have } : q;
  }

  /** Calls per (type, outcome) from the cache; null when the cache is not filled. */
  typeOutcomePairs(): { type: CallType; outcome: Outcome; count: number }[] | null {
    const rows = all(this.db, FACET_COUNTS, TYPE_OUTCOME);
    if (!rows.length && this.cachedTotal() !== 0) return null;
    return rows.map((r) => {
      const [type, outcome] = r.value.split('|') as [CallType, Outcome];
      return { type, outcome, count: r.count };
    });
  }

  private hasHours(facet: string): boolean {
    return value(this.db, HAS_HOURS, facet) !== undefined || this.cachedTotal() === 0;
  }

  /** A cached count (0 for a value the filled cache does not list), or undefined when the cache is empty. */
  private cached(facet: string, name: string): number | undefined {
    if (!this.cacheFilled()) return undefined;
    return value(this.db, CACHED_COUNT, facet, name) ?? 0;
  }

  private cacheFilled(): boolean {
    return value(this.db, CACHED_TOTAL) !== undefined;
  }

  cachedTotal(): number {
    return value(this.db, CACHED_TOTAL) ?? value(this.db, CALL_COUNT) ?? 0;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function listRow(r: CallRow): CallListRow {
  return {
    callId: r.call_id,
    type: r.type,
    start: iso(r.start_ms),
    end: iso(r.end_ms),
    callerNumber: r.caller_number,
    accessNumber: r.access_number,
    queue: r.queue,
    agent: r.agent,
    outcome: r.outcome,
    timeBeforeAnswerSec: r.time_before_answer_sec,
    waitTimeSec: r.wait_time_sec,
    speakTimeSec: r.speak_time_sec,
    callbackAttempts: r.callback_attempts,
  };
}
