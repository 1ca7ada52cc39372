// Opens a better-sqlite3 connection with the native binding of the running
// runtime: Electron's ABI differs from Node's, so scripts/postinstall.mjs builds
// a second copy for Electron under node_modules/.callscope-electron (one install
// serves both; see docs/archive.md).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

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
}

export function openDatabase(path: string, options: OpenDbOptions = {}): Db {
  const nativeBinding = electronBinding();
  return new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    timeout: options.busyTimeoutMs ?? 5000,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}
