// The statistics' sums from the tables pre-aggregated per UTC hour (src/main/store/stats-hours.ts)
// instead of the calls: the same accumulator rows the per-call SQL returns, so both are finished
// by the same code (sqlite-statistics.ts). They answer the period's whole UTC hours (a bound inside
// an hour: the calls of the part outside them are read and their rows merged) exactly when
// - the archive has the tables and no hour is marked for a rebuild (every write path refreshes them),
// - the thresholds are whole seconds (the wait buckets answer w ≤ S and w < S for whole S only),
// - a time grouping's zone has an offset of whole hours, changing only on a whole UTC hour, over the
//   period (then every call of a UTC hour has the same local hour, day, week, month and weekday),
// - and the queue table is not grouped by agent (that would need rows per hour × agent × wait).
// Otherwise the per-call SQL answers (e.g. a day grouping in Asia/Kolkata or Australia/Adelaide).
import { offsetSegments, type Grouping, type QueueAccumulator, type StatsParameters } from '../../shared/statistics';
import type { CallType, Outcome } from '../../shared/model/archive-call';
import type { Db } from '../store/native';
import { STATS_HOURS_VERSION, schemaVersionOf } from '../store/schema';
import { STATS_DIM, STATS_HOUR_MS } from '../store/stats-hours';
import type { SqlPeriod } from './parts';
import { fragRows, joinFrags, raw, sql, type Frag } from './sql';
import { all, sql as declare } from '../store/sql';

/** Which rows the statistics read: 'auto' the hours where they answer exactly, else the calls. */
export type StatsSource = 'auto' | 'calls' | 'hours';

/** The UTC hours [from, to) of a period and the local wall-clock time of each (null: not whole hours). */
export interface HourPlan {
  from: number;
  to: number;
  /**
   * The parts of the period outside its whole UTC hours (a bound inside an hour: at most one at each
   * end), which the calls answer; their rows are merged with the hours' rows.
   */
  edges: SqlPeriod[];
  /** The local wall-clock time of an hour's start, as epoch ms read as UTC; null: no whole-hour offset. */
  localMs: ((hour: number) => number) | null;
}

/** The archive has the hourly tables, current (no hour waits for its rebuild). */
export function hoursCurrent(db: Db): boolean {
  if (schemaVersionOf(db) < STATS_HOURS_VERSION) return false;
  return db.prepare('SELECT 1 FROM stats_dirty_hours LIMIT 1').get() === undefined;
}

/**
 * The whole UTC hours inside the period and the parts at its ends outside them (a bound inside an hour),
 * or null when the period holds no whole hour. Without bounds the period runs from the first call to
 * after the last one: the hours holding them hold the same calls.
 */
export function hourPlan(p: StatsParameters, period: SqlPeriod): HourPlan | null {
  const from = p.fromMs === null ? Math.floor(period.fromMs / STATS_HOUR_MS) : Math.ceil(p.fromMs / STATS_HOUR_MS);
  const to = p.toMs === null ? Math.floor((period.toMs - 1) / STATS_HOUR_MS) + 1 : Math.floor(p.toMs / STATS_HOUR_MS);
  if (to <= from) return null;
  const edges: SqlPeriod[] = [];
  const zone = period.timeZone;
  if (p.fromMs !== null && p.fromMs < from * STATS_HOUR_MS)
    edges.push({ fromMs: p.fromMs, toMs: from * STATS_HOUR_MS, timeZone: zone });
  if (p.toMs !== null && p.toMs > to * STATS_HOUR_MS)
    edges.push({ fromMs: to * STATS_HOUR_MS, toMs: p.toMs, timeZone: zone });
  return { from, to, edges, localMs: wholeHourClock(zone, from, to) };
}

/**
 * The zone's wall clock per UTC hour of [from, to) when its offset is a whole number of hours that
 * changes only at the start of a UTC hour; else null (the hour's calls may fall in two local hours).
 */
function wholeHourClock(zone: string, from: number, to: number): ((hour: number) => number) | null {
  const segments = offsetSegments(zone, from * STATS_HOUR_MS, to * STATS_HOUR_MS);
  const whole = (ms: number) => !Number.isFinite(ms) || ms % STATS_HOUR_MS === 0;
  if (!segments.every((s) => whole(s.offsetMs) && whole(s.untilMs))) return null;
  return (hour) => {
    const ms = hour * STATS_HOUR_MS;
    const s = segments.find((seg) => ms < seg.untilMs) ?? segments[segments.length - 1];
    return ms + (s?.offsetMs ?? 0);
  };
}

const isWhole = (n: number) => Number.isInteger(n);

/** The queue table can be summed from the hours (see the header). */
export function queueTableFromHours(p: StatsParameters, plan: HourPlan | null): plan is HourPlan {
  if (plan === null || !isWhole(p.slSeconds) || !isWhole(p.shortAbandonSeconds)) return false;
  if (p.by.includes('agent')) return false;
  return !p.by.some((g) => g !== 'queue' && g !== 'type') || plan.localMs !== null;
}

/** The accumulator columns over stats_queue_hours rows s (the twin of the per-call accumulatorColumns). */
function hourAccumulatorColumns(p: StatsParameters): Frag {
  const when = (cond: string) => raw(`sum(CASE WHEN ${cond} THEN s.n ELSE 0 END)`);
  return sql`sum(s.n) AS offered,
    ${when("s.outcome = 'answered'")} AS answered, ${when("s.outcome = 'abandoned'")} AS abandoned,
    ${when("s.outcome = 'unanswered'")} AS unanswered, ${when("s.outcome = 'deleted'")} AS deleted,
    ${when("s.outcome = 'rejected'")} AS rejected, ${when("s.outcome = 'pending'")} AS pending,
    sum(CASE WHEN s.outcome = 'abandoned' AND s.wb < ${2 * p.shortAbandonSeconds} THEN s.n ELSE 0 END) AS shortAbandoned,
    ${when('(s.flags & 2) != 0')} AS callbacksRequested, ${when("(s.flags & 2) != 0 AND s.outcome = 'answered'")} AS callbacksAnswered,
    sum(CASE WHEN s.outcome = 'answered' AND s.wb <= ${2 * p.slSeconds} THEN s.n ELSE 0 END) AS answeredWithinSl,
    sum(CASE WHEN s.outcome = 'abandoned' AND s.wb <= ${2 * p.slSeconds} THEN s.n ELSE 0 END) AS abandonedWithinSl,
    sum(CASE WHEN s.outcome = 'answered' THEN s.wait_ms ELSE 0 END) AS answeredWaitMs,
    sum(CASE WHEN s.outcome = 'answered' THEN s.talk_ms ELSE 0 END) AS answeredTalkMs,
    max(s.max_w) AS maxWaitSec`;
}

/** An accumulator row of the hours with the keys it was grouped by (the columns the query selected). */
export type HourKeyRow = QueueAccumulator & { queued: number; hour?: number; val?: string | null; type?: string };

/**
 * The accumulator rows of the hours grouped by what `by` needs (the hour for a time grouping, the
 * queue, the type) and by queued unless onlyQueued: rows of one group may repeat (one per hour), the
 * caller merges them by key.
 */
export function hourQueueRows(
  db: Db,
  p: StatsParameters,
  plan: HourPlan,
  by: readonly Grouping[],
  onlyQueued: boolean,
): HourKeyRow[] {
  const cols: string[] = [];
  if (by.some((g) => g !== 'queue' && g !== 'type')) cols.push('s.hour');
  if (by.includes('queue')) cols.push('s.val');
  if (by.includes('type')) cols.push('s.type');
  if (!onlyQueued) cols.push('(s.flags & 1)');
  const names = cols.map((c) => (c === '(s.flags & 1)' ? `${c} AS queued` : c));
  const dim = by.includes('queue') ? STATS_DIM.queue : STATS_DIM.total;
  const f = sql`SELECT ${raw(names.length ? names.join(', ') + ', ' : '')}${onlyQueued ? raw('1 AS queued, ') : raw('')}${hourAccumulatorColumns(p)}
    FROM stats_queue_hours s WHERE s.dim = ${dim} AND s.hour >= ${plan.from} AND s.hour < ${plan.to}
      ${onlyQueued ? raw('AND (s.flags & 1) != 0') : raw('')}
    ${cols.length ? raw(`GROUP BY ${cols.join(', ')}`) : raw('')}`;
  return fragRows<HourKeyRow>(db, f);
}

const HOUR_AGENT_ROWS = declare<
  { agent: string; answered: number; consults: number; handled: number; talkMs: number; offers: number },
  [fromHour: number, toHour: number]
>(
  `SELECT agent, sum(answered) AS answered, sum(consults) AS consults, sum(handled) AS handled,
    sum(talk_ms) AS talkMs, sum(offers) AS offers
  FROM stats_agent_hours WHERE hour >= ? AND hour < ? GROUP BY agent`,
);

export function hourAgentRows(db: Db, plan: HourPlan) {
  return all(db, HOUR_AGENT_ROWS, plan.from, plan.to);
}

const HOUR_OUTBOUND_ROWS = declare<
  {
    hour: number;
    type: CallType;
    mode: string | null;
    outcome: Outcome;
    campaign: string | null;
    silent: number;
    n: number;
  },
  [fromHour: number, toHour: number]
>(
  `SELECT hour, type, mode, outcome, campaign, silent, sum(n) AS n FROM stats_outbound_hours
  WHERE hour >= ? AND hour < ? GROUP BY 1, 2, 3, 4, 5, 6`,
);

export function hourOutboundRows(db: Db, plan: HourPlan) {
  return all(db, HOUR_OUTBOUND_ROWS, plan.from, plan.to);
}

/**
 * Distinct dialer contacts per campaign of the hours and of the edges' calls together (a contact
 * called in both counts once).
 */
export function hourContactRows(db: Db, plan: HourPlan) {
  const edges = plan.edges.map((e) => sql`(c.start_ms >= ${e.fromMs} AND c.start_ms < ${e.toMs})`);
  const f = sql`SELECT campaign, count(DISTINCT contact) AS contacts FROM (
      SELECT campaign, contact FROM stats_contact_hours WHERE hour >= ${plan.from} AND hour < ${plan.to}
      ${
        edges.length
          ? sql`UNION ALL SELECT c.queue, coalesce(c.contact_key, 'call:' || c.call_id) FROM calls c
              WHERE c.type IN ('dialer_preview', 'dialer_contact_first') AND (${joinFrags(edges, ' OR ')})`
          : raw('')
      }) GROUP BY campaign`;
  return fragRows<{ campaign: string | null; contacts: number }>(db, f);
}
