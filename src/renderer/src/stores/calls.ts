// The call list: query (text, filters, sort), the rows loaded so far through the
// keyset cursor, the total, facets and the keyboard selection.
//
// Typing: the first keystroke after a pause searches at once (leading edge) and a
// burst is coalesced into one search SEARCH_DEBOUNCE_MS after the last key
// (trailing edge). Every query has a generation; answers of an older one are dropped.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { CallListRow, Facets, SortColumn } from '../../../shared/api/archive-api';
import { useApi } from '../api';
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
  const error = ref<string | null>(null);
  const facets = ref<Facets>({ type: [], outcome: [], queue: [], agent: [] });
  const selectedIndex = ref(-1);

  let generation = 0;
  let debounceTimer: ReturnType<typeof setTimeout> | null = null;
  let lastKeyAt = 0;

  function query(limit: number, cursor: string | null = null) {
    return buildCallSearch(text.value, filters.value, sort.value, direction.value, limit, cursor);
  }

  async function refresh(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    const api = useApi();
    // Facets ignore the queue/agent selections so their chips keep offering the other values.
    const facetQuery = { ...query(FIRST_PAGE), queues: undefined, agents: undefined };
    void api.calls.facets(facetQuery).then(
      (f) => {
        if (mine === generation) facets.value = f;
      },
      () => undefined,
    );
    try {
      const page = await api.calls.search(query(FIRST_PAGE));
      if (mine !== generation) return;
      rows.value = page.rows;
      total.value = page.total;
      nextCursor.value = page.nextCursor;
      selectedIndex.value = page.rows.length ? 0 : -1;
    } catch (e) {
      if (mine !== generation) return;
      rows.value = [];
      total.value = 0;
      nextCursor.value = null;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Loads pages (keyset cursor, in order) until row `index` is present or the list ends. */
  async function ensureLoaded(index: number): Promise<void> {
    if (loadingMore.value) return;
    const mine = generation;
    loadingMore.value = true;
    try {
      while (mine === generation && index >= rows.value.length && nextCursor.value) {
        const missing = index - rows.value.length + FIRST_PAGE;
        const limit = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, missing));
        const page = await useApi().calls.search(query(limit, nextCursor.value));
        if (mine !== generation) return;
        rows.value = rows.value.concat(page.rows);
        nextCursor.value = page.nextCursor;
        total.value = page.total;
      }
    } catch (e) {
      if (mine === generation) error.value = e instanceof Error ? e.message : String(e);
    } finally {
      loadingMore.value = false;
    }
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
    if (selectedIndex.value >= rows.value.length) void ensureLoaded(selectedIndex.value);
  }

  return {
    text,
    filters,
    sort,
    direction,
    rows,
    total,
    nextCursor,
    loading,
    loadingMore,
    error,
    facets,
    selectedIndex,
    refresh,
    ensureLoaded,
    setText,
    setFilters,
    clearFilters,
    toggleSort,
    select,
  };
});
