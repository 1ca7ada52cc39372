// The call list: query (text, filters, sort), the rows loaded so far through the
// keyset cursor, the total, facets and the keyboard selection.
//
// Typing: the first keystroke after a pause searches at once (leading edge) and a
// burst is coalesced into one search SEARCH_DEBOUNCE_MS after the last key
// (trailing edge). Every query has a generation; answers of an older one are dropped.
//
// Facet counts are loaded only while a chip that shows them is open (wantFacets):
// on a large archive a broad text's counts take seconds, and the archive answers
// one request at a time — counts nobody looks at would hold up the next keystroke's results.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { CallListRow, Facets, SortColumn } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';
import { buildCallSearch, emptyFilters, type CallFilters, type SortDirection } from './search-query';

export const SEARCH_DEBOUNCE_MS = 150;
export const FIRST_PAGE = 100;
export const MAX_PAGE = 1000;

export const useCallsStore = defineStore('calls', () => {
  const text = ref('');
  const filters = ref<CallFilters>(emptyFilters());
  const sort = ref<SortColumn>('start');
  const direction = ref<SortDirection>('desc');
  const rows = shallowRef<CallListRow[]>([]);
  const total = ref(0);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref<UiError | null>(null);
  const facets = ref<Facets>({ type: [], outcome: [], queue: [], agent: [] });
  const facetsLoading = ref(false);
  /** Open chips showing counts; the generation whose counts are loaded (or loading). */
  let facetViewers = 0;
  let facetsOf = -1;
  const selectedIndex = ref(-1);

  let generation = 0;
  let debounceTimer: ReturnType<typeof setTimeout> | null = null;
  let lastKeyAt = 0;

  function query(limit: number, cursor: string | null = null) {
    return buildCallSearch(text.value, filters.value, sort.value, direction.value, limit, cursor);
  }

  /** Rows loaded from the end (reverse order: tail[0] is the last row), so End and a drag to the bottom are quick. */
  const tail = shallowRef<CallListRow[]>([]);
  let tailCursor: string | null = null;
  let tailStarted = false;

  function rowAt(index: number): CallListRow | undefined {
    if (index < rows.value.length) return rows.value[index];
    const k = total.value - 1 - index;
    return k >= 0 && k < tail.value.length ? tail.value[k] : undefined;
  }

  function complete(): boolean {
    return !nextCursor.value || rows.value.length + tail.value.length >= total.value || (tailStarted && !tailCursor);
  }

  /** Loads the counts of the current query once (after its first page). */
  async function ensureFacets(): Promise<void> {
    if (facetsOf === generation || loading.value) return;
    const mine = generation;
    facetsOf = mine;
    facetsLoading.value = true;
    try {
      // The archive leaves each facet's own filter out of its counts.
      const f = await useApi().calls.facets(query(FIRST_PAGE));
      if (mine === generation) facets.value = f;
    } catch {
      // Counts are a help, not a must: the chips still work without them.
    } finally {
      if (mine === generation) facetsLoading.value = false;
    }
  }

  /** A chip showing counts opened (true) or closed (false). */
  function wantFacets(open: boolean): void {
    facetViewers = Math.max(0, facetViewers + (open ? 1 : -1));
    if (open) void ensureFacets();
  }

  async function refresh(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    wanted = null;
    try {
      // The list first: the first results must not wait for facet counts.
      const page = await useApi().calls.search(query(FIRST_PAGE));
      if (mine !== generation) return;
      rows.value = page.rows;
      tail.value = [];
      tailCursor = null;
      tailStarted = false;
      total.value = page.total;
      nextCursor.value = page.nextCursor;
      selectedIndex.value = page.rows.length ? 0 : -1;
      loading.value = false;
      if (facetViewers > 0) void ensureFacets();
    } catch (e) {
      if (mine !== generation) return;
      rows.value = [];
      tail.value = [];
      total.value = 0;
      nextCursor.value = null;
      error.value = toUiError(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** The index range the view needs now; the loader re-reads it after every page. */
  let wanted: { from: number; to: number } | null = null;

  function firstMissing(from: number, to: number): number {
    for (let i = from; i <= to; i++) if (!rowAt(i)) return i;
    return -1;
  }

  /**
   * Loads pages (keyset cursor) until rows from..to are present: from the top for a
   * range nearer the loaded head, from the end (reverse sort) for one nearer the end.
   */
  async function ensureRange(from: number, to: number): Promise<void> {
    wanted = { from: Math.max(0, from), to: Math.min(total.value - 1, to) };
    if (loadingMore.value) return;
    const mine = generation;
    loadingMore.value = true;
    try {
      while (mine === generation && wanted && !complete()) {
        const { from: a, to: b } = wanted;
        const missing = firstMissing(a, b);
        // Read ahead a little when the view nears the end of the loaded head.
        const nearHead = missing < 0 && b >= rows.value.length - 20 && b + 60 < total.value - tail.value.length;
        if (missing < 0 && !nearHead) break;
        const target = missing < 0 ? b + 60 : missing;
        const fromTail = target - rows.value.length > total.value - 1 - b;
        if (fromTail) {
          const need = total.value - a - tail.value.length;
          const limit = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, need + 20));
          const reverse = direction.value === 'asc' ? 'desc' : 'asc';
          const q = { ...query(limit, tailCursor), direction: reverse } as const;
          tailStarted = true;
          const page = await useApi().calls.search(q);
          if (mine !== generation) return;
          tail.value = tail.value.concat(page.rows);
          tailCursor = page.nextCursor;
        } else {
          const limit = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, Math.max(target, b) - rows.value.length + FIRST_PAGE));
          const page = await useApi().calls.search(query(limit, nextCursor.value));
          if (mine !== generation) return;
          rows.value = rows.value.concat(page.rows);
          nextCursor.value = page.nextCursor;
          total.value = page.total;
        }
      }
    } catch (e) {
      if (mine === generation) error.value = toUiError(e);
    } finally {
      loadingMore.value = false;
    }
  }

  function ensureLoaded(index: number): Promise<void> {
    return ensureRange(index, index);
  }

  function setText(value: string): void {
    text.value = value;
    const now = Date.now();
    const idle = now - lastKeyAt > SEARCH_DEBOUNCE_MS && debounceTimer === null;
    lastKeyAt = now;
    if (debounceTimer) clearTimeout(debounceTimer);
    if (idle) {
      void refresh();
      // Still schedule a trailing search in case more keys follow within the window.
      debounceTimer = setTimeout(() => {
        debounceTimer = null;
      }, SEARCH_DEBOUNCE_MS);
      return;
    }
    debounceTimer = setTimeout(() => {
      debounceTimer = null;
      void refresh();
    }, SEARCH_DEBOUNCE_MS);
  }

  function setFilters(next: Partial<CallFilters>): void {
    filters.value = { ...filters.value, ...next };
    void refresh();
  }

  function clearFilters(): void {
    filters.value = emptyFilters();
    void refresh();
  }

  /** Click on a header: a new column sorts descending for start, ascending otherwise; the same column flips. */
  function toggleSort(column: SortColumn): void {
    if (sort.value === column) {
      direction.value = direction.value === 'asc' ? 'desc' : 'asc';
    } else {
      sort.value = column;
      direction.value = column === 'start' ? 'desc' : 'asc';
    }
    void refresh();
  }

  function select(index: number): void {
    const last = Math.max(0, total.value - 1);
    selectedIndex.value = total.value === 0 ? -1 : Math.min(Math.max(0, index), last);
    if (!rowAt(selectedIndex.value)) void ensureLoaded(selectedIndex.value);
  }

  return {
    text,
    filters,
    sort,
    direction,
    rows,
    tail,
    rowAt,
    total,
    nextCursor,
    loading,
    loadingMore,
    error,
    facets,
    facetsLoading,
    wantFacets,
    selectedIndex,
    refresh,
    ensureLoaded,
    ensureRange,
    setText,
    setFilters,
    clearFilters,
    toggleSort,
    select,
  };
});
