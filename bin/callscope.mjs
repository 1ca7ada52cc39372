#!/usr/bin/env node
// The `callscope` command under plain Node. TypeScript sources run through tsx's
// loader, so the CLI works from a fresh install without a build step. The worker
// threads a command starts run a bundle of the sources built on first use
// (src/main/cli/worker-bundle.ts), not the sources through tsx. On Linux an
// import runs in a child process with glibc's malloc tuned (./import-malloc.mjs).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { endAsRelaunched, importMallocEnv } from './import-malloc.mjs';

// Standard output that cannot be written is said in one line, never as a stack trace: a reader
// that went away (`callscope search … | head -1`) ends the command quietly with 0, as Unix tools
// stop; a full disk or any other failure exits 1 (`> /dev/full` used to end 0 or with a trace).
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  const why = err.code === 'ENOSPC' ? 'the disk is full' : err.message;
  process.stderr.write(`callscope: cannot write the output: ${why}\n`);
  process.exit(1);
});

const args = process.argv.slice(2);
const env = importMallocEnv(args);
if (env !== null) {
  await endAsRelaunched(fileURLToPath(import.meta.url), args, env);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const { main } = await import('../src/main/cli/index.ts');
  const { lazyWorkerHost } = await import('../src/main/cli/worker-bundle.ts');
  process.exitCode = await main(args, lazyWorkerHost(root));
}
