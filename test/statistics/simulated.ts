// A simulated archive for the statistics property tests: a simulated export
// imported by the real import, and its calls read back through ArchiveApi.calls.get.
import { join } from 'node:path';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import { companionPaths, writeSimulatedExport } from '../../src/main/simulator/write-export';
import { openArchive, type Archive } from '../../src/main/store/archive';
import type { ArchiveCall } from '../../src/shared/model/archive-call';
import type { StatsCall } from '../../src/shared/statistics';
import { tempDir } from '../archive/fixtures';

export const SIM_ZONE = 'Europe/Copenhagen';

export interface SimulatedArchive {
  archive: Archive;
  api: SqliteArchiveApi;
  /** Every call as the statistics read it: read on first use (drill-down needs only the API). */
  readonly calls: StatsCall[];
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
  let list: StatsCall[] | undefined;
  return {
    archive,
    api,
    get calls() {
      return (list ??= statsCallsOf(archive, api));
    },
    close: () => {
      api.close();
      archive.close();
    },
  };
}

/**
 * Every call of an archive as the statistics read it (with its contact key), in id order: the call of
 * ArchiveApi.calls.get, which is its contract JSON parsed (sqlite-archive-api.ts getCall). Read as that
 * JSON alone: the detail's raw rows, event sources and attempts, which no figure reads, cost more than
 * half of calls.get's time.
 */
export function statsCallsOf(archive: Archive, api: SqliteArchiveApi): StatsCall[] {
  const ids = archive.db.prepare('SELECT call_id, contact_key FROM calls ORDER BY id').all() as {
    call_id: string;
    contact_key: string | null;
  }[];
  const list: StatsCall[] = [];
  for (const { call_id, contact_key } of ids) {
    const json = api.contractJson(call_id);
    if (json !== null) list.push({ ...(JSON.parse(json) as ArchiveCall), contactKey: contact_key });
  }
  return list;
}

/**
 * A simulated export in four deliveries cut in time (later parts re-deliver calls in progress,
 * complete: re-derived in place), imported with the first two parts before the companion tables
 * (naming the agents then re-derives their calls). Returns the archive's path.
 */
export async function cutDeliveriesArchive(options: { calls: number; days: number; seed: number }): Promise<string> {
  const dir = tempDir();
  const out = join(dir, 'cut.csv');
  const result = await writeSimulatedExport({
    ...options,
    out,
    deliveries: 4,
    startDate: '2026-03-23',
    timeZone: SIM_ZONE,
  });
  const parts = result.files.slice(0, 4);
  const c = companionPaths(out);
  const path = join(dir, 'archive.db');
  openArchive(path, { create: true }).close();
  const opts = { timeZone: SIM_ZONE, inProcess: true };
  await importFiles(path, parts.slice(0, 2), opts);
  await importFiles(path, [c.agents, c.queues, c.menus, c.enqreg, c.variables], opts);
  await importFiles(path, parts.slice(2), opts);
  return path;
}
