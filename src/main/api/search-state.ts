// One search, normalised once, and the facts about it that the strategies (./search-strategies)
// decide on. Each fact is worked out when a strategy first asks for it and then kept: a text
// answered by the start-index walk never counts its matches, a first page never seeks a row.
import type { Db } from '../store/native';
import type { FtsText } from './fts-text';
import type { CallColumns } from './call-columns';
import { seekByHour } from './hour-seek';
import { WALK_BUDGET_FACTOR, WALK_BUDGET_MIN, type SearchTuning } from './search-tuning';
import { buildWhere, decodeCursor, ftsMatch, type ParsedSearch, type Where } from './search-sql';
import { resolveShortWords } from './short-text';

export type Key = { value: string | number; id: number };

/** What the strategies need of the searcher: its connection, counts and caches. */
export interface SearchContext {
  readonly db: Db;
  readonly fts: FtsText;
  readonly tuning: SearchTuning;
  cachedTotal(): number;
  total(q: ParsedSearch, where: Where, defer?: boolean): number | null;
  seek(q: ParsedSearch, where: Where, total: number, indexed: boolean): Key;
  withPairValues(q: ParsedSearch): ParsedSearch;
  walkThreshold(limit: number): number;
  /** About how many calls match (a sample of the calls counted and scaled up): for choosing how to read a page. */
  estimateMatches(where: Where): number;
  /** The calls' columns in memory for this state of the archive (./call-columns), or null. */
  memoryColumns(): CallColumns | null;
}

export class SearchState {
  /** The FTS5 match of the text, or null for a search without one. */
  readonly match: string | null;
  /** Page before total: only for a first page or a cursor page (a jump needs the total). */
  readonly defer: boolean;
  /** The keyset of a cursor page. */
  readonly cursor: Key | null;
  /** A text and nothing else, sorted by start, not a jump: the FTS matches can be walked in start order. */
  readonly textByStart: boolean;
  /**
   * The text's matches listed in full by a text strategy (few of them: the list is the count),
   * so that the filter is not evaluated again.
   */
  listed: number[] | null = null;
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly q: ParsedSearch,
    readonly ctx: SearchContext,
  ) {
    this.match = ftsMatch(q.text);
    this.defer = q.count === false && q.offset === undefined;
    this.cursor = q.cursor ? decodeCursor(q.cursor, q.sort, q.direction) : null;
    this.textByStart = this.match !== null && buildWhere(q).ftsOnly && q.sort === 'start' && !q.offset;
  }

  get shortcuts(): boolean {
    return this.ctx.tuning.shortcuts;
  }

  /** The text's match count kept from an earlier search of it; null when not known. */
  get keptTextTotal(): number | null {
    return this.once('keptTextTotal', () =>
      this.match === null ? null : (this.ctx.fts.keptCount(this.match) ?? null),
    );
  }

  /** The text's match count (counted when not kept). */
  get textTotal(): number {
    return this.once('textTotal', () => this.keptTextTotal ?? this.ctx.fts.count(this.match ?? ''));
  }

  /** Short words (one or two characters) resolved to index ranges and names, when shortcuts are on. */
  get short(): ReturnType<typeof resolveShortWords> {
    return this.once('short', () =>
      this.shortcuts ? resolveShortWords(this.ctx.db, this.q, this.ctx.walkThreshold(this.q.limit)) : undefined,
    );
  }

  /** The text's matching call ids (JSON), from the listed ones when a strategy listed them. */
  get ftsIds(): string | undefined {
    return this.once('ftsIds', () =>
      this.ftsIdList === undefined ? undefined : JSON.stringify(Array.from(this.ftsIdList)),
    );
  }

  /** The same ids as a list (the column scan marks them; no JSON round trip: 150 ms for 700,000 ids). */
  get ftsIdList(): ArrayLike<number> | undefined {
    return this.once('ftsIdList', () => {
      if (this.match === null) return undefined;
      return this.listed ?? this.ctx.fts.idList(this.match, this.ctx.fts.idBounds(this.q));
    });
  }

  get where(): Where {
    return this.once('where', () => buildWhere(this.q, undefined, { ftsIds: this.ftsIds, short: this.short }));
  }

  /** The exact total, or null when not counted (`count: false` and only a count of the matches would tell). */
  get total(): number | null {
    return this.once('total', () => {
      const { where, ftsIdList } = this;
      if (where.ftsOnly && ftsIdList !== undefined) return ftsIdList.length;
      // A first page without its count (`count: false`) is not held up by counting: the estimate
      // decides how it is read, and the count is the list's second request.
      return this.ctx.total(this.q, where, this.defer);
    });
  }

  /**
   * The total, or when not counted an estimate: the short words' (an upper bound), else the
   * matches among a sample of the calls, scaled up.
   */
  get estimate(): number {
    return this.once('estimate', () => {
      if (this.total !== null) return this.total;
      if (this.short?.length) return Math.min(...this.short.map((w) => w.estimate));
      // Correlated: each sampled call looks its queues / agents up, instead of listing every call
      // of a queue first (150-320 ms for a large queue at 1M calls).
      const options = { ftsIds: this.ftsIds, short: this.short, correlated: true };
      return this.ctx.estimateMatches(buildWhere(this.q, undefined, options));
    });
  }

  /** The walk read as far as its budget without filling the page: the matches are sorted instead. */
  walkGaveUp = false;

  /** After a walk gave up: the facts that depended on walking are worked out again (the jump's row stays). */
  abandonWalk(): void {
    this.walkGaveUp = true;
    this.memo.set('walk', false);
    this.memo.delete('sorted');
    this.memo.delete('scan');
  }

  /** How many sort-index entries a walk may pass before it gives up (see WALK_BUDGET_FACTOR). */
  get walkBudget(): number {
    const { tuning } = this.ctx;
    const expected = (walkReach(this.q, this.estimate) * this.ctx.cachedTotal()) / Math.max(1, this.estimate);
    const factor = tuning.walkBudgetFactor ?? WALK_BUDGET_FACTOR;
    return Math.max(tuning.walkBudgetMin ?? WALK_BUDGET_MIN, Math.ceil(factor * expected));
  }

  /**
   * Walk the sort index and filter, instead of sorting the matches. SQLite's planner ignores LIMIT:
   * with a filter matching many calls it would sort all of them. Walking costs about
   * reach × all / matches row visits (reach: the rows the walk must pass, see walkReach), sorting
   * about `matches`: walk when that is cheaper.
   */
  get walk(): boolean {
    return this.once('walk', () => {
      const { where, estimate } = this;
      const all = this.ctx.cachedTotal();
      const reach = walkReach(this.q, estimate);
      return !where.empty && estimate > this.ctx.tuning.walkMinMatches && estimate * estimate > 4 * reach * all;
    });
  }

  /**
   * The search the matches are found with. Sorted (not walked) under a time range, naming the other
   * of type / outcome too (every value the archive has for the given ones) lets one
   * (type, outcome, start) index range find them.
   */
  get sorted(): ParsedSearch {
    return this.once('sorted', () =>
      !this.walk && this.shortcuts && (this.q.from || this.q.to) ? this.ctx.withPairValues(this.q) : this.q,
    );
  }

  /** The filter a page is read with: correlated subqueries when walking. */
  get scan(): Where {
    return this.once('scan', () => {
      const options = { ftsIds: this.ftsIds, short: this.short };
      if (this.walk) return buildWhere(this.q, undefined, { ...options, correlated: true });
      return this.sorted === this.q ? this.where : buildWhere(this.sorted, undefined, options);
    });
  }

  /** A jump to a row position inside the result (a counted one). */
  get jumps(): boolean {
    return this.q.offset !== undefined && this.q.offset > 0 && this.total !== null;
  }

  /** Past the last row: an empty page. */
  get pastTheEnd(): boolean {
    return this.jumps && (this.q.offset ?? 0) >= (this.total ?? 0);
  }

  /** The keyset the page starts after: the cursor's, or for a jump the row before the position. */
  get after(): Key | null {
    return this.seek().after;
  }

  /** How a jump found its row (for the strategy's name): whole hours counted, or one OFFSET. */
  get jumpName(): string {
    return this.seek().name;
  }

  /** How the matches were found, as the start of the strategy's name. */
  get foundBy(): string {
    return this.listed ? 'text-listed, ' : '';
  }

  private seek(): { after: Key | null; name: string } {
    return this.once('seek', () => {
      if (!this.jumps || this.total === null) return { after: this.cursor, name: '' };
      const total = this.total;
      const hour = this.shortcuts ? seekByHour(this.ctx.db, this.q, (this.q.offset ?? 0) - 1, total) : null;
      if (hour) return { after: hour, name: ' + hour-seek' };
      return { after: this.ctx.seek(this.q, this.scan, total, this.walk || this.where.empty), name: ' + offset-seek' };
    });
  }

  private once<T>(name: string, work: () => T): T {
    if (!this.memo.has(name)) this.memo.set(name, work());
    return this.memo.get(name) as T;
  }
}

/**
 * How many matching rows a walk of the sort index passes before its page ends: the page itself,
 * and for a jump the rows before its position too, counted from the nearer end (a jump past the
 * middle seeks from the other end). A jump to row 19,305 of 30,000 matches walks 10,795 of them,
 * not 100: judged by the page alone, the walk looked 100 times cheaper than it is (34 s at 1M calls).
 */
export function walkReach(q: Pick<ParsedSearch, 'limit' | 'offset'>, matches: number): number {
  const offset = q.offset ?? 0;
  if (offset <= 0) return q.limit;
  const depth = offset > matches / 2 ? Math.max(0, matches - offset) : offset;
  return depth + q.limit;
}
