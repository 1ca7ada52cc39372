// Bench part "import": the whole import pipeline (reader → raw rows → engine →
// calls, events, FTS; in its worker, one transaction per file) over 1,000,000 ×
// scale calls, in a child process for an honest peak RSS. Its ceiling is
// design-independent (issue #10): the same export files loaded into a fresh
// SQLite database, one all-TEXT table per file, one prepared INSERT, one
// transaction (bare-load.ts), and the sqlite3 shell's `.import` when installed.
// Then the archive's bytes against the export's, per table and index (dbstat).
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { openDatabase } from '../store/native';
import { all, sql } from '../store/sql';
import { describeLayout, threadLayout } from '../import/thread-layout';
import { IMPORT_MALLOC, importMallocEnv } from '../../../bin/import-malloc.mjs';
import { bundledWorkerEntry } from '../cli/worker-bundle';
import { bareLoad, shellImport } from './bare-load';
import { benchExport } from './bench-export';
import type { BenchContext, BenchPart } from './part';

const PART = 'import';
const RSS_GOAL_MB = 400;
const SIZE_GOAL = 2.0;
const SPEED_GOAL = 0.5;

interface ChildResult {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  records: { fileName: string; status: string; rowsRead: number; callsDerived: number; message: string | null }[];
  /** Each thread's CPU seconds, busiest first (thread-cpu.ts); null where /proc does not tell. */
  threads: number[] | null;
  /** The app's way (CALLSCOPE_IMPORT_AS_APP): the import process's own peak RSS and CPU; else null. */
  importProcess: { maxRssMb: number; cpuSeconds: number } | null;
}

interface ChildSetup {
  env: NodeJS.ProcessEnv;
  label: string;
}
let childSetup: ChildSetup | undefined;

/**
 * How the bench's import children run: as `callscope import` does, with the CLI's worker bundle (built
 * here, before a child starts, so that neither the build nor tsx's loaders count in its figures) and,
 * on Linux, glibc's malloc setting (bin/import-malloc.mjs); `label` says so in the report. Found once
 * per bench process (the sources' hash reads every source file), then the same for every child.
 */
export function importChildSetup(): ChildSetup {
  return (childSetup ??= findChildSetup());
}

function findChildSetup(): ChildSetup {
  let why = '';
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const bundle = bundledWorkerEntry({ root, onFallback: (reason) => (why = reason) });
  const malloc = importMallocEnv(['import'], process.env);
  const worker = bundle === null ? {} : { CALLSCOPE_IMPORT_WORKER: String(bundle.path) };
  const settings = Object.entries(IMPORT_MALLOC).map(([k, v]) => `${k}=${v}`);
  const label = [
    bundle === null ? `worker threads from the sources through tsx (no bundle: ${why})` : "the CLI's worker bundle",
    malloc === null ? 'glibc malloc as the environment gives it' : settings.join(' '),
  ].join('; ');
  return { env: { ...(malloc ?? process.env), ...worker }, label };
}

/** Runs one import in its own process (./import-child.ts), set up as importChildSetup says. */
export function runChild(db: string, files: string[], tz: string, env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
  const entry = fileURLToPath(new URL('./import-child.ts', import.meta.url));
  const base = importChildSetup().env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, db, tz, ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...base, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`import child exited ${code}: ${err.trim().split('\n').pop() ?? ''}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() as string) as ChildResult);
    });
  });
}

export function removeDb(path: string): void {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
}

/** Bytes per table / index after a WAL checkpoint (dbstat), biggest first, and the file's size. */
export function archiveBytes(path: string): { file: number; objects: { name: string; bytes: number }[] } {
  const db = openDatabase(path, {});
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const objects = all(
      db,
      sql<{ name: string; bytes: number }>(
        'SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC',
      ),
    );
    return { file: statSync(path).size, objects };
  } finally {
    db.close();
  }
}

export const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

/** An export imported for a bench part: the archive's path, the export's bytes and rows, the import's figures. */
export interface BenchImport {
  db: string;
  exportBytes: number;
  rows: number;
  result: ChildResult;
}

/**
 * Reports the export's size and imports it into a new archive `dbName` under the work folder, in a
 * child process (its time, CPU and peak RSS measured alone); null, with the failure reported, when a
 * file did not import.
 */
export async function importForBench(
  ctx: BenchContext,
  part: string,
  exp: { files: string[]; tz: string; source: string },
  dbName: string,
): Promise<BenchImport | null> {
  const exportBytes = exp.files.reduce((a, f) => a + statSync(f).size, 0);
  ctx.report(part, 'export', `${exp.source}, ${mb(exportBytes)} MB`);
  const db = join(ctx.workDir, dbName);
  removeDb(db);
  const result = await runChild(db, exp.files, exp.tz);
  const failed = result.records.find((x) => x.status !== 'done');
  if (failed) {
    ctx.report(part, 'import FAILED', failed.message ?? `${failed.fileName}: ${failed.status}`);
    return null;
  }
  return { db, exportBytes, rows: result.records.reduce((a, x) => a + x.rowsRead, 0), result };
}

/** Reports the archive's size after a WAL checkpoint and its ratio to the export's bytes (the #10 goal). */
export function reportArchiveSize(ctx: BenchContext, part: string, db: string, exportBytes: number) {
  const size = archiveBytes(db);
  const ratio = size.file / exportBytes;
  ctx.report(part, 'archive size (after WAL checkpoint)', mb(size.file), 'MB');
  ctx.report(
    part,
    `archive / export bytes (goal <= ${SIZE_GOAL})`,
    ratio.toFixed(2),
    ratio <= SIZE_GOAL ? 'ok' : 'ABOVE GOAL',
  );
  return size;
}

export const importBench: BenchPart = {
  name: PART,
  async run(ctx: BenchContext) {
    const exp = await benchExport(ctx, PART);
    const { files, tz } = exp;
    const imported = await importForBench(ctx, PART, exp, 'import-bench.db');
    if (!imported) return;
    const { db, exportBytes, rows, result: r } = imported;
    ctx.report(PART, 'each import runs in a process of its own with', importChildSetup().label);
    const calls = r.records.reduce((a, x) => a + x.callsDerived, 0);
    ctx.report(PART, 'rows read', rows);
    ctx.report(PART, 'calls derived', calls);
    ctx.report(
      PART,
      `pipeline wall time, default threads (${describeLayout(threadLayout())} on ${availableParallelism()} cores)`,
      r.seconds,
      's',
    );
    ctx.report(PART, 'pipeline CPU time, default threads (user + system, every thread)', r.cpuSeconds.toFixed(1), 's');
    ctx.report(PART, 'load average after the import (1 min)', (loadavg()[0] ?? 0).toFixed(1));
    ctx.report(PART, 'export rows/s end to end (goal >= 100000)', Math.round(rows / r.seconds));
    ctx.report(PART, 'pipeline calls/s', Math.round(calls / r.seconds));
    ctx.report(PART, 'peak RSS (import process)', Math.round(r.maxRssMb), 'MB');
    ctx.report(PART, `peak RSS under ${RSS_GOAL_MB} MB`, r.maxRssMb < RSS_GOAL_MB ? 'yes' : 'NO');
    reportThreads(ctx, 'default threads', r.threads);

    // Goal 4 (scales with cores): the same import with one thread for everything, in the same run.
    const dbOne = join(ctx.workDir, 'import-bench-1.db');
    removeDb(dbOne);
    const one = await runChild(dbOne, files, tz, { CALLSCOPE_IMPORT_THREADS: '1' });
    removeDb(dbOne);
    ctx.report(PART, 'pipeline wall time, 1 thread (no parse / derive worker, no block compressor)', one.seconds, 's');
    ctx.report(PART, 'pipeline CPU time, 1 thread', one.cpuSeconds.toFixed(1), 's');
    ctx.report(PART, 'peak RSS, 1 thread', Math.round(one.maxRssMb), 'MB');
    ctx.report(
      PART,
      'speed-up default threads / 1 thread (wall; noisy on a shared machine)',
      (one.seconds / r.seconds).toFixed(2),
    );

    // Goal 4 on a laptop's cores: the threads a 4-core machine runs, here. Their wall time shares this
    // machine's cores, so it says little; each thread's CPU and the peak RSS say what a laptop would see.
    const laptop = availableParallelism() < LAPTOP_CORES ? await laptopLayout(ctx, files, tz) : null;

    // Goal 3 for the app (Electron, browser mode): each import in a process of its own, the layout as above.
    await appWay(ctx, files, tz, laptop ? LAPTOP_CORES : null);

    const size = reportArchiveSize(ctx, PART, db, exportBytes);
    for (const o of size.objects.filter((x) => x.bytes >= size.file / 200))
      ctx.report(PART, `  bytes of ${o.name}`, `${mb(o.bytes)} MB (${((100 * o.bytes) / size.file).toFixed(1)} %)`);
    const rest = size.objects.filter((x) => x.bytes < size.file / 200);
    ctx.report(
      PART,
      `  bytes of ${rest.length} smaller tables / indexes`,
      mb(rest.reduce((a, o) => a + o.bytes, 0)),
      'MB',
    );

    const bare = await bareLoad(files, join(ctx.workDir, 'import-bare.db'));
    ctx.report(PART, 'bare load (papaparse → one all-TEXT table per file, one transaction)', bare.seconds, 's');
    ctx.report(PART, 'bare load rows/s', Math.round(bare.rows / bare.seconds));
    ctx.report(PART, 'bare load database', mb(bare.bytes), 'MB');
    const ratio = bare.seconds / r.seconds;
    ctx.report(
      PART,
      `ratio bare load / pipeline time (goal >= ${SPEED_GOAL})`,
      ratio.toFixed(2),
      ratio >= SPEED_GOAL ? 'ok' : 'BELOW GOAL',
    );
    const busiest = laptop?.threads?.[0] ?? r.threads?.[0];
    if (busiest !== undefined)
      ctx.report(
        PART,
        `ratio bare load / busiest thread's CPU (${laptop ? `${LAPTOP_CORES}-core layout` : 'default threads'}): at most this on any number of idle cores`,
        (bare.seconds / busiest).toFixed(2),
      );
    const shell = shellImport(files, join(ctx.workDir, 'import-shell.db'));
    if (shell) {
      ctx.report(PART, 'sqlite3 shell .import --csv, same files', shell.seconds, 's');
      ctx.report(PART, 'ratio sqlite3 .import / pipeline time', (shell.seconds / r.seconds).toFixed(2));
    } else ctx.report(PART, 'sqlite3 shell .import', 'not run (no sqlite3 on the PATH)');
    ctx.shared.set('archive1M', db);
  },
};

/** The cores of the laptop layout the bench measures where this machine has fewer. */
const LAPTOP_CORES = 4;

/** Each thread's CPU (the busiest four, the rest summed): where an import's time goes per core. */
function reportThreads(ctx: BenchContext, label: string, threads: number[] | null): void {
  if (threads === null) {
    ctx.report(PART, `CPU per thread, ${label}`, 'not measured (no /proc)');
    return;
  }
  const top = threads.slice(0, 4).map((t) => t.toFixed(1));
  const rest = threads.slice(4).reduce((a, t) => a + t, 0);
  ctx.report(
    PART,
    `CPU per thread, ${label} (busiest first; ${threads.length} threads)`,
    `${top.join(', ')}; the other ${Math.max(0, threads.length - 4)}: ${rest.toFixed(1)}`,
    's',
  );
}

/**
 * The import as the app runs it: in a process of its own (import-process-host.ts), started by a caller
 * that only waits, as the app's process does while it serves. `cores`: plan the threads as for that many.
 */
async function appWay(ctx: BenchContext, files: string[], tz: string, cores: number | null): Promise<void> {
  const db = join(ctx.workDir, 'import-bench-app.db');
  removeDb(db);
  const env: NodeJS.ProcessEnv = { CALLSCOPE_IMPORT_AS_APP: '1' };
  if (cores !== null) env['CALLSCOPE_IMPORT_CORES'] = String(cores);
  const r = await runChild(db, files, tz, env);
  removeDb(db);
  const label = `the app's way, ${cores === null ? 'default threads' : `${cores}-core layout`}`;
  const own = r.importProcess;
  if (own === null) {
    ctx.report(PART, `peak RSS, ${label}`, 'not measured (no worker bundle: the app runs one)');
    return;
  }
  ctx.report(PART, `pipeline wall time, ${label} (the import in a process of its own)`, r.seconds, 's');
  ctx.report(PART, `pipeline CPU time, ${label} (the import process)`, own.cpuSeconds.toFixed(1), 's');
  ctx.report(PART, `peak RSS, ${label}: the import process`, Math.round(own.maxRssMb), 'MB');
  ctx.report(PART, `peak RSS, ${label}: the process that started it`, Math.round(r.maxRssMb), 'MB');
  ctx.report(PART, `peak RSS under ${RSS_GOAL_MB} MB, ${label}`, own.maxRssMb < RSS_GOAL_MB ? 'yes' : 'NO');
}

/** The import with the threads of a LAPTOP_CORES-core machine, on this one. */
async function laptopLayout(ctx: BenchContext, files: string[], tz: string): Promise<ChildResult> {
  const db = join(ctx.workDir, 'import-bench-laptop.db');
  removeDb(db);
  const r = await runChild(db, files, tz, { CALLSCOPE_IMPORT_CORES: String(LAPTOP_CORES) });
  removeDb(db);
  const label = `${LAPTOP_CORES}-core layout (${describeLayout(threadLayout(LAPTOP_CORES))}) on ${availableParallelism()} cores`;
  ctx.report(PART, `pipeline wall time, ${label}`, r.seconds, 's');
  ctx.report(PART, `pipeline CPU time, ${LAPTOP_CORES}-core layout`, r.cpuSeconds.toFixed(1), 's');
  ctx.report(PART, `peak RSS, ${LAPTOP_CORES}-core layout`, Math.round(r.maxRssMb), 'MB');
  ctx.report(
    PART,
    `peak RSS under ${RSS_GOAL_MB} MB, ${LAPTOP_CORES}-core layout`,
    r.maxRssMb < RSS_GOAL_MB ? 'yes' : 'NO',
  );
  reportThreads(ctx, `${LAPTOP_CORES}-core layout`, r.threads);
  return r;
}
