// Property test: on simulated archives and seeded random searches (the bench's generator), every
// search strategy — each tuning of the thresholds that pick them, shortcuts on and off — returns
// the same rows, in the same order, with the same totals and facets as a plain in-memory filter
// of the calls (./search-reference.ts), page after page, for uncounted first pages and for jumps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import { SEARCH_STRATEGIES } from '../../src/main/api/search-strategies';
import { buildCallColumns } from '../../src/main/api/call-columns';
import { DEFAULT_SEARCH_TUNING, tuned } from '../../src/main/api/search-tuning';
import { importFiles } from '../../src/main/import/run-import';
import { writeSimulatedExport } from '../../src/main/simulator/write-export';
import type { Archive } from '../../src/main/store/archive';
import type { CallSearch } from '../../src/shared/api/archive-api';
import { randomSearch, type QueryPool } from '../../src/shared/api/search-query-generator';
import { Rng } from '../../src/shared/simulator/prng';
import { freshArchive } from './helpers';
import { idsOf, refCall, referenceFacets, referenceOrder, type RefCall } from './search-reference';

const TUNINGS = {
  plain: {
    walkMinMatches: Infinity,
    ftsWalkMinMatches: Infinity,
    ftsWindow: 1024,
    ftsWindowEstimate: true,
    shortcuts: false,
  },
  forced: { walkMinMatches: 0, ftsWalkMinMatches: 0, ftsWindow: 7, ftsWindowEstimate: false, shortcuts: true },
  sorted: {
    walkMinMatches: Infinity,
    ftsWalkMinMatches: Infinity,
    ftsWindow: 1024,
    ftsWindowEstimate: true,
    shortcuts: true,
  },
  defaults: DEFAULT_SEARCH_TUNING,
  /** Every walk gives up at once (a budget of one index entry): the matches are sorted instead. */
  walksGiveUp: {
    walkMinMatches: 0,
    ftsWalkMinMatches: 0,
    ftsWindow: 7,
    ftsWindowEstimate: false,
    shortcuts: true,
    walkBudgetFactor: 0,
    walkBudgetMin: 0,
  },
  /** Walks bounded tightly: some fill their page inside the bound, some give up. */
  walksBounded: {
    walkMinMatches: 0,
    ftsWalkMinMatches: 0,
    ftsWindow: 7,
    ftsWindowEstimate: false,
    shortcuts: true,
    walkBudgetFactor: 1,
    walkBudgetMin: 40,
  },
  /** The calls' columns in memory: every search the scan evaluates is a column scan (src/main/api/column-scan.ts). */
  columns: { ...DEFAULT_SEARCH_TUNING, memoryColumns: true },
};
const QUERIES = 40;
/** Every strategy name seen, over all tunings. */
const seen = new Set<string>();

let archive: Archive;
let api: SqliteArchiveApi;
let calls: RefCall[];
let pool: QueryPool;

beforeAll(async () => {
  const s = freshArchive();
  archive = s.archive;
  const out = join(s.dir, 'sim.csv');
  const written = await writeSimulatedExport({ calls: 500, days: 4, seed: 5, out });
  const results = await importFiles(archive, written.files, { timeZone: 'Europe/Copenhagen', inProcess: true });
  expect(results.every((r) => r.status === 'done')).toBe(true);
  api = new SqliteArchiveApi(archive);
  const ids = archive.db.prepare('SELECT id, call_id FROM calls ORDER BY id').all() as {
    id: number;
    call_id: string;
  }[];
  calls = [];
  for (const { id, call_id } of ids) {
    const detail = await api.calls.get(call_id);
    if (detail) calls.push(refCall(id, detail.call));
  }
  expect(calls.length).toBeGreaterThan(400);
  const facets = await api.calls.facets({});
  const starts = calls.map((c) => Date.parse(c.call.start));
  pool = {
    numbers: [...new Set(calls.slice(0, 60).flatMap((c) => [c.call.callerNumber, c.call.accessNumber]))].filter(
      (n): n is string => n !== null,
    ),
    agents: facets.agent.map((f) => f.value),
    queues: facets.queue.map((f) => f.value),
    labels: [...new Set(calls.slice(0, 60).flatMap((c) => c.call.events.flatMap((e) => [e.label, e.name])))].filter(
      (l): l is string => l !== null,
    ),
    firstMs: Math.min(...starts),
    lastMs: Math.max(...starts),
  };
}, 120_000);
afterAll(() => {
  archive.close();
});

async function allPages(q: CallSearch): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page = await api.calls.search({ ...q, limit: 37, cursor });
    ids.push(...idsOf(page.rows));
    totals.push(page.total);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { ids, totals };
}

describe.each(Object.entries(TUNINGS))('search strategies (%s tuning) against the in-memory reference', (_, tuning) => {
  it('same rows, order, totals, first pages, jumps and facets on random searches', async () => {
    // The tuning is given to the searcher of an API of its own, on the same archive.
    const untuned = api;
    const { memoryColumns, ...thresholds } = { memoryColumns: false, ...tuning };
    api = new SqliteArchiveApi(archive, {
      searchTuning: tuned(thresholds),
      ...(memoryColumns ? { memoryColumns: buildCallColumns(archive.db) ?? undefined } : {}),
    });
    try {
      const rng = new Rng(17);
      const strategies = new Set<string>();
      let nonEmpty = 0;
      const queries: CallSearch[] = Array.from({ length: QUERIES }, (_, i) => randomSearch(rng, pool, i));
      // One queue / one agent by start (their own index), which random draws may miss.
      queries.push({ queues: pool.queues.slice(0, 1) }, { agents: pool.agents.slice(0, 1), direction: 'asc' });
      // Short words naming the start of an agent's or a queue's name (LIKE: any ASCII case), beside a number's.
      const start = (name: string | undefined) => (name ?? 'x').slice(0, 2).toLowerCase();
      queries.push(
        { text: start(pool.agents[1]), sort: 'agent' },
        { text: `${start(pool.queues[1])} ${(pool.numbers[0] ?? '4').slice(0, 1)}`, direction: 'asc' },
      );
      for (const q of queries) {
        const want = referenceOrder(calls, q);
        const label = JSON.stringify(q);
        if (want.length > 37) nonEmpty++;
        // Uncounted first page (before the count is known and kept): the same rows; the total
        // exact, or a lower bound marked pending.
        const first = await api.calls.search({ ...q, limit: 37, count: false });
        seen.add(api.lastSearchStrategy);
        expect(idsOf(first.rows), label).toEqual(want.slice(0, 37));
        if (first.totalPending) expect(first.total, label).toBeLessThanOrEqual(want.length);
        else expect(first.total, label).toBe(want.length);
        const { ids, totals } = await allPages(q);
        strategies.add(api.lastSearchStrategy);
        seen.add(api.lastSearchStrategy);
        expect(ids, label).toEqual(want);
        expect(new Set(totals), label).toEqual(new Set([want.length]));
        // A jump to a random row position.
        const at = Math.floor(rng.next() * (want.length + 2));
        const jump = await api.calls.search({ ...q, limit: 37, offset: at });
        expect(idsOf(jump.rows), `${label} offset ${at}`).toEqual(want.slice(at, at + 37));
        seen.add(api.lastSearchStrategy);
        expect(await api.calls.facets(q), label).toEqual(referenceFacets(calls, q));
      }
      // The generated searches exercise real result sets (several pages), not only empty ones.
      expect(nonEmpty).toBeGreaterThan(QUERIES / 4);
      expect(strategies.size).toBeGreaterThan(0);
    } finally {
      api = untuned;
    }
  }, 240_000);
});

it('the random searches ran through every strategy of the list and both jumps (by the names the searcher reports)', () => {
  const names = [...seen].join(' | ');
  for (const name of [
    ...SEARCH_STRATEGIES.map((s) => s.name),
    'hour-seek',
    'offset-seek',
    'walk gave up',
    'column-scan + select',
  ])
    expect(names, `${name} never answered: ${names}`).toContain(name);
});

it('the import leaves full optimizer statistics for the search tables (sqlite_stat4 samples, refreshSearchAggregates)', () => {
  const tables = archive.db.prepare('SELECT DISTINCT tbl FROM sqlite_stat4').pluck().all() as string[];
  // The link tables as stored (the names as ids behind the views call_queues / call_agents: link-ids.ts).
  expect(tables).toEqual(expect.arrayContaining(['calls', 'call_queue_rows', 'call_agent_rows']));
});
