// The archive-wide caches an import refreshes before its commit: the facet counts of the first
// screen, the optimizer's statistics and the statistics per hour. The first three are computed from
// every call of the archive (about 9 s per file at a million calls), so a file that wrote no call
// (a companion table that changed no name, registration or variable of a stored call) leaves them as
// they are: a day's export of seven files into a large archive pays them once, not seven times.
import type { Db } from '../store/native';
import { refreshFacetCache, refreshStatistics } from '../store/facet-cache';
import { refreshSearchAggregates } from '../store/search-aggregates';
import { refreshStatsHours } from '../store/stats-hours';

/**
 * Heuristic "only a file that wrote calls refreshes the archive-wide caches": the caches are counts
 * and statistics of `calls` and its link tables, which only a written call (derived, derived again,
 * merged) changes; `callsWritten` counts every such write of the file (ImportSink.callsDerived).
 */
export function cachesAreStale(callsWritten: number): boolean {
  return callsWritten > 0;
}

/** Refreshes what the file's writes made stale (in its transaction); returns whether the archive-wide caches ran. */
export function refreshArchiveCaches(db: Db, callsWritten: number): boolean {
  // The hours its calls touched, by their marks (stats-hours.ts): nothing when none was written.
  refreshStatsHours(db);
  if (!cachesAreStale(callsWritten)) return false;
  refreshFacetCache(db);
  refreshStatistics(db);
  refreshSearchAggregates(db);
  return true;
}
