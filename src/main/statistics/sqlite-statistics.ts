// The statistics over the archive in SQL: the same figures as the pure module
// (src/shared/statistics), from calls, call_queues and call_agents and what the
// import precomputed there of the events (parts.ts). The queries return the same
// accumulators the pure module adds up, per local hour or day where the grouping is
// by time (few rows, keyed and merged here), and both finish them with the shared
// functions (ratios, rounding, sorting). Three passes over the period's calls: the
// inbound / callback calls (plus one with the join when grouped by queue or agent),
// the agents' rows, the other calls — or, wherever they give exactly the same
// accumulators, over the sums per UTC hour the import keeps (hourly-statistics.ts).
import {
  COUNT_NAMES,
  compareKeys,
  emptyAccumulator,
  finishFigures,
  finishSilent,
  reportedParameters,
  round1,
  TALK_KIND,
  timeKey,
  type AgentFigures,
  type CampaignAttempts,
  type GroupKey,
  type Grouping,
  type OutboundCount,
  type OutboundFigures,
  type QueueAccumulator,
  type QueueGroup,
  type SilentShare,
  type StatisticsResult,
  type StatsParameters,
} from '../../shared/statistics';
import type { CallType, Outcome } from '../../shared/model/archive-call';
import type { Db } from '../store/native';
import {
  DIALER_TYPES,
  QUEUE_TYPES,
  hasCallbackEvent,
  hasQueueEvent,
  inPeriod,
  isSilent,
  localMs,
  queueCallWhere,
  requirePrecomputed,
  type SqlPeriod,
} from './parts';
import { fragRows, joinFrags, raw, sql, type Frag } from './sql';
import { one, sql as declare } from '../store/sql';
import { linkRows } from '../store/link-rows';
import {
  hourAgentRows,
  hourContactRows,
  hourOutboundRows,
  hourPlan,
  hourQueueRows,
  hoursCurrent,
  queueTableFromHours,
  type HourPlan,
  type StatsSource,
} from './hourly-statistics';
import { STATS_HOURS_VERSION, schemaVersionOf } from '../store/schema';

const all = <T>(db: Db, f: Frag): T[] => fragRows<T>(db, f);

const CALL_RANGE = declare<{ lo: number | null; hi: number | null }>(
  'SELECT (SELECT min(start_ms) FROM calls) AS lo, (SELECT max(start_ms) FROM calls) AS hi',
);

/** The period the SQL reads: the parameters' bounds, or the archive's first / last call. */
export function sqlPeriod(db: Db, p: StatsParameters): SqlPeriod {
  // Two subqueries: min and max in one SELECT read the whole index instead of its two ends.
  const range = one(db, CALL_RANGE);
  return {
    fromMs: p.fromMs ?? range?.lo ?? 0,
    toMs: p.toMs ?? (range?.hi ?? 0) + 1,
    timeZone: p.timeZone,
  };
}

/** The accumulator columns of a group of queue calls q (see QueueAccumulator). */
function accumulatorColumns(p: StatsParameters): Frag {
  return sql`count(*) AS offered,
    sum(q.outcome = 'answered') AS answered, sum(q.outcome = 'abandoned') AS abandoned,
    sum(q.outcome = 'unanswered') AS unanswered, sum(q.outcome = 'deleted') AS deleted,
    sum(q.outcome = 'rejected') AS rejected, sum(q.outcome = 'pending') AS pending,
    sum(q.outcome = 'abandoned' AND q.w < ${p.shortAbandonSeconds}) AS shortAbandoned,
    sum(q.cb) AS callbacksRequested, sum(q.cb AND q.outcome = 'answered') AS callbacksAnswered,
    sum(q.outcome = 'answered' AND q.w <= ${p.slSeconds}) AS answeredWithinSl,
    sum(q.outcome = 'abandoned' AND q.w <= ${p.slSeconds}) AS abandonedWithinSl,
    sum(CASE WHEN q.outcome = 'answered' THEN round(q.w * 1000) ELSE 0 END) AS answeredWaitMs,
    sum(CASE WHEN q.outcome = 'answered' THEN round(q.s * 1000) ELSE 0 END) AS answeredTalkMs,
    max(q.w) AS maxWaitSec`;
}

/**
 * The inbound / callback calls of the period with what the figures read: wait (null as 0), talk,
 * callback flag, local time, and whether they are queue calls (population) at all.
 */
function periodCalls(period: SqlPeriod, onlyQueued: boolean): Frag {
  const where = onlyQueued ? queueCallWhere(period) : sql`c.type IN ${raw(QUEUE_TYPES)} AND ${inPeriod('c', period)}`;
  return sql`SELECT c.id, c.type, c.outcome, coalesce(c.wait_time_sec, 0) AS w, c.speak_time_sec AS s,
      ${hasCallbackEvent('c')} AS cb, ${hasQueueEvent('c')} AS queued, ${localMs('c', period)} AS lm
    FROM calls c WHERE ${where}`;
}

type TimeGrouping = Exclude<Grouping, 'queue' | 'agent' | 'type'>;

/**
 * The unit a time grouping is counted in: local wall-clock hours or days as integers (the local
 * time read as UTC, divided). The key text is made from it afterwards, as the pure module makes it,
 * and the units of one key merged: no date function runs per call.
 */
const UNIT_MS: Record<TimeGrouping, number> = {
  hour: 3_600_000,
  hourofday: 3_600_000,
  day: 86_400_000,
  week: 86_400_000,
  month: 86_400_000,
  weekday: 86_400_000,
};

/**
 * Whole units of local time. The local time is an integer's worth, but a REAL (better-sqlite3 binds
 * every JS number as a REAL, the zone's offset too): as a REAL its quotient would be a group per call.
 */
const unitOf = (lm: Frag, unitMs: number): Frag => sql`(CAST(${lm} AS INTEGER) / ${raw(String(unitMs))})`;

const isLink = (g: Grouping): g is 'queue' | 'agent' => g === 'queue' || g === 'agent';

/**
 * A grouping's value over q (joins for queue and agent: a call is in every one of its groups; the
 * link tables as stored, since a view of them on the right of a LEFT JOIN is materialised: link-rows.ts).
 */
function keyOf(db: Db, g: Grouping): { expr: Frag; join: Frag | null } {
  switch (g) {
    case 'queue':
      return { expr: raw('gq.queue'), join: raw(linkRows(db, 'queue').leftJoin('gq', 'q.id')) };
    case 'agent':
      return { expr: raw('ga.agent'), join: raw(linkRows(db, 'agent').leftJoin('ga', 'q.id')) };
    case 'type':
      return { expr: raw('q.type'), join: null };
    default:
      return { expr: unitOf(raw('q.lm'), UNIT_MS[g]), join: null };
  }
}

type AccRow = QueueAccumulator & { k0?: string | number | null; k1?: string | number | null; queued: number };

function toAccumulator(r: AccRow): QueueAccumulator {
  const acc = emptyAccumulator();
  for (const k of COUNT_NAMES) acc[k] = r[k] ?? 0;
  acc.answeredWaitMs = r.answeredWaitMs ?? 0;
  acc.answeredTalkMs = r.answeredTalkMs ?? 0;
  acc.maxWaitSec = r.maxWaitSec;
  return acc;
}

function mergeInto(acc: QueueAccumulator, r: QueueAccumulator): void {
  for (const k of COUNT_NAMES) acc[k] += r[k];
  acc.answeredWaitMs += r.answeredWaitMs;
  acc.answeredTalkMs += r.answeredTalkMs;
  if (r.maxWaitSec !== null)
    acc.maxWaitSec = acc.maxWaitSec === null ? r.maxWaitSec : Math.max(acc.maxWaitSec, r.maxWaitSec);
}

/**
 * One pass over the calls of the period grouped by the values of `by` (and by queued when not
 * onlyQueued): the accumulator rows, k0 / k1 the values.
 */
function accumulatorRows(db: Db, p: StatsParameters, period: SqlPeriod, by: readonly Grouping[], onlyQueued: boolean) {
  const keys = by.map((g) => keyOf(db, g));
  const joins = keys.flatMap((k) => (k.join ? [k.join] : []));
  const keyCols = keys.map((k, i) => sql`${k.expr} AS ${raw(`k${i}`)}, `);
  const groupBy = [...keys.map((_, i) => `k${i}`), ...(onlyQueued ? [] : ['q.queued'])];
  return all<AccRow>(
    db,
    sql`WITH q AS (${periodCalls(period, onlyQueued)})
      SELECT ${joinFrags(keyCols, '')}${onlyQueued ? raw('1') : raw('q.queued')} AS queued, ${accumulatorColumns(p)}
      FROM q ${joinFrags(joins, ' ')} ${groupBy.length ? raw(`GROUP BY ${groupBy.join(', ')}`) : raw('')}`,
  );
}

/** Rows of the same key text (time units of one day, week, …) merged, finished, sorted. */
function toGroups(rows: readonly AccRow[], p: StatsParameters): QueueGroup[] {
  const texts = new Map<string, string>();
  const text = (g: Grouping, v: string | number | null | undefined): string | null => {
    if (v === null || v === undefined) return null;
    if (isLink(g) || g === 'type') return String(v);
    const id = `${g}\u0001${v}`;
    let t = texts.get(id);
    if (t === undefined) texts.set(id, (t = timeKey(g, Number(v) * UNIT_MS[g], 'UTC')));
    return t;
  };
  const groups = new Map<string, { key: GroupKey; acc: QueueAccumulator }>();
  for (const r of rows) {
    if (!r.queued) continue;
    const key: GroupKey = {};
    p.by.forEach((g, i) => (key[g] = text(g, i === 0 ? r.k0 : r.k1)));
    const id = JSON.stringify(p.by.map((g) => key[g]));
    const group = groups.get(id);
    if (group) mergeInto(group.acc, toAccumulator(r));
    else groups.set(id, { key, acc: toAccumulator(r) });
  }
  return [...groups.values()]
    .map((g): QueueGroup => ({ key: g.key, ...finishFigures(g.acc, p) }))
    .sort((a, b) => compareKeys(p.by, a.key, b.key));
}

/**
 * The queue table: its groups, its total and the inbound / callback calls of the period that never
 * reached a queue (the outbound table's notQueued). One pass over the period's inbound / callback calls
 * gives the total and notQueued, and the groups too unless they are by queue or agent (a join: a second
 * pass over the queue calls).
 */
export function sqlQueueTable(
  db: Db,
  p: StatsParameters,
  period: SqlPeriod,
  hours: HourPlan | null = null,
): { groups: QueueGroup[]; total: QueueAccumulator; notQueued: number } {
  const joined = p.by.some(isLink);
  const rowsOf = (by: readonly Grouping[], onlyQueued: boolean): AccRow[] =>
    hours
      ? [
          ...hourAccRows(db, p, hours, by, onlyQueued),
          ...hours.edges.flatMap((e) => accumulatorRows(db, p, e, by, onlyQueued)),
        ]
      : accumulatorRows(db, p, period, by, onlyQueued);
  const base = rowsOf(joined ? [] : p.by, false);
  const total = emptyAccumulator();
  let notQueued = 0;
  for (const r of base) {
    if (r.queued) mergeInto(total, toAccumulator(r));
    else notQueued += r.offered;
  }
  const groups = !p.by.length ? [] : toGroups(joined ? rowsOf(p.by, true) : base, p);
  return { groups, total, notQueued };
}

/** The hours' rows as the per-call rows: k0 / k1 the queue, the type or the local time unit. */
function hourAccRows(db: Db, p: StatsParameters, hours: HourPlan, by: readonly Grouping[], onlyQueued: boolean) {
  return hourQueueRows(db, p, hours, by, onlyQueued).map((r): AccRow => {
    const keyOf = (g: Grouping | undefined): string | number | null | undefined => {
      if (g === undefined) return undefined;
      if (g === 'queue') return r.val ?? null;
      if (g === 'type') return r.type ?? null;
      if (hours.localMs === null || r.hour === undefined) throw new Error(`no local clock for ${g}`);
      return Math.trunc(hours.localMs(r.hour) / UNIT_MS[g as TimeGrouping]);
    };
    return { ...r, k0: keyOf(by[0]), k1: keyOf(by[1]) };
  });
}

interface AgentRow {
  agent: string;
  answered: number;
  consults: number;
  handled: number;
  talkMs: number;
  offers: number;
}

/** One row per agent of the calls of the period: its call_agents rows carry the talk precomputed at import. */
function agentRows(db: Db, period: SqlPeriod): AgentRow[] {
  return all<AgentRow>(
    db,
    sql`SELECT a.agent, sum((a.talk & ${raw(String(TALK_KIND.conversation))}) != 0) AS answered,
        sum((a.talk & ${raw(String(TALK_KIND.consult))}) != 0) AS consults, sum(a.talk != 0) AS handled,
        sum(a.talk_ms) AS talkMs, sum(a.talk = 0) AS offers
      FROM call_agents a WHERE ${inPeriod('a', period)} GROUP BY a.agent`,
  );
}

/** Rows of the same agent (the hours' and the edges') added up. */
function mergeAgentRows(rows: readonly AgentRow[]): AgentRow[] {
  const by = new Map<string, AgentRow>();
  for (const r of rows) {
    const a = by.get(r.agent);
    if (!a) by.set(r.agent, { ...r });
    else {
      a.answered += r.answered;
      a.consults += r.consults;
      a.handled += r.handled;
      a.talkMs += r.talkMs;
      a.offers += r.offers;
    }
  }
  return [...by.values()];
}

export function sqlAgentFigures(db: Db, period: SqlPeriod, hours: HourPlan | null = null): AgentFigures[] {
  const rows = hours
    ? mergeAgentRows([...hourAgentRows(db, hours), ...hours.edges.flatMap((e) => agentRows(db, e))])
    : agentRows(db, period);
  return rows
    .map((t): AgentFigures => ({
      agent: t.agent,
      answered: t.answered,
      consults: t.consults,
      handled: t.handled,
      unansweredOffers: t.offers,
      talkSec: round1(t.talkMs / 1000),
      avgTalkSec: t.handled === 0 ? null : round1(t.talkMs / t.handled / 1000),
    }))
    .sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
}

const byText = (a: string | null, b: string | null) => compareKeys(['queue'], { queue: a }, { queue: b });

interface OutboundRow {
  type: CallType;
  mode: string | null;
  outcome: Outcome;
  campaign: string | null;
  dayUnit: number;
  silent: number;
  n: number;
}

function outboundRows(db: Db, period: SqlPeriod): OutboundRow[] {
  return all<OutboundRow>(
    db,
    sql`SELECT c.type, c.dialer_mode AS mode, c.outcome, c.queue AS campaign,
        ${unitOf(localMs('c', period), UNIT_MS.day)} AS dayUnit, ${isSilent('c')} AS silent, count(*) AS n
      FROM calls c WHERE ${inPeriod('c', period)} AND c.type NOT IN ${raw(QUEUE_TYPES)} GROUP BY 1, 2, 3, 4, 5, 6`,
  );
}

export function sqlOutboundFigures(
  db: Db,
  p: StatsParameters,
  period: SqlPeriod,
  notQueued: number,
  hours: HourPlan | null = null,
): OutboundFigures {
  // One pass over the period's other calls (or their hours, and the calls of the edges): per type, mode,
  // outcome, campaign, local day and silent flag.
  const localMsOf = hours?.localMs;
  const rows = localMsOf
    ? [
        ...hourOutboundRows(db, hours).map((r) => ({ ...r, dayUnit: Math.trunc(localMsOf(r.hour) / UNIT_MS.day) })),
        ...hours.edges.flatMap((e) => outboundRows(db, e)),
      ]
    : outboundRows(db, period);
  const contacts = localMsOf
    ? hourContactRows(db, hours)
    : all<{ campaign: string | null; contacts: number }>(
        db,
        sql`SELECT c.queue AS campaign, count(DISTINCT coalesce(c.contact_key, 'call:' || c.call_id)) AS contacts
      FROM calls c WHERE ${inPeriod('c', period)} AND c.type IN ${raw(DIALER_TYPES)} GROUP BY c.queue`,
      );
  const calls = new Map<string, OutboundCount>();
  const attempts = new Map<string | null, number>();
  const silent = new Map<string, { day: string; campaign: string | null; connected: number; silent: number }>();
  const days = new Map<number, string>();
  for (const r of rows) {
    const id = JSON.stringify([r.type, r.mode, r.outcome]);
    const count = calls.get(id) ?? { type: r.type, mode: r.mode, outcome: r.outcome, calls: 0 };
    count.calls += r.n;
    calls.set(id, count);
    if (r.type !== 'dialer_preview' && r.type !== 'dialer_contact_first') continue;
    attempts.set(r.campaign, (attempts.get(r.campaign) ?? 0) + r.n);
    if (r.outcome !== 'answered' && !r.silent) continue;
    let day = days.get(r.dayUnit);
    if (day === undefined) days.set(r.dayUnit, (day = timeKey('day', r.dayUnit * UNIT_MS.day, 'UTC')));
    const sid = JSON.stringify([day, r.campaign]);
    const share = silent.get(sid) ?? { day, campaign: r.campaign, connected: 0, silent: 0 };
    share.connected += r.n;
    if (r.silent) share.silent += r.n;
    silent.set(sid, share);
  }
  return {
    calls: [...calls.values()].sort(
      (a, b) => byText(a.type, b.type) || byText(a.mode, b.mode) || byText(a.outcome, b.outcome),
    ),
    notQueued,
    campaigns: contacts
      .map((c): CampaignAttempts => {
        const n = attempts.get(c.campaign) ?? 0;
        return {
          campaign: c.campaign,
          attempts: n,
          contacts: c.contacts,
          attemptsPerContact: c.contacts === 0 ? null : round1(n / c.contacts),
        };
      })
      .sort((a, b) => byText(a.campaign, b.campaign)),
    silent: [...silent.values()]
      .map((s): SilentShare => finishSilent(s, p.silentLimitPct))
      .sort((a, b) => byText(a.day, b.day) || byText(a.campaign, b.campaign)),
    silentLimitPct: p.silentLimitPct,
  };
}

/** Every figure of the statistics over the archive (the SQL twin of computeStatistics). */
export function sqlStatistics(db: Db, p: StatsParameters, source: StatsSource = 'auto'): StatisticsResult {
  requirePrecomputed(db);
  const period = sqlPeriod(db, p);
  const s = statsSources(db, p, period, source);
  const queue = sqlQueueTable(db, p, period, s.queue);
  return {
    parameters: reportedParameters(p),
    groups: queue.groups,
    total: finishFigures(queue.total, p),
    agents: sqlAgentFigures(db, period, s.agents),
    outbound: sqlOutboundFigures(db, p, period, queue.notQueued, s.outbound),
  };
}

/**
 * Which of the three tables the hours answer (their plan) and which the calls (null): 'auto' the hours
 * wherever they answer exactly (hourly-statistics.ts), 'calls' never, 'hours' wherever they can at all
 * (a test's way to see them answer; the same as 'auto' but for a marked hour).
 */
export function statsSources(
  db: Db,
  p: StatsParameters,
  period: SqlPeriod,
  source: StatsSource,
): Record<'queue' | 'agents' | 'outbound', HourPlan | null> {
  const none = { queue: null, agents: null, outbound: null };
  if (source === 'calls' || schemaVersionOf(db) < STATS_HOURS_VERSION) return none;
  if (source === 'auto' && !hoursCurrent(db)) return none;
  const plan = hourPlan(p, period);
  if (plan === null) return none;
  return {
    queue: queueTableFromHours(p, plan) ? plan : null,
    agents: plan,
    outbound: plan.localMs ? plan : null,
  };
}
