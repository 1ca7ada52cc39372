// The worker that reads the calls' columns into shared memory (./call-columns) for the read pool,
// once per state of the archive: about 6 s of CPU per million calls for the filters and sorts, as
// much again for the text, off every lane. Started from the import worker's entry (role 'columns');
// it answers twice (without, then with the text columns) and ends.
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive } from '../store/archive';
import { buildCallColumns, readsTextColumns } from './call-columns';
import { buildTextColumns, type DistinctNumbers } from './call-text-columns';
import type { ColumnsReply, ReadWorkerData } from './read-protocol';
import { lowerThisThreadsPriority } from './thread-priority';

const data = workerData as ReadWorkerData;
lowerThisThreadsPriority();
const post = (reply: ColumnsReply) => parentPort?.postMessage(reply);
try {
  const archive = openArchive(data.path, { readonly: true });
  try {
    // One read transaction for both parts: the text columns belong to the same state as the others.
    archive.db.exec('BEGIN');
    const numbers: DistinctNumbers = { callers: [], accesses: [] }; // filled by the first part, for the second
    const columns = buildCallColumns(archive.db, undefined, { text: false, numbers });
    post({ columns, final: columns === null });
    if (columns && readsTextColumns(columns.count))
      post({ columns: { ...columns, text: buildTextColumns(archive.db, columns, numbers) }, final: true });
    else if (columns) post({ columns: null, final: true }); // the filters' columns stay; texts go to the index
    archive.db.exec('COMMIT');
  } finally {
    archive.close();
  }
} catch (err) {
  post({ columns: null, final: true, error: String((err as Error).message ?? err) });
}
