// Worker-thread entry of an import (started by importFiles, ./run-import; the
// Electron bundle's `import-worker?modulePath`). One entry, two roles, so a
// bundle needs no second entry: the import thread (./import-thread: reads the
// files, writes the archive) and, started by it from this same entry with
// workerData.role = 'derive', its derive worker (./derive-thread: runs the
// engine). Each role loads only its own modules.
import { workerData } from 'node:worker_threads';
import type { DeriveWorkerData } from './derive-worker';

if ((workerData as Partial<DeriveWorkerData> | null)?.role === 'derive') void import('./derive-thread');
else void import('./import-thread');
