// CallSearch → parameterised SQL over the calls table: filters, free text
// (FTS5 trigram), sort expressions that match the indexes, keyset cursors.
import type { SortColumn } from '../../shared/api/schemas';
import { ArchiveError } from '../store/errors';
import type { z } from 'zod';
import type { callSearchSchema } from '../../shared/api/schemas';
import { drillWhere } from '../statistics/drill';
import { reviewFilters } from '../review/review-filters';
import { fromMs, rangeMs, toMs } from './query-time';
import { searchWords } from '../../shared/api/search-words';
import { silentFilter } from './silent-filter';
import { textMatchIds } from './text-match-sql';
import { callOutcomeIn, callTypeIn } from '../store/coded-columns';

export type ParsedSearch = z.output<typeof callSearchSchema>;

/** Sort expressions: NULLs mapped to a value below every real one, so keyset comparisons work. */
export const SORT_EXPR: Record<SortColumn, string> = {
  start: 'c.start_ms',
  callerNumber: "coalesce(c.caller_number, '')",
  accessNumber: "coalesce(c.access_number, '')",
  queue: "coalesce(c.queue, '')",
  agent: "coalesce(c.agent, '')",
  // Codes in the text's byte order (coded-columns.ts): the code indexes walk the list's order.
  type: 'c.call_type_code',
  outcome: 'c.call_outcome_code',
  timeBeforeAnswerSec: 'coalesce(c.time_before_answer_sec, -1)',
  waitTimeSec: 'coalesce(c.wait_time_sec, -1)',
  speakTimeSec: 'c.speak_time_sec',
  callbackAttempts: 'coalesce(c.callback_attempts, -1)',
};

/** The sort columns whose keyset value is text (the others are numbers: times, codes, seconds). */
const TEXT_SORTS: ReadonlySet<SortColumn> = new Set(['callerNumber', 'accessNumber', 'queue', 'agent']);

/** Whether a cursor's sort value has the type its column's SORT_EXPR yields. */
function sortValueFits(sort: SortColumn, value: unknown): value is string | number {
  return TEXT_SORTS.has(sort) ? typeof value === 'string' : typeof value === 'number' && Number.isFinite(value);
}

/** Range filters use the sort indexes' expressions (NULL → -1), so they are index range scans. */
const RANGE_COLUMNS = {
  durationSec: 'c.duration_sec',
  waitTimeSec: 'coalesce(c.wait_time_sec, -1)',
  speakTimeSec: 'c.speak_time_sec',
  callbackAttempts: 'coalesce(c.callback_attempts, -1)',
} as const;

export type FacetName = 'type' | 'outcome' | 'queue' | 'agent';

export interface Where {
  sql: string;
  params: unknown[];
  /** No condition at all: the whole archive. */
  empty: boolean;
  /** Only a time range (from / to), given as epoch ms bounds. */
  timeOnly: { from: number; to: number } | null;
  /** Only type / outcome lists: the total is a sum of cached (type, outcome) counts. */
  typeOutcomeOnly: boolean;
  /** Only free text matched through the trigram index: the total is the number of matches. */
  ftsOnly: boolean;
  /** Only one- or two-character text words (no trigram word, no filter). */
  shortOnly: boolean;
  /** Only a queue or only an agent list: the total is a count of the link table. */
  linkOnly: { table: 'call_queues' | 'call_agents'; column: 'queue' | 'agent'; values: string[] } | null;
}

/** The index that walks each sort order (see schema.ts). */
export const SORT_INDEX: Record<SortColumn, string> = {
  start: 'calls_start',
  callerNumber: 'calls_caller',
  accessNumber: 'calls_access',
  queue: 'calls_queue',
  agent: 'calls_agent',
  type: 'calls_type',
  outcome: 'calls_outcome',
  timeBeforeAnswerSec: 'calls_tba',
  waitTimeSec: 'calls_wait',
  speakTimeSec: 'calls_speak',
  callbackAttempts: 'calls_attempts',
};

/** The text's words: one rule for the SQL, the list's highlighting and the search hints (search-words.ts). */
const words = searchWords;

/**
 * The FTS5 MATCH expression of a free text (its words of 3+ characters), or null.
 * Trigram: each quoted phrase matches anywhere (prefix, suffix or middle), case-insensitively.
 * It is evaluated on calls_fts (a call's own text) and the names' vocabulary together (./text-match-sql).
 */
export function ftsMatch(text: string | undefined): string | null {
  const long = words(text ?? '').filter((w) => [...w].length >= 3);
  return long.length ? long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ') : null;
}

/** The one- and two-character words of a free text (too short for trigrams). */
export function shortWords(text: string | undefined): string[] {
  return words(text ?? '').filter((w) => w.length > 0 && [...w].length < 3);
}

/**
 * A short word resolved against the archive: the agent and queue names it starts
 * (case-insensitively, like LIKE), its caller / access number prefixes as index ranges
 * (one per ASCII case variant) and a capped estimate of its matches.
 */
export interface ShortWord {
  ranges: [string, string][];
  agents: string[];
  queues: string[];
  /** Calls it matches, at most (numbers counted up to a cap, names from the facet cache). */
  estimate: number;
  /** So many calls match that a row-by-row check beats listing them (the estimate hit its cap). */
  dense: boolean;
}

export function likePrefix(word: string): string {
  return `${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Row-level: LIKE on the numbers, any of the call's agents / queues (resolved names, or LIKE on the link table). */
function shortRowClause(w: string, resolved: ShortWord | undefined, correlated: boolean, params: unknown[]): string {
  const like = likePrefix(w);
  params.push(like, like);
  const numbers = "c.caller_number LIKE ? ESCAPE '\\' OR c.access_number LIKE ? ESCAPE '\\'";
  const links = [
    ['call_agents', 'agent', resolved?.agents] as const,
    ['call_queues', 'queue', resolved?.queues] as const,
  ].map(([table, column, names]) => {
    if (names) {
      if (!names.length) return null;
      params.push(...names);
      const marks = names.map(() => '?').join(', ');
      return correlated
        ? `(SELECT 1 FROM ${table} x WHERE x.call = c.id AND x.${column} IN (${marks}) LIMIT 1) IS NOT NULL`
        : `c.id IN (SELECT call FROM ${table} WHERE ${column} IN (${marks}))`;
    }
    params.push(like);
    return `c.id IN (SELECT call FROM ${table} WHERE ${column} LIKE ? ESCAPE '\\')`;
  });
  return `(${[numbers, ...links.filter((l) => l !== null)].join(' OR ')})`;
}

/** Index-driven: the matching ids listed from the number indexes' ranges and the link tables. */
function shortIdsClause(r: ShortWord, params: unknown[]): string {
  const parts: string[] = [];
  for (const [index, expr] of [
    ['calls_caller', "coalesce(caller_number, '')"],
    ['calls_access', "coalesce(access_number, '')"],
  ] as const)
    for (const [lo, hi] of r.ranges) {
      parts.push(`SELECT id FROM calls INDEXED BY ${index} WHERE ${expr} >= ? AND ${expr} < ?`);
      params.push(lo, hi);
    }
  for (const [table, column, names] of [
    ['call_agents', 'agent', r.agents],
    ['call_queues', 'queue', r.queues],
  ] as const) {
    if (!names.length) continue;
    parts.push(`SELECT call FROM ${table} WHERE ${column} IN (${names.map(() => '?').join(', ')})`);
    params.push(...names);
  }
  return `c.id IN (${parts.join(' UNION ALL ')})`;
}

/** The free-text part: every word must match somewhere (AND). */
function textClauses(text: string, out: string[], params: unknown[], options: WhereOptions): void {
  const match = ftsMatch(text);
  if (match !== null) {
    // Walking a sort index, the match is a membership test (`+c.id`): as an index term SQLite
    // would seek the sort index once per matching id inside the walk (a skip-scan per id:
    // 3 s for a text sorted by talk time at 150k calls).
    const id = options.correlated ? '+c.id' : 'c.id';
    if (options.ftsIds !== undefined) {
      // The match was evaluated once for the whole request (count, page, facets).
      out.push(`${id} IN (SELECT value FROM json_each(?))`);
      params.push(options.ftsIds);
    } else {
      // Own text in calls_fts or a name in the vocabulary's links (text-match-sql.ts).
      const text = textMatchIds(match, null);
      out.push(`${id} IN (${text.sql})`);
      params.push(...text.params);
    }
  }
  // One or two characters: too short for trigrams; they match the start of the caller or
  // access number or of any of the call's agents or queues (as the trigram index holds them all).
  shortWords(text).forEach((w, i) => {
    const resolved = options.short?.[i];
    out.push(
      resolved && !resolved.dense && !options.correlated
        ? shortIdsClause(resolved, params)
        : shortRowClause(w, resolved, options.correlated ?? false, params),
    );
  });
}

export interface WhereOptions {
  /** Queue / agent filters (and resolved short words) as correlated lookups: the query walks a sort index. */
  correlated?: boolean;
  /** The free-text match's ids, evaluated once for the request (JSON list). */
  ftsIds?: string;
  /** The short words resolved (CallSearcher.resolveShort): index ranges and names instead of LIKE over every call. */
  short?: ShortWord[];
}

/** WHERE clause for a search; `except` leaves one facet's own filter out (facet counts). */
// eslint-disable-next-line complexity -- one clause per filter of the API, read top to bottom; to become named filters (#17 item 3)
export function buildWhere(q: ParsedSearch, except?: FacetName, options: WhereOptions = {}): Where {
  const out: string[] = [];
  const params: unknown[] = [];
  if (q.text) textClauses(q.text, out, params, options);
  const textConditions = out.length;
  const beforeTime = out.length;
  if (q.from) {
    out.push('c.start_ms >= ?');
    params.push(fromMs(q));
  }
  if (q.to) {
    out.push('c.start_ms < ?');
    params.push(toMs(q));
  }
  const timeConditions = out.length - beforeTime;
  const beforeLists = out.length;
  // Compared as codes, so that the code indexes (and calls_start, which covers them) answer.
  if (except !== 'type' && q.types?.length) out.push(callTypeIn('c', q.types));
  if (except !== 'outcome' && q.outcomes?.length) out.push(callOutcomeIn('c', q.outcomes));
  const listConditions = out.length - beforeLists;
  // IN (subquery) lets a few matches drive the query; walking a sort index instead
  // checks each visited call with a correlated lookup (no materialised list).
  // A time range is repeated inside the subquery: (value, start_ms, call) indexes then
  // yield only that agent's / queue's calls of the period.
  const from = fromMs(q);
  const to = toMs(q);
  const link = (table: string, column: string, values: string[]) => {
    const marks = values.map(() => '?').join(', ');
    if (options.correlated) {
      // A scalar subquery, not EXISTS: for EXISTS SQLite first builds a bloom filter over the
      // whole link table (40 ms at 1M calls) although the walk visits a few hundred calls.
      out.push(`(SELECT 1 FROM ${table} x WHERE x.call = c.id AND x.${column} IN (${marks}) LIMIT 1) IS NOT NULL`);
      params.push(...values);
      return;
    }
    const time = `${from !== null ? ' AND start_ms >= ?' : ''}${to !== null ? ' AND start_ms < ?' : ''}`;
    out.push(`c.id IN (SELECT call FROM ${table} WHERE ${column} IN (${marks})${time})`);
    params.push(...values, ...(from !== null ? [from] : []), ...(to !== null ? [to] : []));
  };
  const beforeLinks = out.length;
  if (except !== 'queue' && q.queues?.length) link('call_queues', 'queue', q.queues);
  if (except !== 'agent' && q.agents?.length) link('call_agents', 'agent', q.agents);
  const linkConditions = out.length - beforeLinks;
  for (const [key, col] of Object.entries(RANGE_COLUMNS) as [keyof typeof RANGE_COLUMNS, string][]) {
    const r = q[key];
    if (!r) continue;
    // min defaults to 0: calls without a value (NULL, stored as -1) never match a range.
    out.push(`${col} >= ?`);
    params.push(r.min ?? 0);
    if (r.max !== undefined) {
      out.push(`${col} <= ?`);
      params.push(r.max);
    }
  }
  // Statistics drill-down (#12): one self-contained filter unit with its own SQL.
  if (q.drill) {
    const drill = drillWhere(q.drill);
    out.push(drill.sql);
    params.push(...drill.params);
  }
  // Silent dialer calls (#14 item 5): a self-contained unit (silent-filter.ts).
  const silent = silentFilter(q);
  if (silent) {
    out.push(silent.sql);
    params.push(...silent.params);
  }
  // Review filters (#15): self-contained units in src/main/review/review-filters.ts.
  for (const f of reviewFilters(q)) {
    out.push(f.sql);
    params.push(...f.params);
  }
  const timeOnly = out.length > 0 && out.length === timeConditions ? rangeMs(q) : null;
  const typeOutcomeOnly = out.length > 0 && out.length === listConditions;
  let linkOnly: Where['linkOnly'] = null;
  if (out.length === 1 && linkConditions === 1)
    linkOnly =
      q.queues?.length && except !== 'queue'
        ? { table: 'call_queues', column: 'queue', values: q.queues }
        : { table: 'call_agents', column: 'agent', values: q.agents ?? [] };
  const ftsOnly =
    out.length === 1 &&
    q.text !== undefined &&
    ftsMatch(q.text) !== null &&
    words(q.text).every((w) => [...w].length >= 3);
  const shortOnly = out.length > 0 && out.length === textConditions && ftsMatch(q.text) === null;
  return {
    sql: out.length ? out.join(' AND ') : '1',
    params,
    empty: out.length === 0,
    timeOnly,
    typeOutcomeOnly,
    linkOnly,
    ftsOnly,
    shortOnly,
  };
}

interface CursorData {
  s: SortColumn;
  d: 'asc' | 'desc';
  v: string | number;
  i: number;
}

export function encodeCursor(sort: SortColumn, direction: 'asc' | 'desc', value: string | number, id: number): string {
  return Buffer.from(JSON.stringify({ s: sort, d: direction, v: value, i: id } satisfies CursorData)).toString(
    'base64url',
  );
}

export function decodeCursor(
  cursor: string,
  sort: SortColumn,
  direction: 'asc' | 'desc',
): { value: string | number; id: number } {
  let data: CursorData;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorData;
  } catch {
    throw new ArchiveError('invalid cursor (not one this archive returned)', 'INVALID');
  }
  if (!data || typeof data !== 'object' || !Number.isSafeInteger(data.i))
    throw new ArchiveError('invalid cursor (not one this archive returned)', 'INVALID');
  if (data.s !== sort || data.d !== direction)
    throw new ArchiveError('cursor belongs to another sort order; start again from the first page', 'INVALID');
  // The cursor comes back from the page: a value of the wrong type (a string as the start time) used to fail deep in the query as a 500.
  if (!sortValueFits(sort, data.v)) throw new ArchiveError('invalid cursor (not one this archive returned)', 'INVALID');
  return { value: data.v, id: data.i };
}
