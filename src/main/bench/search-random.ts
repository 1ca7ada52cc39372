// Bench part "search-random": seeded random searches (src/shared/api/search-query-generator.ts)
// on the import part's archive, as a new user makes them — not the queries the search layer was
// tuned for. Per kind (first page uncounted, exact count, jump, facets, mixed) p50 / p95 / p99 /
// max against the goals of issue 18, the strategies that answered, and the five slowest requests
// with their slowest statement and its EXPLAIN QUERY PLAN.
//
// BENCH_SEARCH_DB=<archive> picks another archive (develop on a small one), BENCH_SEARCH_SEED and
// BENCH_SEARCH_QUERIES the seed and the number of queries (at least 500 by default).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CallSearch } from '../../shared/api/archive-api';
import { Rng } from '../../shared/simulator/prng';
import { filtersOf, randomSearch, type QueryPool } from '../../shared/api/search-query-generator';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import { openArchive } from '../store/archive';
import type { Db } from '../store/native';
import type { BenchContext, BenchPart } from './part';
import { StatementProfile, type StatementRun } from './statement-profile';

const PART = 'search-random';

export type Kind = 'page' | 'count' | 'jump' | 'facets' | 'mixed';

/** Goals per kind (ms), issue 18: p95 / p99 / max. */
const GOALS: Record<Kind, { p95: number; p99: number; max: number }> = {
  page: { p95: 50, p99: 150, max: 500 },
  count: { p95: 200, p99: 1000, max: 2000 },
  jump: { p95: 200, p99: 1000, max: 2000 },
  facets: { p95: 300, p99: 2000, max: 2000 },
  mixed: { p95: 300, p99: 2000, max: 2000 },
};

/** How many of each kind per run (520 in all). */
const MIX: [Kind, number][] = [
  ['page', 160],
  ['count', 120],
  ['jump', 60],
  ['facets', 100],
  ['mixed', 80],
];

interface Timed {
  kind: Kind;
  q: CallSearch;
  ms: number;
  strategy: string;
  slowest?: StatementRun;
  statements: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length - 1) * p))] ?? NaN;
}

/** Numbers, names, labels and the time span of the archive, from a seeded sample of its calls. */
export async function samplePool(api: SqliteArchiveApi, db: Db, rng: Rng): Promise<QueryPool> {
  const info = await api.archive.info();
  const maxId = (db.prepare('SELECT max(id) FROM calls').pluck().get() as number | null) ?? 0;
  const ids = Array.from({ length: 200 }, () => rng.int(1, Math.max(1, maxId)));
  const rows = db
    .prepare(
      'SELECT call_id, caller_number, access_number FROM calls WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
    )
    .all(JSON.stringify(ids)) as { call_id: string; caller_number: string | null; access_number: string | null }[];
  const numbers = [...new Set(rows.flatMap((r) => [r.caller_number, r.access_number]).filter((n) => n !== null))];
  const labels = new Set<string>();
  for (const r of rows.slice(0, 60)) {
    const detail = await api.calls.get(r.call_id);
    for (const e of detail?.call.events ?? []) {
      if (e.label) labels.add(e.label);
      if (e.type === 'menu' && e.name) labels.add(e.name);
    }
  }
  const facets = await api.calls.facets({});
  return {
    numbers: numbers as string[],
    agents: facets.agent.map((f) => f.value),
    queues: facets.queue.map((f) => f.value),
    labels: [...labels].sort(),
    firstMs: info.firstCall ? Date.parse(info.firstCall) : 0,
    lastMs: info.lastCall ? Date.parse(info.lastCall) : 0,
  };
}

function brief(q: CallSearch): string {
  return JSON.stringify(q).slice(0, 220);
}

export const searchRandomBench: BenchPart = {
  name: PART,
  // eslint-disable-next-line complexity -- a script: sample, run, report
  async run(ctx: BenchContext) {
    const path = process.env.BENCH_SEARCH_DB ?? ctx.shared.get('archive1M') ?? join(ctx.workDir, 'import-bench.db');
    if (typeof path !== 'string' || !existsSync(path)) {
      ctx.report(PART, 'skipped', 'no archive (run the import part first, or set BENCH_SEARCH_DB)');
      return;
    }
    const seed = Number(process.env.BENCH_SEARCH_SEED ?? 1);
    const scaleQueries = Number(process.env.BENCH_SEARCH_QUERIES ?? 0);
    const archive = openArchive(path, { readonly: true });
    const profile = new StatementProfile(archive.db);
    const api = new SqliteArchiveApi({ ...archive, db: profile.db });
    try {
      const rng = new Rng(seed);
      const pool = await samplePool(api, archive.db, rng);
      ctx.report(
        PART,
        'archive / pool',
        `${path}: ${pool.numbers.length} numbers, ${pool.agents.length} agents, ${pool.queues.length} queues, ${pool.labels.length} labels`,
      );
      const plan: Kind[] = MIX.flatMap(([kind, n]) =>
        Array<Kind>(scaleQueries ? Math.ceil((n * scaleQueries) / 520) : n).fill(kind),
      );
      // Interleaved (seeded), so that no kind profits from pages another left in memory.
      for (let i = plan.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [plan[i], plan[j]] = [plan[j] as Kind, plan[i] as Kind];
      }
      const results: Timed[] = [];
      const perFilter = new Map<string, number[]>();
      for (let i = 0; i < plan.length; i++) {
        const kind = plan[i] as Kind;
        const q = randomSearch(rng, pool, i);
        const act = kind === 'mixed' ? rng.pick(['page', 'count', 'jump', 'facets', 'next'] as const) : kind;
        let query: CallSearch = { ...q, limit: 100 };
        if (act === 'page') query.count = false;
        if (act === 'jump') {
          // A jump follows a count (the list knows its length), not timed here.
          const total = (await api.calls.search({ ...query, limit: 1 })).total;
          query.offset = Math.floor(rng.next() * total);
        }
        if (act === 'next') {
          const first = await api.calls.search({ ...query, count: false });
          query = { ...query, cursor: first.nextCursor, count: false };
        }
        api.dropCaches();
        profile.reset();
        const t = performance.now();
        let strategy = 'facets';
        if (act === 'facets') await api.calls.facets(query);
        else {
          await api.calls.search(query);
          strategy = api.lastSearchStrategy;
        }
        const ms = performance.now() - t;
        results.push({ kind, q: query, ms, strategy, slowest: profile.slowest(), statements: profile.runs.length });
        for (const f of filtersOf(q)) perFilter.set(f, [...(perFilter.get(f) ?? []), ms]);
      }
      ctx.report(PART, 'queries (seed)', `${results.length} (${seed})`);
      for (const [kind] of MIX) {
        const ms = results
          .filter((r) => r.kind === kind)
          .map((r) => r.ms)
          .sort((a, b) => a - b);
        if (!ms.length) continue;
        const g = GOALS[kind];
        const [p50, p95, p99, max] = [0.5, 0.95, 0.99, 1].map((p) => percentile(ms, p)) as number[];
        const ok = (p95 as number) < g.p95 && (p99 as number) < g.p99 && (max as number) < g.max;
        ctx.report(
          PART,
          `${kind} (${ms.length}) p50 / p95 / p99 / max`,
          `${[p50, p95, p99, max].map((v) => (v as number).toFixed(1)).join(' / ')}`,
          `ms (goal p95 < ${g.p95}, p99 < ${g.p99}, max < ${g.max}) ${ok ? 'ok' : 'ABOVE GOAL'}`,
        );
      }
      for (const [f, ms] of [...perFilter].sort()) {
        ms.sort((a, b) => a - b);
        ctx.report(
          PART,
          `  with ${f} (${ms.length}) p95 / max`,
          `${percentile(ms, 0.95).toFixed(1)} / ${percentile(ms, 1).toFixed(1)}`,
          'ms',
        );
      }
      const strategies = new Map<string, number>();
      for (const r of results) strategies.set(r.strategy, (strategies.get(r.strategy) ?? 0) + 1);
      ctx.report(PART, 'strategies', [...strategies].map(([s, n]) => `${s} ${n}`).join(', '));
      const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 5);
      for (const r of slowest) {
        ctx.report(PART, `slow: ${r.kind} ${r.ms.toFixed(1)} ms`, `${r.strategy}: ${brief(r.q)}`);
        if (!r.slowest) continue;
        process.stdout.write(
          `      slowest of ${r.statements} statements (${r.slowest.ms.toFixed(1)} ms): ${r.slowest.sql.slice(0, 400)}\n`,
        );
        process.stdout.write(`      params: ${JSON.stringify(r.slowest.params).slice(0, 200)}\n`);
        for (const line of profile.plan(r.slowest)) process.stdout.write(`      ${line}\n`);
      }
    } finally {
      archive.close();
    }
  },
};
