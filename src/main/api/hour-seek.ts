// Jumps in lists sorted by start whose filter the hourly counts know (a list of
// types and / or of outcomes, one queue or one agent, with or without a time range): the
// hour holding row position N comes from facet_hours (refreshed by every import that wrote calls,
// in its transaction), then one OFFSET inside that hour. Without it, a jump into
// "inbound answered" checks every call before the target row (half a second at 1M).
import type { Db } from '../store/native';
import { HOUR_MS, TYPE_OUTCOME } from '../store/facet-cache';
import { buildWhere, type ParsedSearch } from './search-sql';
import { reviewFilters } from '../review/review-filters';
import type { HourlyFacet } from './time-range-counts';
import { EARLIEST_MS, fromMs, LATEST_MS, toMs } from './query-time';
import { one, sql, value } from '../store/sql';

type Key = { value: number; id: number };

/** The facet_hours facet and values that count exactly the calls of this search, or null. */
export function hourlyFacet(q: ParsedSearch): { facet: HourlyFacet; values: string[] } | null {
  if (q.text?.trim() || q.durationSec || q.waitTimeSec || q.speakTimeSec || q.callbackAttempts) return null;
  if (reviewFilters(q).length) return null; // tags / status / notes (#15): not in the hourly counts
  const lists = [q.types, q.outcomes, q.queues, q.agents].filter((l) => l?.length);
  if (lists.length === 2 && q.types?.length && q.outcomes?.length)
    return { facet: TYPE_OUTCOME, values: q.types.flatMap((t) => q.outcomes!.map((o) => `${t}|${o}`)) };
  if (lists.length !== 1) return null;
  if (q.types?.length) return { facet: 'type', values: q.types };
  if (q.outcomes?.length) return { facet: 'outcome', values: q.outcomes };
  // A call counts once per queue / agent: only one value is a count of calls.
  if (q.queues?.length === 1) return { facet: 'queue', values: q.queues };
  if (q.agents?.length === 1) return { facet: 'agent', values: q.agents };
  return null;
}

/**
 * The sort key of the row at 0-based `position` of a start-sorted search, or null when the
 * hourly counts cannot answer (another filter, another sort, or counts that do not add up to
 * `total`: the caller then scans).
 */
// eslint-disable-next-line complexity -- one walk over hour buckets with its edge cases together; covered by search-paths tests
export function seekByHour(db: Db, q: ParsedSearch, position: number, total: number): Key | null {
  const hourly = q.sort === 'start' ? hourlyFacet(q) : null;
  if (!hourly) return null;
  const desc = q.direction === 'desc';
  const from = fromMs(q);
  const to = toMs(q);
  // Whole hours inside the range; the partial hours at its ends are segments of their own.
  const h1 = from === null ? -Infinity : Math.ceil(from / HOUR_MS);
  const h2 = to === null ? Infinity : Math.floor(to / HOUR_MS);
  if (h1 >= h2) return null;
  const lowEdge = from !== null && from < h1 * HOUR_MS ? { a: from, b: h1 * HOUR_MS } : null;
  const highEdge = to !== null && to > h2 * HOUR_MS ? { a: h2 * HOUR_MS, b: to } : null;
  const [lead, trail] = desc ? [highEdge, lowEdge] : [lowEdge, highEdge];
  const dir = desc ? 'DESC' : 'ASC';
  // A segment (at most an hour) is read along the start index; its own time range is also
  // pushed into a queue / agent subquery, which then lists only that hour's calls.
  const segment = (a: number, b: number) =>
    buildWhere({ ...q, from: new Date(a).toISOString(), to: new Date(b).toISOString() });
  const inSegment = (a: number, b: number, offset: number): Key | undefined => {
    const w = segment(a, b);
    return one(
      db,
      sql<Key, unknown[]>(
        `SELECT c.start_ms AS value, c.id AS id FROM calls c INDEXED BY calls_start WHERE ${w.sql} ` +
          `ORDER BY c.start_ms ${dir}, c.id ${dir} LIMIT 1 OFFSET ?`,
      ),
      ...w.params,
      offset,
    );
  };
  const count = (a: number, b: number): number => {
    const w = segment(a, b);
    return (
      value(
        db,
        sql<number, unknown[]>(`SELECT count(*) FROM calls c INDEXED BY calls_start WHERE ${w.sql}`),
        ...w.params,
      ) ?? 0
    );
  };

  const leadCount = lead ? count(lead.a, lead.b) : 0;
  const trailCount = trail ? count(trail.a, trail.b) : 0;
  const marks = hourly.values.map(() => '?').join(', ');
  const hours = [
    hourly.facet,
    ...hourly.values,
    Number.isFinite(h1) ? h1 : EARLIEST_MS / HOUR_MS,
    Number.isFinite(h2) ? h2 : LATEST_MS / HOUR_MS,
  ];
  const perHour = `SELECT hour, sum(count) AS n FROM facet_hours WHERE facet = ? AND value IN (${marks}) AND hour >= ? AND hour < ? GROUP BY hour`;
  // One pass over the hours: the first hour (in sort order) whose running count passes the
  // position (or else the last hour), with the sum of all hours to check the counts against.
  const hit = one(
    db,
    sql<{ hour: number; n: number; running: number; whole: number }, unknown[]>(
      `SELECT hour, n, running, whole FROM (SELECT hour, n, sum(n) OVER (ORDER BY hour ${dir}) AS running, sum(n) OVER () AS whole ` +
        `FROM (${perHour})) ORDER BY running > ? DESC, hour ${dir} LIMIT 1`,
    ),
    ...hours,
    position - leadCount,
  );
  const whole = hit?.whole ?? 0;
  // Counts that do not add up (an archive whose hourly counts are missing): scan instead.
  if (leadCount + whole + trailCount !== total) return null;
  let rest = position;
  if (lead && rest < leadCount) return inSegment(lead.a, lead.b, rest) ?? null;
  rest -= leadCount;
  if (hit && rest < whole)
    return inSegment(hit.hour * HOUR_MS, (hit.hour + 1) * HOUR_MS, rest - (hit.running - hit.n)) ?? null;
  rest -= whole;
  return trail ? (inSegment(trail.a, trail.b, rest) ?? null) : null;
}
