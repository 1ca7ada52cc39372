// A validated StatsQuery → the StatsParameters the figures are computed with:
// the display zone (default: the archive's export time zone) and the period
// bounds read in it. Bad input is one ArchiveError line (INVALID).
import type { z } from 'zod';
import type { statsQuerySchema } from '../../shared/api/schemas';
import { isValidZone, parseBoundary, type StatsParameters } from '../../shared/statistics';
import { ArchiveError } from '../store/errors';
import type { Db } from '../store/native';
import { sql, value } from '../store/sql';

export type ParsedStatsQuery = z.output<typeof statsQuerySchema>;

/** The zone most of the archive's imports were read in (the latest on a tie); UTC for an empty archive. */
export function archiveTimeZone(db: Db): string {
  const zone = value(
    db,
    sql<string, unknown[]>(
      "SELECT time_zone FROM imports WHERE status = 'done' GROUP BY time_zone ORDER BY count(*) DESC, max(id) DESC LIMIT 1",
    ),
  );
  return zone ?? 'UTC';
}

/** db: where the default zone comes from (null: the query must name its zone). */
export function resolveParameters(db: Db | null, q: ParsedStatsQuery): StatsParameters {
  const timeZone = q.timeZone ?? (db ? archiveTimeZone(db) : 'UTC');
  if (!isValidZone(timeZone))
    throw new ArchiveError(`"${timeZone}" is not an IANA time zone (e.g. Europe/Copenhagen)`, 'INVALID');
  const bound = (name: 'from' | 'to'): number | null => {
    const text = q[name];
    if (text === undefined) return null;
    const ms = parseBoundary(text, timeZone);
    if (ms === null) throw new ArchiveError(`--${name} "${text}" is not an ISO 8601 date or date-time`, 'INVALID');
    return ms;
  };
  const fromMs = bound('from');
  const toMs = bound('to');
  if (fromMs !== null && toMs !== null && toMs < fromMs)
    throw new ArchiveError('the period ends before it starts (to is before from)', 'INVALID');
  return {
    slSeconds: q.slSeconds,
    slAbandons: q.slAbandons,
    shortAbandonSeconds: q.shortAbandonSeconds,
    timeZone,
    fromMs,
    toMs,
    by: q.by,
    silentLimitPct: q.silentLimitPct,
  };
}
