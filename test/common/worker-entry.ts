// The import worker's entry (src/main/import/import-worker.ts) bundled once per test process, for
// tests that need a worker thread but not the source bootstrap. The source entry
// (import-worker-tsx.mjs) registers tsx inside each new thread, whose loader then transforms and
// resolves every module: about a second of CPU per thread started, against a few tenths for the
// bundle, as the Electron build ships it. The source entry keeps tests of its own (the CLI's
// spawned imports, test/archive/derive-worker.test.ts).
import { buildSync } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportWorkerEntry } from '../../src/main/import/run-import';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A path, not a URL: it serves ImportWorkerEntry (importFiles, ReadPool) and DeriveWorkerEntry alike. */
type BundledEntry = ImportWorkerEntry & { path: string; execArgv: string[] };
let bundled: BundledEntry | undefined;

/**
 * The worker entry bundled, in test-results/ of the checkout (git-, lint- and format-ignored, as
 * test/shell/main-bundle's build): inside it, the bundle resolves node_modules as the source does.
 */
export function bundledWorkerEntry(): BundledEntry {
  if (bundled) return bundled;
  const outdir = bundleForThisProcess('test-worker', { 'import-worker': 'src/main/import/import-worker.ts' });
  bundled = { path: join(outdir, 'import-worker.mjs'), execArgv: [] };
  return bundled;
}

/**
 * Bundles the entries (output name → source path from the checkout) as the Electron build would,
 * into test-results/<dir>/<pid>/ (the bundles of ended test processes removed first); the folder.
 */
export function bundleForThisProcess(dir: string, entries: Record<string, string>): string {
  const parent = join(ROOT, 'test-results', dir);
  removeBundlesOfEndedProcesses(parent);
  const outdir = join(parent, String(process.pid));
  buildSync({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(ROOT, path)])),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    outdir,
    logLevel: 'error',
  });
  return outdir;
}

/** Vitest ends its test processes with a signal (no 'exit' handler runs): the next run removes their bundles. */
function removeBundlesOfEndedProcesses(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) if (!isRunning(Number(name))) rmSync(join(parent, name), { recursive: true, force: true });
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
