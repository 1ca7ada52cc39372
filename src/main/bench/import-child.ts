// Runs one import in its own process for the import bench, so that the peak
// RSS measured is the import's own (main thread + worker), not the bench's.
// Prints one JSON line: { seconds, record, maxRssMb }.
import { openArchive } from '../store/archive';
import { importFiles } from '../import/run-import';

const [dbPath, file, timeZone] = process.argv.slice(2) as [string, string, string];
openArchive(dbPath, { create: true }).close();
const t0 = performance.now();
const records = await importFiles(dbPath, [file], { timeZone });
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  JSON.stringify({ seconds, record: records[0], maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n',
);
