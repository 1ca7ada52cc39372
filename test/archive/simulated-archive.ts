// A simulated export (every file kind, re-deliveries, records kept as exported) imported into a new
// archive in this thread (the data is tested, not the worker), built once per size and seed; each test
// gets a copy of its own (upgrade tests rewrite it). And what a reader sees of every call, to compare an
// archive before and after a rewrite of its storage; archives opened for a test and closed after it,
// and the upgrade cut off midway.
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { importFiles } from '../../src/main/import/run-import';
import { writeSimulatedExport } from '../../src/main/simulator/write-export';
import { openArchive, type Archive } from '../../src/main/store/archive';
import type { Db } from '../../src/main/store/native';
import type { UpgradeProgress } from '../../src/main/store/schema';
import { tempDir } from './fixtures';
import { TZ } from './helpers';

async function buildSimulatedArchive(calls: number, seed: number): Promise<string> {
  const dir = tempDir();
  await writeSimulatedExport({ calls, seed, timeZone: TZ, out: join(dir, 'sim.csv'), deliveries: 2 });
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f));
  const path = join(dir, 'a.db');
  openArchive(path, { create: true }).close();
  const records = await importFiles(path, files, { timeZone: TZ, chunkRows: 100, inProcess: true });
  expect(records.every((r) => r.status === 'done')).toBe(true);
  return path;
}

const built = new Map<string, Promise<string>>();

/** The path of a fresh copy of the simulated archive of `calls` calls and `seed`. */
export async function simulatedArchiveCopy(calls: number, seed: number): Promise<string> {
  const key = `${calls}:${seed}`;
  let original = built.get(key);
  if (!original) built.set(key, (original = buildSimulatedArchive(calls, seed)));
  const path = join(tempDir(), 'a.db');
  copyFileSync(await original, path);
  return path;
}

/** Every call's detail (raw rows with their values, sources) and contract JSON, by call id. */
export async function everyCallDetail(a: Archive): Promise<Map<string, unknown>> {
  const api = new SqliteArchiveApi(a);
  const out = new Map<string, unknown>();
  for (const id of a.db.prepare('SELECT call_id FROM calls ORDER BY call_id').pluck().all() as string[]) {
    const d = await api.calls.get(id);
    out.set(id, { json: api.contractJson(id), rawRows: d?.rawRows, sources: d?.eventSources });
  }
  return out;
}

type OpenOptions = NonNullable<Parameters<typeof openArchive>[1]>;

/**
 * Archives a test file opens, each closed after its test, or before by closeAll (a test that rewrites
 * the file by hand). Call once at the top level of the file: it registers the afterEach.
 */
export function archivesClosedAfterEach(): {
  open: (path: string, options?: OpenOptions) => Archive;
  closeAll: () => void;
} {
  const opened: Archive[] = [];
  const closeAll = (): void => {
    for (const a of opened.splice(0)) a.close();
  };
  afterEach(closeAll);
  const open = (path: string, options: OpenOptions = {}): Archive => {
    const a = openArchive(path, options);
    opened.push(a);
    return a;
  };
  return { open, closeAll };
}

/**
 * Opens the archive for writing and cuts the power (a throw from the progress callback) while its
 * upgrade to `version` runs, once `midway` holds (by default: after its first progress); the open fails.
 */
export function expectUpgradeCutOff(
  path: string,
  version: number,
  midway: (p: UpgradeProgress) => boolean = (p) => p.done > 0,
): void {
  expect(() =>
    openArchive(path, {
      onUpgrade: (p) => {
        if (p.toVersion === version && midway(p)) throw new Error('power cut (simulated)');
      },
    }),
  ).toThrow(/power cut/);
}

/** Every table, index, view and trigger with its SQL: an upgraded archive's schema against a new one's. */
export function schemaOf(db: Db): { type: string; name: string; tbl_name: string; sql: string | null }[] {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
}

/** Bytes of the tables whose names are given and of their indexes, from dbstat. */
export function bytesOf(db: Db, tables: readonly string[]): number {
  const marks = tables.map(() => '?').join(',');
  return db
    .prepare(`SELECT sum(pgsize) FROM dbstat d JOIN sqlite_schema s ON s.name = d.name WHERE s.tbl_name IN (${marks})`)
    .pluck()
    .get(...tables) as number;
}
