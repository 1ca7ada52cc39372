// The filter chips' counts in their own store (call-facets.ts, #17 item 5), without a component:
// asked for only while a chip is open and once per shown query, estimates asked for again until
// exact, and an answer for a query the list no longer shows dropped. Fake clock, no real waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSearch, Facets } from '../../src/shared/api/archive-api';
import { FACETS_RECHECK_MS, useCallFacetsStore } from '../../src/renderer/src/stores/call-facets';
import { advance, setupEnv, type TestEnv } from './mount-helpers';

let env: TestEnv;
beforeEach(() => {
  env = setupEnv({ generated: 40 });
});
afterEach(() => {
  vi.useRealTimers();
});

const asked = () => env.api.log.filter((c) => c.method === 'calls.facets').map((c) => c.arg as CallSearch);
const INBOUND: CallSearch = { sort: 'start', direction: 'desc', limit: 100, types: ['inbound'] };
const CALLBACK: CallSearch = { sort: 'start', direction: 'desc', limit: 100, types: ['callback'] };

/** Facets answered by hand: each request waits until the test resolves it. */
function heldFacets() {
  const held: { q: CallSearch; resolve: (f: Facets) => void }[] = [];
  env.api.calls.facets = (q) => {
    env.api.log.push({ method: 'calls.facets', arg: q });
    return new Promise<Facets>((resolve) => held.push({ q, resolve }));
  };
  return held;
}
const facetsOf = (queue: string, estimated = false): Facets => ({
  type: [],
  outcome: [],
  queue: [{ value: queue, count: 3 }],
  agent: [],
  ...(estimated ? { estimated: true } : {}),
});

/** The store with a chip open and the rows of `query` on show (its counts asked for). */
async function chipOpenOn(query: CallSearch) {
  const facets = useCallFacetsStore();
  facets.want(true);
  facets.searchStarted();
  facets.resultsShown(query);
  await advance();
  return facets;
}

describe('call facets store', () => {
  it('asks for no counts while no chip is open, then once per shown query while one is', async () => {
    const facets = useCallFacetsStore();
    facets.searchStarted();
    facets.resultsShown(INBOUND);
    await advance();
    expect(asked()).toHaveLength(0);
    facets.want(true);
    await advance();
    expect(asked()).toEqual([INBOUND]);
    // A second chip opening on the same query asks nothing more.
    facets.want(true);
    await advance();
    expect(asked()).toHaveLength(1);
    facets.searchStarted();
    facets.resultsShown(CALLBACK);
    await advance();
    expect(asked()).toEqual([INBOUND, CALLBACK]);
    expect(facets.loading).toBe(false);
    // The counts on show are the archive's answer for the newer query.
    expect(facets.counts).toEqual(await env.api.calls.facets(CALLBACK));
    // Both chips closed: the next query's counts are not asked for.
    facets.want(false);
    facets.want(false);
    facets.searchStarted();
    facets.resultsShown(INBOUND);
    await advance();
    expect(asked()).toHaveLength(3); // the two above and the test's own
  });

  it('asks nothing while the newest search has no rows on show yet (its page first)', async () => {
    const facets = useCallFacetsStore();
    facets.want(true);
    facets.searchStarted();
    await advance();
    expect(asked()).toHaveLength(0);
    facets.resultsShown(INBOUND);
    await advance();
    expect(asked()).toEqual([INBOUND]);
  });

  it('drops the counts of a query the list no longer shows (they arrive late)', async () => {
    const held = heldFacets();
    const facets = await chipOpenOn(INBOUND);
    facets.searchStarted();
    facets.resultsShown(CALLBACK);
    await advance();
    expect(held.map((h) => h.q)).toEqual([INBOUND, CALLBACK]);
    held[1]!.resolve(facetsOf('newer'));
    await advance();
    expect(facets.counts.queue[0]?.value).toBe('newer');
    expect(facets.loading).toBe(false);
    held[0]!.resolve(facetsOf('older'));
    await advance();
    expect(facets.counts.queue[0]?.value).toBe('newer');
  });

  it('shows an estimate at once and asks again every FACETS_RECHECK_MS until the exact counts come', async () => {
    const held = heldFacets();
    const facets = await chipOpenOn(INBOUND);
    held[0]!.resolve(facetsOf('sampled', true));
    await advance();
    expect(facets.counts.estimated).toBe(true);
    expect(facets.loading).toBe(false);
    await advance(FACETS_RECHECK_MS - 1);
    expect(held).toHaveLength(1);
    await advance(1);
    expect(held).toHaveLength(2);
    expect(held[1]!.q).toEqual(INBOUND);
    held[1]!.resolve(facetsOf('counted'));
    await advance();
    expect(facets.counts.estimated).toBeUndefined();
    expect(facets.counts.queue[0]?.value).toBe('counted');
    await advance(FACETS_RECHECK_MS * 5);
    expect(held).toHaveLength(2);
  });

  it('stops asking again for an estimate once a newer search has started', async () => {
    const held = heldFacets();
    const facets = await chipOpenOn(INBOUND);
    held[0]!.resolve(facetsOf('sampled', true));
    await advance();
    facets.searchStarted();
    await advance(FACETS_RECHECK_MS * 3);
    expect(held).toHaveLength(1);
  });

  it('stops showing "loading" when the last counts asked for answer late, after a newer search that showed no rows', async () => {
    const held = heldFacets();
    const facets = await chipOpenOn(INBOUND);
    expect(facets.loading).toBe(true);
    facets.searchStarted(); // its rows never come (the search failed)
    held[0]!.resolve(facetsOf('older'));
    await advance();
    expect(facets.loading).toBe(false);
    expect(facets.counts.queue).toEqual([]); // the stale counts are not shown
  });

  it('keeps the chips working when the counts fail (nothing thrown, loading ends)', async () => {
    env.api.calls.facets = () => Promise.reject(new Error('archive busy'));
    const facets = await chipOpenOn(INBOUND);
    expect(facets.loading).toBe(false);
    expect(facets.counts.queue).toEqual([]);
  });
});
