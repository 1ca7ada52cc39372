// The open call: its detail (events, raw rows) fetched by id; stale answers dropped.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CallDetail } from '../../../shared/api/archive-api';
import { useApi } from '../api';
import { toUiError, type UiError } from '../errors';

export const useDetailStore = defineStore('detail', () => {
  const callId = ref<string | null>(null);
  const detail = ref<CallDetail | null>(null);
  const loading = ref(false);
  const notFound = ref(false);
  const error = ref<UiError | null>(null);
  let generation = 0;

  async function open(id: string): Promise<void> {
    const mine = ++generation;
    callId.value = id;
    loading.value = true;
    notFound.value = false;
    error.value = null;
    try {
      const result = await useApi().calls.get(id);
      if (mine !== generation) return;
      detail.value = result;
      notFound.value = result === null;
    } catch (e) {
      if (mine !== generation) return;
      error.value = toUiError(e);
      detail.value = null;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function close(): void {
    generation++;
    callId.value = null;
    detail.value = null;
    loading.value = false;
    notFound.value = false;
    error.value = null;
  }

  return { callId, detail, loading, notFound, error, open, close };
});
