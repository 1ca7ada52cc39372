// Scenario archives for the evidence tests: each hand-written scenario of
// resources/samples/scenarios imported (with the shared companion tables) into an archive of its own.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../../src/main/import/file-import';
import { readerOpener } from '../../src/main/import/source';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { freshArchive, TZ } from '../archive/helpers';

export const SCENARIO_DIR = fileURLToPath(new URL('../../resources/samples/scenarios', import.meta.url));
const files = readdirSync(SCENARIO_DIR);
export const SCENARIOS = files
  .filter((f) => f.endsWith('.golden.json'))
  .map((f) => f.slice(0, -'.golden.json'.length))
  .sort();

export async function scenarioArchive(name: string) {
  const own = files.filter((f) => f === `${name}.csv` || (f.startsWith(`${name}.`) && f.endsWith('.csv'))).sort();
  const { archive, path, dir } = freshArchive();
  // In this thread, companions first: importFiles would start a worker thread that loads the import
  // code from source again (about a second per scenario); the worker has tests of its own (test/archive).
  for (const f of ['agents.csv', 'queues.csv', ...own]) {
    const r = await importFile(archive.db, join(SCENARIO_DIR, f), { timeZone: TZ, open: readerOpener });
    if (r.status !== 'done') throw new Error(`scenario ${name}: ${f} was not imported (${r.status}: ${r.message})`);
  }
  const api = new SqliteArchiveApi(archive);
  const callIds = archive.db.prepare('SELECT call_id FROM calls ORDER BY start_ms, call_id').pluck().all() as string[];
  return { archive, api, path, dir, callIds };
}
