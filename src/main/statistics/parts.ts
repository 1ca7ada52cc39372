// The statistics' SQL pieces over the archive tables (calls, events,
// call_queues, call_agents): the population, the local wall-clock keys of the
// time groupings and each figure's condition. The figures (sqlite-statistics.ts)
// and the drill-down (drill.ts) are both built from these, so a figure and the
// calls listed behind it cannot disagree.
import { STATS_FLAG, offsetSegments, type Grouping } from '../../shared/statistics';
import { ArchiveError } from '../store/errors';
import type { Db } from '../store/native';
import { STATS_PRECOMPUTED_VERSION, schemaVersionOf } from '../store/schema';
import { joinFrags, raw, sql, type Frag } from './sql';

/**
 * The figures read columns an older archive lacks until it is upgraded, which a read-only open
 * (an auditor's copy on read-only media) does not do: say so in one line rather than fail in SQL.
 */
export function requirePrecomputed(db: Db): void {
  const version = schemaVersionOf(db);
  if (version < STATS_PRECOMPUTED_VERSION)
    throw new ArchiveError(
      `the statistics need this archive upgraded (schema ${version}): open it writable once (import into it, or open it in the app)`,
      'READONLY',
    );
}

/** A period as epoch-ms bounds [fromMs, toMs) and the display zone. */
export interface SqlPeriod {
  fromMs: number;
  toMs: number;
  timeZone: string;
}

export function inPeriod(alias: string, p: SqlPeriod): Frag {
  return sql`${raw(alias)}.start_ms >= ${p.fromMs} AND ${raw(alias)}.start_ms < ${p.toMs}`;
}

/**
 * The call's start on the display zone's wall clock, as epoch ms read as UTC: start_ms plus
 * the zone's offset, which is constant between its transitions (offsetSegments), so SQLite's
 * strftime (which knows only UTC) reads local dates, weeks and hours from it.
 */
export function localMs(alias: string, p: SqlPeriod): Frag {
  const col = raw(`${alias}.start_ms`);
  const segments = offsetSegments(p.timeZone, p.fromMs, p.toMs);
  const last = segments[segments.length - 1] ?? { untilMs: Infinity, offsetMs: 0 };
  if (segments.length === 1) return sql`(${col} + ${last.offsetMs})`;
  const whens = joinFrags(
    segments.slice(0, -1).map((s) => sql`WHEN ${col} < ${s.untilMs} THEN ${s.offsetMs}`),
    ' ',
  );
  return sql`(${col} + CASE ${whens} ELSE ${last.offsetMs} END)`;
}

/** strftime formats of the time groupings' keys: the same text as TIME_KEY_FORMAT (luxon) in src/shared. */
export const STRFTIME: Partial<Record<Grouping, string>> = {
  hour: '%Y-%m-%d %H',
  day: '%Y-%m-%d',
  week: '%G-W%V',
  month: '%Y-%m',
  hourofday: '%H',
  weekday: '%u',
};

export function timeKeySql(g: Grouping, local: Frag): Frag {
  const format = STRFTIME[g];
  if (format === undefined) throw new Error(`${g} is not a time grouping`);
  return sql`strftime(${raw(`'${format}'`)}, ${local} / 1000, 'unixepoch')`;
}

export const QUEUE_TYPES = "('inbound', 'callback')";
export const DIALER_TYPES = "('dialer_preview', 'dialer_contact_first')";

// What the figures read of a call's events was reduced at import to calls.stats_flags and
// call_agents.talk / talk_ms (src/shared/statistics/precomputed.ts): no figure reads the events table.
const flag = (alias: string, bit: number): Frag => raw(`(${alias}.stats_flags & ${bit}) != 0`);

/** Spec "Population": a Queue or Queue (callback) event. */
export const hasQueueEvent = (alias: string): Frag => flag(alias, STATS_FLAG.queue);
export const hasCallbackEvent = (alias: string): Frag => flag(alias, STATS_FLAG.callback);

/** Queue calls of the period (the calls row under alias). */
export function queueCallWhere(p: SqlPeriod, alias = 'c'): Frag {
  return sql`${raw(alias)}.type IN ${raw(QUEUE_TYPES)} AND ${inPeriod(alias, p)} AND ${hasQueueEvent(alias)}`;
}

/** R18 silent dialer call: no agent free, a Menu event (the message), no Conversation. */
export const isSilent = (alias: string): Frag =>
  raw(
    `(${alias}.type IN ${DIALER_TYPES} AND ${alias}.outcome = 'unanswered' AND ` +
      `(${alias}.stats_flags & ${STATS_FLAG.menu}) != 0)`,
  );
