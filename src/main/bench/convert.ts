// Bench part "convert": reader throughput and the engine alone (in process), and the whole
// `callscope convert` pipeline (child process, so its peak RSS is its own) over
// an export of 1,000,000 × scale rows. Uses the simulator's export when an
// earlier part shared one (ctx.shared 'export1M' or 'callEventsExport': path of a call-events CSV);
// otherwise writes a plain synthetic one (./synthetic-export.ts).
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, statSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openExport } from '../readers/index';
import type { BenchContext, BenchPart } from './part';
import { writeSyntheticExport } from './synthetic-export';
import { ENGINE_CALLS, measureEngine } from './engine-alone';

const PART = 'convert';
export const RSS_GOAL_MB = 300;

async function exportPath(ctx: BenchContext): Promise<{ path: string; files: string[]; tz: string }> {
  for (const key of ['export1M', 'callEventsExport']) {
    const shared = ctx.shared.get(key);
    if (typeof shared === 'string' && existsSync(shared)) {
      const tz = ctx.shared.get('callEventsTimeZone');
      // The simulator also writes companion tables: convert them together, as a user would.
      const all = ctx.shared.get('export1MFiles');
      const files =
        Array.isArray(all) && all.every((f) => typeof f === 'string' && existsSync(f)) ? (all as string[]) : [shared];
      return { path: shared, files, tz: typeof tz === 'string' ? tz : 'Europe/Copenhagen' };
    }
  }
  const rows = Math.max(1000, Math.round(1_000_000 * ctx.scale));
  const path = join(ctx.workDir, `convert-synthetic-${rows}.csv`);
  if (!existsSync(path)) {
    const t0 = performance.now();
    await writeSyntheticExport(path, rows);
    ctx.report(PART, 'synthetic export written (rows/s)', Math.round(rows / ((performance.now() - t0) / 1000)));
  }
  return { path, files: [path], tz: 'UTC' };
}

function runConvert(files: string[], tz: string): Promise<{ code: number; stderr: string }> {
  const bin = fileURLToPath(new URL('../../../bin/callscope.mjs', import.meta.url));
  const out = openSync(devNull, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'convert', '--tz', tz, ...files], { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => {
      // Keep only the tail: rejected-row lines could be many.
      stderr = (stderr + d).slice(-20_000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      closeSync(out);
      resolve({ code: code ?? 1, stderr });
    });
  });
}

const num = (text: string, label: RegExp): number => {
  const m = label.exec(text);
  return m ? Number((m[1] as string).replace(/,/g, '')) : NaN;
};

export const convertBench: BenchPart = {
  name: PART,
  async run(ctx) {
    const { path, files, tz } = await exportPath(ctx);
    ctx.report(PART, 'export size', Math.round(statSync(path).size / 1048576), 'MB');

    // 1. The reader alone, in this process.
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const ex = await openExport(path, { timeZone: tz });
    let records = 0;
    for await (const batch of ex.batches) records += batch.length;
    const readerSec = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const readerCpuSec = (cpu.user + cpu.system) / 1e6;
    ctx.report(PART, 'reader records', records);
    ctx.report(PART, 'reader (parse + normalise) rows/s', Math.round(records / readerSec));
    ctx.report(PART, 'reader rows per CPU-second (shared machine: fairer)', Math.round(records / readerCpuSec));

    // 1b. The engine alone, in this process: the first calls' rows in memory, derived and written as JSON.
    const engine = await measureEngine(path, tz);
    ctx.report(PART, `engine alone: calls held in memory (first ${ENGINE_CALLS.toLocaleString('en')})`, engine.calls);
    ctx.report(PART, 'engine alone (derive + contract JSON) calls per CPU-second', engine.callsPerCpuSecond);
    ctx.report(PART, 'engine alone rows per CPU-second', engine.rowsPerCpuSecond);

    // 2. The whole convert command, in a child process (its own peak RSS).
    const t1 = performance.now();
    const { code, stderr } = await runConvert(files, tz);
    const wallSec = (performance.now() - t1) / 1000;
    if (code !== 0) {
      ctx.report(PART, 'convert FAILED', `exit ${code}: ${stderr.trim().split('\n').pop() ?? ''}`);
      return;
    }
    const read = num(stderr, /rows read: ([\d,]+)/);
    const calls = num(stderr, /calls derived: ([\d,]+)/);
    const rss = num(stderr, /peak RSS ([\d,]+) MB/);
    const perCpu = num(stderr, /\(([\d,]+) rows per CPU-second\)/);
    ctx.report(PART, 'convert files', files.length);
    ctx.report(PART, 'convert rows read', read);
    ctx.report(PART, 'convert calls derived', calls);
    ctx.report(PART, 'convert wall time (incl. start-up)', wallSec, 's');
    ctx.report(PART, 'convert rows/s (end to end)', Math.round(read / wallSec));
    ctx.report(PART, 'convert rows per CPU-second (shared machine: fairer)', perCpu);
    ctx.report(PART, 'convert peak RSS', rss, 'MB');
    ctx.report(PART, `convert peak RSS under ${RSS_GOAL_MB} MB`, rss < RSS_GOAL_MB ? 'yes' : 'NO');
  },
};
