// The `callscope` command bundled once per test process, for tests that spawn it because the process
// is what they test (its standard input, a bash pipe, kill -9, SIGTERM) and not tsx's bootstrap.
// bin/callscope.mjs registers tsx, whose loader then resolves and transforms the CLI's modules in
// the new process and again in each worker thread the command starts (the import thread, a read
// pool's four lanes): 0.9-1.9 s a start against 0.3-0.4 s for the bundle (measured: convert of 8
// calls 0.86 -> 0.33 s, an import of 8 calls 1.88 -> 0.43 s). test/archive/cli.test.ts keeps a
// spawned run of bin/callscope.mjs itself, proving the bin as a user runs it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForThisProcess } from './worker-entry';

let bin: string | undefined;

/**
 * A script to run with `node` as bin/callscope.mjs is run: the CLI and the import worker's entry
 * bundled into test-results/test-cli/<pid>/ of the checkout. Three levels below the checkout, as
 * src/main/server/renderer-build.ts is below it, so the bundled `serve` finds out/renderer; inside the
 * checkout, so the external packages resolve from node_modules. The CLI starts its worker threads
 * from `import-worker-tsx.mjs` beside its own module (src/main/import/run-import.ts,
 * sourceWorkerEntry): here that name loads the bundled worker entry instead of registering tsx.
 */
export function bundledCliBin(): string {
  if (bin) return bin;
  const outdir = bundleForThisProcess('test-cli', {
    cli: 'src/main/cli/index.ts',
    'import-worker': 'src/main/import/import-worker.ts',
  });
  writeFileSync(join(outdir, 'import-worker-tsx.mjs'), "await import('./import-worker.mjs');\n");
  // What bin/callscope.mjs does after registering tsx.
  const script = join(outdir, 'callscope.mjs');
  writeFileSync(
    script,
    "const { main } = await import('./cli.mjs');\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
  bin = script;
  return bin;
}
