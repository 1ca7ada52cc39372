// Bench part "export": the whole archive (every call, the list's default order) as
// CSV through `callscope search --out` in a child process (its own CPU time and peak
// RSS, start-up included), against two ceilings of the same columns in the same order:
// the SQLite shell's `sqlite3 -csv` (design-independent: what a user gets without us, no
// zone, no local times) and one SELECT in Node joined with commas. The machine is
// shared, so CPU seconds and RSS (load-independent) are given beside wall time, with the
// load average before and after.
// Goal: 1,000,000 calls in under 30 s at under 300 MB.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, openSync, closeSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchive } from '../store/archive';
import { rawIterate, sql } from '../store/sql';
import type { BenchContext, BenchPart } from './part';

const PART = 'export';
const GOAL_SEC_PER_MILLION = 30;
const RSS_GOAL_MB = 300;
const TIME = '/usr/bin/time';

/** The export's columns as stored, in the list's default order (newest first). */
const CEILING_SQL = `SELECT call_id, type, start_ms, end_ms, caller_number, access_number, queue, agent, outcome,
       time_before_answer_sec, wait_time_sec, speak_time_sec, callback_attempts
FROM calls ORDER BY start_ms DESC, id DESC`;

function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  const bin = fileURLToPath(new URL('../../../bin/callscope.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (d: string) => (stderr = (stderr + d).slice(-5000)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

export interface ShellCeiling {
  wallSec: number;
  /** User + system CPU seconds and peak RSS, when /usr/bin/time is there to measure them. */
  cpuSec: number | null;
  rssMb: number | null;
  bytes: number;
}

/** `sqlite3 -readonly -csv <db> <SELECT> > out`, timed (with /usr/bin/time when present); null without sqlite3. */
async function sqliteShellCsv(db: string, out: string): Promise<ShellCeiling | null> {
  const timed = existsSync(TIME);
  const args = ['-readonly', '-csv', db, CEILING_SQL];
  const fd = openSync(out, 'w');
  const t0 = performance.now();
  try {
    const result = await new Promise<{ code: number; stderr: string } | null>((resolve) => {
      const child = timed
        ? spawn(TIME, ['-f', 'TIME %e %U %S %M', 'sqlite3', ...args], { stdio: ['ignore', fd, 'pipe'] })
        : spawn('sqlite3', args, { stdio: ['ignore', fd, 'pipe'] });
      let stderr = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (d: string) => (stderr += d));
      child.on('error', () => resolve(null));
      child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
    });
    const wallSec = (performance.now() - t0) / 1000;
    if (!result || result.code !== 0) return null;
    const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr);
    return {
      wallSec,
      cpuSec: m ? Number(m[2]) + Number(m[3]) : null,
      rssMb: m ? Math.round(Number(m[4]) / 1024) : null,
      bytes: statSync(out).size,
    };
  } finally {
    closeSync(fd);
  }
}

/** The in-process ceiling: the same SELECT through better-sqlite3, rows joined with commas into a file. */
async function bareCsv(db: string, out: string): Promise<number> {
  const archive = openArchive(db, { readonly: true });
  const file = createWriteStream(out);
  let n = 0;
  let chunk = '';
  for (const r of rawIterate(archive.db, sql<unknown[]>(CEILING_SQL))) {
    chunk += r.join(',') + '\n';
    if (++n % 1000 === 0) {
      if (!file.write(chunk)) await once(file, 'drain');
      chunk = '';
    }
  }
  file.end(chunk);
  await once(file, 'close');
  archive.close();
  return n;
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const num = (text: string, re: RegExp): number => Number((re.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));

export const exportBench: BenchPart = {
  name: PART,
  async run(ctx: BenchContext) {
    const db = ctx.shared.get('archive1M') ?? process.env.CALLSCOPE_BENCH_DB ?? join(ctx.workDir, 'import-bench.db');
    if (typeof db !== 'string' || !existsSync(db)) {
      ctx.report(PART, 'skipped', 'no archive (run the import part first, or set CALLSCOPE_BENCH_DB)');
      return;
    }
    ctx.report(PART, 'load average before (1, 5, 15 min; 2 cores shared)', load());

    const shell = await sqliteShellCsv(db, join(ctx.workDir, 'export-sqlite3.csv'));
    if (shell) {
      ctx.report(PART, 'ceiling: sqlite3 -csv, same columns, wall', shell.wallSec, 's');
      if (shell.cpuSec !== null) ctx.report(PART, 'ceiling: sqlite3 -csv, CPU', shell.cpuSec, 's');
      if (shell.rssMb !== null) ctx.report(PART, 'ceiling: sqlite3 -csv, peak RSS', shell.rssMb, 'MB');
      ctx.report(PART, 'ceiling: sqlite3 -csv, file size', Math.round(shell.bytes / 1048576), 'MB');
    } else ctx.report(PART, 'ceiling: sqlite3 -csv', 'skipped (no sqlite3 on PATH)');

    const t0 = performance.now();
    const bareRows = await bareCsv(db, join(ctx.workDir, 'export-bare.csv'));
    const bareSec = (performance.now() - t0) / 1000;
    ctx.report(PART, 'ceiling: SELECT → CSV in Node, calls', bareRows);
    ctx.report(PART, 'ceiling: SELECT → CSV in Node, wall', bareSec, 's');

    const out = join(ctx.workDir, 'export-calls.csv');
    const t1 = performance.now();
    const { code, stderr } = await runCli(['search', '--db', db, '--out', out, '--tz', 'Europe/Copenhagen']);
    const sec = (performance.now() - t1) / 1000;
    if (code !== 0) {
      ctx.report(PART, 'export FAILED', `exit ${code}: ${stderr.trim().split('\n').pop() ?? ''}`);
      return;
    }
    const calls = num(stderr, /wrote ([\d,]+) calls/);
    const rss = num(stderr, /peak RSS (\d+) MB/);
    const cpu = num(stderr, /\(CPU ([\d.]+) s\)/);
    ctx.report(PART, 'CSV export calls', calls);
    ctx.report(PART, 'CSV export wall time (incl. start-up)', sec, 's');
    ctx.report(PART, 'CSV export calls/s (wall)', Math.round(calls / sec));
    ctx.report(PART, 'CSV export CPU time (incl. start-up; load-independent)', cpu, 's');
    ctx.report(PART, 'CSV export calls per CPU-second', Math.round(calls / cpu));
    ctx.report(PART, 'CSV export file size', Math.round(statSync(out).size / 1048576), 'MB');
    ctx.report(PART, 'CSV export peak RSS', rss, 'MB');
    if (shell) {
      ctx.report(PART, 'ratio export / sqlite3 -csv, wall (1 = as fast as the shell)', sec / shell.wallSec);
      if (shell.cpuSec) ctx.report(PART, 'ratio export / sqlite3 -csv, CPU', cpu / shell.cpuSec);
    }
    ctx.report(PART, 'ratio export / SELECT in Node, wall', sec / bareSec);
    const perMillion = (sec / calls) * 1_000_000;
    ctx.report(
      PART,
      `CSV export per 1M calls under ${GOAL_SEC_PER_MILLION} s`,
      perMillion < GOAL_SEC_PER_MILLION ? `yes (${perMillion.toFixed(1)} s)` : `NO (${perMillion.toFixed(1)} s)`,
    );
    ctx.report(PART, `CSV export peak RSS under ${RSS_GOAL_MB} MB`, rss < RSS_GOAL_MB ? 'yes' : 'NO');
    ctx.report(PART, 'load average after', load());
  },
};
