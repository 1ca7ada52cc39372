// The read pool (src/main/api/read-pool.ts): searches and facets on worker threads with their own
// read-only connections; budgets answer late counts and facets first ("at least N", an estimate)
// and abandon a request past the hard budget by terminating its worker. The slow requests here are
// deliberately slow statements (a recursive count in the worker), so the budgets are tested, not
// the speed of this machine.
import { copyFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReadPool, slowForTestsFromEnv } from '../../src/main/api/read-pool';
import { BACKGROUND_NICE, lowerThisThreadsPriority } from '../../src/main/api/thread-priority';
import { withPeople } from '../../src/main/api/list-row-people';
import { SqliteArchiveApi } from '../../src/main/api/sqlite-archive-api';
import type { Archive } from '../../src/main/store/archive';
import { archiveOfInboundCalls, toPreviousTextSchema } from './helpers';
import { tempDir } from './fixtures';
import { bundledWorkerEntry } from '../common/worker-entry';

let archive: Archive;
let path: string;
let direct: SqliteArchiveApi;
const pools: ReadPool[] = [];
const pool = (options: ConstructorParameters<typeof ReadPool>[1] = {}) => {
  const p = new ReadPool(path, { entry: bundledWorkerEntry(), ...options });
  pools.push(p);
  return p;
};
// Pools shared by the tests whose budgets agree (each pool starts four worker threads).
let steadyPool: ReadPool | undefined;
/** Budgets out of reach: exact answers only (a loaded machine must not turn them into estimates). */
const steady = () => (steadyPool ??= pool({ budgets: { countMs: 60_000, facetsMs: 60_000, hardMs: 60_000 } }));
let lateFacetsPool: ReadPool | undefined;
/** Exact facets deliberately slow (1.5 s), estimates after 90 ms. */
const lateFacets = () =>
  (lateFacetsPool ??= pool({
    budgets: { facetsMs: 90, hardMs: 60_000 },
    slowForTests: { facets: 1500 },
    sampleEvery: 2,
  }));
let budgetedPool: ReadPool | undefined;
/**
 * A hard budget the tests run out by hand: their requests hold a lane for a minute and the budget's
 * timer is a fake one (vi.useFakeTimers) advanced past it, so nothing waits for it in real time and no
 * load on the machine can run a request out of it unasked.
 */
const budgeted = async () => {
  const p = (budgetedPool ??= pool({ budgets: { hardMs: 2000 } }));
  await p.slow('facets', 0); // its facets lane's worker up (with real timers): a request reaches it at once
  return p;
};
/** Real time for the rest, fake setTimeout / clearTimeout (the pool's budgets) for `run`. */
async function withFakeBudgets<T>(run: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    return await run();
  } finally {
    vi.useRealTimers();
  }
}
/** Until the budget's timer of a request just sent is set (when its worker has it: a few event-loop turns). */
async function budgetTimerSet(): Promise<void> {
  while (vi.getTimerCount() === 0) await new Promise((turned) => setImmediate(turned));
}
/** Requests a pool sent to its workers since `before` (a copy of `started`), per lane. */
const startedSince = (p: ReadPool, before: ReadPool['started']) =>
  Object.fromEntries(Object.entries(p.started).map(([lane, n]) => [lane, n - before[lane as keyof typeof before]]));

beforeAll(async () => {
  const s = await archiveOfInboundCalls(150);
  archive = s.archive;
  path = s.path;
  direct = new SqliteArchiveApi(archive);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  archive.close();
});

describe('read pool', () => {
  it('answers searches and facets as the archive connection does', async () => {
    const p = steady();
    for (const q of [{}, { text: '4512' }, { agents: ['Agent 3'], sort: 'speakTimeSec' as const }, { count: false }])
      // The API adds who answered and talked to a page's rows after the pool's search (list-row-people.ts).
      expect(withPeople(archive.db, await p.search({ ...q, limit: 20 }))).toEqual(
        await direct.calls.search({ ...q, limit: 20 }),
      );
    expect(await p.facets({ text: 'Welcome' })).toEqual(await direct.calls.facets({ text: 'Welcome' }));
  });

  it("searches with the calls' columns in memory once read, for the archive state they were read at only", async () => {
    let state = 'first';
    const p = pool({ budgets: { countMs: 60_000, facetsMs: 60_000, hardMs: 60_000 }, callsState: () => state });
    const q = { agents: ['Agent 3'], sort: 'speakTimeSec' as const, limit: 20 };
    expect(await p.columnsReady()).toBe(true);
    expect(withPeople(archive.db, await p.search(q))).toEqual(await direct.calls.search(q));
    expect(p.lastStrategy).toBe('column-scan');
    expect(await p.facets({ durationSec: { min: 30 } })).toEqual(
      await direct.calls.facets({ durationSec: { min: 30 } }),
    );
    // The archive changed (an import, an erasure): SQL answers until the columns are read again.
    state = 'second';
    expect(withPeople(archive.db, await p.search(q))).toEqual(await direct.calls.search(q));
    expect(p.lastStrategy).not.toContain('column-scan');
    expect(await p.columnsReady()).toBe(true);
    await p.search(q);
    expect(p.lastStrategy).toBe('column-scan');
  });

  it("reads a text's full match list once per archive state and passes it to the other workers (an older archive read as it is)", async () => {
    // An archive before the calls' name sets (TEXT_NAMES_VERSION): its text columns do not hold the
    // event labels, so a label word is listed by SQL (on an archive with name sets the columns answer it).
    const older = join(tempDir(), 'older.db');
    copyFileSync(path, older);
    toPreviousTextSchema(older);
    let state = 'first';
    const p = new ReadPool(older, {
      entry: bundledWorkerEntry(),
      budgets: { countMs: 60_000, facetsMs: 60_000, hardMs: 60_000 },
      callsState: () => state,
    });
    pools.push(p);
    expect(await p.columnsReady()).toBe(true);
    // Read in two parts: the filters and sorts first (usable at once), then the text columns.
    const { filters, text: withText } = p.columnsReadMs;
    expect(filters).toBeGreaterThan(0);
    expect(withText).toBeGreaterThanOrEqual(filters ?? Infinity);
    // A name is found by the text columns: no list is read.
    await p.search({ text: 'Welcome', count: false, limit: 20 });
    expect(p.matchListsRead).toBe(0);
    // A word of an event label is left to the trigram index (labels are computed on read, not stored).
    const text = { text: 'unanswered', sort: 'speakTimeSec' as const, limit: 20 };
    // The list's three requests, as the UI sends them: first page, count, facets (three lanes).
    expect(withPeople(archive.db, await p.search({ ...text, count: false }))).toEqual(
      await direct.calls.search({ ...text, count: false }),
    );
    expect(p.lastStrategy).toBe('column-scan');
    expect(p.matchListsRead).toBe(1);
    expect(withPeople(archive.db, await p.search(text))).toEqual(await direct.calls.search(text));
    expect(await p.facets(text)).toEqual(await direct.calls.facets(text));
    expect(p.matchListsRead).toBe(1);
    // Another text is read; so is the first again once the archive has changed.
    await p.facets({ text: 'finished' });
    expect(p.matchListsRead).toBe(2);
    state = 'second';
    expect(await p.columnsReady()).toBe(true);
    expect(withPeople(archive.db, await p.search(text))).toEqual(await direct.calls.search(text));
    expect(p.matchListsRead).toBe(3);
  });

  it('searches by SQL alone when told not to hold the columns, or not told the archive state (it could not see them go stale)', async () => {
    for (const p of [pool({ memoryColumns: false, callsState: () => 'one' }), steady()]) {
      expect(await p.columnsReady()).toBe(false);
      await p.search({ agents: ['Agent 3'], limit: 5 });
      expect(p.lastStrategy).not.toContain('column-scan');
    }
  });

  it('passes archive errors on with their code (an invalid cursor)', async () => {
    await expect(steady().search({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('a page is answered while a slow facet holds its own lane', async () => {
    const p = await budgeted();
    await withFakeBudgets(async () => {
      const order: string[] = [];
      const slow = p.slow('facets', 60_000).then(
        () => order.push('slow facet'),
        (err: { code?: string }) => order.push(`slow facet: ${err.code}`),
      );
      await p.search({ count: false, limit: 10 });
      order.push('page');
      expect(order).toEqual(['page']);
      // The facet still held its lane: its hard budget ends it.
      await budgetTimerSet();
      vi.advanceTimersByTime(2000);
      await slow;
      expect(order).toEqual(['page', 'slow facet: TIMEOUT']);
    });
  });

  it('a request past the hard budget is abandoned: its worker is stopped and replaced', async () => {
    const p = await budgeted();
    const abandoned = p.abandoned;
    await withFakeBudgets(async () => {
      const slow = p.slow('facets', 60_000);
      await budgetTimerSet();
      vi.advanceTimersByTime(1999);
      expect(p.abandoned).toBe(abandoned);
      vi.advanceTimersByTime(1);
      await expect(slow).rejects.toMatchObject({ code: 'TIMEOUT' });
      expect(p.abandoned).toBe(abandoned + 1);
      // The replacement worker answers the next request in that lane.
      expect((await p.facets({})).type.length).toBeGreaterThan(0);
    });
  });

  it('a count past its budget answers the page first ("at least N"), then the exact total when asked again', async () => {
    const p = pool({ budgets: { countMs: 100, hardMs: 60_000 }, slowForTests: { counted: 1500 } });
    const first = await p.search({ agents: ['Agent 3'], limit: 5 });
    const exact = await direct.calls.search({ agents: ['Agent 3'], limit: 5 });
    // The page without its count (on this small archive its total is known anyway), while the count still runs.
    expect(first.rows).toEqual(exact.rows);
    expect(p.running).toBe(1);
    // The count went on in the background; asked again, its total comes at once with the page.
    await expect
      .poll(async () => (await p.search({ agents: ['Agent 3'], limit: 5 })).total, { timeout: 20_000 })
      .toBe(exact.total);
    expect(await p.search({ agents: ['Agent 3'], limit: 5 })).toEqual(exact);
  });

  it('facets past their budget answer an estimate marked as such, then the exact figures', async () => {
    const p = lateFacets();
    const q = { outcomes: ['answered' as const], speakTimeSec: { min: 1 } };
    const estimate = await p.facets(q);
    expect(estimate.estimated).toBe(true);
    const exact = await direct.calls.facets(q);
    expect(exact.estimated).toBeUndefined();
    await expect.poll(async () => (await p.facets(q)).estimated, { timeout: 20_000 }).toBeUndefined();
    expect(await p.facets(q)).toEqual(exact);
  });

  it('quick exact facets start no estimate; late ones are answered by the estimate started beside them', async () => {
    const quick = steady();
    let before = { ...quick.started };
    expect((await quick.facets({ types: ['inbound'] })).estimated).toBeUndefined();
    expect(startedSince(quick, before)).toMatchObject({ facets: 1, estimate: 0 });
    const late = lateFacets();
    before = { ...late.started };
    expect((await late.facets({ types: ['callback'] })).estimated).toBe(true);
    // (Its exact facets may still wait behind the earlier test's in the facets lane.)
    expect(startedSince(late, before)).toMatchObject({ estimate: 1 });
  });

  it.runIf(process.platform === 'linux')(
    'count and facet threads run at a lower CPU priority than the page and estimate threads (Linux: per thread)',
    async () => {
      const before = getPriority(0);
      const priorities = await steady().priorities();
      expect(priorities).toEqual({
        page: [null],
        count: [Math.max(before, BACKGROUND_NICE)],
        facets: [Math.max(before, BACKGROUND_NICE)],
        estimate: [null],
      });
      // Only the worker threads changed: this thread (and so the app's window) keeps its priority.
      expect(getPriority(0)).toBe(before);
    },
  );

  it('leaves the priority alone where it would change the whole process (macOS, Windows)', () => {
    const before = getPriority(0);
    expect(lowerThisThreadsPriority('darwin')).toBeNull();
    expect(lowerThisThreadsPriority('win32')).toBeNull();
    expect(getPriority(0)).toBe(before);
  });

  it('the tests-only slow facets come from CALLSCOPE_TEST_SLOW_FACETS_MS, whole milliseconds up to ten minutes', () => {
    const of = (v: string | undefined) => slowForTestsFromEnv({ CALLSCOPE_TEST_SLOW_FACETS_MS: v });
    expect(of('20000')).toEqual({ facets: 20_000 });
    for (const bad of [undefined, '', '0', '-5', '1.5', '20s', '600001', '9999999']) expect(of(bad)).toBeUndefined();
  });
});
