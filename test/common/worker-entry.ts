// The import worker's entry (src/main/import/import-worker.ts) bundled, for tests that need a worker
// thread but not the source bootstrap: the bundle the CLI's threads run (src/main/cli/worker-bundle.ts,
// built once per version of the sources and shared by the test processes). The source entry
// (import-worker-tsx.mjs) registers tsx inside each new thread, whose loader then transforms and
// resolves every module: about a second of CPU per thread started, against a few tenths for the
// bundle. The source entry keeps tests of its own (test/archive/derive-worker.test.ts).
import { buildSync } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledWorkerEntry as cliWorkerEntry, NODE_BUNDLE } from '../../src/main/cli/worker-bundle';
import type { ImportWorkerEntry } from '../../src/main/import/run-import';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A path, not a URL: it serves ImportWorkerEntry (importFiles, ReadPool) and DeriveWorkerEntry alike. */
type BundledEntry = ImportWorkerEntry & { path: string; execArgv: string[] };
let bundled: BundledEntry | undefined;

/** The CLI's worker bundle (built if missing); a failed build fails the test with esbuild's reason. */
export function bundledWorkerEntry(): BundledEntry {
  if (bundled) return bundled;
  let why = '';
  const entry = cliWorkerEntry({ root: ROOT, onFallback: (reason) => (why = reason) });
  if (entry === null) throw new Error(`the worker bundle could not be built: ${why}`);
  bundled = { path: String(entry.path), execArgv: [] };
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
    ...NODE_BUNDLE,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(ROOT, path)])),
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
