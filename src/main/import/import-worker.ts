// Entry of an import's threads (started by importFiles, ./run-import; the Electron
// bundle's `import-worker?modulePath`). One entry, several roles, so a bundle
// needs no second entry: the import thread (./import-thread: reads the files,
// writes the archive), or the same work as a process of its own (the app's
// imports: ./import-process), and, started from this same entry with
// workerData.role, its derive and parse workers and the app's read threads.
// Each role loads only its own modules.
import { isMainThread, workerData } from 'node:worker_threads';

const role = (workerData as { role?: string } | null)?.role;
if (role === 'derive') void import('./derive-thread');
// The parse worker (./parse-worker): reads and interprets a file while the import thread writes.
else if (role === 'parse') void import('./parse-thread');
// A read worker of the search pool (src/main/api/read-pool.ts) shares this entry too.
else if (role === 'read') void import('../api/read-thread');
// The columns of the calls in memory for the read pool (src/main/api/columns-thread.ts).
else if (role === 'columns') void import('../api/columns-thread');
// The upgrade of an archive of an older schema opened by the app (api-host/opening.ts).
else if (role === 'upgrade') void import('../store/upgrade-thread');
// Started as a process of its own (the app's imports: ./import-process-host.ts): the import thread's work.
else if (isMainThread) void import('./import-process').then((m) => m.runImportProcess());
else void import('./import-thread').then((m) => m.runImportThread());
