// Scenario archives for the evidence tests: each hand-written scenario of
// resources/samples/scenarios imported (with the shared companion tables) into an archive of its own.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFiles } from '../../src/main/import/run-import';
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
  await importFiles(
    archive,
    ['agents.csv', 'queues.csv', ...own].map((f) => join(SCENARIO_DIR, f)),
    { timeZone: TZ, singleThread: true },
  );
  const api = new SqliteArchiveApi(archive);
  const callIds = archive.db.prepare('SELECT call_id FROM calls ORDER BY start_ms, call_id').pluck().all() as string[];
  return { archive, api, path, dir, callIds };
}
