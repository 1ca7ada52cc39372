// The list's columns as the user chose them (#14 item 10): shown / hidden and resized widths,
// kept in localStorage for every archive alike (the columns a person works with do not depend
// on which archive is open; every archive has the same columns). The logic is column-state.ts.
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { ALL_COLUMNS, type ColumnKey } from '../components/columns';
import {
  chosenColumns,
  defaultColumnState,
  parseColumnState,
  resetColumnWidth,
  setColumnWidth,
  toggleColumn,
  type ColumnState,
} from '../components/column-state';

export const LIST_COLUMNS_KEY = 'callscope.listColumns';
const KNOWN: readonly ColumnKey[] = ALL_COLUMNS.map((c) => c.key);

export const useListColumnsStore = defineStore('listColumns', () => {
  const state = ref<ColumnState>(parseColumnState(globalThis.localStorage?.getItem(LIST_COLUMNS_KEY), KNOWN));
  watch(state, (v) => globalThis.localStorage?.setItem(LIST_COLUMNS_KEY, JSON.stringify(v)));
  /** The chosen columns as the fitting sees them (resized ones at their width). */
  const chosen = computed(() => chosenColumns(ALL_COLUMNS, state.value));
  const isShown = (key: ColumnKey) => !state.value.hidden.includes(key);
  /** The columns the list shows at its present width (set by the list): a chosen one may not fit. */
  const fitted = ref<ColumnKey[]>([]);
  return {
    state,
    chosen,
    fitted,
    isShown,
    toggle: (key: ColumnKey) => (state.value = toggleColumn(state.value, key, KNOWN)),
    setWidth: (key: ColumnKey, px: number) => (state.value = setColumnWidth(state.value, key, px)),
    resetWidth: (key: ColumnKey) => (state.value = resetColumnWidth(state.value, key)),
    reset: () => (state.value = defaultColumnState()),
  };
});
