// Bench part "stats" (#12): the statistics and their drill-down on the archive
// BENCH_STATS_DB names (a copy: develop on a small one), else the one the import part
// built (or --dir's stats-bench.db or import-bench.db). Opened read-only.
// Goals on the 1M-call archive: a month by queue × day < 500 ms; the whole archive
// by hour of day < 2 s; a drill-down's first rows < 100 ms. Each query runs three
// times (the first may read from disk); the median and the worst are printed, with
// a bare SQL GROUP BY over the same calls (what a user gets from the sqlite3 shell,
// without the population's flag, zones or figures) as the yardstick.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import type { CallSearch, StatsQuery } from '../../shared/api/archive-api';
import { openArchive } from '../store/archive';
import { ArchiveError } from '../store/errors';
import type { BenchContext, BenchPart } from './part';

const PART = 'stats';
const RUNS = 3;

async function timed(fn: () => Promise<unknown> | unknown): Promise<{ median: number; worst: number }> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)] ?? NaN, worst: ms[ms.length - 1] ?? NaN };
}

function archivePath(ctx: BenchContext): string | null {
  for (const p of [
    process.env.BENCH_STATS_DB,
    ctx.shared.get('archive1M'),
    join(ctx.workDir, 'stats-bench.db'),
    join(ctx.workDir, 'import-bench.db'),
  ])
    if (typeof p === 'string' && existsSync(p)) return p;
  return null;
}

export const statsBench: BenchPart = {
  name: PART,
  async run(ctx) {
    const db = archivePath(ctx);
    if (!db) {
      ctx.report(PART, 'skipped', 'no archive (run the import part first, or put one at stats-bench.db)');
      return;
    }
    let archive;
    try {
      archive = openArchive(db, { readonly: true });
    } catch (err) {
      ctx.report(PART, 'skipped', err instanceof ArchiveError ? err.message : String(err));
      return;
    }
    try {
      const api = new SqliteArchiveApi(archive);
      const d = archive.db;
      const calls = d.prepare('SELECT count(*) FROM calls').pluck().get() as number;
      const range = d.prepare('SELECT min(start_ms) AS lo, max(start_ms) AS hi FROM calls').get() as {
        lo: number;
        hi: number;
      };
      ctx.report(PART, 'archive calls', calls);
      // The month: the 30 days in the middle of the archive (a full month of traffic).
      const mid = Math.floor((range.lo + range.hi) / 2);
      const from = new Date(mid - 15 * 86_400_000).toISOString();
      const to = new Date(mid + 15 * 86_400_000).toISOString();
      const month: StatsQuery = { from, to, by: ['queue', 'day'] };
      const monthStats = await api.stats.compute(month);
      const m = await timed(() => api.stats.compute(month));
      ctx.report(
        PART,
        'month by queue × day (median / worst)',
        `${m.median.toFixed(0)} / ${m.worst.toFixed(0)}`,
        'ms (goal < 500)',
      );
      ctx.report(PART, 'month: queue calls', monthStats.total.offered);
      const bareMonth = await timed(() =>
        d
          .prepare(
            "SELECT q.queue, (c.start_ms / 86400000) AS day, count(*), sum(c.outcome = 'answered') FROM calls c JOIN call_queues q ON q.call = c.id WHERE c.start_ms >= ? AND c.start_ms < ? AND c.type IN ('inbound', 'callback') GROUP BY 1, 2",
          )
          .all(Date.parse(from), Date.parse(to)),
      );
      ctx.report(PART, 'month: bare SQL GROUP BY (queue, UTC day), median', bareMonth.median.toFixed(0), 'ms');
      const hours: StatsQuery = { by: ['hourofday'] };
      const h = await timed(() => api.stats.compute(hours));
      ctx.report(
        PART,
        'whole archive by hour of day (median / worst)',
        `${h.median.toFixed(0)} / ${h.worst.toFixed(0)}`,
        'ms (goal < 2000)',
      );
      const bareHours = await timed(() =>
        d
          .prepare(
            "SELECT (start_ms / 3600000) % 24, count(*), sum(outcome = 'answered') FROM calls WHERE type IN ('inbound', 'callback') GROUP BY 1",
          )
          .all(),
      );
      ctx.report(PART, 'whole archive: bare SQL GROUP BY UTC hour, median', bareHours.median.toFixed(0), 'ms');
      // Drill-downs: the first page of the list behind a count (results before the count, as the UI asks).
      const busiest = [...monthStats.groups].sort((a, b) => b.offered - a.offered)[0];
      const drills: [string, CallSearch][] = [
        [
          'one queue-day, offered',
          { limit: 100, count: false, drill: { figure: 'offered', key: busiest?.key ?? {}, stats: month } },
        ],
        ['the month, abandoned', { limit: 100, count: false, drill: { figure: 'abandoned', key: {}, stats: month } }],
        [
          'whole archive, answered within SL',
          { limit: 100, count: false, drill: { figure: 'answeredWithinSl', key: {}, stats: {} } },
        ],
      ];
      for (const [name, q] of drills) {
        const r = await timed(() => api.calls.search(q));
        ctx.report(
          PART,
          `drill-down first rows: ${name} (median / worst)`,
          `${r.median.toFixed(0)} / ${r.worst.toFixed(0)}`,
          'ms (goal < 100)',
        );
      }
      api.close();
    } finally {
      archive.close();
    }
  },
};
