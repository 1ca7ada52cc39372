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
import type { CallPage, CallSearch, Facets } from '../../shared/api/archive-api';
import { Rng } from '../../shared/simulator/prng';
import { filtersOf, randomSearch, type QueryPool } from '../../shared/api/search-query-generator';
import { SqliteArchiveApi } from '../api/sqlite-archive-api';
import { openArchive } from '../store/archive';
import { ReadPool } from '../api/read-pool';
import type { Db } from '../store/native';
import { all, sql, value } from '../store/sql';
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
  /** CPU time of this process during the request (user + system): the figure a shared machine's load does not inflate. */
  cpuMs: number;
  strategy: string;
  slowest?: StatementRun;
  statements: number;
}

const MAX_CALL_ID = sql<number | null>('SELECT max(id) FROM calls');
const CALLS_BY_IDS = sql<
  { call_id: string; caller_number: string | null; access_number: string | null },
  [idsJson: string]
>('SELECT call_id, caller_number, access_number FROM calls WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id');

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length - 1) * p))] ?? NaN;
}

/** Numbers, names, labels and the time span of the archive, from a seeded sample of its calls. */
export async function samplePool(api: SqliteArchiveApi, db: Db, rng: Rng): Promise<QueryPool> {
  const info = await api.archive.info();
  const maxId = value(db, MAX_CALL_ID) ?? 0;
  const ids = Array.from({ length: 200 }, () => rng.int(1, Math.max(1, maxId)));
  const rows = all(db, CALLS_BY_IDS, JSON.stringify(ids));
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

/** One planned request: its kind, what it does and its search. */
interface Planned {
  kind: Kind;
  act: 'page' | 'count' | 'jump' | 'facets' | 'next';
  q: CallSearch;
  /** For a jump: where to, as a fraction of the total. */
  at: number;
}

export function planQueries(rng: Rng, pool: QueryPool, scaleQueries: number): Planned[] {
  const kinds: Kind[] = MIX.flatMap(([kind, n]) =>
    Array<Kind>(scaleQueries ? Math.ceil((n * scaleQueries) / 520) : n).fill(kind),
  );
  // Interleaved (seeded), so that no kind profits from pages another left in memory.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [kinds[i], kinds[j]] = [kinds[j] as Kind, kinds[i] as Kind];
  }
  return kinds.map((kind, i) => {
    const q: CallSearch = { ...randomSearch(rng, pool, i), limit: 100 };
    const act = kind === 'mixed' ? rng.pick(['page', 'count', 'jump', 'facets', 'next'] as const) : kind;
    if (act === 'page') q.count = false;
    return { kind, act, q, at: rng.next() };
  });
}

/** The search API a phase runs against: on this thread (profiled) or through the read pool. */
interface Target {
  search(q: CallSearch): Promise<CallPage>;
  facets(q: CallSearch): Promise<Facets>;
  strategy(): string;
  /** Before each timed request: forget kept counts; start the statement record. */
  cold(): void;
  slowest(): { run?: StatementRun; statements: number };
}

async function runPlanned(target: Target, planned: Planned[]): Promise<Timed[]> {
  const results: Timed[] = [];
  for (const p of planned) {
    let query = p.q;
    if (p.act === 'jump') {
      // A jump follows a count (the list knows its length), not timed here.
      const total = (await target.search({ ...query, limit: 1 })).total;
      query = { ...query, offset: Math.floor(p.at * total) };
    }
    if (p.act === 'next') {
      const first = await target.search({ ...query, count: false });
      query = { ...query, cursor: first.nextCursor, count: false };
    }
    target.cold();
    const cpu = process.cpuUsage();
    const t = performance.now();
    let strategy = 'facets';
    if (p.act === 'facets') {
      const f = await target.facets(query);
      if (f.estimated) strategy = 'facets (estimate first)';
    } else {
      const page = await target.search(query);
      strategy = target.strategy() + (page.totalPending && p.act !== 'page' ? ' (count late)' : '');
    }
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const { run, statements } = target.slowest();
    results.push({ kind: p.kind, q: query, ms, cpuMs, strategy, slowest: run, statements });
  }
  return results;
}

function reportKinds(ctx: BenchContext, label: string, results: Timed[]): void {
  for (const [kind] of MIX) {
    const ms = results
      .filter((r) => r.kind === kind)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    if (!ms.length) continue;
    const g = GOALS[kind];
    const [p50, p95, p99, max] = [0.5, 0.95, 0.99, 1].map((p) => percentile(ms, p)) as [number, number, number, number];
    const ok = p95 < g.p95 && p99 < g.p99 && max < g.max;
    ctx.report(
      PART,
      `${label}${kind} (${ms.length}) p50/p95/p99/max`,
      [p50, p95, p99, max].map((v) => v.toFixed(1)).join(' / '),
      `ms (goal p95 < ${g.p95}, p99 < ${g.p99}, max < ${g.max}) ${ok ? 'ok' : 'ABOVE GOAL'}`,
    );
    const cpu = results
      .filter((r) => r.kind === kind)
      .map((r) => r.cpuMs)
      .sort((a, b) => a - b);
    ctx.report(
      PART,
      `${label}${kind} CPU p50/p95/p99/max`,
      [0.5, 0.95, 0.99, 1].map((p) => percentile(cpu, p).toFixed(1)).join(' / '),
      'ms of CPU (what the load of a shared machine does not inflate; in the pool, every lane together)',
    );
  }
  const strategies = new Map<string, number>();
  for (const r of results) strategies.set(r.strategy, (strategies.get(r.strategy) ?? 0) + 1);
  ctx.report(PART, `${label}strategies`, [...strategies].map(([s, n]) => `${s} ${n}`).join(', '));
}

function reportFilters(ctx: BenchContext, results: Timed[]): void {
  const perFilter = new Map<string, number[]>();
  for (const r of results) for (const f of filtersOf(r.q)) perFilter.set(f, [...(perFilter.get(f) ?? []), r.ms]);
  for (const [f, ms] of [...perFilter].sort()) {
    ms.sort((a, b) => a - b);
    const figures = `${percentile(ms, 0.95).toFixed(1)} / ${percentile(ms, 1).toFixed(1)}`;
    ctx.report(PART, `  with ${f} (${ms.length}) p95 / max`, figures, 'ms');
  }
}

/** The five slowest requests, and the slowest of each kind that is not among them (each class of slow query shows). */
function slowestToShow(results: Timed[]): Timed[] {
  const byTime = [...results].sort((a, b) => b.ms - a.ms);
  const shown = byTime.slice(0, 5);
  for (const [kind] of MIX) {
    const first = byTime.find((r) => r.kind === kind);
    if (first && !shown.includes(first)) shown.push(first);
  }
  return shown;
}

function reportSlowest(ctx: BenchContext, profile: StatementProfile, results: Timed[]): void {
  for (const r of slowestToShow(results)) {
    const cpu = `${r.cpuMs.toFixed(1)} ms CPU`;
    ctx.report(PART, `slow: ${r.kind} ${r.ms.toFixed(1)} ms (${cpu})`, `${r.strategy}: ${brief(r.q)}`);
    if (!r.slowest) continue;
    const head = `slowest of ${r.statements} statements (${r.slowest.ms.toFixed(1)} ms)`;
    process.stdout.write(`      ${head}: ${r.slowest.sql.slice(0, 400)}\n`);
    process.stdout.write(`      params: ${JSON.stringify(r.slowest.params).slice(0, 200)}\n`);
    for (const line of profile.plan(r.slowest)) process.stdout.write(`      ${line}\n`);
  }
}

/** The p95 of plain list pages while 20 heavy facet requests are under way (issue 11 item 13). */
async function pageUnderLoad(ctx: BenchContext, readPool: ReadPool, rng: Rng, pool: QueryPool): Promise<void> {
  const heavy = Array.from({ length: 20 }, (_, i) =>
    readPool.facets({
      speakTimeSec: { min: i % 5 },
      waitTimeSec: { min: 0 },
      ...(i % 2 ? { types: ['inbound'] } : {}),
    }),
  );
  const ms: number[] = [];
  for (let i = 0; i < 40; i++) {
    const q: CallSearch = { ...randomSearch(rng, pool, i * 4 + 1), count: false, limit: 100 };
    const t = performance.now();
    await readPool.search(q);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p95 = percentile(ms, 0.95);
  ctx.report(
    PART,
    'pool: plain page during 20 heavy facets p50/p95',
    `${percentile(ms, 0.5).toFixed(1)} / ${p95.toFixed(1)}`,
    `ms (goal p95 < 150) ${p95 < 150 ? 'ok' : 'ABOVE GOAL'}`,
  );
  await Promise.allSettled(heavy);
}

export const searchRandomBench: BenchPart = {
  name: PART,
  async run(ctx: BenchContext) {
    const path = process.env.BENCH_SEARCH_DB ?? ctx.shared.get('archive1M') ?? join(ctx.workDir, 'import-bench.db');
    if (typeof path !== 'string' || !existsSync(path)) {
      ctx.report(PART, 'skipped', 'no archive (run the import part first, or set BENCH_SEARCH_DB)');
      return;
    }
    const seed = Number(process.env.BENCH_SEARCH_SEED ?? 1);
    const archive = openArchive(path, { readonly: true });
    const profile = new StatementProfile(archive.db);
    const api = new SqliteArchiveApi({ ...archive, db: profile.db });
    const readPool = new ReadPool(path, { memoryColumns: true, entry: ctx.worker }); // the archive is opened read-only: its state cannot change
    try {
      const rng = new Rng(seed);
      const pool = await samplePool(api, archive.db, rng);
      const counts = `${pool.numbers.length} numbers, ${pool.agents.length} agents, ${pool.queues.length} queues, ${pool.labels.length} labels`;
      ctx.report(PART, 'archive / pool', `${path}: ${counts}`);
      const planned = planQueries(rng, pool, Number(process.env.BENCH_SEARCH_QUERIES ?? 0));
      ctx.report(PART, 'queries (seed)', `${planned.length} (${seed})`);
      const direct = await runPlanned(
        {
          search: (q) => api.calls.search(q),
          facets: (q) => api.calls.facets(q),
          strategy: () => api.lastSearchStrategy,
          cold: () => {
            api.dropCaches();
            profile.reset();
          },
          slowest: () => ({ run: profile.slowest(), statements: profile.runs.length }),
        },
        planned,
      );
      reportKinds(ctx, 'direct: ', direct);
      reportFilters(ctx, direct);
      reportSlowest(ctx, profile, direct);
      // The same requests as the app makes them: through the read pool, with its budgets, once the
      // calls' columns are in memory (the app reads them in the background when an archive opens;
      // until then SQL answers, as in the direct run above).
      const readStart = performance.now();
      const ready = await readPool.columnsReady();
      ctx.report(
        PART,
        "pool: calls' columns in memory",
        ready
          ? `${((performance.now() - readStart) / 1000).toFixed(1)} s to read (filters and sorts usable after ${((readPool.columnsReadMs.filters ?? 0) / 1000).toFixed(1)} s)`
          : 'not read',
        ready ? `(${(readPool.columnsBytes() / 1048576).toFixed(0)} MiB shared by the workers)` : '',
      );
      await Promise.all([
        readPool.search({ count: false, limit: 1 }),
        readPool.search({ limit: 1 }),
        readPool.facets({}),
      ]);
      const pooled = await runPlanned(
        {
          search: (q) => readPool.search(q),
          facets: (q) => readPool.facets(q),
          strategy: () => readPool.lastStrategy,
          cold: () => undefined,
          slowest: () => ({ statements: 0 }),
        },
        planned,
      );
      reportKinds(ctx, 'pool: ', pooled);
      // The slowest of each kind as the app sees them (no statement record on the workers' threads).
      for (const r of slowestToShow(pooled))
        ctx.report(PART, `pool slow: ${r.kind} ${r.ms.toFixed(1)} ms`, `${r.strategy}: ${brief(r.q)}`);
      await pageUnderLoad(ctx, readPool, rng, pool);
    } finally {
      await readPool.close();
      archive.close();
    }
  },
};
