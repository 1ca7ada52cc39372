// better-sqlite3 for Electron's ABI: scripts/postinstall.mjs builds (or
// downloads) a second copy under node_modules/.callscope-electron; main points
// CALLSCOPE_SQLITE_BINDING at it before any database opens, and the store
// (src/main/store/native.ts) and the import worker (which inherits the
// environment) load it with better-sqlite3's nativeBinding option.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_LINE_MAX, firstLine } from '../../shared/text/first-line';

export const ELECTRON_COPY_DIR = join('node_modules', '.callscope-electron');

export function electronBindingPath(appPath: string): string {
  return join(appPath, ELECTRON_COPY_DIR, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** The Electron version the copy was built for (postinstall writes it), or null when unknown. */
export function builtForElectron(appPath: string): string | null {
  try {
    return readFileSync(join(appPath, ELECTRON_COPY_DIR, 'electron-version'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * Sets env.CALLSCOPE_SQLITE_BINDING to the Electron copy unless the user set it.
 * Returns a warning line when the copy is missing or was built for another
 * Electron version (the first database open would then fail with an ABI error).
 */
export function useElectronBinding(
  appPath: string,
  electronVersion: string,
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = existsSync,
): string | null {
  if (env['CALLSCOPE_SQLITE_BINDING']) return null;
  const binding = electronBindingPath(appPath);
  if (!exists(binding)) return `better-sqlite3 has no Electron build at ${binding}`;
  env['CALLSCOPE_SQLITE_BINDING'] = binding;
  const built = builtForElectron(appPath);
  if (built && built !== electronVersion)
    return `better-sqlite3 was built for Electron ${built}, this is Electron ${electronVersion}`;
  return null;
}

/**
 * The packaged app: better-sqlite3 inside it was rebuilt for Electron by electron-builder and unpacked
 * from ASAR (electron-builder.config.mjs). A CALLSCOPE_SQLITE_BINDING from the environment (a development
 * override) is replaced by that path, so that nobody can make the packaged app load another native module.
 */
export function usePackagedBinding(
  resourcesPath: string,
  env: NodeJS.ProcessEnv = process.env,
  exists: (p: string) => boolean = existsSync,
): string | null {
  const binding = join(
    resourcesPath,
    'app.asar.unpacked',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  env['CALLSCOPE_SQLITE_BINDING'] = binding;
  return exists(binding) ? null : `the packaged better-sqlite3 is missing at ${binding}`;
}

const ABI_ERROR = /NODE_MODULE_VERSION|did not self-register|better_sqlite3\.node|Could not locate the bindings file/;

/** One line for the start-up error box; native-module failures get what to do about them. */
export function startFailureMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (ABI_ERROR.test(text)) {
    return (
      'The SQLite module is not built for this Electron version. ' +
      'Run `node scripts/postinstall.mjs` (needs network access) and start again.'
    );
  }
  return firstLine(text, 'unexpected error', FIRST_LINE_MAX);
}
