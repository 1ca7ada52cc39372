// The demo archive: on first start without an archive, Callscope shows
// simulated calls from a fixed seed (resources/demo/demo-settings.json), in an
// archive marked is_demo. Built under a temporary name and renamed when
// complete, so an interrupted first start never leaves a half archive behind.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import settings from '../../../resources/demo/demo-settings.json';
import { importFiles, type ImportFilesOptions } from '../import/run-import';
import { openArchive, readMeta } from '../store/archive';
import { userDataDir } from './data-dir';
import { companionPaths, writeSimulatedExport } from './write-export';

export const DEMO_SETTINGS = {
  seed: settings.seed,
  calls: settings.calls,
  days: settings.days,
  timeZone: settings.timeZone,
  startDate: settings.startDate,
} as const;

export function defaultDemoPath(): string {
  return join(userDataDir(), 'demo.sqlite');
}

export interface DemoOptions {
  /** Smaller demo for tests; default DEMO_SETTINGS.calls. */
  calls?: number;
  /** The import worker (the Electron adapter passes its bundled one). */
  worker?: ImportFilesOptions['worker'];
}

/** True when `path` is a complete archive marked as demo data. */
export function isDemoArchive(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const archive = openArchive(path, { readonly: true });
    try {
      return readMeta(archive.db).is_demo === '1';
    } finally {
      archive.close();
    }
  } catch {
    return false;
  }
}

/** Writes the demo export to a temporary folder, imports it into a new demo archive at `path`. */
export async function createDemoArchive(
  path: string,
  options: DemoOptions = {},
): Promise<{ path: string; calls: number; rows: number }> {
  mkdirSync(dirname(path), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'callscope-demo-'));
  const building = `${path}.building-${process.pid}`;
  try {
    const out = join(work, 'demo-call-events.csv');
    const result = await writeSimulatedExport({ ...DEMO_SETTINGS, calls: options.calls ?? DEMO_SETTINGS.calls, out });
    const c = companionPaths(out);
    openArchive(building, { create: true, isDemo: true }).close();
    const records = await importFiles(
      building,
      [c.agents, c.queues, c.menus, c.enqreg, c.variables, c.agentEvents, out],
      {
        timeZone: DEMO_SETTINGS.timeZone,
        worker: options.worker,
      },
    );
    const failed = records.find((r) => r.status !== 'done');
    if (failed) throw new Error(`demo import of ${failed.fileName ?? 'a file'} ended ${failed.status}`);
    // Fold the WAL into the file so that the one renamed file is the whole archive.
    const done = openArchive(building);
    done.db.pragma('wal_checkpoint(TRUNCATE)');
    done.close();
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    renameSync(building, path);
    return { path, calls: result.calls, rows: result.rows };
  } finally {
    rmSync(work, { recursive: true, force: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  }
}

let pending: Promise<string> | null = null;

/** The demo archive's path, creating it on first call (later calls and later starts reuse it). */
export function ensureDemoArchive(options: DemoOptions = {}): Promise<string> {
  pending ??= (async () => {
    const path = defaultDemoPath();
    if (isDemoArchive(path)) return path;
    // Something else sits there (damaged, or from another Callscope version): keep it aside, never destroy it.
    if (existsSync(path)) {
      const aside = `${path}.unusable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(path, aside);
      for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    }
    await createDemoArchive(path, options);
    return path;
  })().finally(() => {
    pending = null;
  });
  return pending;
}
