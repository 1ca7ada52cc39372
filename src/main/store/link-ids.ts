// The schema step LINK_IDS_VERSION (issue #10 goal 2, session 11; figures in docs/archive.md § "Link
// tables' names as ids"): a call's queues and agents are stored as ids of the names' vocabulary
// (text_names, which held every agent and queue already for the text search: text-names.ts) instead
// of their text, repeated in each link row and in both indexes (every index of a WITHOUT ROWID
// table carries its key). A few hundred names at 1M calls: 1–2 bytes each instead of ≈ 15.
//
// - call_queue_rows (call, queue_id, start_ms) and call_agent_rows (call, agent_id, start_ms, talk,
//   talk_ms): keyed by (id, start_ms, call) as the text tables were by (name, start_ms, call), with
//   the indexes of the same names (call_queues_call, call_queues_start, …) by call and by (start_ms, id).
//   queue_id / agent_id reference text_names: a name a link uses cannot be dropped from the vocabulary
//   (dropUnusedTextNames keeps it anyway), and erasure's cleaning drops one no link uses any more.
// - The views call_queues / call_agents give the columns the tables had (and the id), so that most
//   readers read them unchanged; their INSTEAD OF triggers take a link as text (and an agent's talk). The readers that
//   must read the tables (an index named, a LEFT JOIN, links grouped by name) go through link-rows.ts,
//   which also reads an older archive read-only as it is.
// - The statistics' triggers that mark the hours a write touches are on the new tables, under their
//   names (tests that take an archive back by hand run the statistics' step again: IF NOT EXISTS).
// - Earlier steps that read or write these tables work on the views (the INSTEAD OF triggers); the
//   lean-tables step skips them (lean-tables.ts).
// One migration, in its transaction: interrupted, the archive is as it was.
import type { Db } from './native';
import { sql, value, values } from './sql';
import { dirtyTriggersOn } from './stats-hours';
import { TextNameWriter } from './text-names';
import { linksHaveIds } from './link-rows';

const QUEUE_ROWS = `CREATE TABLE call_queue_rows (
  call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  queue_id INTEGER NOT NULL REFERENCES text_names(id),
  start_ms INTEGER NOT NULL,            -- the call's start (facets over a time range read call_queues_start)
  PRIMARY KEY (queue_id, start_ms, call)
) WITHOUT ROWID, STRICT`;

const AGENT_ROWS = `CREATE TABLE call_agent_rows (
  call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  agent_id INTEGER NOT NULL REFERENCES text_names(id),
  start_ms INTEGER NOT NULL,
  talk INTEGER NOT NULL DEFAULT 0,      -- TALK_KIND bits (src/shared/statistics/precomputed.ts)
  talk_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (agent_id, start_ms, call)
) WITHOUT ROWID, STRICT`;

const INDEXES = `
CREATE INDEX call_queues_call ON call_queue_rows(call);
CREATE INDEX call_queues_start ON call_queue_rows(start_ms, queue_id);
CREATE INDEX call_agents_call ON call_agent_rows(call);
CREATE INDEX call_agents_start ON call_agent_rows(start_ms, agent_id);`;

/** A name's id, added to the vocabulary and its trigram index when new (text-names.ts TextNameWriter does the same). */
const keepName = (text: string): string => `
  INSERT INTO text_names_fts (rowid, name) SELECT coalesce(max(id), 0) + 1, ${text} FROM text_names
    WHERE NOT EXISTS (SELECT 1 FROM text_names WHERE name = ${text});
  INSERT OR IGNORE INTO text_names (name) VALUES (${text});`;
const idOf = (text: string): string => `(SELECT id FROM text_names WHERE name = ${text})`;

const VIEWS = `
CREATE VIEW call_queues AS SELECT l.call, n.name AS queue, l.start_ms, l.queue_id
FROM call_queue_rows l JOIN text_names n ON n.id = l.queue_id;
CREATE VIEW call_agents AS SELECT l.call, n.name AS agent, l.start_ms, l.talk, l.talk_ms, l.agent_id
FROM call_agent_rows l JOIN text_names n ON n.id = l.agent_id;
CREATE TRIGGER call_queues_insert INSTEAD OF INSERT ON call_queues BEGIN ${keepName('NEW.queue')}
  INSERT OR IGNORE INTO call_queue_rows (call, queue_id, start_ms) VALUES (NEW.call, ${idOf('NEW.queue')}, NEW.start_ms);
END;
CREATE TRIGGER call_agents_insert INSTEAD OF INSERT ON call_agents BEGIN ${keepName('NEW.agent')}
  INSERT OR IGNORE INTO call_agent_rows (call, agent_id, start_ms, talk, talk_ms)
  VALUES (NEW.call, ${idOf('NEW.agent')}, NEW.start_ms, coalesce(NEW.talk, 0), coalesce(NEW.talk_ms, 0));
END;
CREATE TRIGGER call_agents_update INSTEAD OF UPDATE OF talk, talk_ms ON call_agents BEGIN
  UPDATE call_agent_rows SET talk = NEW.talk, talk_ms = NEW.talk_ms
  WHERE agent_id = OLD.agent_id AND start_ms = OLD.start_ms AND call = OLD.call;
END;`;

/** The statements the import writes links with (parameters: call, the name's id, start_ms[, talk, talk_ms]). */
export const INSERT_QUEUE_LINK = 'INSERT OR IGNORE INTO call_queue_rows (call, queue_id, start_ms) VALUES (?, ?, ?)';
export const INSERT_AGENT_LINK =
  'INSERT OR IGNORE INTO call_agent_rows (call, agent_id, start_ms, talk, talk_ms) VALUES (?, ?, ?, ?, ?)';
export const DELETE_QUEUE_LINKS = 'DELETE FROM call_queue_rows WHERE call = ?';
export const DELETE_AGENT_LINKS = 'DELETE FROM call_agent_rows WHERE call = ?';

const COUNT = (table: string) => sql<number>(`SELECT count(*) FROM ${table}`);
const UNNAMED = sql<string>(
  'SELECT queue FROM call_queues UNION SELECT agent FROM call_agents EXCEPT SELECT name FROM text_names',
);

/** The copies, in the new key's order (a packed b-tree), each link's name as its id. */
const COPIES = [
  {
    from: 'call_queues',
    sql:
      'INSERT INTO call_queue_rows (call, queue_id, start_ms) SELECT q.call, n.id, q.start_ms ' +
      'FROM call_queues q JOIN text_names n ON n.name = q.queue ORDER BY n.id, q.start_ms, q.call',
  },
  {
    from: 'call_agents',
    sql:
      'INSERT INTO call_agent_rows (call, agent_id, start_ms, talk, talk_ms) SELECT a.call, n.id, a.start_ms, a.talk, a.talk_ms ' +
      'FROM call_agents a JOIN text_names n ON n.name = a.agent ORDER BY n.id, a.start_ms, a.call',
  },
] as const;

/** Rewrites the link tables with ids (skipped when they have them: tests take archives back by hand); progress in links. */
export function linkIds(db: Db, onProgress: (done: number, total: number) => void): void {
  if (linksHaveIds(db)) return;
  const counts = COPIES.map((c) => value(db, COUNT(c.from)) ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  onProgress(0, total);
  // The import and the text-names step put every linked name in the vocabulary; one missing is added.
  const names = new TextNameWriter(db);
  for (const name of values(db, UNNAMED)) names.nameId(name);
  db.exec(`${QUEUE_ROWS}; ${AGENT_ROWS};`);
  let done = 0;
  COPIES.forEach((c, i) => {
    const copied = db.prepare(c.sql).run().changes;
    if (copied !== counts[i]) throw new Error(`${c.from}: ${copied} of ${counts[i]} links copied`);
    // Its indexes and the statistics' triggers go with it.
    db.exec(`DROP TABLE ${c.from}`);
    done += copied;
    onProgress(done, total);
  });
  db.exec(`${INDEXES}
    ${VIEWS}
    ${dirtyTriggersOn('call_queue_rows', 'call, queue_id, start_ms', 'call_queues')}
    ${dirtyTriggersOn('call_agent_rows', 'call, agent_id, start_ms, talk, talk_ms', 'call_agents')}`);
}

const LINKS_OF_CALL = {
  call_queue_rows: 'queue_id',
  call_agent_rows: 'agent_id',
} as const;

/**
 * An erasure's rewrite of a call's links (review/erasure.ts): each queue or agent whose name `rename`
 * changes is linked by the new name's id instead (the old name, linked nowhere else, then goes with
 * dropUnusedTextNames: an erased value does not stay in the vocabulary). A call already linked to the
 * new name keeps that one link.
 */
export function renameCallLinks(db: Db, call: number, rename: (name: string) => string, names: TextNameWriter): void {
  for (const [table, key] of Object.entries(LINKS_OF_CALL)) {
    const linked = db
      .prepare(`SELECT l.${key} AS id, n.name FROM ${table} l JOIN text_names n ON n.id = l.${key} WHERE l.call = ?`)
      .all(call) as { id: number; name: string }[];
    for (const { id, name } of linked) {
      const to = rename(name);
      if (to === name) continue;
      db.prepare(`UPDATE OR IGNORE ${table} SET ${key} = ? WHERE call = ? AND ${key} = ?`).run(
        names.nameId(to),
        call,
        id,
      );
      db.prepare(`DELETE FROM ${table} WHERE call = ? AND ${key} = ?`).run(call, id);
    }
  }
}
