// Counts over a time range without scanning it: whole hours come from
// facet_hours (refreshed by every import that wrote calls), only the partial hours at the two
// ends are counted from the (start_ms, value) indexes.
import type { FacetCount } from '../../shared/api/archive-api';
import { FACET_TOTAL, HOUR_MS, TYPE_OUTCOME } from '../store/facet-cache';
import type { Db } from '../store/native';
import type { FacetName } from './search-sql';
import { all, sql } from '../store/sql';
import { callOutcomeText, callTypeText } from '../store/coded-columns';
import { linkRows, type LinkFacet } from '../store/link-rows';

/**
 * Where each facet's value lives, with a covering (start_ms, value) index (calls_start holds the type
 * and outcome codes: their text is computed from the index, not from the generated columns, which
 * would read each call's row).
 */
const SOURCE: Record<Exclude<HourlyFacet, LinkFacet>, { table: string; value: string }> = {
  type: { table: 'calls INDEXED BY calls_start', value: callTypeText('calls') },
  outcome: { table: 'calls INDEXED BY calls_start', value: callOutcomeText('calls') },
  [FACET_TOTAL]: { table: 'calls INDEXED BY calls_start', value: "''" },
  [TYPE_OUTCOME]: {
    table: 'calls INDEXED BY calls_start',
    value: `${callTypeText('calls')} || '|' || ${callOutcomeText('calls')}`,
  },
};

/** The partial hours' counts of one facet, grouped by its stored value (a link's name id: link-rows.ts), then named. */
function scanSql(db: Db, facet: HourlyFacet): string {
  const range = 'WHERE start_ms >= ? AND start_ms < ? GROUP BY 1';
  if (facet !== 'queue' && facet !== 'agent') {
    const { table, value } = SOURCE[facet];
    return `SELECT ${value} AS value, count(*) AS count FROM ${table} ${range}`;
  }
  const l = linkRows(db, facet);
  return (
    `SELECT ${l.nameOf('k')} AS value, count FROM ` +
    `(SELECT ${l.key} AS k, count(*) AS count FROM ${l.table} INDEXED BY ${l.startIndex} ${range})`
  );
}

/** The facets facet_hours counts: the four facets, the total and (type, outcome) pairs. */
export type HourlyFacet = FacetName | typeof FACET_TOTAL | typeof TYPE_OUTCOME;

function split(from: number, to: number): { h1: number; h2: number } | null {
  const h1 = Math.ceil(from / HOUR_MS);
  const h2 = Math.floor(to / HOUR_MS);
  return h1 < h2 ? { h1, h2 } : null;
}

export function timeRangeFacet(db: Db, facet: FacetName, from: number, to: number, limit: number): FacetCount[] {
  return counts(db, facet, from, to, `ORDER BY 2 DESC, 1 LIMIT ${limit}`);
}

/** Calls of a time range whose facet value is one of `values` (each call has at most one of them). */
export function timeRangeCount(
  db: Db,
  facet: HourlyFacet,
  values: readonly string[],
  from: number,
  to: number,
): number {
  const wanted = new Set(values);
  return counts(db, facet, from, to, '').reduce((n, c) => n + (wanted.has(c.value) ? c.count : 0), 0);
}

export function timeRangeTotal(db: Db, from: number, to: number): number {
  return counts(db, FACET_TOTAL, from, to, '')[0]?.count ?? 0;
}

function counts(db: Db, facet: HourlyFacet, from: number, to: number, tail: string): FacetCount[] {
  const scan = scanSql(db, facet);
  const hours = split(from, to);
  if (!hours) return all(db, sql<FacetCount, unknown[]>(`${scan} ${tail}`), from, to);
  const text =
    `SELECT value, sum(count) AS count FROM (` +
    `SELECT value, count FROM facet_hours WHERE facet = ? AND hour >= ? AND hour < ? ` +
    `UNION ALL ${scan} UNION ALL ${scan}) GROUP BY 1 ${tail}`;
  return all(
    db,
    sql<FacetCount, unknown[]>(text),
    facet,
    hours.h1,
    hours.h2,
    from,
    hours.h1 * HOUR_MS,
    hours.h2 * HOUR_MS,
    to,
  );
}
