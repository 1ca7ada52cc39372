// The checkout's out/ (main, preload, renderer as electron-vite builds them) made a build of the
// sources as they are, once, for every test that needs the built app: main-bundle.test.ts starts its
// main process, serve-cli.test.ts's `callscope serve` and scripts.test.ts's `npm start` serve its
// renderer (each built out/ when it was missing, main-bundle a folder of its own every run: in a
// clean clone two builds of about 6 CPU-s and 6 s each). A stamp (test-results/app-build.json)
// names the sources' hash and the build's files' times, so a stale out/ (older sources, or rebuilt
// since by `electron-vite dev`) cannot fool a test: it is built again.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'out');
/** Beside the tests' other outputs, not in out/, which `npm run package` ships whole. */
const STAMP = join(ROOT, 'test-results', 'app-build.json');
/** What the build reads besides node_modules (whose state package-lock.json names). */
const INPUTS = ['src', 'resources/demo', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];
const PARTS = ['main', 'preload', 'renderer'];
/** A file of each part: its time tells whether the part was rebuilt after the stamp. */
const MARKS = ['main/index.js', 'preload/index.cjs', 'renderer/index.html'];

let built: string | undefined;

/** out/ of the checkout, built for the sources as they are now when it is not: its path. */
export function builtApp(): string {
  if (built) return built;
  const hash = sourceHash();
  if (readStamp() !== stamp(hash)) build(hash);
  built = OUT;
  return OUT;
}

/**
 * Builds into a folder of this process (test-results/, git-, lint- and format-ignored), then moves
 * each part into out/: a part is never half written where a test (or another test process) reads it.
 */
function build(hash: string): void {
  const tmp = join(ROOT, 'test-results', `app-build-${process.pid}`);
  const bin = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build', '--outDir', tmp, '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`electron-vite build failed: ${r.stderr}`);
  mkdirSync(OUT, { recursive: true });
  for (const part of PARTS) {
    rmSync(join(OUT, part), { recursive: true, force: true });
    try {
      renameSync(join(tmp, part), join(OUT, part));
    } catch (err) {
      // Another test process moved its build of the same sources in between: that one stays.
      if (!existsSync(join(OUT, part))) throw err;
    }
  }
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(STAMP, stamp(hash));
}

/** The stamp of a build of these sources: their hash and the times of the build's marks as they are now. */
function stamp(hash: string): string {
  const times = MARKS.map((m) => {
    try {
      return statSync(join(OUT, m)).mtimeMs;
    } catch {
      return null; // a part missing: no stamp can match
    }
  });
  return JSON.stringify({ hash, times });
}

function readStamp(): string | null {
  try {
    return readFileSync(STAMP, 'utf8');
  } catch {
    return null;
  }
}

/** sha256 over the inputs' paths and contents, in a fixed order. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const add = (path: string): void => {
    const full = join(ROOT, path);
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(join(path, name));
    } else {
      hash.update(`${path}\0`);
      hash.update(readFileSync(full));
      hash.update('\0');
    }
  };
  for (const input of INPUTS) add(input);
  return hash.digest('hex').slice(0, 16);
}
