// Bench part "stats" (#12): the statistics and their drill-down on the archive
// BENCH_STATS_DB names (a copy: develop on a small one), else the one the import part
// built (or --dir's stats-bench.db or import-bench.db). Opened read-only.
// Goals on the 1M-call archive: a month by queue × day < 500 ms; the whole archive
// by hour of day < 2 s; a drill-down's first rows < 100 ms. Each query runs three
// times (the first may read from disk); the median and the worst are printed, with
// a bare SQL GROUP BY over the same calls (what a user gets from the sqlite3 shell,
// without the population's flag, zones or figures) as the yardstick.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import type { CallSearch, StatsQuery } from '../../shared/api/archive-api';
import type { Db } from '../store/native';
import { one, sql } from '../store/sql';
import { rowCount } from '../store/table-columns';
import { resolveParameters } from '../statistics/parameters';
import { sqlPeriod, sqlStatistics, statsSources } from '../statistics/sqlite-statistics';
import { statsQuerySchema } from '../../shared/api/schemas';
import type { BenchContext, BenchPart } from './part';
import { openBenchArchive } from './read-archive';

const PART = 'stats';
const RUNS = 3;

interface Timing {
  median: number;
  worst: number;
  /** Process CPU (user + system) of the median run, ms: what an idle machine's wall time would be. */
  cpuMedian: number;
}

async function timed(fn: () => Promise<unknown> | unknown): Promise<Timing> {
  const runs: { ms: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    const u = process.cpuUsage(c);
    runs.push({ ms, cpu: (u.user + u.system) / 1000 });
  }
  runs.sort((a, b) => a.ms - b.ms);
  const mid = runs[Math.floor(runs.length / 2)];
  return { median: mid?.ms ?? NaN, worst: runs[runs.length - 1]?.ms ?? NaN, cpuMedian: mid?.cpu ?? NaN };
}

/** "median / worst ms wall, CPU ms" of a timing. */
const shown = (t: Timing) => `${t.median.toFixed(0)} / ${t.worst.toFixed(0)} (CPU ${t.cpuMedian.toFixed(0)})`;

/** Which rows answered each table: the per-hour tables or the calls (hourly-statistics.ts). */
function sourcesOf(db: Db, q: StatsQuery): string {
  const p = resolveParameters(db, statsQuerySchema.parse(q));
  const s = statsSources(db, p, sqlPeriod(db, p), 'auto');
  return Object.entries(s)
    .map(([table, plan]) => `${table}: ${plan ? 'hours' : 'calls'}`)
    .join(', ');
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
    const archive = openBenchArchive(ctx, PART, db);
    if (!archive) return;
    try {
      const api = new SqliteArchiveApi(archive);
      const d = archive.db;
      const calls = rowCount(d, 'calls');
      const range = one(
        d,
        sql<{ lo: number; hi: number }>('SELECT min(start_ms) AS lo, max(start_ms) AS hi FROM calls'),
      );
      ctx.report(PART, 'archive calls', calls);
      // The month: the 30 days in the middle of the archive (a full month of traffic), as dates read in the
      // archive's zone, as the Statistics view's period picker asks for them.
      const mid = Math.floor(((range?.lo ?? 0) + (range?.hi ?? 0)) / 2);
      const from = new Date(mid - 15 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(mid + 15 * 86_400_000).toISOString().slice(0, 10);
      const month: StatsQuery = { from, to, by: ['queue', 'day'] };
      const monthStats = await api.stats.compute(month);
      const m = await timed(() => api.stats.compute(month));
      ctx.report(PART, 'load average (1 min) at the start', loadavg()[0]?.toFixed(2) ?? '?');
      ctx.report(PART, 'month by queue × day (median / worst, CPU of the median)', shown(m), 'ms (goal < 500)');
      ctx.report(PART, 'month: read from', sourcesOf(d, month));
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
      ctx.report(PART, 'whole archive by hour of day (median / worst, CPU)', shown(h), 'ms (goal < 2000)');
      ctx.report(PART, 'whole archive: read from', sourcesOf(d, hours));
      // The same figures from the calls (the per-call SQL: what a half-hour zone or a period cut inside an
      // hour reads), once each, for comparison.
      const monthCalls = await timed(() =>
        sqlStatistics(d, resolveParameters(d, statsQuerySchema.parse(month)), 'calls'),
      );
      ctx.report(PART, 'month by queue × day from the calls (median / worst, CPU)', shown(monthCalls), 'ms');
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
        [
          "the month, the first agent's unanswered offers",
          {
            limit: 100,
            count: false,
            drill: {
              figure: 'agent.unansweredOffers',
              key: { agent: monthStats.agents[0]?.agent ?? '' },
              stats: month,
            },
          },
        ],
      ];
      for (const [name, q] of drills) {
        const r = await timed(() => api.calls.search(q));
        ctx.report(PART, `drill-down first rows: ${name} (median / worst, CPU)`, shown(r), 'ms (goal < 100)');
      }
      api.close();
    } finally {
      archive.close();
    }
  },
};
