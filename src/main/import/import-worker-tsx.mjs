// Worker bootstrap for running from the TypeScript sources (CLI, tests, bench):
// registers tsx inside the worker, then loads the real entry. (Node 20 does not
// apply `--import tsx` from a worker's execArgv to the worker's entry module.)
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
