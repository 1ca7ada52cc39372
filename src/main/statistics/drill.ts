// The statistics drill-down as one filter unit of the call search: the calls a
// figure counted, as conditions on the search's calls row c (correlated: the list's
// walk in start order stops at its first page, no list of every matching call is
// built first). Built from the same SQL pieces as the figures (parts.ts), so the
// list's total equals the figure.
import type { z } from 'zod';
import type { drillSchema } from '../../shared/api/schemas';
import { TALK_KIND, keyRangeMs, type Grouping } from '../../shared/statistics';
import type { Db } from '../store/native';
import { archiveTimeZone, resolveParameters } from './parameters';
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
import { sqlPeriod } from './sqlite-statistics';
import { joinFrags, raw, sql, type Frag } from './sql';

export type ParsedDrill = z.output<typeof drillSchema>;

/** The alias of the call search's calls row, which the conditions are on. */
const D = 'c';

/** "The value is this, or the call has none" for a link table (queue / agent groups). */
function linkIs(table: 'call_queues' | 'call_agents', column: 'queue' | 'agent', value: string | null): Frag {
  return value === null
    ? raw(`NOT EXISTS (SELECT 1 FROM ${table} l WHERE l.call = ${D}.id)`)
    : sql`EXISTS (SELECT 1 FROM ${raw(table)} l WHERE l.${raw(column)} = ${value} AND l.call = ${raw(D)}.id)`;
}

/** The group's key as conditions on the drilled call (the search's row c). */
function keyConditions(key: ParsedDrill['key'], period: SqlPeriod, names: readonly Grouping[]): Frag[] {
  const out: Frag[] = [];
  for (const g of names) {
    if (!(g in key)) continue;
    const v = key[g] ?? null;
    if (g === 'queue') out.push(linkIs('call_queues', 'queue', v));
    else if (g === 'agent') out.push(linkIs('call_agents', 'agent', v));
    else if (g === 'type') out.push(sql`${raw(D)}.type = ${v}`);
    else {
      // The key's stretch of time (with a margin) first, so an index walks only that day, hour, …
      const range = v === null ? null : keyRangeMs(g, v, period.timeZone);
      if (range) out.push(sql`${raw(D)}.start_ms >= ${range[0]} AND ${raw(D)}.start_ms < ${range[1]}`);
      out.push(sql`${timeKeySql(g, localMs(D, period))} = ${v}`);
    }
  }
  return out;
}

/**
 * The calls of the period where the agent's call_agents row meets `talk` (fixed SQL on t.talk), as a list
 * of ids: the planner can read them off the (agent, start) index, a few hundred of a million calls,
 * rather than look each call of the period up while it walks the list (0.27 CPU-s for a month at 1M).
 */
function agentCalls(agent: string, period: SqlPeriod, talk: string): Frag {
  return sql`${raw(D)}.id IN (SELECT t.call FROM call_agents t WHERE t.agent = ${agent} AND ${inPeriod('t', period)} AND ${raw(talk)})`;
}

const GROUP_DIMENSIONS: Grouping[] = ['queue', 'agent', 'type', 'hour', 'day', 'week', 'month', 'hourofday', 'weekday'];

/** The condition of a queue-table count on a queue call d (with w its wait, null as 0). */
function queueFigure(figure: string, p: { slSeconds: number; shortAbandonSeconds: number }): Frag {
  const w = raw(`coalesce(${D}.wait_time_sec, 0)`);
  switch (figure) {
    case 'offered':
      return raw('1');
    case 'shortAbandoned':
      return sql`${raw(D)}.outcome = 'abandoned' AND ${w} < ${p.shortAbandonSeconds}`;
    case 'callbacksRequested':
      return hasCallbackEvent(D);
    case 'callbacksAnswered':
      return sql`${raw(D)}.outcome = 'answered' AND ${hasCallbackEvent(D)}`;
    case 'answeredWithinSl':
      return sql`${raw(D)}.outcome = 'answered' AND ${w} <= ${p.slSeconds}`;
    case 'abandonedWithinSl':
      return sql`${raw(D)}.outcome = 'abandoned' AND ${w} <= ${p.slSeconds}`;
    default:
      return sql`${raw(D)}.outcome = ${figure}`; // answered, abandoned, unanswered, deleted, rejected, pending
  }
}

function drillConditions(drill: ParsedDrill, period: SqlPeriod, p: ReturnType<typeof resolveParameters>): Frag[] {
  const key = drill.key;
  const inP = inPeriod(D, period);
  const f = drill.figure;
  if (!f.includes('.')) {
    return [queueCallWhere(period, D), queueFigure(f, p), ...keyConditions(key, period, GROUP_DIMENSIONS)];
  }
  const agent = key.agent ?? '';
  switch (f) {
    case 'agent.answered':
      return [inP, agentCalls(agent, period, `(t.talk & ${TALK_KIND.conversation}) != 0`)];
    case 'agent.consults':
      return [inP, agentCalls(agent, period, `(t.talk & ${TALK_KIND.consult}) != 0`)];
    case 'agent.handled':
      return [inP, agentCalls(agent, period, 't.talk != 0')];
    case 'agent.unansweredOffers':
      // Named on the call (its one call_agents row) without a Conversation or Consult.
      return [inP, agentCalls(agent, period, 't.talk = 0')];
    case 'outbound.calls':
      return [
        inP,
        raw(`${D}.type NOT IN ${QUEUE_TYPES}`),
        sql`${raw(D)}.type = ${key.type ?? null}`,
        key.mode == null ? raw(`${D}.dialer_mode IS NULL`) : sql`${raw(D)}.dialer_mode = ${key.mode}`,
        sql`${raw(D)}.outcome = ${key.outcome ?? null}`,
      ];
    case 'outbound.notQueued':
      return [inP, raw(`${D}.type IN ${QUEUE_TYPES}`), sql`NOT ${hasQueueEvent(D)}`];
    default: {
      // outbound.attempts / .connected / .silent: dialer calls of a campaign (and day)
      const campaign = key.campaign == null ? raw(`${D}.queue IS NULL`) : sql`${raw(D)}.queue = ${key.campaign}`;
      const base = [inP, raw(`${D}.type IN ${DIALER_TYPES}`), campaign];
      if (f === 'outbound.attempts') return base;
      const day = sql`${timeKeySql('day', localMs(D, period))} = ${key.day ?? null}`;
      if (f === 'outbound.silent') return [...base, day, isSilent(D)];
      return [...base, day, sql`(${raw(D)}.outcome = 'answered' OR ${isSilent(D)})`];
    }
  }
}

/**
 * The drill with what the statistics read from the archive filled in (the display zone and,
 * without a period, the archive's first and last call), so that drillWhere needs no database:
 * the call search's WHERE builder calls it as one more filter.
 */
export function completeDrill(db: Db, drill: ParsedDrill): ParsedDrill {
  requirePrecomputed(db);
  const timeZone = drill.stats.timeZone ?? archiveTimeZone(db);
  const p = resolveParameters(db, { ...drill.stats, timeZone });
  const period = sqlPeriod(db, p);
  return {
    ...drill,
    stats: {
      ...drill.stats,
      timeZone,
      from: new Date(period.fromMs).toISOString(),
      to: new Date(period.toMs).toISOString(),
    },
  };
}

/** A parsed search with its drill-down (if any) completed: what buildWhere needs of a drilled list. */
export function withCompletedDrill<Q extends { drill?: ParsedDrill | undefined }>(db: Db, q: Q): Q {
  return q.drill ? { ...q, drill: completeDrill(db, q.drill) } : q;
}

/** The drill-down filter, `(…)` on the search's calls row c, of a completed drill (completeDrill). */
export function drillWhere(drill: ParsedDrill): Frag {
  const { timeZone, from, to } = drill.stats;
  if (timeZone === undefined || from === undefined || to === undefined)
    throw new Error('drillWhere needs a completed drill (completeDrill)');
  const p = resolveParameters(null, drill.stats);
  const period = { fromMs: p.fromMs ?? 0, toMs: p.toMs ?? 0, timeZone };
  return sql`(${joinFrags(drillConditions(drill, period, p), ' AND ')})`;
}
