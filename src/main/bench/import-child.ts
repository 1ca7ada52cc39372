// Runs one import in its own process for the import bench, so that the peak
// RSS measured is the import's own (main thread + worker), not the bench's.
// Prints one JSON line: { seconds, cpuSeconds, records, maxRssMb, threads, importProcess }
// (threads: each thread's CPU seconds, busiest first, where Linux's /proc tells; else null).
// CALLSCOPE_IMPORT_THREADS=1: everything in the import thread (no parse or derive
// worker: a one-core machine's import); CALLSCOPE_IMPORT_CORES=N: the threads an
// N-core machine would run (thread-layout.ts); else this machine's. CALLSCOPE_IMPORT_WORKER: the
// worker entry (the CLI's bundle, set by runChild); else the TypeScript sources through tsx.
// CALLSCOPE_IMPORT_AS_APP=1: the app's way, the import in a process of its own started from here
// (import-process-host.ts); `importProcess` then has that process's own peak RSS and CPU.
import { openArchive } from '../store/archive';
import { importFiles } from '../import/run-import';
import { nodeImportProcess } from '../import/import-process-host';
import { ThreadCpuSampler } from './thread-cpu';

const [dbPath, timeZone, ...files] = process.argv.slice(2) as [string, string, ...string[]];
const oneThread = process.env.CALLSCOPE_IMPORT_THREADS === '1';
const cores = process.env.CALLSCOPE_IMPORT_CORES ? Number(process.env.CALLSCOPE_IMPORT_CORES) : undefined;
openArchive(dbPath, { create: true }).close();
const sampler = new ThreadCpuSampler();
const t0 = performance.now();
// The worker threads as the CLI runs them: the bundle runChild found or built (cli/worker-bundle.ts).
const bundle = process.env.CALLSCOPE_IMPORT_WORKER;
const asApp = process.env.CALLSCOPE_IMPORT_AS_APP === '1';
const entry = bundle ? { path: bundle, execArgv: [] } : undefined;
const worker = asApp && entry ? { ...entry, importProcess: nodeImportProcess } : entry;
let importProcess: { maxRssMb: number; cpuSeconds: number } | null = null;
const records = await importFiles(dbPath, files, {
  timeZone,
  singleThread: oneThread,
  cores,
  worker,
  onProcessUsage: (u) => (importProcess = u),
});
const seconds = (performance.now() - t0) / 1000;
const threads = sampler.stop();
const use = process.resourceUsage();
const cpuSeconds = (use.userCPUTime + use.systemCPUTime) / 1e6;
process.stdout.write(
  JSON.stringify({ seconds, cpuSeconds, records, maxRssMb: use.maxRSS / 1024, threads, importProcess }) + '\n',
);
