// calls.search over SQLite: the total, the page (keyset cursor or a jump to a row
// position) and the strategies that keep both fast at a million calls. Every
// strategy returns exactly what the plain query (filter, sort, LIMIT) returns;
// test/archive/search-paths.test.ts compares them on a fixture archive.
import type { CallListRow, CallPage } from '../../shared/api/archive-api';
import type { CallType, Outcome } from '../../shared/model/archive-call';
import type { Db } from '../store/native';
import { TYPE_OUTCOME } from '../store/facet-cache';
import {
  buildWhere,
  decodeCursor,
  encodeCursor,
  ftsMatch,
  searchTuning,
  SORT_EXPR,
  SORT_INDEX,
  type ParsedSearch,
  type Where,
} from './search-sql';
import { resolveShortWords, shortTextTotal } from './short-text';
import { FtsText } from './fts-text';
import { hourlyFacet, seekByHour } from './hour-seek';
import { timeRangeCount, timeRangeTotal } from './time-range-counts';
import { fromMs, rangeMs, toMs } from './query-time';

export { searchTuning };

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

const LIST_COLUMNS =
  'c.id, c.call_id, c.type, c.start_ms, c.end_ms, c.caller_number, c.access_number, c.queue, c.agent, c.outcome, ' +
  'c.time_before_answer_sec, c.wait_time_sec, c.speak_time_sec, c.callback_attempts';

type Key = { value: string | number; id: number };

/**
 * A trigram text searched without its count (`count: false`) lists up to this many of its matches
 * first: all of them for a rare text (then sorted), else a sample whose id span sizes the first
 * window of the start-index walk — one more evaluation of the match, as a rule.
 */
const UNCOUNTED_SAMPLE = 512;
/** Beyond a first window this long (a sparse text) the matches are listed (up to ftsWalkMinMatches) rather than walked. */
const UNCOUNTED_WINDOW = 16_384;

export class CallSearcher {
  readonly fts: FtsText;
  /** The strategy that answered the last search (bench and tests). */
  lastStrategy = 'legacy';

  constructor(private readonly db: Db) {
    this.fts = new FtsText(db);
  }

  // eslint-disable-next-line complexity -- search paths still inline; splitting them into named strategies is #17 item 3
  search(q: ParsedSearch): CallPage {
    const match = ftsMatch(q.text);
    // Page before total: only for a first page or a cursor page (a jump needs the total).
    const defer = q.count === false && q.offset === undefined;
    const textOnly = match !== null && buildWhere(q).ftsOnly;
    // A text alone listed in full here (few matches: the list is the count) is not evaluated again below.
    let listed: number[] | null = null;
    if (textOnly && q.sort === 'start' && !q.offset) {
      const cursor = q.cursor ? decodeCursor(q.cursor, q.sort, q.direction) : null;
      let total = this.fts.keptCount(match) ?? null;
      if (total === null && searchTuning.shortcuts) {
        // Few matches: listing them is the count (the match evaluated once, not counted and then listed).
        const max = searchTuning.ftsWalkMinMatches;
        const upTo = (n: number) => {
          const ids = this.fts.idsUpTo(match, n, q.direction);
          return ids.length <= n ? ids : null;
        };
        if (!defer) listed = upTo(max);
        else {
          // Uncounted, a short list first: all matches of a rare text, else a sample of those nearest
          // the list's start, whose id span tells how many calls a page spans there.
          const probe = Math.min(max, UNCOUNTED_SAMPLE);
          const sample = this.fts.idsUpTo(match, probe, q.direction);
          if (sample.length <= probe) listed = sample;
          else {
            const span = Math.abs((sample[sample.length - 1] as number) - (sample[0] as number)) + 1;
            const window = Math.ceil((1.5 * (q.limit + 1) * span) / sample.length);
            // A sparse text (a page spans many windows): listing its matches costs less than walking.
            if (window > UNCOUNTED_WINDOW) listed = upTo(max);
            const ids = listed ? null : this.fts.walkByStart(match, q.direction, cursor, q.limit + 1, window);
            if (ids) return this.named('text-sample-walk', this.page(q, null, this.rowsByIds(ids, q.direction)));
          }
        }
      }
      if (!listed) {
        total ??= this.fts.count(match);
        if (total > searchTuning.ftsWalkMinMatches) {
          // The first window is sized to hold a page at the match's average density.
          const window = searchTuning.ftsWindowEstimate
            ? Math.ceil((1.5 * (q.limit + 1) * this.cachedTotal()) / total)
            : 0;
          const ids = this.fts.walkByStart(match, q.direction, cursor, q.limit + 1, window);
          if (ids) return this.named('text-start-walk', this.page(q, total, this.rowsByIds(ids, q.direction)));
        }
      }
    }
    const short = searchTuning.shortcuts ? resolveShortWords(this.db, q, this.walkThreshold(q.limit)) : undefined;
    const ftsIds =
      match === null ? undefined : listed ? JSON.stringify(listed) : this.fts.ids(match, this.fts.idBounds(q));
    const where = buildWhere(q, undefined, { ftsIds, short });
    const total =
      where.ftsOnly && ftsIds !== undefined
        ? (JSON.parse(ftsIds) as unknown[]).length
        : this.total(q, where, defer && short !== undefined);
    // Not counted: the short words' estimate (an upper bound) decides how the page is found.
    const estimate = total ?? Math.min(...(short ?? []).map((w) => w.estimate));
    // SQLite's planner ignores LIMIT: with a filter matching many calls it would
    // sort all of them. When more than 1% of the archive matches, walking the sort
    // index and filtering finds a page after ~100 × limit rows at most.
    // Walking costs ~limit × all / total row visits, sorting ~total: walk when that is cheaper.
    const walk =
      !where.empty && estimate > searchTuning.walkMinMatches && estimate * estimate > 4 * q.limit * this.cachedTotal();
    const shortcuts = searchTuning.shortcuts;
    // Matches sorted (not walked) under a time range: naming the other of type / outcome too
    // (every value the archive has for the given ones) lets one (type, outcome, start) index range find them.
    const sq = !walk && shortcuts && (q.from || q.to) ? this.withPairValues(q) : q;
    const scan = walk
      ? buildWhere(q, undefined, { correlated: true, ftsIds, short })
      : sq === q
        ? where
        : buildWhere(sq, undefined, { ftsIds, short });
    let after: Key | null = q.cursor ? decodeCursor(q.cursor, q.sort, q.direction) : null;
    let jump = '';
    if (q.offset !== undefined && q.offset > 0 && total !== null) {
      if (q.offset >= total) return this.named('past-the-end', { rows: [], total, nextCursor: null });
      const hour = shortcuts ? seekByHour(this.db, q, q.offset - 1, total) : null;
      after = hour ?? this.seek(q, scan, total, walk || where.empty);
      jump = hour ? ' + hour-seek' : ' + offset-seek';
    }
    const found = listed ? 'text-listed, ' : '';
    const expr = SORT_EXPR[q.sort];
    const desc = q.direction === 'desc';
    const dir = desc ? 'DESC' : 'ASC';
    const link = where.linkOnly;
    if (shortcuts && q.sort === 'start' && link?.values.length === 1) {
      // One queue or agent by start: its (value, start_ms, call) index is already in page order.
      const rows = this.db
        .prepare(
          `SELECT ${LIST_COLUMNS}, c.start_ms AS sort_value FROM ${link.table} x INDEXED BY ${link.table}_${link.column}_start ` +
            `CROSS JOIN calls c ON c.id = x.call WHERE x.${link.column} = ?${after ? ` AND (x.start_ms, x.call) ${desc ? '<' : '>'} (?, ?)` : ''} ` +
            `ORDER BY x.start_ms ${dir}, x.call ${dir} LIMIT ?`,
        )
        .all(link.values[0], ...(after ? [after.value, after.id] : []), q.limit + 1) as CallRow[];
      return this.named(`${found}link-start-index${jump}`, this.page(q, total, rows));
    }
    const keyset = after ? ` AND (${expr}, c.id) ${desc ? '<' : '>'} (?, ?)` : '';
    // A start keyset is also a time bound: as such it reaches into queue / agent subqueries,
    // which then list only the calls from there on instead of all of theirs.
    const page =
      shortcuts && after && q.sort === 'start'
        ? buildWhere(narrowed(sq, Number(after.value)), undefined, { correlated: walk, ftsIds, short })
        : scan;
    const rows = this.db
      .prepare(
        `SELECT ${LIST_COLUMNS}, ${expr} AS sort_value FROM ${this.from(q, walk)} WHERE ${page.sql}${keyset} ` +
          `ORDER BY ${expr} ${dir}, c.id ${dir} LIMIT ?`,
      )
      .all(...page.params, ...(after ? [after.value, after.id] : []), q.limit + 1) as CallRow[];
    return this.named(`${found}${walk ? 'sort-index-walk' : 'sorted-matches'}${jump}`, this.page(q, total, rows));
  }

  /** Records which strategy answered (bench, tests). */
  private named(strategy: string, page: CallPage): CallPage {
    this.lastStrategy = strategy;
    return page;
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

  /** Above this many matches a page is found by walking the sort index (see search()). */
  private walkThreshold(limit: number): number {
    return Math.max(searchTuning.walkMinMatches, Math.ceil(Math.sqrt(4 * limit * this.cachedTotal()))) + 1;
  }

  private from(q: ParsedSearch, indexed: boolean): string {
    return indexed ? `calls c INDEXED BY ${SORT_INDEX[q.sort]}` : 'calls c';
  }

  /**
   * The sort key of the row just before position q.offset (0 < offset < total): one
   * OFFSET over (sort value, id) only — on the sort index that is a covering scan of
   * `offset` entries, not `offset / limit` page reads. Positions in the second half
   * are counted from the other end.
   */
  private seek(q: ParsedSearch, where: Where, total: number, indexed: boolean): Key {
    const offset = q.offset ?? 0;
    const fromEnd = offset > total / 2;
    const desc = (q.direction === 'desc') !== fromEnd;
    const dir = desc ? 'DESC' : 'ASC';
    const expr = SORT_EXPR[q.sort];
    const key = this.db
      .prepare(
        `SELECT ${expr} AS value, c.id AS id FROM ${this.from(q, indexed)} WHERE ${where.sql} ORDER BY ${expr} ${dir}, c.id ${dir} LIMIT 1 OFFSET ?`,
      )
      .get(...where.params, fromEnd ? total - offset : offset - 1) as Key | undefined;
    if (!key) throw new Error(`no row at position ${offset} of ${total}`);
    return key;
  }

  private rowsByIds(ids: number[], direction: 'asc' | 'desc'): CallRow[] {
    const dir = direction === 'desc' ? 'DESC' : 'ASC';
    return this.db
      .prepare(
        `SELECT ${LIST_COLUMNS}, c.start_ms AS sort_value FROM calls c WHERE c.id IN (SELECT value FROM json_each(?)) ` +
          `ORDER BY c.start_ms ${dir}, c.id ${dir}`,
      )
      .all(JSON.stringify(ids)) as CallRow[];
  }

  /** The exact total; null when `defer` and only a count of the matches would give it. */
  // eslint-disable-next-line complexity -- search paths still inline; splitting them into named strategies is #17 item 3
  total(q: ParsedSearch, where: Where, defer = false): number | null {
    if (where.empty) return this.cachedTotal();
    if (where.shortOnly && searchTuning.shortcuts) {
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
      return this.db
        .prepare(
          `SELECT count(${values.length === 1 ? '*' : 'DISTINCT call'}) FROM ${table} WHERE ${column} IN (${values.map(() => '?').join(', ')})`,
        )
        .pluck()
        .get(...values) as number;
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
    return this.db
      .prepare(`SELECT count(*) FROM calls c WHERE ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
  }

  /**
   * The search with its type list completed by every outcome those types have in the archive
   * (or its outcome list by every type): the same calls, as the (type, outcome) pairs are exact.
   */
  private withPairValues(q: ParsedSearch): ParsedSearch {
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
    const rows = this.db.prepare('SELECT value, count FROM facet_cache WHERE facet = ?').all(TYPE_OUTCOME) as {
      value: string;
      count: number;
    }[];
    if (!rows.length && this.cachedTotal() !== 0) return null;
    return rows.map((r) => {
      const [type, outcome] = r.value.split('|') as [CallType, Outcome];
      return { type, outcome, count: r.count };
    });
  }

  private hasHours(facet: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM facet_hours WHERE facet = ? LIMIT 1').pluck().get(facet) !== undefined ||
      this.cachedTotal() === 0
    );
  }

  /** A cached count (0 for a value the filled cache does not list), or undefined when the cache is empty. */
  private cached(facet: string, value: string): number | undefined {
    if (!this.cacheFilled()) return undefined;
    return (
      (this.db.prepare('SELECT count FROM facet_cache WHERE facet = ? AND value = ?').pluck().get(facet, value) as
        number | undefined) ?? 0
    );
  }

  private cacheFilled(): boolean {
    return this.db.prepare("SELECT 1 FROM facet_cache WHERE facet = '_total'").pluck().get() !== undefined;
  }

  cachedTotal(): number {
    const cached = this.db.prepare("SELECT count FROM facet_cache WHERE facet = '_total'").pluck().get() as
      number | undefined;
    return cached ?? (this.db.prepare('SELECT count(*) FROM calls').pluck().get() as number);
  }
}

/** The search restricted to the start times at or past a start keyset value (in sort order). */
function narrowed(q: ParsedSearch, start: number): ParsedSearch {
  if (q.direction === 'desc') {
    const to = Math.min(toMs(q) ?? Infinity, start + 1);
    return { ...q, to: iso(to) };
  }
  return { ...q, from: iso(Math.max(fromMs(q) ?? -Infinity, start)) };
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
