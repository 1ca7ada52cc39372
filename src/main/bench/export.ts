// Bench part "export": the whole archive (every call, the list's default order) as
// CSV through `callscope search --out` in a child process (its own peak RSS), against
// a bare ceiling: the same columns read with one SELECT and joined with commas, no
// quoting, no zone (what a user gets from the SQLite shell's .mode csv at best).
// Goal: 1,000,000 calls in under 30 s at under 300 MB.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openArchive } from '../store/archive';
import type { BenchContext, BenchPart } from './part';

const PART = 'export';
const GOAL_SEC_PER_MILLION = 30;
const RSS_GOAL_MB = 300;

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

/** The ceiling: one SELECT of the list's columns, newest first, joined with commas into a file. */
async function bareCsv(db: string, out: string): Promise<number> {
  const archive = openArchive(db, { readonly: true });
  const file = createWriteStream(out);
  let n = 0;
  let chunk = '';
  for (const r of archive.db
    .prepare(
      `SELECT call_id, type, start_ms, end_ms, caller_number, access_number, queue, agent, outcome,
              time_before_answer_sec, wait_time_sec, speak_time_sec, callback_attempts
       FROM calls ORDER BY start_ms DESC, id DESC`,
    )
    .raw()
    .iterate() as Iterable<unknown[]>) {
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

const num = (text: string, re: RegExp): number => Number((re.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));

export const exportBench: BenchPart = {
  name: PART,
  async run(ctx: BenchContext) {
    const db = ctx.shared.get('archive1M') ?? process.env.CALLSCOPE_BENCH_DB ?? join(ctx.workDir, 'import-bench.db');
    if (typeof db !== 'string' || !existsSync(db)) {
      ctx.report(PART, 'skipped', 'no archive (run the import part first, or set CALLSCOPE_BENCH_DB)');
      return;
    }
    const t0 = performance.now();
    const bareRows = await bareCsv(db, join(ctx.workDir, 'export-bare.csv'));
    const bareSec = (performance.now() - t0) / 1000;
    ctx.report(PART, 'bare SELECT → CSV (ceiling) calls', bareRows);
    ctx.report(PART, 'bare SELECT → CSV (ceiling)', bareSec, 's');

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
    ctx.report(PART, 'CSV export calls/s', Math.round(calls / sec));
    ctx.report(PART, 'CSV export CPU time (shared machine: fairer)', cpu, 's');
    ctx.report(PART, 'CSV export calls per CPU-second', Math.round(calls / cpu));
    ctx.report(PART, 'CSV export file size', Math.round(statSync(out).size / 1048576), 'MB');
    ctx.report(PART, 'CSV export peak RSS', rss, 'MB');
    ctx.report(PART, 'ratio bare / export (1 = as fast as the ceiling)', bareSec / sec);
    const perMillion = (sec / calls) * 1_000_000;
    ctx.report(
      PART,
      `CSV export per 1M calls under ${GOAL_SEC_PER_MILLION} s`,
      perMillion < GOAL_SEC_PER_MILLION ? `yes (${perMillion.toFixed(1)} s)` : `NO (${perMillion.toFixed(1)} s)`,
    );
    ctx.report(PART, `CSV export peak RSS under ${RSS_GOAL_MB} MB`, rss < RSS_GOAL_MB ? 'yes' : 'NO');
  },
};
