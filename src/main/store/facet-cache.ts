// Facet counts of the whole archive, kept in facet_cache so that the unfiltered
// call list (the first screen) answers its total and facets without scanning a
// million calls. Refreshed inside every import's transaction.
import type { Db } from './native';
import { rawIterate, sql, value } from './sql';
import { callOutcomeText, callTypeText } from './coded-columns';
import { keyNames, linkRows, type LinkFacet } from './link-rows';

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
export function refreshFacetCache(db: Db): void {
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
  refreshPrefixCounts(db);
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(FACET_HOURS_KEY, FACET_HOURS_FORM);
}

/**
 * meta: the form of facet_hours that a full count (refreshFacetCache) last built. refreshFacetHours
 * adds only to hours of this form: an archive counted before (no key) or by another form of the
 * hours is counted in full once. Bump the form when what facet_hours holds changes.
 */
const FACET_HOURS_KEY = 'facet_hours_form';
const FACET_HOURS_FORM = '1';

/** Whether facet_hours was built by a full count of the current form (refreshFacetHours may add to it). */
export function facetHoursBuilt(db: Db): boolean {
  return (
    value(db, sql<string, [key: string]>('SELECT value FROM meta WHERE key = ?'), FACET_HOURS_KEY) === FACET_HOURS_FORM
  );
}

/**
 * Only the hours a write touched (`ranges`: [from, to) in hours, stats-hours.ts' dirty ranges) are
 * counted again in facet_hours; the archive's counts are then the sums of its hours (every call and
 * link is counted in the hour of its start), and the text prefixes are counted again as a whole.
 * Equal to refreshFacetCache by construction; test/archive/facet-hours-refresh.test.ts checks it.
 */
export function refreshFacetHours(db: Db, ranges: readonly (readonly [number, number])[]): void {
  const del = db.prepare('DELETE FROM facet_hours WHERE facet = @facet AND hour >= @from AND hour < @to');
  const counts = hourCountStatements(db, true).map((q) => db.prepare(q));
  for (const [from, to] of ranges) {
    for (const facet of HOUR_FACETS) del.run({ facet, from, to });
    for (const q of counts) q.run({ from, to });
  }
  db.exec(`
    DELETE FROM facet_cache;
    INSERT INTO facet_cache (facet, value, count)
      SELECT facet, value, sum(count) FROM facet_hours WHERE facet <> '${FACET_TOTAL}' GROUP BY 1, 2;
    INSERT INTO facet_cache (facet, value, count)
      SELECT '${FACET_TOTAL}', '', coalesce(sum(count), 0) FROM facet_hours WHERE facet = '${FACET_TOTAL}';
  `);
  refreshPrefixCounts(db);
}

/** SQLite's LIKE folds ASCII letters only; so do the prefix keys. */
export function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

/** The one- and two-character prefixes of a value (characters = code points, as LIKE counts them). */
function prefixesOf(value: string, into: Set<string>): void {
  const chars = [...value];
  if (chars.length >= 1) into.add(foldAscii(chars[0] as string));
  if (chars.length >= 2) into.add(foldAscii((chars[0] as string) + (chars[1] as string)));
}

const CALL_NUMBERS = sql<[id: number, caller: string | null, access: string | null]>(
  'SELECT id, caller_number, access_number FROM calls ORDER BY id',
);
/** A link table's (call, key) rows in call order (its index by call); the keys named by keyNames. */
const linksByCall = (db: Db, facet: LinkFacet) => {
  const l = linkRows(db, facet);
  return sql<[call: number, key: string | number]>(
    `SELECT call, ${l.key} FROM ${l.table} INDEXED BY ${l.callIndex} ORDER BY call`,
  );
};

/**
 * One pass over the calls, merged with their agents and queues read in call order (both link
 * tables have a (call) index): per call the set of its prefixes, each counted once.
 * About 2.5 s at a million calls (per-call lookups instead: twice that).
 */
function refreshPrefixCounts(db: Db): void {
  const counts = new Map<string, number>();
  const calls = rawIterate(db, CALL_NUMBERS);
  const links = [linksByCall(db, 'agent'), linksByCall(db, 'queue')].map((q) => rawIterate(db, q));
  const nameOf = keyNames(db);
  const heads = links.map((it) => it.next());
  const seen = new Set<string>();
  let total = 0;
  for (const [id, caller, access] of calls) {
    total++;
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
    for (const p of seen) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const insert = db.prepare(`INSERT INTO facet_cache (facet, value, count) VALUES ('${TEXT_PREFIX}', ?, ?)`);
  insert.run('', total);
  for (const [p, n] of counts) insert.run(p, n);
}

/** Optimizer statistics after a bulk change (bounded work: analysis_limit). */
export function refreshStatistics(db: Db): void {
  db.exec('PRAGMA analysis_limit = 2000; ANALYZE;');
}
