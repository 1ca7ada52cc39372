#!/usr/bin/env node
// The `callscope` command under plain Node. TypeScript sources run through tsx's
// loader, so the CLI works from a fresh install without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
