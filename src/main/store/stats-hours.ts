// The statistics pre-aggregated per UTC hour (#12 speed): counts and exact sums of the
// calls of each hour, so that a month or the whole archive sums a few tens of thousands
// of rows instead of reading a million calls. Every row is an SQL GROUP BY of the calls
// tables (the same expressions the per-call statistics read), so a rebuilt hour equals
// a recompute by construction; verify --deep checks that it does.
//
// Kept current without the writers knowing: triggers on calls, call_queues and
// call_agents mark the hours a write touches (old and new) in stats_dirty_hours, and
// refreshStatsHours rebuilds those hours at the end of an import or an erasure. While
// an hour is marked (a write path that did not refresh), the statistics read the
// calls instead (src/main/statistics/hourly-statistics.ts).
import { STATS_FLAG, TALK_KIND } from '../../shared/statistics/precomputed';
import type { Db } from './native';
import { all, one, sql, values } from './sql';
import { linkRows } from './link-rows';

export const STATS_HOUR_MS = 3_600_000;

/** stats_queue_hours.dim: every inbound / callback call once, or once per queue it visited. */
export const STATS_DIM = { total: 0, queue: 1 } as const;

const QUEUED = STATS_FLAG.queue;
const FLAGS = STATS_FLAG.queue | STATS_FLAG.callback;

/**
 * The wait bucket: 2w for a whole number of seconds w, 2⌊w⌋ + 1 between two. For any whole
 * threshold S, w ≤ S ⇔ bucket ≤ 2S and w < S ⇔ bucket < 2S: the service level and short
 * abandons stay exact for every whole-second threshold (wait null read as 0, as the figures do).
 */
const W = 'coalesce(c.wait_time_sec, 0)';
const WAIT_BUCKET = `(CASE WHEN ${W} = CAST(${W} AS INTEGER) THEN 2 * CAST(${W} AS INTEGER)
  WHEN ${W} > CAST(${W} AS INTEGER) THEN 2 * CAST(${W} AS INTEGER) + 1 ELSE 2 * CAST(${W} AS INTEGER) - 1 END)`;
/** Only the service level and short abandons read the bucket, and only of answered / abandoned calls. */
const BUCKET = `(CASE WHEN c.outcome IN ('answered', 'abandoned') THEN ${WAIT_BUCKET} ELSE 0 END)`;

export const STATS_HOURS_SCHEMA = `
-- One row per UTC hour (start_ms / 3600000) × dim × queue × type × outcome × flags × wait bucket.
CREATE TABLE IF NOT EXISTS stats_queue_hours (
  hour INTEGER NOT NULL,
  dim INTEGER NOT NULL,      -- 0: each inbound / callback call once; 1: per queue (queue calls only)
  val TEXT,                  -- dim 1: the queue (NULL: a queue call without one); dim 0: NULL
  type TEXT NOT NULL,        -- inbound | callback
  outcome TEXT NOT NULL,
  flags INTEGER NOT NULL,    -- stats_flags & 3: 1 queue call (population), 2 callback requested
  wb INTEGER NOT NULL,       -- wait bucket of answered / abandoned calls (stats-hours.ts), else 0
  n INTEGER NOT NULL,        -- calls
  wait_ms INTEGER NOT NULL,  -- sum of round(wait × 1000), wait null as 0
  talk_ms INTEGER NOT NULL,  -- sum of round(speak_time_sec × 1000)
  max_w REAL NOT NULL        -- largest wait (seconds, null as 0)
) STRICT;
CREATE INDEX IF NOT EXISTS stats_queue_hours_dim_hour ON stats_queue_hours (dim, hour);
-- One row per UTC hour × agent: the agent figures' counts and talk (call_agents.talk / talk_ms).
CREATE TABLE IF NOT EXISTS stats_agent_hours (
  hour INTEGER NOT NULL,
  agent TEXT NOT NULL,
  answered INTEGER NOT NULL,
  consults INTEGER NOT NULL,
  handled INTEGER NOT NULL,
  talk_ms INTEGER NOT NULL,
  offers INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS stats_agent_hours_hour ON stats_agent_hours (hour);
-- One row per UTC hour × type × dialer mode × outcome × campaign (calls.queue) × silent: the other calls.
CREATE TABLE IF NOT EXISTS stats_outbound_hours (
  hour INTEGER NOT NULL,
  type TEXT NOT NULL,
  mode TEXT,
  outcome TEXT NOT NULL,
  campaign TEXT,
  silent INTEGER NOT NULL,
  n INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS stats_outbound_hours_hour ON stats_outbound_hours (hour);
-- One row per UTC hour × campaign × contact of the dialer calls (attempts per contact count distinct contacts).
CREATE TABLE IF NOT EXISTS stats_contact_hours (
  hour INTEGER NOT NULL,
  campaign TEXT,
  contact TEXT NOT NULL      -- contact_key, or 'call:' || call_id for a call without one (its own contact)
) STRICT;
CREATE INDEX IF NOT EXISTS stats_contact_hours_hour ON stats_contact_hours (hour);
-- Hours a write changed since their rows were last rebuilt (refreshStatsHours).
CREATE TABLE IF NOT EXISTS stats_dirty_hours (hour INTEGER PRIMARY KEY) STRICT;
${dirtyTriggers()}`;

/** The row's hour marked for a rebuild (its start's hour: a call's links carry the call's start). */
function mark(row: 'NEW' | 'OLD'): string {
  return `INSERT OR IGNORE INTO stats_dirty_hours (hour) VALUES (${row}.start_ms / 3600000);`;
}

/** The trigger that marks the hours of an update of the watched columns of `table`. */
function updateTrigger(table: string, columns: string, named = table): string {
  return `CREATE TRIGGER IF NOT EXISTS stats_dirty_${named}_update AFTER UPDATE OF ${columns} ON ${table} BEGIN ${mark('OLD')} ${mark('NEW')} END;`;
}

/**
 * The calls' update trigger on the given columns. A trigger on a generated column never fires (the
 * UPDATE names what is stored), so since CALL_CODES_VERSION it watches the codes (call-codes.ts).
 */
export function callsDirtyTrigger(columns: string): string {
  return updateTrigger('calls', columns);
}

function dirtyTriggers(): string {
  const watched: [table: string, columns: string][] = [
    [
      'calls',
      'start_ms, type, outcome, wait_time_sec, speak_time_sec, stats_flags, dialer_mode, queue, contact_key, call_id',
    ],
    ['call_queues', 'call, queue, start_ms'],
    ['call_agents', 'call, agent, start_ms, talk, talk_ms'],
  ];
  return watched.map(([t, cols]) => dirtyTriggersOn(t, cols)).join('');
}

/**
 * The triggers that mark the hours of a write to `table` (its rows have start_ms); an UPDATE marks them
 * when it changes one of `columns`. The link tables' step (link-ids.ts) puts them on its new tables under
 * the names they had (`named`: the table the names say).
 */
export function dirtyTriggersOn(t: string, cols: string, named = t): string {
  return `
CREATE TRIGGER IF NOT EXISTS stats_dirty_${named}_insert AFTER INSERT ON ${t} BEGIN ${mark('NEW')} END;
CREATE TRIGGER IF NOT EXISTS stats_dirty_${named}_delete AFTER DELETE ON ${t} BEGIN ${mark('OLD')} END;
${updateTrigger(t, cols, named)}`;
}

const RANGE = (alias: string) =>
  `${alias}.start_ms >= @from * ${STATS_HOUR_MS} AND ${alias}.start_ms < @to * ${STATS_HOUR_MS}`;

/** The rows of the hours [@from, @to), per table: what the tables hold, and what verify recomputes. */
/** The per-queue rows' join of a call's queues (`q.queue`); replaced where the links store ids (selectOf). */
const QUEUE_LINKS = 'LEFT JOIN call_queues q ON q.call = c.id';

export const STATS_HOURS_SELECT = {
  stats_queue_hours: `
    SELECT c.start_ms / ${STATS_HOUR_MS} AS hour, ${STATS_DIM.total} AS dim, NULL AS val, c.type, c.outcome,
      c.stats_flags & ${FLAGS} AS flags, ${BUCKET} AS wb, count(*) AS n,
      CAST(coalesce(sum(round(${W} * 1000)), 0) AS INTEGER) AS wait_ms,
      CAST(coalesce(sum(round(c.speak_time_sec * 1000)), 0) AS INTEGER) AS talk_ms, max(${W}) AS max_w
    FROM calls c WHERE c.type IN ('inbound', 'callback') AND ${RANGE('c')}
    GROUP BY 1, 4, 5, 6, 7
    UNION ALL
    SELECT c.start_ms / ${STATS_HOUR_MS}, ${STATS_DIM.queue}, q.queue, c.type, c.outcome,
      c.stats_flags & ${FLAGS}, ${BUCKET}, count(*),
      CAST(coalesce(sum(round(${W} * 1000)), 0) AS INTEGER),
      CAST(coalesce(sum(round(c.speak_time_sec * 1000)), 0) AS INTEGER), max(${W})
    FROM calls c ${QUEUE_LINKS}
    WHERE c.type IN ('inbound', 'callback') AND ${RANGE('c')} AND (c.stats_flags & ${QUEUED}) != 0
    GROUP BY 1, 3, 4, 5, 6, 7`,
  stats_agent_hours: `
    SELECT a.start_ms / ${STATS_HOUR_MS} AS hour, a.agent,
      sum((a.talk & ${TALK_KIND.conversation}) != 0) AS answered, sum((a.talk & ${TALK_KIND.consult}) != 0) AS consults,
      sum(a.talk != 0) AS handled, sum(a.talk_ms) AS talk_ms, sum(a.talk = 0) AS offers
    FROM call_agents a WHERE ${RANGE('a')} GROUP BY 1, 2`,
  stats_outbound_hours: `
    SELECT c.start_ms / ${STATS_HOUR_MS} AS hour, c.type, c.dialer_mode AS mode, c.outcome, c.queue AS campaign,
      (c.type IN ('dialer_preview', 'dialer_contact_first') AND c.outcome = 'unanswered'
        AND (c.stats_flags & ${STATS_FLAG.menu}) != 0) AS silent, count(*) AS n
    FROM calls c WHERE c.type NOT IN ('inbound', 'callback') AND ${RANGE('c')} GROUP BY 1, 2, 3, 4, 5, 6`,
  stats_contact_hours: `
    SELECT DISTINCT c.start_ms / ${STATS_HOUR_MS} AS hour, c.queue AS campaign,
      coalesce(c.contact_key, 'call:' || c.call_id) AS contact
    FROM calls c WHERE c.type IN ('dialer_preview', 'dialer_contact_first') AND ${RANGE('c')}`,
} as const;

export type StatsHoursTable = keyof typeof STATS_HOURS_SELECT;
export const STATS_HOURS_TABLES = Object.keys(STATS_HOURS_SELECT) as StatsHoursTable[];

/**
 * STATS_HOURS_SELECT for this connection's link tables: where they store ids (link-ids.ts) the view
 * call_queues cannot be LEFT JOINed (SQLite would materialise it), so its table and names are joined.
 */
function selectOf(db: Db, table: StatsHoursTable): string {
  const text = STATS_HOURS_SELECT[table];
  return table === 'stats_queue_hours' ? text.replace(QUEUE_LINKS, linkRows(db, 'queue').leftJoin('q', 'c.id')) : text;
}

/** Rebuilds the rows of the UTC hours [fromHour, toHour). */
export function rebuildStatsHours(db: Db, fromHour: number, toHour: number): void {
  for (const table of STATS_HOURS_TABLES) {
    db.prepare(`DELETE FROM ${table} WHERE hour >= ? AND hour < ?`).run(fromHour, toHour);
    db.prepare(`INSERT INTO ${table} ${selectOf(db, table)}`).run({ from: fromHour, to: toHour });
  }
}

/** Hours apart that are still rebuilt as one range (fewer statements; the hours between are recomputed alike). */
const MERGE_GAP_HOURS = 24;

/** The marked hours as ranges [from, to), neighbours closer than MERGE_GAP_HOURS merged. */
export function dirtyRanges(hours: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const h of hours) {
    const last = out[out.length - 1];
    if (last && h - last[1] < MERGE_GAP_HOURS) last[1] = h + 1;
    else out.push([h, h + 1]);
  }
  return out;
}

/** The hours the writes since the last refresh touched (marked by the triggers), in order. */
export function touchedHours(db: Db): number[] {
  return values(db, sql<number>('SELECT hour FROM stats_dirty_hours ORDER BY hour'));
}

/**
 * Rebuilds the hours the writes since the last refresh touched and clears their marks. Called in the
 * transaction of the write (an import's end, an erasure), so the tables commit with the calls.
 */
export function refreshStatsHours(db: Db): void {
  for (const [from, to] of dirtyRanges(touchedHours(db))) rebuildStatsHours(db, from, to);
  db.exec('DELETE FROM stats_dirty_hours');
}

/** The hour span of the archive's calls, [from, to); null for an empty archive. */
export function callHourSpan(db: Db): [number, number] | null {
  // Hours as the rows count them (SQL integer division).
  const r = one(
    db,
    sql<{ lo: number | null; hi: number | null }>(
      `SELECT (SELECT min(start_ms) FROM calls) / ${STATS_HOUR_MS} AS lo, (SELECT max(start_ms) FROM calls) / ${STATS_HOUR_MS} AS hi`,
    ),
  );
  if (!r || r.lo === null || r.hi === null) return null;
  return [r.lo, r.hi + 1];
}

/**
 * verify --deep: the rows of every hour not marked for a rebuild against a recompute from the calls, one
 * line per row stored but not recomputed ("stored") or recomputed but not stored ("missing"), at most
 * `max` lines per table.
 */
export function statsHoursDifferences(db: Db, max = 20): string[] {
  const span = callHourSpan(db) ?? [0, 0];
  const out: string[] = [];
  const clean = 'hour NOT IN (SELECT hour FROM stats_dirty_hours)';
  for (const table of STATS_HOURS_TABLES) {
    const recomputed = `SELECT * FROM (${selectOf(db, table)}) WHERE ${clean}`;
    // Every stored row, the ones outside the calls' span too (they should not be there at all).
    const stored = `SELECT * FROM ${table} WHERE ${clean}`;
    const rows = all(
      db,
      sql<Record<string, unknown>, [span: { from: number; to: number }]>(
        `SELECT 'stored' AS side, * FROM (${stored} EXCEPT ${recomputed})
        UNION ALL SELECT 'missing', * FROM (${recomputed} EXCEPT ${stored}) LIMIT ${max + 1}`,
      ),
      { from: span[0], to: span[1] },
    );
    rows.slice(0, max).forEach(({ side, ...row }) => out.push(`${table}: ${String(side)} ${JSON.stringify(row)}`));
    if (rows.length > max) out.push(`${table}: more rows differ`);
  }
  return out;
}
