// Bench part "size" (#10 goal 2): one import of the bench export (all workers, in a
// child process), then the archive's bytes against the export's after a WAL
// checkpoint, per table and index (dbstat) and per kind of content, and how long
// one call's detail takes to read (raw values come out of compressed blocks).
// CALLSCOPE_BENCH_EXPORT=/path/sim200k.csv: that export (the file and its
// siblings sim200k.*.csv) instead of the shared or synthetic one.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import { openArchive } from '../store/archive';
import { sql, values } from '../store/sql';
import { importForBench, mb, reportArchiveSize } from './import';
import { benchExport } from './bench-export';
import type { BenchContext, BenchPart } from './part';

const PART = 'size';
const DETAIL_GOAL_MS = 10;
const DETAIL_SAMPLES = 300;

/** What each table / index holds, for the totals per kind. */
function kindOf(name: string): string {
  if (name.startsWith('raw_') || name === 'layouts') return 'raw rows (values, accounting, call-id index)';
  if (name.startsWith('calls_fts')) return 'free-text index (FTS5 trigram)';
  if (name.startsWith('text_name') || name.startsWith('call_name_sets') || name === 'sqlite_autoindex_text_names_1')
    return 'free-text names (vocabulary, name sets)';
  if (name.startsWith('event') || name === 'sqlite_autoindex_event_names_1') return 'events (event_rows, event_names)';
  if (name === 'calls' || name.startsWith('calls_') || name === 'sqlite_autoindex_calls_1') return 'calls + indexes';
  // The link tables (call_queue_rows / call_agent_rows since LINK_IDS_VERSION: their indexes keep the old names).
  if (/^call_(queues|agents|queue_rows|agent_rows)/.test(name)) return 'call_queues / call_agents + indexes';
  if (name.startsWith('registrations') || name.includes('call_variables')) return 'registrations, call variables';
  return 'other';
}

function exportFiles(ctx: BenchContext): Promise<{ files: string[]; tz: string; source: string }> {
  const given = process.env.CALLSCOPE_BENCH_EXPORT;
  if (given && existsSync(given)) {
    const stem = basename(given).replace(/\.csv$/, '');
    const dir = dirname(given);
    const files = readdirSync(dir)
      .filter((f) => f === `${stem}.csv` || (f.startsWith(`${stem}.`) && f.endsWith('.csv')))
      .map((f) => join(dir, f));
    return Promise.resolve({ files, tz: 'Europe/Copenhagen', source: `${given} (${files.length} files)` });
  }
  return benchExport(ctx, PART);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export const sizeBench: BenchPart = {
  name: PART,
  async run(ctx: BenchContext) {
    const imported = await importForBench(ctx, PART, await exportFiles(ctx), 'size-bench.db');
    if (!imported) return;
    const { db, exportBytes, rows, result: r } = imported;
    ctx.report(PART, 'import wall time', r.seconds, 's');
    ctx.report(PART, 'import CPU time (user + system, every thread)', r.cpuSeconds.toFixed(1), 's');
    ctx.report(PART, 'import peak RSS', Math.round(r.maxRssMb), 'MB');
    ctx.report(PART, 'load average after the import (1 min)', (loadavg()[0] ?? 0).toFixed(1));

    const size = reportArchiveSize(ctx, PART, db, exportBytes);
    const kinds = new Map<string, number>();
    for (const o of size.objects) kinds.set(kindOf(o.name), (kinds.get(kindOf(o.name)) ?? 0) + o.bytes);
    for (const [kind, bytes] of [...kinds].sort((a, b) => b[1] - a[1]))
      ctx.report(PART, `  ${kind}`, `${mb(bytes)} MB (${((100 * bytes) / size.file).toFixed(1)} %)`);
    for (const o of size.objects.filter((x) => x.bytes >= size.file / 500))
      ctx.report(PART, `    ${o.name}`, `${mb(o.bytes)} MB (${((100 * o.bytes) / size.file).toFixed(1)} %)`);
    const rest = size.objects.filter((x) => x.bytes < size.file / 500);
    ctx.report(PART, `    ${rest.length} smaller tables / indexes`, mb(rest.reduce((a, o) => a + o.bytes, 0)), 'MB');

    const archive = openArchive(db, { readonly: true });
    try {
      const rawBytes = size.objects.filter((o) => o.name.startsWith('raw_')).reduce((a, o) => a + o.bytes, 0);
      ctx.report(PART, 'raw-row bytes per export row (all raw_ tables)', (rawBytes / rows).toFixed(1));
      const ids = values(archive.db, sql<string>('SELECT call_id FROM calls ORDER BY id'));
      const api = new SqliteArchiveApi(archive);
      const times: number[] = [];
      let seed = 20260105;
      for (let i = 0; i < Math.min(DETAIL_SAMPLES, ids.length); i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const id = ids[seed % ids.length] ?? '';
        const t0 = performance.now();
        await api.calls.get(id);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 0.95);
      ctx.report(PART, `one call's detail, ${times.length} random calls: p50`, percentile(times, 0.5).toFixed(2), 'ms');
      ctx.report(
        PART,
        `one call's detail p95 (goal < ${DETAIL_GOAL_MS} ms)`,
        p95.toFixed(2),
        p95 < DETAIL_GOAL_MS ? 'ms ok' : 'ms ABOVE GOAL',
      );
      ctx.report(PART, "one call's detail max", (times[times.length - 1] ?? 0).toFixed(2), 'ms');
    } finally {
      archive.close();
    }
  },
};
