// The call list's selection: which row is selected, whether the user put it there (keys, clicks:
// the open call follows it) or a new result set did, and how the open call is kept across result
// sets. A composable the calls store is built with (its state is the store's state), tested on its
// own against a stub list.
import { ref } from 'vue';
import type { CallListRow } from '../../../shared/api/archive-api';
import { clampSelection } from './row-pages';

/** What the selection needs of the list it selects in. */
export interface SelectableList {
  total(): number;
  rowAt(index: number): CallListRow | undefined;
  /** Rows loaded from the top without a gap. */
  loadedFromTop(): number;
  /** The position of a call among all loaded rows, or -1. */
  indexOfLoaded(callId: string): number;
  ensureLoaded(index: number): Promise<void>;
  /** Resolves once the total is exact (End waits for the count). */
  countNow(): Promise<void>;
}

/** The position of call `callId` among the first `count` rows, or -1. */
export function indexOfCall(callId: string, count: number, rowAt: (index: number) => CallListRow | undefined): number {
  for (let i = 0; i < count; i++) if (rowAt(i)?.callId === callId) return i;
  return -1;
}

export function useListSelection(list: SelectableList) {
  const selectedIndex = ref(-1);
  /** Whether the selection was last moved by the user (the open call follows it) or by a new result set. */
  const selectedByUser = ref(false);
  /** Counts the selections made for a call opened elsewhere (selectCall): the list scrolls each into view. */
  const revealCount = ref(0);

  /** The user selects row `index` (clamped to the list); a row not loaded yet is asked for. */
  function select(index: number): void {
    selectedIndex.value = clampSelection(index, list.total());
    selectedByUser.value = true;
    if (!list.rowAt(selectedIndex.value)) void list.ensureLoaded(selectedIndex.value);
  }

  /**
   * Another part of the app opened call `callId` (the review keys R / F / N / P): its row is selected,
   * as if the user had moved there, when it is loaded; false when it is not.
   */
  function selectCall(callId: string): boolean {
    const i = list.indexOfLoaded(callId);
    if (i < 0) return false;
    selectedIndex.value = i;
    selectedByUser.value = true;
    revealCount.value++;
    return true;
  }

  /** End: the last row, once the total is counted. */
  async function selectLast(): Promise<void> {
    await list.countNow();
    select(list.total() - 1);
  }

  /** A new result set of `rows` first rows: its first row is selected (none when empty), not by the user. */
  function resultsReplaced(rows: number): void {
    selectedIndex.value = rows ? 0 : -1;
    selectedByUser.value = false;
  }

  /** No rows (a failed search): no selected row for the list's aria-activedescendant to name. */
  function resultsLost(): void {
    selectedIndex.value = -1;
  }

  /**
   * Keeps the open call in step with the selection, run whenever the selection or its row changes.
   * The user moved the selection to another call: that call is returned, to be opened. A new result
   * set selected its first row: the open call stays open, and its row is selected instead when it is
   * among the rows loaded from the top.
   */
  function followOpenCall(openCallId: string | null): string | null {
    if (!openCallId) return null;
    if (selectedByUser.value) {
      const row = list.rowAt(selectedIndex.value);
      return row && row.callId !== openCallId ? row.callId : null;
    }
    if (selectedIndex.value === 0) {
      const i = indexOfCall(openCallId, list.loadedFromTop(), list.rowAt);
      if (i >= 0) selectedIndex.value = i;
    }
    return null;
  }

  return {
    selectedIndex,
    selectedByUser,
    revealCount,
    select,
    selectCall,
    selectLast,
    resultsReplaced,
    resultsLost,
    followOpenCall,
  };
}
