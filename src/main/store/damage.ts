// Damaged archives (a page zeroed or overwritten by a failing disk, a copy cut short). Two checks:
//
// - quickDamageCheck, before anything is written (an import): cheap on a million-call archive. It
//   checks that the file is as long as its header says, runs SQLite's quick_check on the small tables
//   (imports, layouts, names, caches: a few pages each) and walks every big table's and index's b-tree
//   from its root to its first and last entry (the pages an import appends to). A damaged page in the
//   middle of a big table is not on those paths: `verify` finds it (locateDamage), and an import that
//   reaches it fails with SQLITE_CORRUPT and is rolled back.
// - locateDamage, for `verify`: which tables and indexes a full check finds damaged, by name.
import { statSync } from 'node:fs';
import type { Db } from './native';
import { firstLine } from '../../shared/text/first-line';
import { all, sql, values } from './sql';

/** Tables of a few pages whatever the archive's size: checked whole before every import. */
const SMALL_TABLES = ['meta', 'imports', 'layouts', 'agents', 'queues', 'menus', 'facet_cache'];

interface SchemaEntry {
  type: 'table' | 'index';
  name: string;
  tbl_name: string;
  rootpage: number;
  sql: string | null;
}

function schemaEntries(db: Db): SchemaEntry[] {
  return all(
    db,
    sql<SchemaEntry, unknown[]>(
      "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema WHERE type IN ('table', 'index') AND rootpage > 0 ORDER BY rootpage",
    ),
  );
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The edge probes of one table or index: SQL that reads its first and last entry. */
function edgeProbes(db: Db, e: SchemaEntry): string[] {
  if (e.type === 'table') {
    const withoutRowid = /WITHOUT\s+ROWID/i.test(e.sql ?? '');
    if (withoutRowid || (e.sql ?? '').startsWith('CREATE VIRTUAL'))
      return [`SELECT count(*) FROM (SELECT 1 FROM ${quote(e.name)} LIMIT 1)`];
    // NOT INDEXED: read the table's own b-tree (min/max(rowid) may be answered from an index).
    return [
      `SELECT rowid FROM ${quote(e.name)} NOT INDEXED ORDER BY rowid LIMIT 1`,
      `SELECT rowid FROM ${quote(e.name)} NOT INDEXED ORDER BY rowid DESC LIMIT 1`,
    ];
  }
  // An index on plain columns (not an expression, not partial): its first column in order, via the index.
  if (/\bWHERE\b/i.test(e.sql ?? '')) return [];
  const cols = all(db, sql<{ seqno: number; name: string | null }, unknown[]>(`PRAGMA index_info(${quote(e.name)})`));
  const first = cols.find((c) => c.seqno === 0)?.name;
  if (!first) return [];
  const from = `${quote(e.tbl_name)} INDEXED BY ${quote(e.name)}`;
  return [
    `SELECT ${quote(first)} FROM ${from} ORDER BY ${quote(first)} LIMIT 1`,
    `SELECT ${quote(first)} FROM ${from} ORDER BY ${quote(first)} DESC LIMIT 1`,
  ];
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** Problems found by the cheap pre-write check; empty when none. */
export function quickDamageCheck(db: Db, path: string): string[] {
  const problems: string[] = [];
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const bytes = statSync(path).size;
    // Pages not yet checkpointed live in the -wal file: the length check holds only without one.
    if (walBytes(path) === 0 && bytes < pages * pageSize)
      problems.push(`the file is ${bytes} bytes, its header says ${pages * pageSize}: it was cut short`);
    const entries = schemaEntries(db);
    const names = new Set(entries.map((e) => e.name));
    for (const t of SMALL_TABLES) {
      if (!names.has(t)) continue;
      try {
        const res = values(db, sql<string, unknown[]>(`PRAGMA quick_check(${quote(t)})`));
        if (!(res.length === 1 && res[0] === 'ok')) problems.push(`table ${t}: ${res.slice(0, 2).join('; ')}`);
      } catch (err) {
        problems.push(`table ${t}: ${firstLine(err)}`);
      }
    }
    for (const e of entries) {
      for (const sql of edgeProbes(db, e)) {
        try {
          db.prepare(sql).all();
        } catch (err) {
          problems.push(`${e.type} ${e.name}: ${firstLine(err)}`);
          break;
        }
      }
    }
  } catch (err) {
    problems.push(firstLine(err));
  }
  return problems;
}

/**
 * Which tables and indexes a full integrity check finds damaged: every table is checked on its own
 * (with its indexes), so that one unreadable page names its table instead of stopping the check.
 */
export function locateDamage(db: Db): { hit: string[]; details: string[] } {
  const hit = new Set<string>();
  const details: string[] = [];
  let entries: SchemaEntry[];
  try {
    entries = schemaEntries(db);
  } catch (err) {
    return { hit: ['the schema (sqlite_schema)'], details: [firstLine(err)] };
  }
  const byRoot = new Map(entries.map((e) => [e.rootpage, e]));
  const describe = (e: SchemaEntry) => `${e.type} ${e.name}`;
  for (const t of entries.filter((e) => e.type === 'table')) {
    let res: string[];
    try {
      res = values(db, sql<string, unknown[]>(`PRAGMA integrity_check(${quote(t.name)})`));
    } catch (err) {
      hit.add(describe(t));
      details.push(`${describe(t)}: ${firstLine(err)}`);
      continue;
    }
    if (res.length === 1 && res[0] === 'ok') continue;
    for (const line of res) {
      // "Tree 7 page 7 cell 0: …", "row 3 missing from index raw_rows_call", "wrong # of entries in index x"
      const tree = /Tree (\d+) page/.exec(line);
      const index = /(?:from|in) index (\S+)/.exec(line);
      const where = tree ? byRoot.get(Number(tree[1])) : index ? entries.find((e) => e.name === index[1]) : undefined;
      hit.add(where ? describe(where) : describe(t));
      if (details.length < 10) details.push(line);
    }
  }
  return { hit: [...hit], details };
}
