// The archive's `meta` table: one text value per key (its app version, whether it is the demo, what
// the end-of-import caches were last built from).
import type { Db } from './native';
import { sql, value } from './sql';

const META_VALUE = sql<string, [key: string]>('SELECT value FROM meta WHERE key = ?');

/** The value under `key`, or undefined when it was never set. */
export function metaValue(db: Db, key: string): string | undefined {
  return value(db, META_VALUE, key);
}

/** Sets (or replaces) the value under `key`. */
export function setMeta(db: Db, key: string, text: string): void {
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, text);
}
