// One- and two-character search words (the first keys of a phone number or a name) are too
// short for the trigram index. Matched plainly, `LIKE 'x%'` on four columns reads every call.
// Here they are resolved against the archive instead: number prefixes become ranges of the
// (coalesce(number, ''), id) indexes, agent and queue prefixes become the few names of the
// facet cache that start with them (then looked up in call_agents / call_queues), and a
// text of one short word alone has its exact total in the facet cache (TEXT_PREFIX).
// Same calls as the plain clause (search-sql.ts shortRowClause); search-paths.test.ts compares.
import type { Db } from '../store/native';
import { FACET_TOTAL, foldAscii, TEXT_PREFIX } from '../store/facet-cache';
import { likePrefix, shortWords, type ParsedSearch, type ShortWord } from './search-sql';
import { all, sql, value } from '../store/sql';

const NAMES_LIKE = sql<{ value: string; count: number }, [facet: string, like: string]>(
  "SELECT value, count FROM facet_cache WHERE facet = ? AND value LIKE ? ESCAPE '\\'",
);
const HAS_FACET = sql<1, [facet: string]>('SELECT 1 FROM facet_cache WHERE facet = ?');
const CACHED_COUNT = sql<number, [facet: string, value: string]>(
  'SELECT count FROM facet_cache WHERE facet = ? AND value = ?',
);

/** Every spelling LIKE treats as the same (ASCII letters in both cases): at most 4 for 2 characters. */
export function caseVariants(word: string): string[] {
  let out = [''];
  for (const ch of word) {
    const upper = ch.toUpperCase();
    const lower = ch.toLowerCase();
    const ascii = /^[A-Za-z]$/.test(ch);
    out = out.flatMap((p) => (ascii && upper !== lower ? [p + lower, p + upper] : [p + ch]));
  }
  return out;
}

/** The smallest string above every string starting with `prefix` (its last code point + 1); null if none. */
export function prefixEnd(prefix: string): string | null {
  const chars = [...prefix];
  const last = (chars.pop() as string).codePointAt(0) as number;
  if (last >= 0x10ffff) return null;
  // Code point order is UTF-8 byte order (SQLite's BINARY collation); surrogates are no code points.
  const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
  return chars.join('') + String.fromCodePoint(next);
}

function facetFilled(db: Db): boolean {
  return value(db, HAS_FACET, FACET_TOTAL) !== undefined;
}

/**
 * The short words of q.text resolved (in word order), or undefined when the text has none or
 * the facet cache is not filled (the names could not be listed cheaply): then LIKE is used.
 * `cap` bounds the number-range counts: at that many matches the page walks the sort index.
 */
export function resolveShortWords(db: Db, q: ParsedSearch, cap: number): ShortWord[] | undefined {
  const list = shortWords(q.text);
  if (!list.length || !facetFilled(db)) return undefined;
  const capped = (index: string, expr: string) =>
    sql<number, [lo: string, hi: string, cap: number]>(
      `SELECT count(*) FROM (SELECT 1 FROM calls INDEXED BY ${index} WHERE ${expr} >= ? AND ${expr} < ? LIMIT ?)`,
    );
  const counters = [
    capped('calls_caller', "coalesce(caller_number, '')"),
    capped('calls_access', "coalesce(access_number, '')"),
  ];
  const out: ShortWord[] = [];
  for (const word of list) {
    const ranges: [string, string][] = [];
    for (const v of caseVariants(word)) {
      const end = prefixEnd(v);
      if (end === null) return undefined;
      ranges.push([v, end]);
    }
    let estimate = 0;
    let dense = false;
    for (const counter of counters)
      for (const [lo, hi] of ranges) {
        const n = value(db, counter, lo, hi, Number.isFinite(cap) ? cap : -1) ?? 0;
        estimate += n;
        if (n >= cap) dense = true;
      }
    const like = likePrefix(word);
    const agents = all(db, NAMES_LIKE, 'agent', like);
    const queues = all(db, NAMES_LIKE, 'queue', like);
    for (const r of [...agents, ...queues]) estimate += r.count;
    out.push({
      ranges,
      agents: agents.map((r) => r.value),
      queues: queues.map((r) => r.value),
      estimate,
      dense: dense || estimate >= cap,
    });
  }
  return out;
}

/** The exact total of a text made of one short word and nothing else, from the facet cache; undefined if not cached. */
export function shortTextTotal(db: Db, text: string | undefined): number | undefined {
  const list = shortWords(text);
  if (list.length !== 1) return undefined;
  // The '' row says the prefixes were counted (archives imported before they existed have none).
  if (value(db, CACHED_COUNT, TEXT_PREFIX, '') === undefined) return undefined;
  return value(db, CACHED_COUNT, TEXT_PREFIX, foldAscii(list[0] as string)) ?? 0;
}
