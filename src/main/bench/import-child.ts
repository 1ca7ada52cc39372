// Runs one import in its own process for the import bench, so that the peak
// RSS measured is the import's own (main thread + worker), not the bench's.
// Prints one JSON line: { seconds, records, maxRssMb }.
import { openArchive } from '../store/archive';
import { importFiles } from '../import/run-import';

const [dbPath, timeZone, ...files] = process.argv.slice(2) as [string, string, ...string[]];
openArchive(dbPath, { create: true }).close();
const t0 = performance.now();
const records = await importFiles(dbPath, files, { timeZone });
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds, records, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
