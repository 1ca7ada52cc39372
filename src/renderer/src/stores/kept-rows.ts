// An import's kept rows (stored, used by no call) with their reasons, loaded a page at a time
// when the imports view opens them: with the rejected rows, every row an import read is accounted for.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { KeptRowRecord } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';
import { REJECTED_PAGE } from './imports';

export const useKeptRowsStore = defineStore('keptRows', () => {
  /** importId → kept rows loaded so far. */
  const rows = ref<Record<number, KeptRowRecord[]>>({});
  const done = ref<Record<number, boolean>>({});
  const error = ref<UiError | null>(null);

  async function load(importId: number, more = false): Promise<void> {
    const have = rows.value[importId] ?? [];
    try {
      const page = await useApi().imports.kept({ importId, offset: more ? have.length : 0, limit: REJECTED_PAGE });
      rows.value = { ...rows.value, [importId]: more ? have.concat(page) : page };
      done.value = { ...done.value, [importId]: page.length < REJECTED_PAGE };
      error.value = null;
    } catch (e) {
      error.value = toUiError(e);
    }
  }

  return { rows, done, error, load };
});
