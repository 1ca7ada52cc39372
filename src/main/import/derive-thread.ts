// The derive worker's thread (loaded by ./import-worker for role 'derive'):
// answers the import thread's jobs (./derive-worker). Loads the engine only.
import { parentPort } from 'node:worker_threads';
import { serveDerive } from './derive-worker';

if (parentPort) serveDerive(parentPort);
