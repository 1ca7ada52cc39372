// Saved and recent searches, in the archive's saved_searches table (apart from
// imported data). A recent search run again moves to the top rather than being
// listed twice; only the last RECENT_LIMIT are kept. An archive opened read-only
// at an older schema has no table: it lists none and refuses to save, in one line.
import type { SavedSearch, SavedSearchBody, SearchesList } from '../../shared/api/archive-api';
import { ArchiveError } from '../store/errors';
import type { Db } from '../store/native';
import { all, one, run, sql } from '../store/sql';

export const RECENT_LIMIT = 20;

interface Row {
  id: number;
  kind: 'saved' | 'recent';
  name: string | null;
  search: string;
  created_at: string;
}

const HAS_TABLE = sql<1>("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'saved_searches'");
const SEARCHES = sql<Row>('SELECT * FROM saved_searches ORDER BY id DESC');
const DELETE_SAVED = sql<void, [name: string]>("DELETE FROM saved_searches WHERE kind = 'saved' AND name = ?");
const INSERT_SAVED = sql<void, [name: string, search: string, createdAt: string]>(
  "INSERT INTO saved_searches (kind, name, search, created_at) VALUES ('saved', ?, ?, ?)",
);
const DELETE_BY_ID = sql<void, [id: number]>('DELETE FROM saved_searches WHERE id = ?');
const DELETE_RECENT = sql<void, [search: string]>("DELETE FROM saved_searches WHERE kind = 'recent' AND search = ?");
const INSERT_RECENT = sql<void, [search: string, createdAt: string]>(
  "INSERT INTO saved_searches (kind, name, search, created_at) VALUES ('recent', NULL, ?, ?)",
);
const TRIM_RECENT = sql<void, [keep: number]>(
  `DELETE FROM saved_searches WHERE kind = 'recent' AND id NOT IN
             (SELECT id FROM saved_searches WHERE kind = 'recent' ORDER BY id DESC LIMIT ?)`,
);

const toSaved = (r: Row): SavedSearch => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  search: JSON.parse(r.search) as SavedSearchBody,
  createdAt: r.created_at,
});

/** The search's JSON with keys in one order and empty parts dropped: equal searches give equal text. */
export function canonicalSearch(search: SavedSearchBody): string {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(search).sort()) {
    const v = (search as Record<string, unknown>)[key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[key] = v;
  }
  return JSON.stringify(out);
}

export class SavedSearches {
  constructor(private readonly db: Db) {}

  private hasTable(): boolean {
    return one(this.db, HAS_TABLE) !== undefined;
  }

  private requireTable(): void {
    if (!this.hasTable())
      throw new ArchiveError('this archive was opened read-only at an older version: searches cannot be saved in it');
  }

  list(): SearchesList {
    if (!this.hasTable()) return { saved: [], recent: [] };
    const rows = all(this.db, SEARCHES);
    return {
      saved: rows
        .filter((r) => r.kind === 'saved')
        .map(toSaved)
        .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
      recent: rows
        .filter((r) => r.kind === 'recent')
        .slice(0, RECENT_LIMIT)
        .map(toSaved),
    };
  }

  /** Saves under a name; saving a name again replaces that search (names are the user's handles). */
  save(name: string, search: SavedSearchBody): SavedSearch {
    this.requireTable();
    const text = canonicalSearch(search);
    const now = new Date().toISOString();
    const id = this.db.transaction(() => {
      run(this.db, DELETE_SAVED, name);
      return run(this.db, INSERT_SAVED, name, text, now).lastInsertRowid;
    })();
    return { id: Number(id), kind: 'saved', name, search: JSON.parse(text) as SavedSearchBody, createdAt: now };
  }

  delete(id: number): void {
    this.requireTable();
    const done = run(this.db, DELETE_BY_ID, id);
    if (done.changes === 0) throw new ArchiveError(`no saved search ${id}`, 'NOTFOUND');
  }

  recordRecent(search: SavedSearchBody): void {
    if (!this.hasTable()) return; // a read-only archive of an older version: nothing to remember in
    const text = canonicalSearch(search);
    if (text === '{}' || text === '{"direction":"desc","sort":"start"}') return; // the empty search is not worth offering
    this.db.transaction(() => {
      run(this.db, DELETE_RECENT, text);
      run(this.db, INSERT_RECENT, text, new Date().toISOString());
      run(this.db, TRIM_RECENT, RECENT_LIMIT);
    })();
  }
}
