// calls.facets over SQLite: counts per type, outcome, queue and agent, each facet
// ignoring its own filter. Type and outcome come from one pass grouped by both
// (or from the cached pairs); queue / agent facets under the other link filter
// alone are counted on the link tables without touching the calls.
import type { FacetCount, Facets } from '../../shared/api/archive-api';
import type { Db } from '../store/native';
import { buildWhere, ftsMatch, type FacetName, type ParsedSearch } from './search-sql';
import type { CallSearcher } from './call-search';
import { timeRangeFacet } from './time-range-counts';
import { callOutcomeText, callTypeText } from '../store/coded-columns';
import { all, one, sql } from '../store/sql';
import { AUTO_SAMPLE, ID_SPAN, sampledIds, sampleEveryFor } from './id-sample';
import { columnTextFilter } from './call-text-columns';
import { compileFilter, scanFacets, scannable } from './column-scan';
import { shortWordMatches } from './call-columns';
import { linkRows } from '../store/link-rows';

const FACET_LIMIT = 200;

type Pair = { type: string; outcome: string; count: number };

export class CallFacets {
  constructor(
    private readonly db: Db,
    private readonly searcher: CallSearcher,
  ) {}

  /** Counted from every n-th call only (scaled up) where the calls must be read: an estimate. */
  private sampleEvery = 1;
  private sampled = false;
  private matched = 0;

  facets(q: ParsedSearch, options: { sampleEvery?: number } = {}): Facets {
    this.sampleEvery =
      options.sampleEvery === AUTO_SAMPLE
        ? sampleEveryFor(this.searcher.cachedTotal())
        : Math.max(1, Math.floor(options.sampleEvery ?? 1));
    this.sampled = false;
    const match = ftsMatch(q.text);
    // The match is evaluated once for the four facets (inside the time range's id band).
    const listed = () => (match === null ? undefined : this.searcher.fts.idList(match, this.searcher.fts.idBounds(q)));
    // The calls' columns in memory count every combination exactly in one pass (./column-scan),
    // the text by the text columns when read.
    const cols = this.searcher.memoryColumns();
    if (cols && scannable(q)) {
      const text = columnTextFilter(cols, q.text, listed);
      return scanFacets(cols, compileFilter(cols, q, text, shortWordMatches(this.db, cols, q.text)));
    }
    const idList = listed();
    const ftsIds = idList === undefined ? undefined : JSON.stringify(Array.from(idList));
    const { type, outcome } = this.typeAndOutcome(q, ftsIds);
    // About how many calls the queue / agent facets count (the type facet's, under the type filter).
    const wanted = q.types?.length ? new Set<string>(q.types) : null;
    this.matched = type.reduce((n, t) => n + (!wanted || wanted.has(t.value) ? t.count : 0), 0);
    const out: Facets = { type, outcome, queue: this.link('queue', q, ftsIds), agent: this.link('agent', q, ftsIds) };
    return this.sampled ? { ...out, estimated: true } : out;
  }

  /**
   * The sample condition and the scale of its counts (none when counting exactly). The sample is
   * every n-th call id, generated and looked up by rowid, so an estimate reads only its own calls
   * (`c.id % n = 0` read every matching call to drop most of them: a broad range cost as much
   * as counting exactly).
   */
  private sample(): { sql: string; scale: number } {
    if (this.sampleEvery <= 1) return { sql: '', scale: 1 };
    this.sampled = true;
    const { lo, hi } = one(this.db, ID_SPAN) ?? { lo: null, hi: null };
    return { sql: ` AND ${sampledIds(lo ?? 1, hi ?? 0, this.sampleEvery)}`, scale: this.sampleEvery };
  }

  private typeAndOutcome(q: ParsedSearch, ftsIds: string | undefined): { type: FacetCount[]; outcome: FacetCount[] } {
    const base = buildWhere({ ...q, types: undefined, outcomes: undefined }, undefined, { ftsIds });
    if (base.timeOnly && !q.types?.length && !q.outcomes?.length) {
      const { from, to } = base.timeOnly;
      return {
        type: timeRangeFacet(this.db, 'type', from, to, FACET_LIMIT),
        outcome: timeRangeFacet(this.db, 'outcome', from, to, FACET_LIMIT),
      };
    }
    const cached = base.empty ? this.searcher.typeOutcomePairs() : null;
    const sample = cached ? { sql: '', scale: 1 } : this.sample();
    const pairs: Pair[] =
      cached ??
      all(
        this.db,
        sql<Pair, unknown[]>(
          // Grouped by the codes, so that an index holding them answers (not the generated columns).
          `SELECT ${callTypeText('c')} AS type, ${callOutcomeText('c')} AS outcome, count(*) * ${sample.scale} AS count ` +
            `FROM calls c WHERE ${base.sql}${sample.sql} GROUP BY c.call_type_code, c.call_outcome_code`,
        ),
        ...base.params,
      );
    // The type facet keeps the outcome filter and drops its own, and the other way round.
    const types = q.types?.length ? new Set<string>(q.types) : null;
    const outcomes = q.outcomes?.length ? new Set<string>(q.outcomes) : null;
    return {
      type: tally(pairs.filter((p) => !outcomes || outcomes.has(p.outcome)).map((p) => [p.type, p.count])),
      outcome: tally(pairs.filter((p) => !types || types.has(p.type)).map((p) => [p.outcome, p.count])),
    };
  }

  private link(facet: 'queue' | 'agent', q: ParsedSearch, ftsIds: string | undefined): FacetCount[] {
    const where = buildWhere(q, facet as FacetName, { ftsIds });
    if (where.empty)
      return all(
        this.db,
        sql<FacetCount, unknown[]>(
          `SELECT value, count FROM facet_cache WHERE facet = ? ORDER BY count DESC, value LIMIT ${FACET_LIMIT}`,
        ),
        facet,
      );
    if (where.timeOnly) return timeRangeFacet(this.db, facet, where.timeOnly.from, where.timeOnly.to, FACET_LIMIT);
    // The links are counted by their stored key (a name's id: link-rows.ts) and the few groups named.
    const l = linkRows(this.db, facet);
    const counted = (inner: string): string =>
      `SELECT ${l.nameOf('k')} AS value, count FROM (${inner} GROUP BY 1) ORDER BY 2 DESC, 1 LIMIT ${FACET_LIMIT}`;
    if (where.ftsOnly && ftsIds !== undefined) {
      // Only free text: the matching ids straight against the link table, no call read.
      return all(
        this.db,
        sql<FacetCount, unknown[]>(
          counted(
            `SELECT x.${l.key} AS k, count(*) AS count FROM ${l.table} x INDEXED BY ${l.callIndex} ` +
              'WHERE x.call IN (SELECT value FROM json_each(?))',
          ),
        ),
        ftsIds,
      );
    }
    if (where.linkOnly) {
      // Only the other link filter: its calls' values straight from the two link tables.
      const other = where.linkOnly;
      return all(
        this.db,
        sql<FacetCount, unknown[]>(
          counted(
            `SELECT x.${l.key} AS k, count(*) AS count FROM ${l.table} x INDEXED BY ${l.callIndex} WHERE x.call IN ` +
              `(SELECT call FROM ${other.table} WHERE ${other.column} IN (${other.values.map(() => '?').join(', ')}))`,
          ),
        ),
        ...other.values,
      );
    }
    // The matching calls listed once, then their values looked up. Joined directly, SQLite puts
    // the link table outside and runs every `c.id IN (list)` term as an index seek per link row:
    // quadratic (279 s at 1M calls for a label word with a type filter).
    const sample = this.sample();
    if (!this.sampled && this.matched * 4 > this.searcher.cachedTotal()) {
      // A broad filter: the link table read in call order, each call's row found in the same
      // order (sequential pages), rather than a lookup per listed call in random order.
      return all(
        this.db,
        sql<FacetCount, unknown[]>(
          counted(
            `SELECT x.${l.key} AS k, count(*) * ${sample.scale} AS count FROM ${l.table} x INDEXED BY ${l.callIndex} ` +
              `CROSS JOIN calls c ON c.id = x.call WHERE ${where.sql}${sample.sql}`,
          ),
        ),
        ...where.params,
      );
    }
    return all(
      this.db,
      sql<FacetCount, unknown[]>(
        `WITH m AS MATERIALIZED (SELECT c.id FROM calls c WHERE ${where.sql}${sample.sql}) ` +
          counted(
            `SELECT x.${l.key} AS k, count(*) * ${sample.scale} AS count FROM m CROSS JOIN ${l.table} x INDEXED BY ${l.callIndex} ON x.call = m.id`,
          ),
      ),
      ...where.params,
    );
  }
}

/** Sums counts per value, ordered like the SQL facets: count descending, then value. */
function tally(entries: [string, number][]): FacetCount[] {
  const sums = new Map<string, number>();
  for (const [value, count] of entries) sums.set(value, (sums.get(value) ?? 0) + count);
  return [...sums]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, FACET_LIMIT);
}
