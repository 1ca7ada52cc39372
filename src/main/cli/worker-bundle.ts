// The worker threads of the `callscope` command (the import thread and its parse and derive workers,
// a read pool's lanes, the upgrade) run one esbuild bundle of import-worker.ts instead of the
// TypeScript sources through tsx. Each thread that registers tsx gets a module-loader thread and a
// transform pass of its own: at a 200,000-call import in a 4-core laptop's thread layout that cost
// 50 MB more peak RSS (413–415 against 360–364 MB) and 11–12 more CPU-seconds (docs/archive.md,
// "Session 16 in sum"). The Electron app has its own bundle (electron-vite); this is the CLI's, and
// browser mode's (`callscope serve`).
//
// The bundle is built once per version of the sources (a hash of every file under src/main and
// src/shared, of package.json and of esbuild's version), in about 150 ms, into
// node_modules/.cache/callscope/workers. Where it cannot be built (esbuild missing, a read-only
// install), the threads load the sources through tsx as before: slower and bigger, never different.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { ImportWorkerEntry } from '../import/run-import';
import type { CliHost } from './command';
import { firstLine } from '../../shared/text/first-line';

/** The worker entry, relative to the project's root: one entry for every role (import-worker.ts). */
export const WORKER_SOURCE = 'src/main/import/import-worker.ts';
/**
 * What the hash covers: everything of ours the worker's modules can import (esbuild's metafile lists
 * these folders' files and package.json, whose version the archive records; packages stay external).
 */
const SOURCE_DIRS = ['src/main', 'src/shared'];
const SOURCE_FILES = ['package.json'];
/** Bundles not used for this long are removed when another is built. */
const KEEP_UNUSED_MS = 7 * 24 * 3600 * 1000;
/** The bundled entry's file name in its folder (.mjs: ES module whatever package.json says). */
const ENTRY_FILE = 'import-worker.mjs';

export interface WorkerBundleOptions {
  /** The project's root (the folder of package.json and src/). */
  root: string;
  /** Where bundles are kept; default <root>/node_modules/.cache/callscope/workers. */
  cacheDir?: string;
  /** Called with why the sources run through tsx instead (a failed build). */
  onFallback?: (reason: string) => void;
}

/**
 * esbuild's options for a bundle that Node runs from inside the checkout (this one, and the tests' bundles
 * of the CLI): ES modules, `.mjs` whatever package.json says, packages left to Node's resolution from
 * the bundle's folder up to the root's node_modules, and each role's modules in chunks of their own,
 * loaded by import-worker.ts's dynamic import().
 */
export const NODE_BUNDLE = {
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
} as const;

interface Esbuild {
  version: string;
  buildSync(options: Record<string, unknown>): unknown;
}

/** esbuild as this module's dependency (tsx's too), loaded only when a bundle is looked for. */
function loadEsbuild(): Esbuild {
  return createRequire(import.meta.url)('esbuild') as Esbuild;
}

/** Every file under the source folders and the source files, in a fixed order, by path and content. */
export function sourcesHash(root: string, extra = ''): string {
  const hash = createHash('sha256').update(extra);
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(`${relative(root, path)}\0`).update(readFileSync(path));
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of SOURCE_FILES)
    if (existsSync(join(root, file))) hash.update(`${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest('hex').slice(0, 20);
}

/** Removes the bundles of other source versions not used for KEEP_UNUSED_MS (best effort). */
function pruneOld(cacheDir: string, keep: string): void {
  for (const name of readdirSync(cacheDir)) {
    if (name === keep) continue;
    const path = join(cacheDir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_UNUSED_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // another process removed or is using it: leave it
    }
  }
}

/** Marks a bundle as used (not pruned); a read-only cache is not an error. */
function touch(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // read-only: the bundle is used as it is
  }
}

/**
 * The worker entry of the bundle of the current sources, built when missing; null (and onFallback)
 * where it cannot be built. Safe for processes starting at once: each builds into a folder of its
 * own and renames it into place; the first rename wins and the others use its bundle.
 */
export function bundledWorkerEntry(options: WorkerBundleOptions): ImportWorkerEntry | null {
  const { root } = options;
  const cacheDir = options.cacheDir ?? join(root, 'node_modules', '.cache', 'callscope', 'workers');
  let tmp: string | null = null;
  try {
    const esbuild = loadEsbuild();
    const key = sourcesHash(root, `esbuild ${esbuild.version}\0${WORKER_SOURCE}`);
    const dir = join(cacheDir, key);
    const entry = join(dir, ENTRY_FILE);
    if (!existsSync(entry)) {
      mkdirSync(cacheDir, { recursive: true });
      tmp = join(cacheDir, `.${key}-${process.pid}-${Date.now()}`);
      esbuild.buildSync({
        ...NODE_BUNDLE,
        absWorkingDir: root,
        entryPoints: [WORKER_SOURCE],
        outdir: tmp,
        logLevel: 'silent',
      });
      try {
        renameSync(tmp, dir);
      } catch (err) {
        if (!existsSync(entry)) throw err; // not "another process was first"
      }
      pruneOld(cacheDir, key);
    } else {
      touch(dir);
    }
    return { path: entry, execArgv: [] };
  } catch (err) {
    options.onFallback?.(firstLine(err));
    return null;
  } finally {
    if (tmp !== null) rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * bin/callscope.mjs's host: the bundle is looked for (and built) when a command first asks for its
 * worker entry, so commands that start no thread pay nothing. CALLSCOPE_DEBUG=1 prints a fallback.
 */
export function lazyWorkerHost(root: string): CliHost {
  let entry: ImportWorkerEntry | null | undefined;
  return {
    get worker() {
      entry ??= bundledWorkerEntry({
        root,
        onFallback: (why) => {
          if (process.env.CALLSCOPE_DEBUG)
            process.stderr.write(`callscope: worker threads from the sources (${why})\n`);
        },
      });
      return entry ?? undefined;
    },
  };
}
