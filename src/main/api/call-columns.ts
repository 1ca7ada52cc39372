// The calls' filter and sort columns held in memory as typed arrays indexed by call id (Perfetto's
// trace processor holds its tables the same way). A scan of a million calls over a few typed arrays
// takes milliseconds, whatever the combination of filters and sort: no index has to match the
// query (./column-scan). Built once per archive state by a worker (./columns-thread) into
// SharedArrayBuffers, which every read worker of the pool then uses without a copy.
//
// Layout: slot = call id (ids are rowids, dense apart from erased calls); `type` 0 = no call.
// Text sort columns are dense ranks in SQLite's own order (BINARY collation): comparing
// (rank, id) orders exactly like the sort index's (value, id). NULLs are stored as the sort
// expressions store them (-1, '' → the lowest rank), so ranges and keysets mean what they mean in SQL.
import type { Db } from '../store/native';
import type { ShortWordMatch } from './column-scan';
import { shortWords } from './search-sql';
import { caseVariants, prefixEnd } from './short-text';
import { rawIterate, sql, value, values } from '../store/sql';
import { LinkColumnBuilder, sharedArray, type LinkColumn } from './link-column';
import { CALL_OUTCOME_CODES, CALL_TYPE_CODES } from '../store/coded-columns';
import { buildTextColumns, type DistinctNumbers, type TextColumns } from './call-text-columns';
import { keyNames, linkRows, linksHaveIds, type LinkFacet } from '../store/link-rows';

/** Above this many calls the columns are not built (about 75 bytes per call): search stays on SQL. */
export const MAX_COLUMN_CALLS = 4_000_000;
/**
 * Above this many calls the text columns (./call-text-columns, about 50 bytes more per call) are
 * not read: texts are listed by the trigram index, and the columns stay under ~250 MiB in all.
 */
export const MAX_TEXT_COLUMN_CALLS = 2_000_000;

/** Whether an archive of `count` calls gets text columns. */
export const readsTextColumns = (count: number): boolean => count <= MAX_TEXT_COLUMN_CALLS;

export type { LinkColumn } from './link-column';

export interface CallColumns {
  /** Slots: the largest call id + 1. */
  size: number;
  /** Calls present. */
  count: number;
  /** 0: no call with this id; else 1 + the type's position in `types`. */
  type: Uint8Array;
  /** 1 + the outcome's position in `outcomes`. */
  outcome: Uint8Array;
  start: Float64Array;
  duration: Float64Array;
  /** coalesce(…, -1), as the range filters and sorts read them. */
  wait: Float64Array;
  speak: Float64Array;
  tba: Float64Array;
  attempts: Float64Array;
  /** coalesce(queue, '') / coalesce(agent, '') as positions in `queues` / `agents` (the list's first queue / agent). */
  queueKey: Int32Array;
  agentKey: Int32Array;
  /** Dense ranks of coalesce(caller_number, '') and coalesce(access_number, ''). */
  callerRank: Int32Array;
  accessRank: Int32Array;
  queueLinks: LinkColumn;
  agentLinks: LinkColumn;
  /** Dictionaries in SQLite's order (so that a position orders like its value). */
  types: string[];
  outcomes: string[];
  queues: string[];
  agents: string[];
  /** The free text as dictionaries (./call-text-columns); absent: the trigram index lists a text's calls. */
  text?: TextColumns;
}

const MAX_ID = sql<number | null>('SELECT max(id) FROM calls');
const CALL_COUNT = sql<number>('SELECT count(*) FROM calls');
// The codes (in their text's order) by a skip over their indexes; the text from the model's list.
const TYPES = sql<number>('SELECT DISTINCT call_type_code FROM calls ORDER BY 1');
const OUTCOMES = sql<number>('SELECT DISTINCT call_outcome_code FROM calls ORDER BY 1');
/** The names of a link facet: the calls' first ones and every linked one (a name's id looked up once: link-rows.ts). */
function namesSql(db: Db, facet: LinkFacet) {
  const l = linkRows(db, facet);
  const linked = linksHaveIds(db)
    ? `SELECT name FROM text_names n WHERE EXISTS (SELECT 1 FROM ${l.table} x WHERE x.${l.key} = n.id)`
    : `SELECT ${l.key} FROM ${l.table}`;
  return sql<string>(`SELECT v FROM (SELECT coalesce(${facet}, '') AS v FROM calls UNION ${linked}) ORDER BY v`);
}
type CallTuple = [
  id: number,
  start: number,
  type: number,
  outcome: number,
  duration: number,
  wait: number,
  speak: number,
  tba: number,
  attempts: number,
  queue: string,
  agent: string,
];
const CALLS = sql<CallTuple>(
  'SELECT id, start_ms, call_type_code, call_outcome_code, duration_sec, coalesce(wait_time_sec, -1), speak_time_sec, ' +
    "coalesce(time_before_answer_sec, -1), coalesce(callback_attempts, -1), coalesce(queue, ''), coalesce(agent, '') FROM calls",
);
const CALLERS = sql<[id: number, value: string]>(
  "SELECT id, coalesce(caller_number, '') FROM calls INDEXED BY calls_caller ORDER BY coalesce(caller_number, ''), id",
);
const ACCESS = sql<[id: number, value: string]>(
  "SELECT id, coalesce(access_number, '') FROM calls INDEXED BY calls_access ORDER BY coalesce(access_number, ''), id",
);
/** A link table's (call, key) rows in call order (its index by call). */
function linksSql(db: Db, facet: LinkFacet) {
  const l = linkRows(db, facet);
  return sql<[call: number, key: string | number]>(
    `SELECT call, ${l.key} FROM ${l.table} INDEXED BY ${l.callIndex} ORDER BY call`,
  );
}

function codes(names: string[]): Map<string, number> {
  return new Map(names.map((n, i) => [n, i]));
}

/** places[code] = the code's index in `codes` (the archive's distinct stored codes, ascending). */
function placesOf(codes: readonly number[]): number[] {
  const places: number[] = [];
  codes.forEach((code, i) => (places[code] = i));
  return places;
}

/** Dense ranks from rows in (value, id) order: equal values share a rank; `values` gets each rank's value. */
function ranks(rows: IterableIterator<[number, string]>, size: number, values: string[]): Int32Array {
  const out = sharedArray(Int32Array, 4, size);
  let rank = -1;
  let last: string | null = null;
  for (const [id, v] of rows) {
    if (v !== last) {
      rank++;
      last = v;
      values.push(v);
    }
    out[id] = rank;
  }
  return out;
}

/** Link rows in call order → compressed rows of dictionary positions (streamed: no array per row kept). */
function links(
  rows: IterableIterator<[number, string | number]>,
  size: number,
  dict: Map<string, number>,
  nameOf: (key: string | number) => string,
): LinkColumn {
  const column = new LinkColumnBuilder(size);
  const codeOf = new Map<string | number, number>();
  for (const [call, key] of rows) {
    column.startRow(call);
    let code = codeOf.get(key);
    if (code === undefined) codeOf.set(key, (code = dict.get(nameOf(key)) ?? -1));
    column.push(code);
  }
  return column.finish();
}

/**
 * Reads the columns of every call in one read transaction (one consistent state of the archive).
 * Null when the archive has more calls than MAX_COLUMN_CALLS. About 3 s of CPU per million calls.
 */
export function buildCallColumns(
  db: Db,
  maxCalls = MAX_COLUMN_CALLS,
  options: {
    text?: boolean;
    /** Filled with the distinct numbers in rank order (for reading the text columns later in the same transaction). */
    numbers?: DistinctNumbers;
  } = {},
): CallColumns | null {
  const begun = !db.inTransaction;
  if (begun) db.exec('BEGIN');
  try {
    const count = value(db, CALL_COUNT) ?? 0;
    if (count > maxCalls) return null;
    const size = (value(db, MAX_ID) ?? 0) + 1;
    const typeCodes = values(db, TYPES);
    const outcomeCodes = values(db, OUTCOMES);
    const types = typeCodes.map((code) => CALL_TYPE_CODES[code] as string);
    const outcomes = outcomeCodes.map((code) => CALL_OUTCOME_CODES[code] as string);
    // A stored code's place in `types` / `outcomes` (the rows give codes, not the generated text).
    const typeAt = placesOf(typeCodes);
    const outcomeAt = placesOf(outcomeCodes);
    const queues = values(db, namesSql(db, 'queue'));
    const agents = values(db, namesSql(db, 'agent'));
    const nameOf = keyNames(db);
    const [queueCode, agentCode] = [queues, agents].map(codes) as [Map<string, number>, Map<string, number>];
    const f64 = () => sharedArray(Float64Array, 8, size);
    const { callers, accesses } = options.numbers ?? { callers: [], accesses: [] };
    const cols: CallColumns = {
      size,
      count,
      type: sharedArray(Uint8Array, 1, size),
      outcome: sharedArray(Uint8Array, 1, size),
      start: f64(),
      duration: f64(),
      wait: f64(),
      speak: f64(),
      tba: f64(),
      attempts: f64(),
      queueKey: sharedArray(Int32Array, 4, size),
      agentKey: sharedArray(Int32Array, 4, size),
      callerRank: ranks(rawIterate(db, CALLERS), size, callers),
      accessRank: ranks(rawIterate(db, ACCESS), size, accesses),
      queueLinks: links(rawIterate(db, linksSql(db, 'queue')), size, queueCode, nameOf),
      agentLinks: links(rawIterate(db, linksSql(db, 'agent')), size, agentCode, nameOf),
      types,
      outcomes,
      queues,
      agents,
    };
    for (const [id, start, type, outcome, duration, wait, speak, tba, attempts, queue, agent] of rawIterate(
      db,
      CALLS,
    )) {
      cols.type[id] = 1 + (typeAt[type] ?? 0);
      cols.outcome[id] = 1 + (outcomeAt[outcome] ?? 0);
      cols.start[id] = start;
      cols.duration[id] = duration;
      cols.wait[id] = wait;
      cols.speak[id] = speak;
      cols.tba[id] = tba;
      cols.attempts[id] = attempts;
      cols.queueKey[id] = queueCode.get(queue) ?? 0;
      cols.agentKey[id] = agentCode.get(agent) ?? 0;
    }
    if (options.text ?? readsTextColumns(count)) cols.text = buildTextColumns(db, cols, { callers, accesses });
    return cols;
  } finally {
    if (begun) db.exec('COMMIT');
  }
}

const FIRST_CALLER_FROM = sql<number, [bound: string]>(
  "SELECT id FROM calls INDEXED BY calls_caller WHERE coalesce(caller_number, '') >= ? ORDER BY coalesce(caller_number, ''), id LIMIT 1",
);
const FIRST_ACCESS_FROM = sql<number, [bound: string]>(
  "SELECT id FROM calls INDEXED BY calls_access WHERE coalesce(access_number, '') >= ? ORDER BY coalesce(access_number, ''), id LIMIT 1",
);

/**
 * The text's one- and two-character words for the column scan: each ASCII case spelling's number
 * prefix as a range of ranks (the rank of the first value at or past each end, read from the
 * number's index), and the agent and queue names it starts as masks of the dictionaries.
 */
export function shortWordMatches(db: Db, cols: CallColumns, text: string | undefined): ShortWordMatch[] {
  const rankFrom = (first: typeof FIRST_CALLER_FROM, ranks: Int32Array, bound: string | null): number => {
    const id = bound === null ? undefined : value(db, first, bound);
    return id === undefined || id >= cols.size ? Infinity : (ranks[id] as number);
  };
  return shortWords(text).map((word) => {
    const spellings = caseVariants(word);
    const numberRanges = (first: typeof FIRST_CALLER_FROM, ranks: Int32Array): [number, number][] =>
      spellings.map((v) => [rankFrom(first, ranks, v), rankFrom(first, ranks, prefixEnd(v))]);
    const names = (dict: string[]) => Uint8Array.from(dict, (n) => (spellings.some((v) => n.startsWith(v)) ? 1 : 0));
    return {
      caller: numberRanges(FIRST_CALLER_FROM, cols.callerRank),
      access: numberRanges(FIRST_ACCESS_FROM, cols.accessRank),
      agents: names(cols.agents),
      queues: names(cols.queues),
    };
  });
}
