// The worker that reads the calls' columns into shared memory (./call-columns) for the read pool,
// once per state of the archive: about 3 s of CPU per million calls, off every lane. Started from
// the import worker's entry (role 'columns'); it answers once and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive } from '../store/archive';
import { buildCallColumns } from './call-columns';
import type { ColumnsReply, ReadWorkerData } from './read-protocol';
import { lowerThisThreadsPriority } from './thread-priority';

const data = workerData as ReadWorkerData;
lowerThisThreadsPriority();
let reply: ColumnsReply;
try {
  const archive = openArchive(data.path, { readonly: true });
  try {
    reply = { columns: buildCallColumns(archive.db) };
  } finally {
    archive.close();
  }
} catch (err) {
  reply = { columns: null, error: String((err as Error).message ?? err) };
}
parentPort?.postMessage(reply);
