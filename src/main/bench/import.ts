// Bench part "import": the whole import pipeline (reader → raw rows → engine →
// calls, events, FTS; in its worker, one transaction) over 1,000,000 × scale
// calls, in a child process for an honest peak RSS; then the ceiling: a bare
// better-sqlite3 insert of the very rows the import stored, into the same
// tables (same schema and indexes), with no parsing and no engine work —
// rows are read into memory first and only the inserts are timed.
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ftsText, type FtsFields } from '../import/call-rows';
import { FLUSH_HASH_BYTES, withFtsHashSize } from '../import/call-writer';
import { openArchive } from '../store/archive';
import { benchExport } from './bench-export';
import type { BenchContext, BenchPart } from './part';

const PART = 'import';
const RSS_GOAL_MB = 500;
const BATCH = 50_000;
/** Tables in insert order (foreign keys): what the pipeline writes per import. */
const TABLES = [
  'imports',
  'layouts',
  'raw_rows',
  'rejected_rows',
  'calls',
  'call_docs',
  'events',
  'call_queues',
  'call_agents',
] as const;

interface ChildResult {
  seconds: number;
  maxRssMb: number;
  records: { fileName: string; status: string; rowsRead: number; callsDerived: number; message: string | null }[];
}

function runChild(db: string, files: string[], tz: string): Promise<ChildResult> {
  const entry = fileURLToPath(new URL('./import-child.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, db, tz, ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
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

function removeDb(path: string): void {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
}

/** Copies every stored row into a fresh archive with prepared inserts; returns seconds spent inserting. */
function bareInsert(srcPath: string, dstPath: string): { seconds: number; rows: number; ftsSeconds: number } {
  removeDb(dstPath);
  const src = openArchive(srcPath, { readonly: true });
  const dst = openArchive(dstPath, { create: true });
  let seconds = 0;
  let rows = 0;
  let ftsSeconds: number;
  try {
    const timed = (fn: () => void) => {
      const t = performance.now();
      fn();
      seconds += (performance.now() - t) / 1000;
    };
    timed(() => dst.db.exec('BEGIN IMMEDIATE'));
    for (const table of TABLES) {
      const cols = (src.db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
      const insert = dst.db.prepare(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      const withoutRowid = table === 'call_queues' || table === 'call_agents';
      const key = table === 'call_docs' ? 'call' : 'rowid';
      if (withoutRowid) {
        const all = src.db
          .prepare(`SELECT ${cols.join(', ')} FROM ${table}`)
          .raw()
          .all() as unknown[][];
        for (let i = 0; i < all.length; i += BATCH) {
          const part = all.slice(i, i + BATCH);
          timed(() => {
            for (const r of part) insert.run(...r);
          });
        }
        rows += all.length;
        continue;
      }
      const withRowid = src.db
        .prepare(`SELECT ${key}, ${cols.join(', ')} FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ${BATCH}`)
        .raw();
      for (let last = 0; ;) {
        const batch = withRowid.all(last) as unknown[][];
        if (batch.length === 0) break;
        last = batch[batch.length - 1]![0] as number;
        timed(() => {
          for (const r of batch) insert.run(...r.slice(1));
        });
        rows += batch.length;
      }
    }
    // The free-text index: the same text the pipeline indexed, rebuilt from the stored calls,
    // written after every other table with the same FTS5 buffer as the pipeline's (withFtsHashSize).
    const fts = src.db.prepare('SELECT call, json FROM call_docs WHERE call > ? ORDER BY call LIMIT 20000').raw();
    const insertFts = dst.db.prepare('INSERT INTO calls_fts (rowid, text) VALUES (?, ?)');
    const ftsStart = seconds;
    withFtsHashSize(dst.db, FLUSH_HASH_BYTES, () => {
      for (let last = 0; ;) {
        const batch = fts.all(last) as [number, string][];
        if (batch.length === 0) break;
        last = batch[batch.length - 1]![0];
        const texts = batch.map(([id, json]) => [id, ftsTextOf(json)] as const);
        timed(() => {
          for (const [id, text] of texts) insertFts.run(id, text);
        });
      }
    });
    ftsSeconds = seconds - ftsStart;
    timed(() => dst.db.exec('COMMIT'));
  } finally {
    src.close();
    dst.close();
  }
  return { seconds, rows, ftsSeconds };
}

/**
 * The very text the pipeline indexed (numbers, agents, queues, registrations, event
 * names and labels), rebuilt from the stored contract JSON. (Until session 2 the
 * ceiling indexed numbers, agents and queues only: a shorter text than the
 * pipeline's, which made the ceiling's free-text inserts about half as costly.)
 */
function ftsTextOf(json: string): string {
  return ftsText(JSON.parse(json) as FtsFields);
}

export const importBench: BenchPart = {
  name: PART,
  async run(ctx: BenchContext) {
    const { files, tz, source } = await benchExport(ctx, PART);
    const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
    ctx.report(PART, 'export', `${source}, ${Math.round(bytes / 1048576)} MB`);
    const db = join(ctx.workDir, 'import-bench.db');
    removeDb(db);
    const r = await runChild(db, files, tz);
    const failed = r.records.find((x) => x.status !== 'done');
    if (failed) {
      ctx.report(PART, 'import FAILED', failed.message ?? `${failed.fileName}: ${failed.status}`);
      return;
    }
    const rows = r.records.reduce((a, x) => a + x.rowsRead, 0);
    const calls = r.records.reduce((a, x) => a + x.callsDerived, 0);
    ctx.report(PART, 'rows read', rows);
    ctx.report(PART, 'calls derived', calls);
    ctx.report(PART, 'pipeline wall time', r.seconds, 's');
    ctx.report(PART, 'pipeline rows/s', Math.round(rows / r.seconds));
    ctx.report(PART, 'pipeline calls/s', Math.round(calls / r.seconds));
    ctx.report(PART, 'peak RSS (import process)', Math.round(r.maxRssMb), 'MB');
    ctx.report(PART, `peak RSS under ${RSS_GOAL_MB} MB`, r.maxRssMb < RSS_GOAL_MB ? 'yes' : 'NO');
    ctx.report(PART, 'archive size', Math.round(statSync(db).size / 1048576), 'MB');

    const bareDb = join(ctx.workDir, 'import-bare.db');
    const bare = bareInsert(db, bareDb);
    removeDb(bareDb);
    ctx.report(PART, 'bare insert: table rows written', bare.rows);
    ctx.report(PART, 'bare insert time (same rows, same tables)', bare.seconds, 's');
    ctx.report(PART, 'of which the free-text index', bare.ftsSeconds, 's');
    ctx.report(PART, 'bare insert, export rows/s equivalent', Math.round(rows / bare.seconds));
    const ratio = bare.seconds / r.seconds;
    ctx.report(
      PART,
      'ratio pipeline / bare insert (goal >= 0.5)',
      ratio.toFixed(2),
      ratio >= 0.5 ? 'ok' : 'BELOW GOAL',
    );
    ctx.shared.set('archive1M', db);
  },
};
