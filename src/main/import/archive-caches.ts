// The archive-wide caches an import refreshes before its commit: the facet counts of the first
// screen (facet_cache, facet_hours), the optimizer's statistics and the statistics per hour. Counted
// from every call, the facets and the statistics cost about 9 s per file at a million calls, so:
// - a file that wrote no call (a companion table that changed no name, registration or variable of a
//   stored call) leaves them as they are: a day's export of seven files pays them once, not seven times;
// - a file whose calls lie in a few hours of the archive (a day added to a year) counts only those
//   hours again, and the archive's counts are then the sums of its hours;
// - the optimizer's statistics are gathered again when the number of calls changed by more than a
//   tenth since they last were (their samples describe the archive well enough until then).
import type { Db } from '../store/native';
import {
  FACET_TOTAL,
  facetHoursBuilt,
  refreshFacetCache,
  refreshFacetHours,
  refreshStatistics,
} from '../store/facet-cache';
import { refreshSearchAggregates } from '../store/search-aggregates';
import { dirtyRanges, refreshStatsHours, touchedHours } from '../store/stats-hours';
import { metaValue, setMeta } from '../store/meta';
import { sql, value } from '../store/sql';

/**
 * Heuristic "only a file that wrote calls refreshes the archive-wide caches": the caches are counts
 * and statistics of `calls` and its link tables, which only a written call (derived, derived again,
 * merged) changes; `callsWritten` counts every such write of the file (ImportSink.callsDerived).
 */
export function cachesAreStale(callsWritten: number): boolean {
  return callsWritten > 0;
}

/**
 * Heuristic "few hours touched": counting the touched hours again pays when they are fewer than half
 * of the hours that hold calls (a range query per run of hours against one pass over every call).
 */
export function fewHoursTouched(touchedHours: number, hoursWithCalls: number): boolean {
  return touchedHours * 2 < hoursWithCalls;
}

/**
 * Heuristic "statistics stale after a tenth": the optimizer's statistics (ANALYZE: row counts, and
 * samples of every index of calls and its links) are gathered again when the archive's calls changed
 * in number by more than a tenth since the last time (or were never gathered by an import).
 */
export function statisticsStale(callsNow: number, callsThen: number | null): boolean {
  return callsThen === null || Math.abs(callsNow - callsThen) * 10 > callsThen;
}

/** meta: the archive's calls when an import's end last gathered the optimizer's statistics. */
export const STATISTICS_CALLS_KEY = 'statistics_gathered_at_calls';

const TOTAL_CALLS = sql<number>(`SELECT count FROM facet_cache WHERE facet = '${FACET_TOTAL}'`);
const HOURS_WITH_CALLS = sql<number>(`SELECT count(*) FROM facet_hours WHERE facet = '${FACET_TOTAL}'`);

/** Refreshes what the file's writes made stale (in its transaction); returns how the facets were counted. */
export function refreshArchiveCaches(db: Db, callsWritten: number): 'none' | 'hours' | 'all' {
  if (!cachesAreStale(callsWritten)) {
    refreshStatsHours(db); // by their marks: none when no call was written
    return 'none';
  }
  // The hours the writes marked (stats-hours.ts' triggers), read before the statistics' refresh clears them.
  const touched = touchedHours(db);
  const how =
    facetHoursBuilt(db) && fewHoursTouched(touched.length, value(db, HOURS_WITH_CALLS) ?? 0) ? 'hours' : 'all';
  if (how === 'hours') refreshFacetHours(db, dirtyRanges(touched));
  else refreshFacetCache(db);
  const calls = value(db, TOTAL_CALLS) ?? 0;
  const then = metaValue(db, STATISTICS_CALLS_KEY);
  if (statisticsStale(calls, then === undefined ? null : Number(then))) {
    refreshStatistics(db);
    refreshSearchAggregates(db);
    setMeta(db, STATISTICS_CALLS_KEY, String(calls));
  }
  refreshStatsHours(db);
  return how;
}
