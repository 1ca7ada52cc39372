// The names of the calls' free text, out of the trigram index (issue #10 goal 2, session 10).
//
// A call's searchable text (ftsText, src/main/import/call-rows.ts) is its own text — numbers,
// registrations, call id: calls_fts holds that — and names: its agents and queues (already in
// call_agents / call_queues), its events' names and agents and its labels in two languages. The
// names come from a vocabulary of a few hundred strings repeated in most calls, so they are kept once:
// - text_names: every distinct name (the agents and queues of call_agents / call_queues among them),
//   with text_names_fts, a trigram index of the names only: a search word is matched in it by the
//   same tokenizer, so by exactly the rule calls_fts applies (lower-cased substring);
// - text_name_sets: each distinct set of the names a call has besides its agents and queues, with its
//   members (text_name_set_names); calls share a few thousand sets;
// - call_name_sets: a call's set (none when it has no such name).
// A word then matches a call when calls_fts matches it or one of the call's names contains it
// (src/main/api/text-match-sql.ts).
import type { Statement } from 'better-sqlite3';
import type { Db } from './native';

export const TEXT_NAMES_SQL = `
CREATE TABLE IF NOT EXISTS text_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
CREATE VIRTUAL TABLE IF NOT EXISTS text_names_fts USING fts5(name, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE TABLE IF NOT EXISTS text_name_sets (id INTEGER PRIMARY KEY, names TEXT NOT NULL UNIQUE) STRICT;
CREATE TABLE IF NOT EXISTS text_name_set_names (
  name INTEGER NOT NULL, name_set INTEGER NOT NULL, PRIMARY KEY (name, name_set)
) WITHOUT ROWID, STRICT;
CREATE TABLE IF NOT EXISTS call_name_sets (call INTEGER PRIMARY KEY, name_set INTEGER NOT NULL) STRICT;
CREATE INDEX IF NOT EXISTS call_name_sets_set ON call_name_sets(name_set);
`;

/**
 * An archive older than the vocabulary, opened read-only, still holds every name in calls_fts:
 * empty tables of the same names in the connection's temp schema let the same search SQL run there
 * (no name matches, so the trigram index alone answers, as it did).
 */
export function addEmptyTextNames(db: Db): void {
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'text_names'").get() !== undefined) return;
  db.exec(
    TEXT_NAMES_SQL.replace(/CREATE (VIRTUAL )?TABLE IF NOT EXISTS /g, 'CREATE $1TABLE IF NOT EXISTS temp.').replace(
      /CREATE INDEX IF NOT EXISTS /g,
      'CREATE INDEX IF NOT EXISTS temp.',
    ),
  );
}

/**
 * Writes the calls' name sets and the vocabulary. Its caches of names and sets hold for one
 * transaction (an import's file, an erasure, the upgrade): make one per transaction.
 */
export class TextNameWriter {
  private readonly nameIds = new Map<string, number>();
  private readonly setIds = new Map<string, number>();
  private readonly s: Record<
    'addName' | 'addNameFts' | 'nameId' | 'addSet' | 'addSetName' | 'setId' | 'setCall' | 'dropCall',
    Statement
  >;

  constructor(private readonly db: Db) {
    this.s = {
      addName: db.prepare('INSERT OR IGNORE INTO text_names (name) VALUES (?)'),
      addNameFts: db.prepare('INSERT INTO text_names_fts (rowid, name) VALUES (?, ?)'),
      nameId: db.prepare('SELECT id FROM text_names WHERE name = ?').pluck(),
      addSet: db.prepare('INSERT OR IGNORE INTO text_name_sets (names) VALUES (?)'),
      addSetName: db.prepare('INSERT OR IGNORE INTO text_name_set_names (name, name_set) VALUES (?, ?)'),
      setId: db.prepare('SELECT id FROM text_name_sets WHERE names = ?').pluck(),
      setCall: db.prepare('INSERT OR REPLACE INTO call_name_sets (call, name_set) VALUES (?, ?)'),
      dropCall: db.prepare('DELETE FROM call_name_sets WHERE call = ?'),
    };
  }

  /** The vocabulary's id of a name, added when new. */
  nameId(name: string): number {
    let id = this.nameIds.get(name);
    if (id !== undefined) return id;
    const added = this.s.addName.run(name);
    id = this.s.nameId.get(name) as number;
    if (added.changes > 0) this.s.addNameFts.run(id, name);
    this.nameIds.set(name, id);
    return id;
  }

  /** Agents and queues: in the vocabulary (their calls are found through call_agents / call_queues). */
  addNames(names: readonly string[]): void {
    for (const n of names) if (n) this.nameId(n);
  }

  /** Sets a call's names besides its agents and queues (nameTerms); none: the call has no set. */
  setCall(call: number, names: readonly string[]): void {
    if (!names.length) {
      this.s.dropCall.run(call);
      return;
    }
    const ids = [...new Set(names.map((n) => this.nameId(n)))].sort((a, b) => a - b);
    const key = ids.join(',');
    let set = this.setIds.get(key);
    if (set === undefined) {
      if (this.s.addSet.run(key).changes > 0) {
        set = this.s.setId.get(key) as number;
        for (const id of ids) this.s.addSetName.run(id, set);
      } else set = this.s.setId.get(key) as number;
      this.setIds.set(key, set);
    }
    this.s.setCall.run(call, set);
  }

  dropCall(call: number): void {
    this.s.dropCall.run(call);
  }
}

/**
 * Removes the sets no call has and the names neither a set nor call_agents / call_queues hold (a
 * derivation again or an erasure changed them): an erased value must not stay in the vocabulary.
 * A few thousand sets and a few hundred names, each one index lookup.
 */
export function dropUnusedTextNames(db: Db): void {
  db.exec(`
    DELETE FROM text_name_sets WHERE NOT EXISTS (SELECT 1 FROM call_name_sets c WHERE c.name_set = text_name_sets.id);
    DELETE FROM text_name_set_names WHERE name_set NOT IN (SELECT id FROM text_name_sets);`);
  const unused = db
    .prepare(
      `SELECT id FROM text_names n WHERE NOT EXISTS (SELECT 1 FROM text_name_set_names s WHERE s.name = n.id)
         AND NOT EXISTS (SELECT 1 FROM call_agents WHERE agent = n.name)
         AND NOT EXISTS (SELECT 1 FROM call_queues WHERE queue = n.name)`,
    )
    .pluck()
    .all() as number[];
  if (!unused.length) return;
  const dropName = db.prepare('DELETE FROM text_names WHERE id = ?');
  const dropFts = db.prepare('DELETE FROM text_names_fts WHERE rowid = ?');
  for (const id of unused) {
    dropName.run(id);
    dropFts.run(id);
  }
  // Merged segments: the deleted names' tokens are gone, not only marked.
  db.exec("INSERT INTO text_names_fts (text_names_fts) VALUES ('optimize')");
}
