// openArchive: the one way to open (or create) an archive file. Checks the
// schema version before anything else so that an archive written by a newer
// Callscope is refused with one line, and is never modified.
import { existsSync } from 'node:fs';
import { ArchiveError, explain } from './errors';
import { openDatabase, type Db } from './native';
import { migrate, OLDEST_READABLE_SCHEMA, SCHEMA_VERSION, schemaVersionOf } from './schema';
import { APP_VERSION } from './version';
import { recordUpgrade } from '../review/import-hook';

export interface OpenArchiveOptions {
  /** Create the file (and schema) when missing. Default false. */
  create?: boolean;
  /** Open read-only (SQLite's own read-only mode: every write fails with SQLITE_READONLY). */
  readonly?: boolean;
  /** Mark a newly created archive as the demo archive. */
  isDemo?: boolean;
  busyTimeoutMs?: number;
}

export interface Archive {
  readonly path: string;
  readonly db: Db;
  readonly readonly: boolean;
  close(): void;
}

export function openArchive(path: string, options: OpenArchiveOptions = {}): Archive {
  const readonly = options.readonly ?? false;
  if (!existsSync(path) && !(options.create && !readonly))
    throw new ArchiveError(`no archive at ${path} (import a file first, or check the path)`, 'CANTOPEN');
  let db: Db;
  try {
    db = openDatabase(path, { readonly, busyTimeoutMs: options.busyTimeoutMs });
  } catch (err) {
    throw explain(err, `cannot open archive ${path}`);
  }
  try {
    const version = schemaVersionOf(db);
    if (version > SCHEMA_VERSION)
      throw new ArchiveError(
        `archive ${path} was written by a newer Callscope (schema ${version}; this Callscope ${APP_VERSION} reads up to schema ${SCHEMA_VERSION}): update Callscope`,
        'NEWER',
      );
    if (version === 0 && !isEmpty(db))
      throw new ArchiveError(`${path} is an SQLite file but not a Callscope archive`, 'NOTADB');
    if (!readonly) {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536'); // 64 MB page cache
    if (version < SCHEMA_VERSION) {
      if (readonly) {
        // Reading needs no upgrade while the newer migrations only add what older archives lack
        // (an auditor's copy on read-only media stays readable); older still must be upgraded once.
        if (version >= OLDEST_READABLE_SCHEMA) return { path, db, readonly, close: () => db.close() };
        throw new ArchiveError(
          `archive ${path} has an older format (schema ${version}) and is opened read-only: import into it once, or open it in the app, to upgrade it`,
          'READONLY',
        );
      }
      migrate(db);
      if (version === 0) initMeta(db, options.isDemo ?? false);
      else recordUpgrade(db, version, SCHEMA_VERSION); // the action log (#15)
    }
  } catch (err) {
    db.close();
    throw explain(err, `cannot open archive ${path}`);
  }
  return { path, db, readonly, close: () => db.close() };
}

function isEmpty(db: Db): boolean {
  return (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n === 0;
}

function initMeta(db: Db, isDemo: boolean): void {
  const put = db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)');
  db.transaction(() => {
    put.run('app_version', APP_VERSION);
    put.run('is_demo', isDemo ? '1' : '0');
    put.run('created', new Date().toISOString());
  })();
}

export function readMeta(db: Db): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[])
    out[r.key] = r.value;
  return out;
}
