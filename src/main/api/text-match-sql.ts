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

/**
 * The names of the vocabulary a phrase matches (ids), by the trigram rule: the links hold these ids
 * (call_agent_rows / call_queue_rows, src/main/store/link-ids.ts; an older archive read as it is has
 * views of those names in its connection's temp schema: link-rows.ts addLinkRowsViews).
 */
const NAME_IDS = 'SELECT rowid FROM text_names_fts WHERE text_names_fts MATCH ?';

/** Where a phrase can match: the calls' own text, their agents, queues or other names (name sets). */
export type Arm = 'own' | 'agents' | 'queues' | 'sets';
export const ARMS: readonly Arm[] = ['own', 'agents', 'queues', 'sets'];

const SET_IDS = `SELECT name_set FROM text_name_set_names WHERE name IN (${NAME_IDS})`;

/** Each arm's calls, one query (column `id`) with the phrase and the band's bounds as parameters. */
function armSql(arm: Arm, bounds: (column: string) => string): string {
  switch (arm) {
    case 'own':
      return `SELECT rowid AS id FROM calls_fts WHERE calls_fts MATCH ?${bounds('rowid')}`;
    case 'agents':
      return `SELECT call AS id FROM call_agent_rows WHERE agent_id IN (${NAME_IDS})${bounds('call')}`;
    case 'queues':
      return `SELECT call AS id FROM call_queue_rows WHERE queue_id IN (${NAME_IDS})${bounds('call')}`;
    case 'sets':
      return `SELECT call AS id FROM call_name_sets WHERE name_set IN (${SET_IDS})${bounds('call')}`;
  }
}

/**
 * Whether call `id` is among an arm's calls: one index lookup per call (the phrase is the parameter).
 * `+x.agent_id`: the call's one to three rows are read and checked against the names (a list built
 * once); as an index term SQLite would seek (call, agent) once per matching name — "Camilla Madsen"
 * tested 20 names on each of 14,000 calls.
 */
function armTest(arm: Arm, id: string): string {
  switch (arm) {
    case 'own':
      return `${id} IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?)`;
    case 'agents':
      return `(SELECT 1 FROM call_agent_rows x WHERE x.call = ${id} AND +x.agent_id IN (${NAME_IDS}) LIMIT 1) IS NOT NULL`;
    case 'queues':
      return `(SELECT 1 FROM call_queue_rows x WHERE x.call = ${id} AND +x.queue_id IN (${NAME_IDS}) LIMIT 1) IS NOT NULL`;
    case 'sets':
      return `(SELECT 1 FROM call_name_sets x WHERE x.call = ${id} AND x.name_set IN (${SET_IDS})) IS NOT NULL`;
  }
}

/** A phrase's arms that have calls, and about how many calls it matches (capped: PROBE_CAP). */
export interface PhraseArms {
  arms: readonly Arm[];
  calls: number;
}

/** Arms are counted up to this many rows: enough to choose which phrase to list first, a few ms at most. */
export const PROBE_CAP = 100_000;

/**
 * An arm's rows for a phrase, counted up to PROBE_CAP (FtsText asks once per phrase and archive
 * state): 0 leaves the arm out, and the phrase with the fewest calls is listed first.
 */
export const ARM_PROBE: Record<Arm, string> = Object.fromEntries(
  ARMS.map((arm) => [arm, `SELECT count(*) FROM (${armSql(arm, () => '')} LIMIT ${PROBE_CAP})`]),
) as Record<Arm, string>;

/** Whether an arm has any row for a phrase: enough for a text of one phrase (nothing to choose between). */
export const ARM_ANY: Record<Arm, string> = Object.fromEntries(
  ARMS.map((arm) => [arm, `SELECT count(*) FROM (${armSql(arm, () => '')} LIMIT 1)`]),
) as Record<Arm, string>;

/**
 * The ids of the calls that match every phrase.
 *
 * Without `arms` (the SQL builder, which has no connection): per phrase the union of its four arms,
 * the phrases intersected. With `arms` (FtsText, which probed each phrase): only the arms that have
 * calls; the phrases that match only own text together in one calls_fts MATCH (a number or a call id
 * runs the plain MATCH of old); then the calls of one phrase are listed (those own-text phrases, else
 * the first other) and every other phrase is a test per listed call — listing a name in 744,513 calls
 * to intersect it with a number in 12,957 cost 390 ms, testing the 12,957 a few ms.
 */
export function textMatchIds(match: string, band: IdBand | null, arms?: ReadonlyMap<string, PhraseArms>): TextMatchSql {
  const phrases = matchPhrases(match);
  const params: unknown[] = [];
  const bounds = (column: string) => {
    if (!band) return '';
    params.push(band.lo, band.hi);
    return ` AND ${column} ${BETWEEN}`;
  };
  /**
   * The union of a phrase's arms (the phrase once per arm). One arm alone: distinct ids all the same
   * (a call has two agents that contain "Hans": call_agents lists it twice).
   */
  const listed = (phrase: string, of: readonly Arm[]) => {
    const sql = of
      .map((arm) => {
        params.push(phrase);
        return armSql(arm, bounds);
      })
      .join(' UNION ');
    return of.length === 1 && (of[0] === 'agents' || of[0] === 'queues') ? `SELECT DISTINCT id FROM (${sql})` : sql;
  };
  if (!phrases.length) {
    params.push(match);
    return { sql: armSql('own', bounds), params };
  }
  if (!arms) {
    const parts = phrases.map((p) => listed(p, ARMS));
    if (parts.length === 1) return { sql: parts[0] as string, params };
    return { sql: parts.map((p) => `SELECT id FROM (${p})`).join(' INTERSECT '), params };
  }
  const armsOf = (p: string): PhraseArms => arms.get(p) ?? { arms: ARMS, calls: Infinity };
  if (phrases.some((p) => armsOf(p).arms.length === 0)) return { sql: 'SELECT 0 AS id WHERE 0', params: [] };
  // The phrases of own text only, as one MATCH; its calls at most the fewest of theirs.
  const own = phrases.filter((p) => armsOf(p).arms.every((a) => a === 'own'));
  const ownCalls = Math.min(...own.map((p) => armsOf(p).calls));
  const named = phrases.filter((p) => !own.includes(p)).sort((x, y) => armsOf(x).calls - armsOf(y).calls);
  const first = named[0];
  const ownDrives = own.length > 0 && (first === undefined || ownCalls <= armsOf(first).calls);
  const driver = ownDrives ? listed(own.join(' AND '), ['own']) : listed(first as string, armsOf(first as string).arms);
  const tests: string[] = [];
  if (!ownDrives && own.length) {
    params.push(own.join(' AND '));
    tests.push(armTest('own', 'd.id'));
  }
  for (const p of ownDrives ? named : named.slice(1)) {
    const of = armsOf(p).arms;
    for (let i = 0; i < of.length; i++) params.push(p);
    tests.push(`(${of.map((arm) => armTest(arm, 'd.id')).join(' OR ')})`);
  }
  if (!tests.length) return { sql: driver, params };
  return { sql: `SELECT d.id AS id FROM (${driver}) d WHERE ${tests.join(' AND ')}`, params };
}

/** The vocabulary's names a phrase matches (ids), and the name sets holding one of them (FtsText.idsUpTo). */
export const MATCHED_NAMES = NAME_IDS;
export const MATCHED_SETS = SET_IDS;

/** Beyond this many names and sets a phrase's first ids are not listed per name (SQLite's compound limit is 500). */
export const MAX_FIRST_PARTS = 200;

/**
 * The first `n` ids (in `dir` order) of one phrase's calls, read per arm and name: each name's calls
 * are in call order in its index (call_agent_rows' and call_queue_rows' primary keys, call_name_sets by set),
 * so each part stops after `n` rows, where listing the phrase's calls whole and sorting them cost
 * 130 ms for a queue in 322,420 calls.
 */
export function firstIdsSql(
  phrase: string,
  parts: { own: boolean; agents: readonly number[]; queues: readonly number[]; sets: readonly number[] },
  n: number,
  dir: 'ASC' | 'DESC',
): TextMatchSql {
  const params: unknown[] = [];
  const sqls: string[] = [];
  const first = (sqlText: string, key: unknown) => {
    params.push(key, n);
    sqls.push(`SELECT * FROM (${sqlText} ORDER BY 1 ${dir} LIMIT ?)`);
  };
  if (parts.own) first('SELECT rowid AS id FROM calls_fts WHERE calls_fts MATCH ?', phrase);
  for (const a of parts.agents) first('SELECT call AS id FROM call_agent_rows WHERE agent_id = ?', a);
  for (const q of parts.queues) first('SELECT call AS id FROM call_queue_rows WHERE queue_id = ?', q);
  for (const set of parts.sets) first('SELECT call AS id FROM call_name_sets WHERE name_set = ?', set);
  if (!sqls.length) return { sql: 'SELECT 0 AS id WHERE 0', params: [] };
  params.push(n);
  return { sql: `SELECT id FROM (${sqls.join(' UNION ')}) ORDER BY id ${dir} LIMIT ?`, params };
}
