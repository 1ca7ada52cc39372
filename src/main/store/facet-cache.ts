// Facet counts of the whole archive, kept in facet_cache so that the unfiltered
// call list (the first screen) answers its total and facets without scanning a
// million calls. Refreshed inside the transaction of every import that wrote calls, for the hours
// it touched or in full (src/main/import/archive-caches.ts).
import type { Statement } from 'better-sqlite3';
import type { Db } from './native';
import { rawAll, rawIterate, sql, value, values } from './sql';
import { callOutcomeText, callTypeText } from './coded-columns';
import { keyNames, linkRows, type LinkFacet } from './link-rows';
import { metaValue, setMeta } from './meta';

export const FACET_TOTAL = '_total';
export const HOUR_MS = 3_600_000;
/**
 * Counts per (type, outcome) pair ("inbound|answered"): totals of type / outcome filters without a
 * scan; per hour too (the type and outcome hours are summed from them: one pass over the calls),
 * so that jumps under both filters find their hour.
 */
export const TYPE_OUTCOME = '_type_outcome';
/**
 * Calls per one- or two-character text prefix (ASCII letters lower-cased, as LIKE folds them):
 * how many calls have a caller number, access number, agent or queue starting with it — the
 * exact total of a one- or two-character search text, which otherwise needs a scan of every
 * call. The row with value '' marks the counts as filled (its count: all calls).
 */
export const TEXT_PREFIX = '_text_prefix';

/** A call's "type|outcome" from the codes (an index holding them answers; coded-columns.ts). */
const PAIR = `${callTypeText('calls')} || '|' || ${callOutcomeText('calls')}`;

/** A link facet's counts: grouped by the stored key (an id: link-rows.ts), then named. */
function linkCounts(db: Db, facet: LinkFacet): string {
  const l = linkRows(db, facet);
  return `INSERT INTO facet_cache (facet, value, count) SELECT '${facet}', ${l.nameOf('k')}, n
    FROM (SELECT ${l.key} AS k, count(*) AS n FROM ${l.table} GROUP BY 1);`;
}

/** Rows of `table` whose start lies in the hours [@from, @to) (every row without a range). */
const inHours = (ranged: boolean): string =>
  ranged ? `WHERE start_ms >= @from * ${HOUR_MS} AND start_ms < @to * ${HOUR_MS}` : '';

function linkHourCounts(db: Db, facet: LinkFacet, ranged: boolean): string {
  const l = linkRows(db, facet);
  return `INSERT INTO facet_hours (facet, hour, value, count) SELECT '${facet}', h, ${l.nameOf('k')}, n
    FROM (SELECT start_ms / ${HOUR_MS} AS h, ${l.key} AS k, count(*) AS n FROM ${l.table} ${inHours(ranged)} GROUP BY 1, 2)`;
}

/** The facets facet_hours holds. */
const HOUR_FACETS = [TYPE_OUTCOME, 'type', 'outcome', 'queue', 'agent', FACET_TOTAL] as const;

/**
 * The statements that count the calls of the hours [@from, @to) (every hour without a range) into
 * facet_hours: the (type, outcome) pairs first, as the type and outcome hours are summed from them.
 */
function hourCountStatements(db: Db, ranged: boolean): string[] {
  const range = ranged ? 'AND hour >= @from AND hour < @to' : '';
  return [
    `INSERT INTO facet_hours (facet, hour, value, count) SELECT '${TYPE_OUTCOME}', start_ms / ${HOUR_MS}, ${PAIR}, count(*) FROM calls ${inHours(ranged)} GROUP BY 2, 3`,
    `INSERT INTO facet_hours (facet, hour, value, count)
      SELECT 'type', hour, substr(value, 1, instr(value, '|') - 1), sum(count) FROM facet_hours WHERE facet = '${TYPE_OUTCOME}' ${range} GROUP BY 2, 3`,
    `INSERT INTO facet_hours (facet, hour, value, count)
      SELECT 'outcome', hour, substr(value, instr(value, '|') + 1), sum(count) FROM facet_hours WHERE facet = '${TYPE_OUTCOME}' ${range} GROUP BY 2, 3`,
    linkHourCounts(db, 'queue', ranged),
    linkHourCounts(db, 'agent', ranged),
    `INSERT INTO facet_hours (facet, hour, value, count) SELECT '${FACET_TOTAL}', start_ms / ${HOUR_MS}, '', count(*) FROM calls ${inHours(ranged)} GROUP BY 2`,
  ];
}

/**
 * Every facet count computed again from every call: the archive's counts (facet_cache), the counts
 * per hour (facet_hours) and the text prefixes' counts.
 */
export function refreshFacetCache(db: Db, limits = LIMITS): void {
  db.exec(`
    DELETE FROM facet_cache;
    INSERT INTO facet_cache (facet, value, count) SELECT 'type', ${callTypeText('calls')}, count(*) FROM calls GROUP BY call_type_code;
    INSERT INTO facet_cache (facet, value, count) SELECT 'outcome', ${callOutcomeText('calls')}, count(*) FROM calls GROUP BY call_outcome_code;
    ${linkCounts(db, 'queue')}
    ${linkCounts(db, 'agent')}
    INSERT INTO facet_cache (facet, value, count) SELECT '${FACET_TOTAL}', '', count(*) FROM calls;
    INSERT INTO facet_cache (facet, value, count) SELECT '${TYPE_OUTCOME}', ${PAIR}, count(*) FROM calls GROUP BY call_type_code, call_outcome_code;
    DELETE FROM facet_hours;
    ${hourCountStatements(db, false).join(';\n')};
  `);
  countAllPrefixes(db, limits);
  db.exec(`INSERT INTO facet_cache (facet, value, count)
    SELECT facet, value, sum(count) FROM facet_hours WHERE facet = '${TEXT_PREFIX}' GROUP BY 1, 2`);
  setMeta(db, FACET_HOURS_KEY, FACET_HOURS_FORM);
}

/**
 * meta: the form of facet_hours that a full count (refreshFacetCache) last built. refreshFacetHours
 * adds only to hours of this form: an archive counted before (no key) or by another form of the
 * hours is counted in full once. Bump the form when what facet_hours holds changes.
 */
const FACET_HOURS_KEY = 'facet_hours_form';
const FACET_HOURS_FORM = '2'; // 2: the text prefixes per hour too

/** Whether facet_hours was built by a full count of the current form (refreshFacetHours may add to it). */
export function facetHoursBuilt(db: Db): boolean {
  return metaValue(db, FACET_HOURS_KEY) === FACET_HOURS_FORM;
}

/**
 * Only the hours a write touched (`ranges`: [from, to) in hours, stats-hours.ts' dirty ranges) are
 * counted again in facet_hours, the text prefixes too; the archive's counts are then the sums of its
 * hours (every call and link is counted in the hour of its start).
 * Equal to refreshFacetCache by construction; test/archive/facet-hours-refresh.test.ts checks it.
 */
export function refreshFacetHours(db: Db, ranges: readonly (readonly [number, number])[], limits = LIMITS): void {
  const del = db.prepare('DELETE FROM facet_hours WHERE facet = @facet AND hour >= @from AND hour < @to');
  const counts = hourCountStatements(db, true).map((q) => db.prepare(q));
  for (const [from, to] of ranges) {
    for (const facet of [...HOUR_FACETS, TEXT_PREFIX]) del.run({ facet, from, to });
    for (const q of counts) q.run({ from, to });
    countPrefixesInHours(db, from, to, limits);
  }
  db.exec(`
    DELETE FROM facet_cache;
    INSERT INTO facet_cache (facet, value, count)
      SELECT facet, value, sum(count) FROM facet_hours WHERE facet <> '${FACET_TOTAL}' GROUP BY 1, 2;
    INSERT INTO facet_cache (facet, value, count)
      SELECT '${FACET_TOTAL}', '', coalesce(sum(count), 0) FROM facet_hours WHERE facet = '${FACET_TOTAL}';
  `);
}

/** SQLite's LIKE folds ASCII letters only; so do the prefix keys. */
export function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

/** The one- and two-character prefixes of a value (characters = code points, as LIKE counts them). */
function prefixesOf(value: string, into: Set<string>): void {
  if (value.length === 0) return;
  // The first two code points, without spreading the string into an array (a call has four values).
  const first = (value.codePointAt(0) as number) > 0xffff ? 2 : 1;
  into.add(foldAscii(value.slice(0, first)));
  if (value.length > first) {
    const second = (value.codePointAt(first) as number) > 0xffff ? 2 : 1;
    into.add(foldAscii(value.slice(0, first + second)));
  }
}

type CallNumbers = [id: number, caller: string | null, access: string | null, startMs: number];
/** The calls of the ids (after, last], in id order: a chunk of the full count (no statement open while counts are written). */
const CALL_NUMBERS_IN_IDS = sql<CallNumbers, [afterId: number, lastId: number]>(
  'SELECT id, caller_number, access_number, start_ms FROM calls WHERE id > ? AND id <= ? ORDER BY id',
);
const MAX_CALL_ID = sql<number>('SELECT max(id) FROM calls');
/** The calls of the hours [@from, @to) after (@start, @id) in (start, id) order, a chunk at a time (calls_start). */
const CALL_NUMBERS_IN_HOURS = sql<
  CallNumbers,
  [range: { from: number; to: number; start: number; id: number; limit: number }]
>(
  `SELECT id, caller_number, access_number, start_ms FROM calls ${inHours(true)}
   AND (start_ms, id) > (@start, @id) ORDER BY start_ms, id LIMIT @limit`,
);
/** A link table's (call, key) rows of the calls (after, last] in call order (its index by call). */
const linksOfCalls = (db: Db, facet: LinkFacet) => {
  const l = linkRows(db, facet);
  return sql<[call: number, key: string | number], [afterId: number, lastId: number]>(
    `SELECT call, ${l.key} FROM ${l.table} INDEXED BY ${l.callIndex} WHERE call > ? AND call <= ? ORDER BY call`,
  );
};
const linksOfCall = (db: Db, facet: LinkFacet) => {
  const l = linkRows(db, facet);
  return sql<string | number, [call: number]>(`SELECT ${l.key} FROM ${l.table} WHERE call = ?`);
};

/** How the text prefixes are counted: calls read per chunk, hours held in memory (both bound the memory). */
export interface PrefixCountLimits {
  callsPerChunk: number;
  /** Hours whose counts are held before the oldest is added to facet_hours. */
  hoursHeld: number;
}
const LIMITS: PrefixCountLimits = { callsPerChunk: 20_000, hoursHeld: 64 };

/**
 * The text prefixes' counts per hour of call start: per hour, per prefix, the calls that have it
 * (each call once), and under the prefix '' the hour's calls. Added to facet_hours (an hour's rows
 * may be added in parts: calls come in id order, nearly by start), so the hours being counted must
 * hold no prefix rows.
 */
class PrefixHours {
  private readonly hours = new Map<number, Map<string, number>>();
  private readonly add: Statement;

  constructor(
    db: Db,
    private readonly hoursHeld: number,
  ) {
    this.add = db.prepare(
      `INSERT INTO facet_hours (facet, hour, value, count) VALUES ('${TEXT_PREFIX}', ?, ?, ?)
       ON CONFLICT (facet, hour, value) DO UPDATE SET count = count + excluded.count`,
    );
  }

  /** One call: its start and the set of its prefixes. */
  count(startMs: number, prefixes: ReadonlySet<string>): void {
    const hour = Math.trunc(startMs / HOUR_MS); // SQL's integer division, as facet_hours' other rows
    let counts = this.hours.get(hour);
    if (!counts) this.hours.set(hour, (counts = new Map()));
    counts.set('', (counts.get('') ?? 0) + 1);
    for (const p of prefixes) counts.set(p, (counts.get(p) ?? 0) + 1);
  }

  /** Between two reads (no statement open): adds the oldest hours past the number held. */
  writeOldest(): void {
    if (this.hours.size <= this.hoursHeld) return;
    const hours = [...this.hours.keys()].sort((a, b) => a - b);
    for (const hour of hours.slice(0, hours.length - this.hoursHeld)) this.write(hour);
  }

  /** Adds every hour still held. */
  flush(): void {
    for (const hour of [...this.hours.keys()]) this.write(hour);
  }

  private write(hour: number): void {
    for (const [p, n] of this.hours.get(hour) ?? []) this.add.run(hour, p, n);
    this.hours.delete(hour);
  }
}

/**
 * One pass over the calls, a chunk at a time, merged with their agents and queues read in call order
 * (both link tables have a (call) index): per call the set of its prefixes, each counted once, in its
 * hour. With the SQL counts above, about 8 s at a million calls (7,696 hours).
 */
function countAllPrefixes(db: Db, limits: PrefixCountLimits): void {
  const out = new PrefixHours(db, limits.hoursHeld);
  const nameOf = keyNames(db);
  const linkQueries = [linksOfCalls(db, 'agent'), linksOfCalls(db, 'queue')];
  const seen = new Set<string>();
  const lastId = value(db, MAX_CALL_ID) ?? 0;
  for (let after = 0; after < lastId; after += limits.callsPerChunk) {
    const upTo = after + limits.callsPerChunk;
    const links = linkQueries.map((q) => rawIterate(db, q, after, upTo));
    const heads = links.map((it) => it.next());
    for (const [id, caller, access, startMs] of rawIterate(db, CALL_NUMBERS_IN_IDS, after, upTo)) {
      seen.clear();
      if (caller) prefixesOf(caller, seen);
      if (access) prefixesOf(access, seen);
      for (let k = 0; k < links.length; k++) {
        let head = heads[k] as IteratorResult<[number, string | number]>;
        while (!head.done && head.value[0] <= id) {
          if (head.value[0] === id) prefixesOf(nameOf(head.value[1]), seen);
          head = (links[k] as IterableIterator<[number, string | number]>).next();
        }
        heads[k] = head;
      }
      out.count(startMs, seen);
    }
    for (const it of links) it.return?.();
    out.writeOldest(); // every read of the chunk has ended
  }
  out.flush();
}

/** The prefixes of the calls of the hours [from, to), a chunk at a time; their links looked up call by call. */
function countPrefixesInHours(db: Db, from: number, to: number, limits: PrefixCountLimits): void {
  const out = new PrefixHours(db, limits.hoursHeld);
  const nameOf = keyNames(db);
  const links = [linksOfCall(db, 'agent'), linksOfCall(db, 'queue')];
  const seen = new Set<string>();
  for (let start = -Infinity, id = 0; ;) {
    // Each chunk read whole, then its counts written (a connection cannot write while a statement reads).
    const calls = rawAll(db, CALL_NUMBERS_IN_HOURS, { from, to, start, id, limit: limits.callsPerChunk });
    const last = calls[calls.length - 1];
    if (last === undefined) break;
    for (const [callId, caller, access, startMs] of calls) {
      seen.clear();
      if (caller) prefixesOf(caller, seen);
      if (access) prefixesOf(access, seen);
      for (const q of links) for (const key of values(db, q, callId)) prefixesOf(nameOf(key), seen);
      out.count(startMs, seen);
    }
    out.writeOldest();
    [id, start] = [last[0], last[3]];
  }
  out.flush();
}

/** Optimizer statistics after a bulk change (bounded work: analysis_limit). */
export function refreshStatistics(db: Db): void {
  db.exec('PRAGMA analysis_limit = 2000; ANALYZE;');
}
