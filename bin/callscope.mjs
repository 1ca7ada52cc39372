#!/usr/bin/env node
// The `callscope` command under plain Node. TypeScript sources run through tsx's
// loader, so the CLI works from a fresh install without a build step. The worker
// threads a command starts run a bundle of the sources built on first use
// (src/main/cli/worker-bundle.ts), not the sources through tsx. On Linux an
// import runs in a child process with glibc's malloc tuned (./import-malloc.mjs).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { endAsRelaunched, importMallocEnv } from './import-malloc.mjs';

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
