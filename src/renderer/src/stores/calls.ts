// The call list: query (text, filters, sort), the rows loaded so far (pages at
// row positions, row-pages.ts: read on with the keyset cursor, or jumped to with
// an offset) and the total. The selection is list-selection.ts (its state is this
// store's); the filter chips' counts are a store of their own (call-facets.ts), told
// here when a search starts and whose rows are on show.
//
// Typing: the first keystroke after a pause searches at once (leading edge) and a
// burst is coalesced into one search SEARCH_DEBOUNCE_MS after the last key
// (trailing edge). Every query is a request of `latest`; answers of an older one are dropped.
// The timing rules themselves are units of their own with an injected clock (search-timing.ts).
//
// Results before the count: each search asks for its page with `count: false`. When
// the archive would have had to count the matches first (a broad one- or two-character
// text, a trigram text not counted yet), the page comes back with `totalPending`: the
// rows are shown at once, the list is sized by the rows known so far (growing as pages
// load) and the exact total is asked for in a second request once typing has paused
// for COUNT_DELAY_MS — a count of an older text is never sent, so it cannot hold up the
// next keystroke's page (the archive answers one request at a time). End waits for it.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CallListRow, CallPage, SortColumn } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';
import { buildCallSearch, emptyFilters, type CallFilters, type SortDirection } from './search-query';
import { PAGE_ROWS, RowPages } from './row-pages';
import { useCallFacetsStore } from './call-facets';
import { useListSelection } from './list-selection';
import { CountTimer, Latest, systemClock, TypingTimer } from './search-timing';

export const SEARCH_DEBOUNCE_MS = 150;
/** Quiet time after a page before its total is counted (keys typed meanwhile make the count stale). */
export const COUNT_DELAY_MS = 150;
export const FIRST_PAGE = PAGE_ROWS;
/** How soon a count the archive answered as "at least N" (past its budget) is asked for again. */
export const COUNT_RECHECK_MS = 1000;

// eslint-disable-next-line max-lines-per-function -- a Pinia setup store returns its state and actions from one function; the timing rules are in search-timing.ts, paging in row-pages.ts, the selection in list-selection.ts, the facets in call-facets.ts
export const useCallsStore = defineStore('calls', () => {
  const text = ref('');
  const filters = ref<CallFilters>(emptyFilters());
  const sort = ref<SortColumn>('start');
  const direction = ref<SortDirection>('desc');
  const pages = new RowPages();
  /** Bumped whenever pages change: rowAt() depends on it (the page map itself is not reactive). */
  const version = ref(0);
  const total = ref(0);
  /** The total is only a lower bound (the rows known so far): its count is still to come. */
  const totalPending = ref(false);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref<UiError | null>(null);
  /** The search text of the rows shown (the box may already hold the next keys): what the rows highlight. */
  const shownText = ref('');
  const facets = useCallFacetsStore();

  /** Each search is a request; answers to a replaced one are dropped (search-timing.ts). */
  const latest = new Latest();
  const typing = new TypingTimer(systemClock, SEARCH_DEBOUNCE_MS);
  const countTimer = new CountTimer(systemClock, COUNT_DELAY_MS, () => typing.typing);
  const countRecheck = new CountTimer(systemClock, COUNT_RECHECK_MS, () => typing.typing);

  function query(limit: number, cursor: string | null = null) {
    return buildCallSearch(text.value, filters.value, sort.value, direction.value, limit, cursor);
  }

  /** A page answer's total: exact, or (pending) a lower bound counted from the page's first row. */
  function takeTotal(first: number, page: CallPage): void {
    if (!page.totalPending) {
      total.value = page.total;
      totalPending.value = false;
    } else if (totalPending.value || first === 0) {
      total.value = Math.max(first === 0 ? 0 : total.value, first + page.total);
      totalPending.value = true;
    }
  }

  let counting: Promise<void> | null = null;
  let countingOf = -1;

  /** Counts the current query's total (once per search); resolves when it is known. */
  function countNow(): Promise<void> {
    countTimer.cancel();
    if (!totalPending.value) return Promise.resolve();
    if (counting && countingOf === latest.newest) return counting;
    const mine = latest.newest;
    countingOf = mine;
    counting = (async () => {
      try {
        const page = await useApi().calls.search(query(1));
        if (latest.isNewest(mine) && totalPending.value) {
          takeTotal(0, page);
          // The archive answered before its count finished (its budget): it keeps counting, so ask again.
          if (page.totalPending) countRecheck.schedule(mine, latest, recount);
        }
      } catch (e) {
        if (latest.isNewest(mine)) error.value = toUiError(e);
      }
    })();
    return counting;
  }

  function recount(): void {
    counting = null;
    void countNow();
  }

  /** Only once no key was typed for a while: the count of an older text is never asked for. */
  function scheduleCount(): void {
    countTimer.schedule(latest.newest, latest, () => void countNow());
  }

  function rowAt(index: number): CallListRow | undefined {
    void version.value;
    return pages.rowAt(index);
  }

  function loadedFromTop(): number {
    void version.value;
    return pages.loadedFromTop();
  }

  const selection = useListSelection({
    total: () => total.value,
    rowAt,
    loadedFromTop,
    indexOfLoaded: (callId) => pages.indexOf(callId),
    ensureLoaded: (index) => ensureLoaded(index),
    countNow: () => countNow(),
  });

  async function refresh(): Promise<void> {
    const mine = latest.next();
    loading.value = true;
    error.value = null;
    wanted = null;
    const asked = text.value;
    const q = query(FIRST_PAGE);
    facets.searchStarted();
    try {
      // The list first: the first results wait neither for their count nor for facet counts.
      const page = await useApi().calls.search({ ...q, count: false });
      if (!latest.isNewest(mine)) return;
      pages.clear();
      pages.store(0, page.rows, page.nextCursor);
      shownText.value = asked;
      version.value++;
      takeTotal(0, page);
      if (totalPending.value) scheduleCount();
      selection.resultsReplaced(page.rows.length);
      loading.value = false;
      facets.resultsShown(q);
    } catch (e) {
      if (!latest.isNewest(mine)) return;
      pages.clear();
      version.value++;
      total.value = 0;
      totalPending.value = false;
      selection.resultsLost();
      error.value = toUiError(e);
    } finally {
      if (latest.isNewest(mine)) loading.value = false;
    }
  }

  /** The index range the view needs now; the loader re-reads it after every page. */
  let wanted: { from: number; to: number } | null = null;

  /**
   * Loads pages until rows from..to are present, plus a page of read-ahead: a
   * page after a loaded one with its cursor, any other with an offset (a jump).
   * While a request is out, later calls only update the wanted range.
   */
  async function ensureRange(from: number, to: number): Promise<void> {
    wanted = { from: Math.max(0, from), to: Math.min(total.value - 1, to) };
    if (loadingMore.value) return;
    const mine = latest.newest;
    loadingMore.value = true;
    try {
      for (let plan = pages.plan(wanted.from, wanted.to, total.value); plan && latest.isNewest(mine);) {
        const limit = plan.pages * pages.size;
        // Reading on with a cursor never waits for a count; a jump needs the total anyway.
        const q = plan.cursor
          ? { ...query(limit, plan.cursor), count: false }
          : { ...query(limit), offset: plan.page * pages.size };
        const page = await useApi().calls.search(q);
        if (!latest.isNewest(mine)) return;
        pages.store(plan.page, page.rows, page.nextCursor);
        takeTotal(plan.page * pages.size, page);
        version.value++;
        plan = wanted ? pages.plan(wanted.from, wanted.to, total.value) : null;
      }
    } catch (e) {
      if (latest.isNewest(mine)) error.value = toUiError(e);
    } finally {
      loadingMore.value = false;
    }
  }

  function ensureLoaded(index: number): Promise<void> {
    return ensureRange(index, index);
  }

  function setText(value: string): void {
    text.value = value;
    typing.key(() => void refresh());
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

  return {
    text,
    filters,
    sort,
    direction,
    rowAt,
    loadedFromTop,
    total,
    totalPending,
    loading,
    loadingMore,
    error,
    selectedIndex: selection.selectedIndex,
    selectedByUser: selection.selectedByUser,
    revealCount: selection.revealCount,
    shownText,
    refresh,
    ensureLoaded,
    ensureRange,
    setText,
    setFilters,
    clearFilters,
    toggleSort,
    select: selection.select,
    selectCall: selection.selectCall,
    selectLast: selection.selectLast,
    followOpenCall: selection.followOpenCall,
    countNow,
  };
});
