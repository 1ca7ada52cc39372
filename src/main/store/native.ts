// Opens a better-sqlite3 connection with the native binding of the running
// runtime: Electron's ABI differs from Node's, so scripts/postinstall.mjs builds
// a second copy for Electron under node_modules/.callscope-electron (one install
// serves both; see docs/archive.md).
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// better-sqlite3 builds SQLite with URI file names off and reads this variable once, when its native
// module loads (lazily, at the first connection): on, so that an archive on read-only media can be
// opened with `?immutable=1` (no -wal / -shm side files, no locks). Plain paths are passed so that
// they are never read as URIs (see sqliteFileName).
process.env.SQLITE_USE_URI ??= '1';

export type Db = Database.Database;

function electronBinding(): string | undefined {
  // The override first: Electron main sets it (src/main/electron/native-binding.ts) and its import
  // worker threads inherit it, whether or not process.versions.electron is visible there.
  const override = process.env.CALLSCOPE_SQLITE_BINDING;
  if (override && existsSync(override)) return override;
  if (!process.versions.electron) return undefined;
  const candidate = join(
    process.cwd(),
    'node_modules',
    '.callscope-electron',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  return existsSync(candidate) ? candidate : undefined;
}

export interface OpenDbOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** How long to wait for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
  /**
   * Read-only media: SQLite's `immutable=1` (implies read-only): no -wal / -shm files, no locking.
   * Only for a file nobody writes while it is open (an auditor's copy on a CD, a read-only mount).
   */
  immutable?: boolean;
}

/** The name passed to SQLite: a file: URI for immutable opens; a plain path never starting "file:". */
export function sqliteFileName(path: string, immutable: boolean): string {
  if (immutable) return `${pathToFileURL(path).href}?immutable=1`;
  return path.startsWith('file:') && !isAbsolute(path) ? `./${path}` : path;
}

/**
 * A new archive file is made readable by its owner alone (0600) before SQLite opens it: it holds
 * callers' numbers and agents' names, and SQLite would create it (and its -wal / -shm files, which
 * take the database file's mode) readable by every local user under the usual umask 022. Windows
 * ignores the mode; an existing file keeps its own.
 */
function createPrivately(path: string): void {
  if (path === '' || path === ':memory:' || path.startsWith('file:') || existsSync(path)) return;
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch {
    // Created by someone else meanwhile, or not creatable here: SQLite's own open then says why.
  }
}

/**
 * Text as compared by "contains" and "same name" in reviewers' text: Unicode letter case (SQLite's
 * lower() and LIKE fold ASCII only: "øst" did not find "Østergade") and one normalisation
 * (é typed as e + combining accent is é).
 */
export function foldText(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

export function openDatabase(path: string, options: OpenDbOptions = {}): Db {
  const nativeBinding = electronBinding();
  const immutable = options.immutable ?? false;
  if (!immutable && !options.readonly && !options.fileMustExist) createPrivately(path);
  const db = new Database(sqliteFileName(path, immutable), {
    readonly: immutable || (options.readonly ?? false),
    fileMustExist: options.fileMustExist ?? false,
    timeout: options.busyTimeoutMs ?? 5000,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  db.function('fold_text', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? foldText(s) : s));
  return db;
}
