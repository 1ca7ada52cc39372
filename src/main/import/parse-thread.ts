// The parse worker's thread (loaded by ./import-worker for role 'parse'): reads
// the file the import thread names and posts its records (./parse-worker).
import { parentPort } from 'node:worker_threads';
import { serveParse } from './parse-worker';

if (parentPort) serveParse(parentPort);
