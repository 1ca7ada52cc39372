// The calls a free-text MATCH expression (ftsMatch: its words of 3+ characters, each a quoted
// phrase, joined by AND) finds, as one SQL query of call ids (column `id`).
//
// calls_fts holds a call's own text (numbers, registrations, call id); its names (agents, queues,
// event names, labels) are a vocabulary with links to the calls (src/main/store/text-names.ts). A
// word matches a call when calls_fts matches it OR one of the call's names contains it; the
// vocabulary's own trigram index (text_names_fts) decides "contains" by the same tokenizer, so the
// rule is exactly the one calls_fts applied when it held the names too. Every word must match.

/** The quoted phrases of a MATCH expression built by ftsMatch (`"a" AND "b""c"`), as they are. */
export function matchPhrases(match: string): string[] {
  return match.match(/"(?:[^"]|"")*"/g) ?? [];
}

export interface TextMatchSql {
  sql: string;
  params: unknown[];
}

/** Bounds on the call id (FTS5 applies rowid bounds only when they are SQLite integers: hence the CASTs). */
export type IdBand = { lo: number; hi: number };

const BETWEEN = 'BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)';

/** The names of the vocabulary a phrase matches (ids), by the trigram rule. */
const NAME_IDS = 'SELECT rowid FROM text_names_fts WHERE text_names_fts MATCH ?';
/** The same names as strings (call_agents / call_queues hold strings): CROSS JOIN keeps the match outside. */
const NAMES =
  'SELECT n.name FROM text_names_fts f CROSS JOIN text_names n ON n.id = f.rowid WHERE text_names_fts MATCH ?';

/**
 * The ids of the calls that match every phrase. `ownOnly`: phrases known to match no name of the
 * vocabulary (FtsText looks them up; the SQL builder without a connection passes none), matched in
 * calls_fts alone, together, as the index did before. With no name phrase at all the query is the
 * plain `MATCH` of old.
 */
export function textMatchIds(
  match: string,
  band: IdBand | null,
  ownOnly: ReadonlySet<string> = new Set(),
): TextMatchSql {
  const phrases = matchPhrases(match);
  const own = phrases.filter((p) => ownOnly.has(p));
  const named = phrases.filter((p) => !ownOnly.has(p));
  const params: unknown[] = [];
  const bounds = (column: string) => {
    if (!band) return '';
    params.push(band.lo, band.hi);
    return ` AND ${column} ${BETWEEN}`;
  };
  const ftsPart = (expr: string) => {
    params.push(expr);
    return `SELECT rowid AS id FROM calls_fts WHERE calls_fts MATCH ?${bounds('rowid')}`;
  };
  const parts: string[] = [];
  if (!phrases.length) parts.push(ftsPart(match));
  if (own.length) parts.push(ftsPart(own.join(' AND ')));
  for (const p of named) {
    const arms = [ftsPart(p)];
    for (const [table, column] of [
      ['call_agents', 'agent'],
      ['call_queues', 'queue'],
    ] as const) {
      params.push(p);
      const sql = `SELECT call FROM ${table} WHERE ${column} IN (${NAMES})`;
      arms.push(sql + bounds('call'));
    }
    params.push(p);
    arms.push(
      `SELECT call FROM call_name_sets WHERE name_set IN (SELECT name_set FROM text_name_set_names WHERE name IN (${NAME_IDS}))${bounds('call')}`,
    );
    parts.push(arms.join(' UNION '));
  }
  if (parts.length === 1) return { sql: parts[0] as string, params };
  return { sql: parts.map((p) => `SELECT id FROM (${p})`).join(' INTERSECT '), params };
}

/** Whether a phrase matches any name of the vocabulary (FtsText's test for `ownOnly`). */
export const ANY_NAME_MATCHES = `${NAME_IDS} LIMIT 1`;
