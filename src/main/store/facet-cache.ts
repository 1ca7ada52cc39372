// Facet counts of the whole archive, kept in facet_cache so that the unfiltered
// call list (the first screen) answers its total and facets without scanning a
// million calls. Refreshed inside every import's transaction.
import type { Db } from './native';

export const FACET_TOTAL = '_total';
export const HOUR_MS = 3_600_000;
/**
 * Counts per (type, outcome) pair ("inbound|answered"): totals of type / outcome filters without a
 * scan; per hour too (the type and outcome hours are summed from them: one pass over the calls),
 * so that jumps under both filters find their hour.
 */
export const TYPE_OUTCOME = '_type_outcome';

export function refreshFacetCache(db: Db): void {
  db.exec(`
    DELETE FROM facet_cache;
    INSERT INTO facet_cache (facet, value, count) SELECT 'type', type, count(*) FROM calls GROUP BY type;
    INSERT INTO facet_cache (facet, value, count) SELECT 'outcome', outcome, count(*) FROM calls GROUP BY outcome;
    INSERT INTO facet_cache (facet, value, count) SELECT 'queue', queue, count(*) FROM call_queues GROUP BY queue;
    INSERT INTO facet_cache (facet, value, count) SELECT 'agent', agent, count(*) FROM call_agents GROUP BY agent;
    INSERT INTO facet_cache (facet, value, count) SELECT '${FACET_TOTAL}', '', count(*) FROM calls;
    INSERT INTO facet_cache (facet, value, count) SELECT '${TYPE_OUTCOME}', type || '|' || outcome, count(*) FROM calls GROUP BY type, outcome;
    DELETE FROM facet_hours;
    INSERT INTO facet_hours (facet, hour, value, count) SELECT '${TYPE_OUTCOME}', start_ms / ${HOUR_MS}, type || '|' || outcome, count(*) FROM calls GROUP BY 2, 3;
    INSERT INTO facet_hours (facet, hour, value, count)
      SELECT 'type', hour, substr(value, 1, instr(value, '|') - 1), sum(count) FROM facet_hours WHERE facet = '${TYPE_OUTCOME}' GROUP BY 2, 3;
    INSERT INTO facet_hours (facet, hour, value, count)
      SELECT 'outcome', hour, substr(value, instr(value, '|') + 1), sum(count) FROM facet_hours WHERE facet = '${TYPE_OUTCOME}' GROUP BY 2, 3;
    INSERT INTO facet_hours (facet, hour, value, count) SELECT 'queue', start_ms / ${HOUR_MS}, queue, count(*) FROM call_queues GROUP BY 2, 3;
    INSERT INTO facet_hours (facet, hour, value, count) SELECT 'agent', start_ms / ${HOUR_MS}, agent, count(*) FROM call_agents GROUP BY 2, 3;
    INSERT INTO facet_hours (facet, hour, value, count) SELECT '${FACET_TOTAL}', start_ms / ${HOUR_MS}, '', count(*) FROM calls GROUP BY 2;
  `);
}

/** Optimizer statistics after a bulk change (bounded work: analysis_limit). */
export function refreshStatistics(db: Db): void {
  db.exec('PRAGMA analysis_limit = 2000; ANALYZE;');
}
