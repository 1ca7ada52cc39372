// The statistics over the archive in SQL: the same figures as the pure module
// (src/shared/statistics), from calls, events, call_queues and call_agents. The
// queries return the same accumulators the pure module adds up, and both finish
// them with the shared functions (ratios, rounding, sorting).
import {
  compareKeys,
  finishFigures,
  finishSilent,
  reportedParameters,
  round1,
  TALK_KIND,
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
  timeKeySql,
  type SqlPeriod,
} from './parts';
import { joinFrags, raw, sql, type Frag } from './sql';

const all = <T>(db: Db, f: Frag): T[] => db.prepare(f.sql).all(...f.params) as T[];

/** The period the SQL reads: the parameters' bounds, or the archive's first / last call. */
export function sqlPeriod(db: Db, p: StatsParameters): SqlPeriod {
  const range = db.prepare('SELECT min(start_ms) AS lo, max(start_ms) AS hi FROM calls').get() as {
    lo: number | null;
    hi: number | null;
  };
  return {
    fromMs: p.fromMs ?? range.lo ?? 0,
    toMs: p.toMs ?? (range.hi ?? 0) + 1,
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

/** The queue calls of the period with what the figures read: wait (null as 0), talk, callback flag, local time. */
function queueCalls(period: SqlPeriod): Frag {
  return sql`SELECT c.id, c.type, c.outcome, coalesce(c.wait_time_sec, 0) AS w, c.speak_time_sec AS s,
      ${hasCallbackEvent('c')} AS cb, ${localMs('c', period)} AS lm
    FROM calls c WHERE ${queueCallWhere(period)}`;
}

/** A grouping's key expression over q (joins for queue and agent: a call is in every one of its groups). */
function keyOf(g: Grouping): { expr: Frag; join: Frag | null } {
  switch (g) {
    case 'queue':
      return { expr: raw('gq.queue'), join: raw('LEFT JOIN call_queues gq ON gq.call = q.id') };
    case 'agent':
      return { expr: raw('ga.agent'), join: raw('LEFT JOIN call_agents ga ON ga.call = q.id') };
    case 'type':
      return { expr: raw('q.type'), join: null };
    default:
      return { expr: timeKeySql(g, raw('q.lm')), join: null };
  }
}

type AccRow = Omit<QueueAccumulator, never>;

function toAccumulator(r: AccRow): QueueAccumulator {
  const n = (v: number | null) => v ?? 0;
  return {
    offered: r.offered,
    answered: n(r.answered),
    abandoned: n(r.abandoned),
    unanswered: n(r.unanswered),
    deleted: n(r.deleted),
    rejected: n(r.rejected),
    pending: n(r.pending),
    shortAbandoned: n(r.shortAbandoned),
    callbacksRequested: n(r.callbacksRequested),
    callbacksAnswered: n(r.callbacksAnswered),
    answeredWithinSl: n(r.answeredWithinSl),
    abandonedWithinSl: n(r.abandonedWithinSl),
    answeredWaitMs: n(r.answeredWaitMs),
    answeredTalkMs: n(r.answeredTalkMs),
    maxWaitSec: r.maxWaitSec,
  };
}

export function sqlQueueTotal(db: Db, p: StatsParameters, period: SqlPeriod): QueueAccumulator {
  const [row] = all<AccRow>(db, sql`WITH q AS (${queueCalls(period)}) SELECT ${accumulatorColumns(p)} FROM q`);
  if (!row) throw new Error('an aggregate query returned no row');
  return toAccumulator(row);
}

export function sqlQueueGroups(db: Db, p: StatsParameters, period: SqlPeriod): QueueGroup[] {
  if (!p.by.length) return [];
  const keys = p.by.map(keyOf);
  const joins = keys.flatMap((k) => (k.join ? [k.join] : []));
  const keyCols = joinFrags(
    keys.map((k, i) => sql`${k.expr} AS ${raw(`k${i}`)}`),
    ', ',
  );
  const groupBy = raw(keys.map((_, i) => `k${i}`).join(', '));
  const rows = all<AccRow & { k0: string | null; k1?: string | null }>(
    db,
    sql`WITH q AS (${queueCalls(period)})
      SELECT ${keyCols}, ${accumulatorColumns(p)} FROM q ${joinFrags(joins, ' ')} GROUP BY ${groupBy}`,
  );
  return rows
    .map((r): QueueGroup => {
      const key: GroupKey = {};
      p.by.forEach((g, i) => (key[g] = (i === 0 ? r.k0 : r.k1) ?? null));
      return { key, ...finishFigures(toAccumulator(r), p) };
    })
    .sort((a, b) => compareKeys(p.by, a.key, b.key));
}

export function sqlAgentFigures(db: Db, period: SqlPeriod): AgentFigures[] {
  // One row per agent of the calls of the period: its call_agents rows carry the talk precomputed at import.
  const rows = all<{
    agent: string;
    answered: number;
    consults: number;
    handled: number;
    talkMs: number;
    offers: number;
  }>(
    db,
    sql`SELECT a.agent, sum((a.talk & ${raw(String(TALK_KIND.conversation))}) != 0) AS answered,
        sum((a.talk & ${raw(String(TALK_KIND.consult))}) != 0) AS consults, sum(a.talk != 0) AS handled,
        sum(a.talk_ms) AS talkMs, sum(a.talk = 0) AS offers
      FROM call_agents a WHERE ${inPeriod('a', period)} GROUP BY a.agent`,
  );
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

export function sqlOutboundFigures(db: Db, p: StatsParameters, period: SqlPeriod): OutboundFigures {
  const calls = all<{ type: CallType; mode: string | null; outcome: Outcome; calls: number }>(
    db,
    sql`SELECT c.type, c.dialer_mode AS mode, c.outcome, count(*) AS calls FROM calls c
      WHERE ${inPeriod('c', period)} AND c.type NOT IN ${raw(QUEUE_TYPES)} GROUP BY 1, 2, 3`,
  );
  const [notQueued] = all<{ n: number }>(
    db,
    sql`SELECT count(*) AS n FROM calls c
      WHERE ${inPeriod('c', period)} AND c.type IN ${raw(QUEUE_TYPES)} AND NOT ${hasQueueEvent('c')}`,
  );
  const campaigns = all<{ campaign: string | null; attempts: number; contacts: number }>(
    db,
    sql`SELECT c.queue AS campaign, count(*) AS attempts,
        count(DISTINCT coalesce(c.contact_key, 'call:' || c.call_id)) AS contacts
      FROM calls c WHERE ${inPeriod('c', period)} AND c.type IN ${raw(DIALER_TYPES)} GROUP BY c.queue`,
  );
  const silent = all<{ day: string; campaign: string | null; connected: number; silent: number }>(
    db,
    sql`SELECT d.day, d.campaign, count(*) AS connected, sum(d.silent) AS silent FROM (
        SELECT ${timeKeySql('day', localMs('c', period))} AS day, c.queue AS campaign, ${isSilent('c')} AS silent,
          c.outcome FROM calls c WHERE ${inPeriod('c', period)} AND c.type IN ${raw(DIALER_TYPES)}) d
      WHERE d.outcome = 'answered' OR d.silent GROUP BY 1, 2`,
  );
  return {
    calls: calls
      .map((r): OutboundCount => ({ ...r }))
      .sort((a, b) => byText(a.type, b.type) || byText(a.mode, b.mode) || byText(a.outcome, b.outcome)),
    notQueued: notQueued?.n ?? 0,
    campaigns: campaigns
      .map((c): CampaignAttempts => ({
        ...c,
        attemptsPerContact: c.contacts === 0 ? null : round1(c.attempts / c.contacts),
      }))
      .sort((a, b) => byText(a.campaign, b.campaign)),
    silent: silent
      .map((s): SilentShare => finishSilent(s, p.silentLimitPct))
      .sort((a, b) => byText(a.day, b.day) || byText(a.campaign, b.campaign)),
    silentLimitPct: p.silentLimitPct,
  };
}

/** Every figure of the statistics over the archive (the SQL twin of computeStatistics). */
export function sqlStatistics(db: Db, p: StatsParameters): StatisticsResult {
  requirePrecomputed(db);
  const period = sqlPeriod(db, p);
  return {
    parameters: reportedParameters(p),
    groups: sqlQueueGroups(db, p, period),
    total: finishFigures(sqlQueueTotal(db, p, period), p),
    agents: sqlAgentFigures(db, period),
    outbound: sqlOutboundFigures(db, p, period),
  };
}
