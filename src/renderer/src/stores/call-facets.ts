// The filter chips' counts (type, outcome, queue, agent) of the query the call list shows: a store
// of their own beside the calls store, which tells it when a search starts and which query's rows
// are on show.
//
// Counts are loaded only while a chip that shows them is open (`want`): on a large archive a broad
// text's counts take seconds, and the archive answers one request at a time — counts nobody looks at
// would hold up the next keystroke's results. A query's counts are asked for once, after its first
// page (the list first). A large archive answers an estimate first (a sample); it stays on show and
// is asked for again every FACETS_RECHECK_MS until the exact counts come. An answer for a query the
// list no longer shows is dropped.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CallSearch, Facets } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { CountTimer, Latest, systemClock } from './search-timing';

/** How soon estimated facet counts are asked for again (the exact counting goes on meanwhile). */
export const FACETS_RECHECK_MS = 1000;

export function emptyFacets(): Facets {
  return { type: [], outcome: [], queue: [], agent: [] };
}

export const useCallFacetsStore = defineStore('callFacets', () => {
  const counts = ref<Facets>(emptyFacets());
  const loading = ref(false);
  /** Open chips showing counts. */
  let viewers = 0;
  /** Each search the list starts is a request; counts of a replaced one are dropped. */
  const latest = new Latest();
  /** The query whose rows the list shows; null while the newest search's rows are on their way. */
  let shown: CallSearch | null = null;
  /** The request whose counts are loaded (or loading). */
  let loadedFor = -1;
  const recheck = new CountTimer(systemClock, FACETS_RECHECK_MS, () => false);

  /** The list starts a new search: counts loaded or loading for the one before are stale. */
  function searchStarted(): void {
    latest.next();
    shown = null;
  }

  /** The list shows the rows of `query` (the newest search's first page): count them if a chip is open. */
  function resultsShown(query: CallSearch): void {
    shown = query;
    if (viewers > 0) void ensure();
  }

  /** A chip showing counts opened (true) or closed (false). */
  function want(open: boolean): void {
    viewers = Math.max(0, viewers + (open ? 1 : -1));
    if (open) void ensure();
  }

  /** Loads the counts of the query on show, once per search. */
  async function ensure(): Promise<void> {
    const mine = latest.newest;
    if (!shown || loadedFor === mine) return;
    loadedFor = mine;
    const query = shown;
    loading.value = true;
    try {
      // The archive leaves each facet's own filter out of its counts.
      await take(mine, query);
    } catch {
      // Counts are a help, not a must: the chips still work without them.
    } finally {
      // Loading ends with the last request asked for, even when a newer search (whose rows never
      // came: a failed search) made its answer stale.
      if (loadedFor === mine) loading.value = false;
    }
  }

  /** Asks for the counts and shows them if the search is still the newest; estimates are asked for again. */
  async function take(mine: number, query: CallSearch): Promise<void> {
    const f = await useApi().calls.facets(query);
    if (!latest.isNewest(mine)) return;
    counts.value = f;
    if (f.estimated) recheck.schedule(mine, latest, () => void take(mine, query).catch(keepEstimates));
  }

  return { counts, loading, want, searchStarted, resultsShown };
});

/** A failed recheck leaves the estimates on show; the next search asks again. */
function keepEstimates(): void {}
