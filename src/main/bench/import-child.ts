// Runs one import in its own process for the import bench, so that the peak
// RSS measured is the import's own (main thread + worker), not the bench's.
// Prints one JSON line: { seconds, cpuSeconds, records, maxRssMb }.
// CALLSCOPE_IMPORT_THREADS=1: everything in the import thread (no parse or derive
// worker: a one-core machine's import); else the default pool.
import { openArchive } from '../store/archive';
import { importFiles } from '../import/run-import';

const [dbPath, timeZone, ...files] = process.argv.slice(2) as [string, string, ...string[]];
const oneThread = process.env.CALLSCOPE_IMPORT_THREADS === '1';
openArchive(dbPath, { create: true }).close();
const t0 = performance.now();
const records = await importFiles(dbPath, files, { timeZone, singleThread: oneThread });
const seconds = (performance.now() - t0) / 1000;
const use = process.resourceUsage();
const cpuSeconds = (use.userCPUTime + use.systemCPUTime) / 1e6;
process.stdout.write(JSON.stringify({ seconds, cpuSeconds, records, maxRssMb: use.maxRSS / 1024 }) + '\n');
