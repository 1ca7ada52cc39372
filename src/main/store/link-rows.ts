// Reading the link tables on either schema (issue #10 goal 2, session 11; the step is link-ids.ts).
//
// Since LINK_IDS_VERSION a call's queues and agents are stored as ids of the names' vocabulary
// (text_names) in call_queue_rows / call_agent_rows; the views call_queues / call_agents give the
// columns the tables had (call, queue | agent, start_ms, …), so most readers read them as before. A
// reader that names an index (INDEXED BY cannot name a view), that LEFT JOINs a link (SQLite does
// not flatten a view that is a join on the right of a LEFT JOIN: it would materialise every link)
// or that groups many links by name (grouping by id, then naming the few groups, is cheaper) reads
// the table through the SQL here. An older archive read as it is (read-only) has the tables with
// the names as text: the same SQL then reads them.
import type { Db } from './native';

/** Connections known to store the links as ids: a schema never goes back, so only `true` is remembered. */
const withIds = new WeakSet<Db>();

export function linksHaveIds(db: Db): boolean {
  if (withIds.has(db)) return true;
  const yes = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'call_queue_rows'").get() !== undefined;
  if (yes) withIds.add(db);
  return yes;
}

export type LinkFacet = 'queue' | 'agent';

export interface LinkRows {
  /** The stored table. */
  table: string;
  /** Its column of the name (an id, or the text in an older archive). */
  key: string;
  /** Its index by call (the import deletes a call's links by it; call-order readers walk it). */
  callIndex: string;
  /** Its covering index by (start_ms, key). */
  startIndex: string;
  /** SQL: the name of a key value given as an SQL expression. */
  nameOf(key: string): string;
  /** SQL: a LEFT JOIN of the call's links to `callExpr`, its name as `<alias>.<facet>` (none: NULL). */
  leftJoin(alias: string, callExpr: string): string;
}

const TABLES: Record<LinkFacet, { ids: string; text: string }> = {
  queue: { ids: 'call_queue_rows', text: 'call_queues' },
  agent: { ids: 'call_agent_rows', text: 'call_agents' },
};

/** The stored link table of `facet` and how its names are read, for this connection's schema. */
export function linkRows(db: Db, facet: LinkFacet): LinkRows {
  const index = facet === 'queue' ? 'call_queues' : 'call_agents';
  const common = { callIndex: `${index}_call`, startIndex: `${index}_start` };
  if (!linksHaveIds(db)) {
    const table = TABLES[facet].text;
    return {
      ...common,
      table,
      key: facet,
      nameOf: (key) => key,
      leftJoin: (alias, callExpr) => `LEFT JOIN ${table} ${alias} ON ${alias}.call = ${callExpr}`,
    };
  }
  const table = TABLES[facet].ids;
  const key = `${facet}_id`;
  return {
    ...common,
    table,
    key,
    nameOf: (k) => `(SELECT name FROM text_names WHERE id = ${k})`,
    // The name as a one-table subquery: SQLite flattens that on the right of a LEFT JOIN.
    leftJoin: (alias, callExpr) =>
      `LEFT JOIN ${table} ${alias}_l ON ${alias}_l.call = ${callExpr} ` +
      `LEFT JOIN (SELECT id, name AS ${facet} FROM text_names) ${alias} ON ${alias}.id = ${alias}_l.${key}`,
  };
}

/**
 * The names of a link table's keys as read (`SELECT call, <key>`), for readers that read many links:
 * a lookup in memory instead of one in text_names per link. An older archive's keys are the names.
 */
export function keyNames(db: Db): (key: string | number) => string {
  if (!linksHaveIds(db)) return (key) => String(key);
  const names = new Map<number, string>(
    db.prepare('SELECT id, name FROM text_names').raw().all() as [number, string][],
  );
  return (key) => names.get(Number(key)) ?? '';
}

/**
 * An archive older than LINK_IDS_VERSION opened read-only keeps its links as text: views of the new
 * tables' names in its connection's temp schema (the links joined to the vocabulary by name, through
 * the text tables' keys) let the text search's SQL, which reads the ids (text-match-sql.ts), run
 * there too (the columns it reads). Before the vocabulary (addEmptyTextNames) they are empty, as its names are.
 */
export function addLinkRowsViews(db: Db): void {
  if (linksHaveIds(db)) return;
  db.exec(`
    CREATE TEMP VIEW IF NOT EXISTS call_queue_rows AS SELECT q.call, n.id AS queue_id, q.start_ms
    FROM main.call_queues q JOIN text_names n ON n.name = q.queue;
    CREATE TEMP VIEW IF NOT EXISTS call_agent_rows AS SELECT a.call, n.id AS agent_id, a.start_ms
    FROM main.call_agents a JOIN text_names n ON n.name = a.agent;`);
}
