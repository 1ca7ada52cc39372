// openArchive: the one way to open (or create) an archive file. Checks the
// schema version before anything else so that an archive written by a newer
// Callscope is refused with one line, and is never modified.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ArchiveError, explain, fsReason } from './errors';
import { openDatabase, type Db } from './native';
import {
  migrate,
  OLDEST_READABLE_SCHEMA,
  SCHEMA_VERSION,
  schemaVersionOf,
  TEXT_NAMES_VERSION,
  CALL_CODES_VERSION,
  LINK_IDS_VERSION,
  type UpgradeProgress,
} from './schema';
import { addEmptyTextNames } from './text-names';
import { readOldCallsAsCoded } from './call-codes';
import { addLinkRowsViews } from './link-rows';
import { APP_VERSION } from './version';
import { setMeta } from './meta';
import { recordUpgrade } from '../review/import-hook';
import { firstLine } from '../../shared/text/first-line';
import { all, sql, value } from './sql';

export interface OpenArchiveOptions {
  /** Create the file (and schema) when missing. Default false. */
  create?: boolean;
  /** Open read-only (SQLite's own read-only mode: every write fails with SQLITE_READONLY). */
  readonly?: boolean;
  /** Mark a newly created archive as the demo archive. */
  isDemo?: boolean;
  busyTimeoutMs?: number;
  /** Progress of the upgrade of an older archive opened for writing (CLI progress line, the app's bar). */
  onUpgrade?: (p: UpgradeProgress) => void;
}

export interface Archive {
  readonly path: string;
  readonly db: Db;
  readonly readonly: boolean;
  /** Opened on read-only media (SQLite immutable: no side files, no locks); implies readonly. */
  readonly immutable: boolean;
  close(): void;
}

export function openArchive(path: string, options: OpenArchiveOptions = {}): Archive {
  const readonly = options.readonly ?? false;
  const size = archiveFileSize(path, Boolean(options.create && !readonly));
  if (size === 0 && readonly)
    throw new ArchiveError(
      `${path} is an empty file (0 bytes), not a Callscope archive: import into it to make it one, or check the path`,
      'NOTADB',
    );
  const immutable = readonly && size !== null && !isWritable(path);
  if (immutable) refuseUnmergedWal(path);
  let db: Db;
  try {
    db = openDatabase(path, { readonly, immutable, busyTimeoutMs: options.busyTimeoutMs });
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
        if (version >= OLDEST_READABLE_SCHEMA) {
          // Its calls_fts still holds the names: the search's name links are empty there (text-names.ts).
          if (version < TEXT_NAMES_VERSION) addEmptyTextNames(db);
          // Its calls hold type and outcome as text: statements get the codes computed from it.
          if (version < CALL_CODES_VERSION) readOldCallsAsCoded(db);
          // Its links hold the names as text: the search's id lookups read them through temp views (link-rows.ts).
          if (version < LINK_IDS_VERSION) addLinkRowsViews(db);
          return { path, db, readonly, immutable, close: () => db.close() };
        }
        throw new ArchiveError(
          `archive ${path} has an older format (schema ${version}) and is opened read-only: import into it once, or open it in the app, to upgrade it`,
          'READONLY',
        );
      }
      migrate(db, version === 0 ? undefined : options.onUpgrade);
      if (version === 0) initMeta(db, options.isDemo ?? false);
      else recordUpgrade(db, version, SCHEMA_VERSION); // the action log (#15)
    }
  } catch (err) {
    db.close();
    throw explain(err, `cannot open archive ${path}`);
  }
  return { path, db, readonly, immutable, close: () => db.close() };
}

/**
 * Whether SQLite could keep its side files (-wal, -shm) next to the archive and lock it: the file and
 * its folder writable. Not so on read-only media (EROFS, even for root) or a read-only folder / file.
 */
export function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** An immutable open does not read a -wal file: one with content would mean silently older data. */
function refuseUnmergedWal(path: string): void {
  let walBytes: number;
  try {
    walBytes = statSync(`${path}-wal`).size;
  } catch {
    return; // no -wal file: the usual case for a copy of a closed archive
  }
  if (walBytes > 0)
    throw new ArchiveError(
      `archive ${path} is on read-only media with unmerged changes in ${path}-wal (${walBytes} bytes): copy both files to writable storage and open the copy`,
      'READONLY',
    );
}

/**
 * The archive file's size; null when it does not exist and may be created. Refuses with one line what
 * can never be an archive: a missing file that may not be created, a directory, a device (/dev/null),
 * a symbolic link loop.
 */
function archiveFileSize(path: string, mayCreate: boolean): number | null {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ArchiveError(`${path} is a directory, not a Callscope archive`, 'NOTADB');
    if (!st.isFile())
      throw new ArchiveError(`${path} is not a regular file (a device or pipe?), not a Callscope archive`, 'NOTADB');
    return st.size;
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT') {
      if (mayCreate) return null;
      throw new ArchiveError(`no archive at ${path} (import a file first, or check the path)`, 'CANTOPEN');
    }
    throw new ArchiveError(`cannot open archive ${path}: ${fsReason(err) ?? firstLine(err)}`, 'CANTOPEN');
  }
}

function isEmpty(db: Db): boolean {
  return (value(db, sql<number>('SELECT count(*) FROM sqlite_schema')) ?? 0) === 0;
}

function initMeta(db: Db, isDemo: boolean): void {
  db.transaction(() => {
    setMeta(db, 'app_version', APP_VERSION);
    setMeta(db, 'is_demo', isDemo ? '1' : '0');
    setMeta(db, 'created', new Date().toISOString());
  })();
}

export function readMeta(db: Db): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of all(db, sql<{ key: string; value: string }, unknown[]>('SELECT key, value FROM meta')))
    out[r.key] = r.value;
  return out;
}
