// A simulated archive for the statistics property tests: a simulated export
// imported by the real import, and its calls read back through ArchiveApi.calls.get.
import { join } from 'node:path';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import { companionPaths, writeSimulatedExport } from '../../src/main/simulator/write-export';
import { openArchive, type Archive } from '../../src/main/store/archive';
import type { StatsCall } from '../../src/shared/statistics';
import { tempDir } from '../archive/fixtures';

export const SIM_ZONE = 'Europe/Copenhagen';

export interface SimulatedArchive {
  archive: Archive;
  api: SqliteArchiveApi;
  calls: StatsCall[];
  close(): void;
}

export async function simulatedArchive(calls: number, seed: number, days = 10): Promise<SimulatedArchive> {
  const dir = tempDir();
  const out = join(dir, 'sim.csv');
  // Starts a week before the spring daylight-saving change, so periods cross it.
  await writeSimulatedExport({ calls, seed, days, out, startDate: '2026-03-23', timeZone: SIM_ZONE });
  const c = companionPaths(out);
  const path = join(dir, 'archive.db');
  openArchive(path, { create: true }).close();
  await importFiles(path, [c.agents, c.queues, c.menus, c.enqreg, c.variables, out], {
    timeZone: SIM_ZONE,
    inProcess: true,
  });
  const archive = openArchive(path);
  const api = new SqliteArchiveApi(archive);
  const ids = archive.db.prepare('SELECT call_id, contact_key FROM calls ORDER BY id').all() as {
    call_id: string;
    contact_key: string | null;
  }[];
  const list: StatsCall[] = [];
  for (const { call_id, contact_key } of ids) {
    const detail = await api.calls.get(call_id);
    if (detail) list.push({ ...detail.call, contactKey: contact_key });
  }
  return {
    archive,
    api,
    calls: list,
    close: () => {
      api.close();
      archive.close();
    },
  };
}
